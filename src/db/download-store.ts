import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * expire. Files are written under `dir` (DOWNLOAD_DIR) or, without one, kept in memory.
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
      // links do not outlive the process that made them: files left by an earlier one go
      for (const name of readdirSync(this.dir)) if (/^[\w-]{32}\.bin$/.test(name)) rmSync(join(this.dir, name), { force: true });
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
      if (this.dir) writeFileSync(join(this.dir, `${token}.bin`), file.data);
      this.files.set(token, {
        owner,
        fileName: file.fileName,
        contentType: file.contentType,
        bytes: file.data.length,
        expiresAt,
        data: this.dir ? null : file.data,
      });
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
    const entry = this.files.get(token);
    if (!entry) return null;
    if (entry.expiresAt.getTime() <= this.now()) {
      this.remove(token);
      return null;
    }
    let data = entry.data;
    if (!data) {
      try {
        data = readFileSync(join(this.dir as string, `${token}.bin`));
      } catch {
        this.files.delete(token);
        return null;
      }
    }
    return { fileName: entry.fileName, contentType: entry.contentType, data, expiresAt: entry.expiresAt };
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
