import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DownloadLimits } from '../config';

export interface StoredDownload {
  fileName: string;
  contentType: string;
  data: Buffer;
  expiresAt: Date;
}

export interface DownloadFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

/** Why files were not kept: the caller's own quota, or the server's budget for everyone. */
export type DownloadRefusal = { code: 'DOWNLOAD_QUOTA_FULL' | 'DOWNLOAD_BUDGET_FULL'; message: string };

interface Entry {
  owner: string;
  fileName: string;
  contentType: string;
  bytes: number;
  expiresAt: Date;
  /** in memory when no directory is configured */
  data: Buffer | null;
}

const DEFAULT_DOWNLOAD_LIMITS: DownloadLimits = {
  perCallerFiles: 20,
  perCallerBytes: 50 * 1024 * 1024,
  totalBytes: 500 * 1024 * 1024,
};

/**
 * Files produced by an export mutation, kept for their whole lifetime (10 minutes) behind
 * an unguessable URL (`/downloads/<token>`): the mutation checks who may export what; the
 * URL is a capability that expires. A link is never evicted for another caller's files:
 * each caller has a quota (files and bytes) and all callers together a byte budget; a
 * caller whose quota (or the budget) is full is refused with a clear error until links
 * expire. Files are written under `dir` (DOWNLOAD_DIR), each with its index entry, so links
 * stay valid across a restart for their whole lifetime; without a directory they are kept in
 * memory (and end with the process).
 */
export class DownloadStore {
  private readonly files = new Map<string, Entry>();
  readonly ttlMs: number;
  private readonly limits: DownloadLimits;
  private readonly now: () => number;
  private readonly dir: string | null;

  constructor(options: { ttlMs?: number; limits?: Partial<DownloadLimits>; now?: () => number; dir?: string | null } = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60 * 1000;
    this.limits = { ...DEFAULT_DOWNLOAD_LIMITS, ...options.limits };
    this.now = options.now ?? Date.now;
    this.dir = options.dir ?? null;
    if (this.dir) {
      mkdirSync(this.dir, { recursive: true });
      this.reopen(this.dir);
    }
  }

  /**
   * Links outlive a restart: each file on disk starts with its own index entry (see
   * {@link fileHeader}) and is written under a temporary name, then renamed, so a `.bin`
   * is always whole. At start-up the links still valid are taken back; expired ones,
   * unreadable ones and temporary files left by a crash are deleted.
   */
  private reopen(dir: string): void {
    const now = this.now();
    for (const name of readdirSync(dir)) {
      const match = /^([\w-]{32})\.(bin|tmp)$/.exec(name);
      if (!match) continue;
      const entry = match[2] === 'bin' ? readHeader(join(dir, name)) : null;
      if (entry && entry.expiresAt.getTime() > now) this.files.set(match[1]!, entry);
      else rmSync(join(dir, name), { force: true });
    }
  }

  /**
   * Keeps the files of one export for `owner` (a caller) and returns their tokens and
   * expiry, or why they were refused (nothing kept then).
   */
  putAll(owner: string, files: readonly DownloadFile[]): { tokens: string[]; expiresAt: Date } | DownloadRefusal {
    this.sweep();
    const bytes = files.reduce((n, f) => n + f.data.length, 0);
    let ownFiles = 0;
    let ownBytes = 0;
    let totalBytes = 0;
    for (const entry of this.files.values()) {
      totalBytes += entry.bytes;
      if (entry.owner === owner) {
        ownFiles += 1;
        ownBytes += entry.bytes;
      }
    }
    const minutes = Math.ceil(this.ttlMs / 60_000);
    if (ownFiles + files.length > this.limits.perCallerFiles || ownBytes + bytes > this.limits.perCallerBytes) {
      return {
        code: 'DOWNLOAD_QUOTA_FULL',
        message:
          `您的下载额度已满（至多 ${this.limits.perCallerFiles} 个文件、${this.limits.perCallerBytes} 字节同时待下载，` +
          `DOWNLOAD_QUOTA_FILES / DOWNLOAD_QUOTA_BYTES）：请先下载已有链接，或等它们在 ${minutes} 分钟内过期后再导出。`,
      };
    }
    if (totalBytes + bytes > this.limits.totalBytes) {
      return {
        code: 'DOWNLOAD_BUDGET_FULL',
        message: `服务器的下载空间已满（DOWNLOAD_BUDGET_BYTES = ${this.limits.totalBytes} 字节）：请在几分钟后再导出。`,
      };
    }
    const expiresAt = new Date(this.now() + this.ttlMs);
    const tokens = files.map((file) => {
      const token = randomBytes(24).toString('base64url');
      const entry: Entry = {
        owner,
        fileName: file.fileName,
        contentType: file.contentType,
        bytes: file.data.length,
        expiresAt,
        data: this.dir ? null : file.data,
      };
      if (this.dir) {
        writeFileSync(join(this.dir, `${token}.tmp`), Buffer.concat([fileHeader(entry), file.data]));
        renameSync(join(this.dir, `${token}.tmp`), join(this.dir, `${token}.bin`));
      }
      this.files.set(token, entry);
      return token;
    });
    return { tokens, expiresAt };
  }

