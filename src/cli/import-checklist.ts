/**
 * `fazhi import-checklist FILE.xlsx|FILE.yaml [--check]`: imports a checklist
 * (a workbook like the one `npm run export -- --checklist-template` writes, or a checklist
 * YAML file) into the database of the environment, in one transaction (links proposed and
 * assessments recomputed for the reports of its years). `--check` validates only. Errors
 * name the sheet, row and column (or the file, item and field); nothing is half-imported.
 * Exit code 0 on success, 2 for an invalid file or a refused import.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Command } from 'commander';
import { parseCommandLine } from './command-line';
import type { DataSource } from 'typeorm';
import { formatChecklistErrors, loadChecklistFile } from '../checklist/checklist-file';
import { importChecklist } from '../pipeline/checklist-import.service';
import { checklistFromWorkbook, formatWorkbookErrors } from '../checklist/checklist-xlsx';
import type { ChecklistDefinition } from '../checklist/types';
import type { WriteLock } from '../db/write-lock';
import { openDatabase } from './open-database';

/** Where the command writes. */
export interface ImportChecklistIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** An open database (tests pass their own; the command opens the configured one). */
export interface ImportChecklistServices {
  dataSource: DataSource;
  lock: WriteLock;
}

const EXIT_INPUT = 2;

/**
 * Reads a checklist from a .xlsx workbook or a .yaml/.yml file: the definition, or the
 * error lines. Notes say what a workbook import ignored or assumed.
 */
export async function readChecklistSource(
  path: string,
): Promise<{ checklist: ChecklistDefinition | null; errors: string; notes: string[] }> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      return {
        checklist: null,
        errors: `${basename(path)}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        notes: [],
      };
    }
    const result = await checklistFromWorkbook(bytes, basename(path));
    return { checklist: result.checklist, errors: formatWorkbookErrors(result.errors), notes: result.notes };
  }
  if (ext === '.yaml' || ext === '.yml') {
    const result = loadChecklistFile(path);
    return { checklist: result.checklist, errors: formatChecklistErrors(result.errors), notes: [] };
  }
  return { checklist: null, errors: `${basename(path)}: expected a .xlsx workbook or a .yaml checklist file`, notes: [] };
}

/** Runs the command with user arguments and returns the exit code. */
export async function runImportChecklistCli(
  argv: string[],
  io: ImportChecklistIO = { stdout: process.stdout, stderr: process.stderr },
  services?: ImportChecklistServices,
): Promise<number> {
  let file = '';
  let check = false;
  const program = new Command()
    .name('fazhi import-checklist')
    .description('Import a checklist from a .xlsx workbook or a .yaml file')
    .argument('<file>', 'checklist.xlsx or checklist.yaml')
    .option('--check', 'validate only; import nothing')
    .action((f: string, o: { check?: boolean }) => {
      file = f;
      check = o.check ?? false;
    });
  const stop = await parseCommandLine(program, argv, io, EXIT_INPUT);
  if (stop !== null) return stop;
  const read = await readChecklistSource(file);
  for (const n of read.notes) io.stdout.write(`note: ${n}\n`);
  if (!read.checklist) {
    io.stderr.write(`import-checklist: the checklist was not imported:\n${read.errors}\n`);
    return EXIT_INPUT;
  }
  const def = read.checklist;
  const summary = `${def.key} v${def.version} (${def.name}, ${def.yearFrom}–${def.yearTo}): ${def.items.filter((i) => i.assessable).length} items in ${def.items.filter((i) => !i.assessable).length} parts`;
  if (check) {
    io.stdout.write(`valid: ${summary}\n`);
    return 0;
  }

  let opened: Awaited<ReturnType<typeof openDatabase>> | null = null;
  if (!services) {
    try {
      opened = await openDatabase();
    } catch (e) {
      io.stderr.write(`import-checklist: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT_INPUT;
    }
  }
  const db = services ?? opened!;
  try {
    const outcome = await importChecklist(db.dataSource, db.lock, def, basename(file), 'cli:import-checklist');
    if (!outcome.ok) {
      io.stderr.write(`import-checklist: ${outcome.errors.map((e) => e.message).join(' ')}\n`);
      return EXIT_INPUT;
    }
    io.stdout.write(
      outcome.value.created
        ? `imported ${summary}; evidence links and assessments recomputed for the reports of ${def.yearFrom}–${def.yearTo}\n`
        : `already imported: ${def.key} v${def.version} has the same content; nothing changed\n`,
    );
    return 0;
  } finally {
    if (opened) await opened.dataSource.destroy();
  }
}

if (require.main === module) {
  process.env.TZ = 'UTC';
  runImportChecklistCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`import-checklist: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
