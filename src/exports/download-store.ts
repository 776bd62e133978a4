import { randomBytes } from 'node:crypto';

export interface StoredDownload {
  fileName: string;
  contentType: string;
  data: Buffer;
  expiresAt: Date;
}

/**
 * Files produced by an export mutation, kept in memory for a short time behind an
 * unguessable URL (`/downloads/<token>`): the mutation checks who may export what; the
 * URL is a capability that expires. Bounded in number of files and bytes; the oldest
 * go first.
 */
export class DownloadStore {
  private readonly files = new Map<string, StoredDownload>();

  constructor(
    readonly ttlMs = 10 * 60 * 1000,
    private readonly maxFiles = 200,
    private readonly maxBytes = 200 * 1024 * 1024,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps a file and returns its token and expiry. */
  put(file: Omit<StoredDownload, 'expiresAt'>): { token: string; expiresAt: Date } {
    this.sweep();
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(this.now() + this.ttlMs);
    this.files.set(token, { ...file, expiresAt });
    while (this.files.size > this.maxFiles || this.totalBytes() > this.maxBytes) {
      const oldest = this.files.keys().next().value as string;
      this.files.delete(oldest);
    }
    return { token, expiresAt };
  }

  /** The file of a token, or null when unknown or expired. */
  get(token: string): StoredDownload | null {
    const file = this.files.get(token);
    if (!file) return null;
    if (file.expiresAt.getTime() <= this.now()) {
      this.files.delete(token);
      return null;
    }
    return file;
  }

  /** Files and bytes held now (the /metrics gauges). */
  stats(): { files: number; bytes: number } {
    return { files: this.files.size, bytes: this.totalBytes() };
  }

  /** Drops expired files. */
  sweep(): void {
    const now = this.now();
    for (const [token, file] of this.files) if (file.expiresAt.getTime() <= now) this.files.delete(token);
  }

  private totalBytes(): number {
    let total = 0;
    for (const file of this.files.values()) total += file.data.length;
    return total;
  }
}