  /** Keeps one file (see putAll); throws when refused. */
  put(file: DownloadFile, owner = 'anonymous'): { token: string; expiresAt: Date } {
    const kept = this.putAll(owner, [file]);
    if ('code' in kept) throw new Error(kept.message);
    return { token: kept.tokens[0]!, expiresAt: kept.expiresAt }; // one file in, one token out
  }

  /** The file of a token, or null when unknown or expired. */
  get(token: string): StoredDownload | null {
    const entry = this.files.get(token) ?? this.fromDisk(token);
    if (!entry) return null;
    if (entry.expiresAt.getTime() <= this.now()) {
      this.remove(token);
      return null;
    }
    let data = entry.data;
    if (!data) {
      try {
        const stored = readFileSync(join(this.dir as string, `${token}.bin`));
        data = stored.subarray(stored.indexOf(0x0a, MAGIC.length) + 1);
      } catch {
        this.files.delete(token);
        return null;
      }
    }
    return { fileName: entry.fileName, contentType: entry.contentType, data, expiresAt: entry.expiresAt };
  }

  /**
   * A link another server process wrote into the same `DOWNLOAD_DIR` after this one started
   * (several processes behind one address share the directory): taken from its header.
   */
  private fromDisk(token: string): Entry | null {
    if (!this.dir || !/^[\w-]{32}$/.test(token)) return null;
    const entry = readHeader(join(this.dir, `${token}.bin`));
    if (entry) this.files.set(token, entry);
    return entry;
  }

  /** Files and bytes held now (the /metrics gauges). */
  stats(): { files: number; bytes: number } {
    let bytes = 0;
    for (const entry of this.files.values()) bytes += entry.bytes;
    return { files: this.files.size, bytes };
  }

  /** Drops expired files. */
  sweep(): void {
    const now = this.now();
    for (const [token, entry] of this.files) if (entry.expiresAt.getTime() <= now) this.remove(token);
  }

  private remove(token: string): void {
    this.files.delete(token);
    if (this.dir) rmSync(join(this.dir, `${token}.bin`), { force: true });
  }
}

/** First line of a stored download: this marker, then its index entry as one JSON line, then the file's bytes. */
const MAGIC = 'fazhi-download 1 ';
/** Longest index entry read back at start-up (owner and file name are short). */
const MAX_HEADER_BYTES = 64 * 1024;

/** The index entry written before a file's bytes: one line (JSON never holds a raw line break). */
function fileHeader(entry: Entry): Buffer {
  const { owner, fileName, contentType, bytes, expiresAt } = entry;
  return Buffer.from(`${MAGIC}${JSON.stringify({ owner, fileName, contentType, bytes, expiresAt: expiresAt.toISOString() })}\n`, 'utf8');
}

/** The index entry at the start of a stored file, or null when it is not one of ours or is damaged. */
function readHeader(path: string): Entry | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(MAX_HEADER_BYTES);
    const read = readSync(fd, buffer, 0, MAX_HEADER_BYTES, 0);
    const head = buffer.subarray(0, read);
    const end = head.indexOf(0x0a);
    if (end < 0 || head.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) return null;
    const meta = JSON.parse(head.subarray(MAGIC.length, end).toString('utf8')) as Record<string, unknown>;
    const expiresAt = new Date(String(meta.expiresAt));
    if (
      typeof meta.owner !== 'string' ||
      typeof meta.fileName !== 'string' ||
      typeof meta.contentType !== 'string' ||
      typeof meta.bytes !== 'number' ||
      !Number.isSafeInteger(meta.bytes) ||
      Number.isNaN(expiresAt.getTime())
    ) {
      return null;
    }
    return { owner: meta.owner, fileName: meta.fileName, contentType: meta.contentType, bytes: meta.bytes, expiresAt, data: null };
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
