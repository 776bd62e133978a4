import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  it('keeps links valid across a restart (a new store on the same directory); expired files and leftovers are deleted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-dl-'));
    try {
      let clock = 0;
      const first = new DownloadStore({ dir, ttlMs: 1000, now: () => clock });
      const early = first.putAll('a', [file(10, '早.csv')]);
      clock = 500;
      const late = first.putAll('b', [file(20, '晚.xlsx')]);
      if ('code' in early || 'code' in late) throw new Error('refused');
      writeFileSync(join(dir, `${'x'.repeat(32)}.tmp`), 'half-written by a crash');
      writeFileSync(join(dir, `${'y'.repeat(32)}.bin`), 'not one of ours');
      writeFileSync(join(dir, 'keep-me.txt'), 'not a download');

      // restarted before anything expired: both links answer, with their names, types and bytes
      const second = new DownloadStore({ dir, ttlMs: 1000, now: () => clock, limits: { perCallerFiles: 1 } });
      expect(second.get(early.tokens[0]!)).toMatchObject({ fileName: '早.csv', contentType: 'text/csv' });
      expect(second.get(early.tokens[0]!)?.data).toEqual(file(10, '').data);
      expect(second.get(late.tokens[0]!)?.data.length).toBe(20);
      expect(second.get(late.tokens[0]!)?.expiresAt.getTime()).toBe(1500);
      expect(second.stats()).toEqual({ files: 2, bytes: 30 });
      // the quota still counts the links taken back
      expect(second.putAll('a', [file(1, 'z.csv')])).toMatchObject({ code: 'DOWNLOAD_QUOTA_FULL' });
      expect(readdirSync(dir).sort()).toEqual([`${early.tokens[0]}.bin`, `${late.tokens[0]}.bin`, 'keep-me.txt'].sort());

      // restarted after the first expired: it is deleted at start-up, the second still answers
      clock = 1200;
      const third = new DownloadStore({ dir, ttlMs: 1000, now: () => clock });
      expect(third.get(early.tokens[0]!)).toBeNull();
      expect(third.get(late.tokens[0]!)?.data.length).toBe(20);
      expect(readdirSync(dir).sort()).toEqual([`${late.tokens[0]}.bin`, 'keep-me.txt'].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers a link another process wrote into the same directory after it started (two servers, one DOWNLOAD_DIR)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-dl-'));
    try {
      let clock = 0;
      const a = new DownloadStore({ dir, ttlMs: 1000, now: () => clock });
      const b = new DownloadStore({ dir, ttlMs: 1000, now: () => clock });
      const kept = a.putAll('a', [file(12, '区.xlsx')]);
      if ('code' in kept) throw new Error('refused');
      expect(b.get(kept.tokens[0]!)).toMatchObject({ fileName: '区.xlsx', data: file(12).data });
      expect(b.get('z'.repeat(32))).toBeNull();
      expect(b.get('../etc/passwd')).toBeNull();
      clock = 1000;
      expect(b.get(kept.tokens[0]!)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
