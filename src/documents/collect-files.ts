/** The report files named on a command line: files as given, folders searched recursively. */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import { formatOfFileName } from './extract';

/** A file to read, with the name to show for it. */
export interface CollectedFile {
  path: string;
  /** the path relative to the working directory (or as given when outside it) */
  display: string;
}

/** A path that could not be used, with why. */
export interface PathProblem {
  path: string;
  message: string;
}

/**
 * Lists the files to ingest: a file is taken as given (whatever its extension: reading it
 * will say if it is not supported); a folder is searched recursively for .txt, .docx, .pdf,
 * .html and .htm files, skipping hidden entries and Office lock files (`~$…`). Each file
 * appears once, in path order. Paths that do not exist are returned as problems.
 */
export async function collectDocumentFiles(
  paths: readonly string[],
  cwd = process.cwd(),
): Promise<{ files: CollectedFile[]; problems: PathProblem[] }> {
  const files: CollectedFile[] = [];
  const problems: PathProblem[] = [];
  const seen = new Set<string>();
  const add = async (path: string, root: string | null): Promise<void> => {
    const real = await realpath(path);
    if (seen.has(real)) return;
    seen.add(real);
    files.push({ path, display: displayPath(path, cwd, root) });
  };
  const walk = async (dir: string, root: string, visited: Set<string>): Promise<void> => {
    const real = await realpath(dir);
    if (visited.has(real)) return; // a symbolic link back up the tree
    visited.add(real);
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name.startsWith('~$')) continue;
      const full = join(dir, entry.name);
      const info = entry.isSymbolicLink() ? await stat(full).catch(() => null) : null;
      if (entry.isDirectory() || info?.isDirectory()) await walk(full, root, visited);
      else if ((entry.isFile() || info?.isFile()) && formatOfFileName(entry.name) !== null) await add(full, root);
    }
  };
  for (const path of paths) {
    const absolute = isAbsolute(path) ? path : join(cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(absolute)).isDirectory();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({ path, message: code === 'ENOENT' ? 'no such file or folder' : `cannot read (${code ?? (e as Error).message})` });
      continue;
    }
    if (isDirectory) await walk(absolute, absolute, new Set());
    else await add(absolute, null);
  }
  return { files, problems };
}

/**
 * How a file is named in messages and stored as a report's source: its path relative to the
 * working directory when it lies inside it, else relative to the folder it was found in,
 * else its file name (never a full path from elsewhere on the machine).
 */
function displayPath(path: string, cwd: string, root: string | null = null): string {
  const inside = (base: string): string | null => {
    const rel = relative(base, path);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : null;
  };
  return inside(cwd) ?? (root !== null ? inside(root) : null) ?? basename(path);
}
