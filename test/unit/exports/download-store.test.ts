import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DownloadStore } from '../../../src/db/download-store';

const file = (bytes: number, name = 'f.csv') => ({ fileName: name, contentType: 'text/csv', data: Buffer.alloc(bytes, 1) });

describe('download store', () => {
  it("never evicts another caller's live link: a caller whose quota is full is refused, the others keep theirs", () => {
    const store = new DownloadStore({ limits: { perCallerFiles: 3, perCallerBytes: 10_000, totalBytes: 100_000 } });
    const reviewer = store.putAll('REVIEWER:nankai', [file(100, 'reviewer.xlsx')]);
    if ('code' in reviewer) throw new Error(reviewer.message);
    for (let i = 0; i < 3; i += 1) expect('tokens' in store.putAll('VIEWER:binhai', [file(100)])).toBe(true);
    const refused = store.putAll('VIEWER:binhai', [file(100)]);
    expect(refused).toEqual({ code: 'DOWNLOAD_QUOTA_FULL', message: expect.stringContaining('您的下载额度已满') });
    expect(store.get(reviewer.tokens[0]!)?.fileName).toBe('reviewer.xlsx');
    expect('tokens' in store.putAll('REVIEWER:nankai', [file(100)])).toBe(true);
  });

  it('refuses by bytes too, per caller and for everyone, and frees the quota when links expire', () => {
    let clock = 0;
    const store = new DownloadStore({
      ttlMs: 1000,
      now: () => clock,
      limits: { perCallerFiles: 100, perCallerBytes: 1000, totalBytes: 1500 },
    });
    expect('tokens' in store.putAll('a', [file(900)])).toBe(true);
    expect(store.putAll('a', [file(200)])).toMatchObject({ code: 'DOWNLOAD_QUOTA_FULL' });
    expect('tokens' in store.putAll('b', [file(500)])).toBe(true);
    expect(store.putAll('c', [file(200)])).toMatchObject({
      code: 'DOWNLOAD_BUDGET_FULL',
      message: expect.stringContaining('DOWNLOAD_BUDGET_BYTES'),
    });
    clock = 1001;
    expect('tokens' in store.putAll('a', [file(900)])).toBe(true);
  });

  it('keeps files on disk under its directory and removes them when they expire', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-dl-'));
    try {
      let clock = 0;
      const store = new DownloadStore({ dir, ttlMs: 1000, now: () => clock });
      const kept = store.putAll('a', [file(10, 'x.csv'), file(20, 'y.csv')]);
      if ('code' in kept) throw new Error(kept.message);
      expect(readdirSync(dir)).toHaveLength(2);
      expect(store.get(kept.tokens[1]!)?.data.length).toBe(20);
      clock = 2000;
      expect(store.get(kept.tokens[0]!)).toBeNull();
      store.sweep();
      expect(readdirSync(dir)).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
