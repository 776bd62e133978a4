/**
 * Start-up as a deployer meets it: a busy port is reported before any migration runs, with
 * the hint to set PORT; SEED_REPORTS=0 on a database that holds reports says it keeps them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { startServerProcess } from '../helpers/server-process';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

const ROOT = join(__dirname, '..', '..');
let port = 4300 + (process.pid % 250);

function run(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts/swc-register.js'), join(ROOT, 'src/index.ts')], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

describe('start-up', () => {
  it('reports a busy port before migrations and seeding, with the hint to set PORT', async () => {
    const busy: Server = createServer();
    const taken = port++;
    await new Promise<void>((resolve) => busy.listen(taken, '127.0.0.1', resolve));
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-port-'));
    try {
      const database = join(dir, 'fresh.sqlite');
      const { code, out, err } = await run({ PORT: String(taken), SQLITE_PATH: database, DATABASE_URL: '' });
      expect(code).toBe(2);
      expect(err).toBe('');
      const line = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { level: number; msg: string };
      expect(line.level).toBe(60);
      expect(line.msg).toContain(`端口 ${taken}（127.0.0.1）已被占用`);
      expect(line.msg).toContain('PORT=4001 npm start');
      // nothing ran before the check: no database file, no migration line
      expect(existsSync(database)).toBe(false);
      expect(out).not.toMatch(/migration/);
    } finally {
      busy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  describe('SEED_REPORTS=0 on a database that holds reports', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
      await loadSeeds(db.dataSource, db.lock);
    });
    afterAll(async () => db?.close());

    it('keeps them and says so', async () => {
      const env: Record<string, string> =
        db.database.type === 'sqlite' ? { SQLITE_PATH: db.database.path, DATABASE_URL: '' } : { DATABASE_URL: db.database.url };
      const server = await startServerProcess({ ...env, SEED_REPORTS: '0', LOG_LEVEL: 'info' }, port++);
      try {
        const line = await server.waitFor(/SEED_REPORTS=0/);
        const entry = JSON.parse(line) as { level: number; msg: string; reportsKept: number };
        expect(entry.level).toBe(40);
        expect(entry.reportsKept).toBe(5);
        expect(entry.msg).toMatch(/^SEED_REPORTS=0：不载入示例报告，但数据库（.+）中已有的 5 份报告保留不变/);
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }, 90_000);
  });
});
