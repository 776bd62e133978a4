import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToken } from '../../src/access/token.service';
import { Claim } from '../../src/reports/claim.entity';
import { Report } from '../../src/reports/report.entity';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { Unit } from '../../src/units/unit.entity';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { seedReport } from '../helpers/seeds';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

/**
 * The real server as a child process: killed with SIGKILL in the middle of a large
 * ingest it loses nothing and keeps nothing half-written; stopped with SIGTERM it
 * finishes the request in flight first.
 */
let db: TestDatabase;
let adminToken: string;
let env: Record<string, string>;
let port = 4600 + (process.pid % 300);

const INGEST = `mutation($input: IngestReportInput!) { ingestReport(input: $input) { created claimCount userErrors { code message } } }`;

/** A large report (~1.5 MB, ~10 000 claims) so that storing it takes a while. */
function largeReport(): string {
  const raw = seedReport('王顶堤街').raw;
  return Array.from({ length: 150 }, (_, i) => `${raw}\n（附${i + 1}）\n`).join('\n');
}

function ingest(server: ServerProcess, text: string, year = 2024) {
  return fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ query: INGEST, variables: { input: { text, unit: '万兴街', year, source: 'large.txt' } } }),
  });
}

async function orphanCounts(): Promise<number[]> {
  const q = (table: string) =>
    db.dataSource
      .query(`SELECT COUNT(*) AS n FROM ${table} WHERE "reportId" NOT IN (SELECT id FROM report)`)
      .then((r: { n: string | number }[]) => Number(r[0]!.n));
  return Promise.all(['report_section', 'claim', 'metric_value', 'evidence_link'].map(q));
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  const created = await createToken(db.dataSource, { name: 'fault-test', role: 'ADMIN', actor: 'test' });
  if (!created.ok) throw new Error('token');
  adminToken = created.value.secret;
  env = db.database.type === 'sqlite' ? { SQLITE_PATH: db.database.path, DATABASE_URL: '' } : { DATABASE_URL: db.database.url };
  Object.assign(env, {
    LOG_LEVEL: 'debug',
    MAX_REPORT_BYTES: '20000000',
    MAX_BODY_BYTES: '30000000',
    MAX_QUERY_COST: '50000',
    REQUEST_TIME_BUDGET_MS: '100000',
  });
});
afterAll(async () => db?.close());

describe('start-up', () => {
  it('refuses to bind beyond 127.0.0.1 when no API token exists, saying why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-bind-'));
    try {
      const child = spawn(
        process.execPath,
        ['-r', join(__dirname, '../../scripts/swc-register.js'), join(__dirname, '../../src/index.ts')],
        {
          env: { ...process.env, HOST: '0.0.0.0', PORT: String(port++), SQLITE_PATH: join(dir, 'fresh.sqlite'), DATABASE_URL: '' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(2);
      // through the logger (one JSON line at level fatal), nothing on stderr
      const line = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { level: number; msg: string };
      expect(line.level).toBe(60);
      expect(line.msg).toMatch(/^无法启动：HOST=0\.0\.0\.0 would expose the server beyond this machine, but no API tokens exist/);
      expect(err).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the server process', () => {
  it('killed with SIGKILL mid-ingest leaves no partial report and no orphan rows; the ingest can be retried', async () => {
    const before = await db.dataSource.getRepository(Claim).count();
    const server = await startServerProcess(env, port++);
    const text = largeReport();
    const pending = ingest(server, text).catch((error: unknown) => error);
    await server.waitFor(/ingest: storing 万兴街 2024/);
    await new Promise((resolve) => setTimeout(resolve, 150));
    server.child.kill('SIGKILL');
    const { signal } = await server.exited;
    expect(signal).toBe('SIGKILL');
    expect(String(await pending)).toMatch(/fetch failed|socket|ECONNRESET/i); // the connection died with the server

    const wanxing = await db.dataSource.getRepository(Unit).findOneOrFail({ where: { name: '万兴街' } });
    expect(await db.dataSource.getRepository(Report).count({ where: { unitId: wanxing.id, year: 2024 } })).toBe(0);
    expect(await db.dataSource.getRepository(Claim).count()).toBe(before);
    expect(await orphanCounts()).toEqual([0, 0, 0, 0]);

    const restarted = await startServerProcess(env, port++);
    try {
      const response = await ingest(restarted, text);
      const body = (await response.json()) as { data: { ingestReport: { created: boolean; claimCount: number; userErrors: unknown[] } } };
      expect(body.data.ingestReport).toMatchObject({ created: true, userErrors: [] });
      expect(body.data.ingestReport.claimCount).toBeGreaterThan(5000);
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
    expect(await orphanCounts()).toEqual([0, 0, 0, 0]);
  }, 120_000);

  it('stopped with SIGTERM finishes the request in flight, then exits cleanly', async () => {
    const server = await startServerProcess(env, port++);
    const pending = ingest(server, largeReport(), 2025).then(
      (r) => r.json() as Promise<{ data: { ingestReport: { created: boolean; userErrors: unknown[] } } }>,
    );
    await server.waitFor(/ingest: storing 万兴街 2025/);
    server.child.kill('SIGTERM');
    const body = await pending;
    expect(body.data.ingestReport).toMatchObject({ created: true, userErrors: [] });
    const { code } = await server.exited;
    expect(code).toBe(0);
    expect(server.output()).toMatch(/SIGTERM: finishing in-flight requests/);
    const wanxing = await db.dataSource.getRepository(Unit).findOneOrFail({ where: { name: '万兴街' } });
    expect(await db.dataSource.getRepository(Report).count({ where: { unitId: wanxing.id, year: 2025 } })).toBe(1);
  }, 120_000);
});

describe('download links across a restart', () => {
  it('a link made before a restart answers after it with the same file (DOWNLOAD_DIR; expired files are deleted at start-up, test/unit/exports/download-store.test.ts)', async () => {
    const downloads = mkdtempSync(join(tmpdir(), 'fazhi-restart-dl-'));
    const withDir = { ...env, DOWNLOAD_DIR: downloads };
    const post = (server: ServerProcess, query: string) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query }),
      }).then((r) => r.json() as Promise<{ data: any }>);
    const download = (server: ServerProcess, path: string) => fetch(new URL(path, server.url));
    let server = await startServerProcess(withDir, port++);
    try {
      const units = await post(server, '{ units(first: 100) { edges { node { id name } } } }');
      const nankai = units.data.units.edges.find((e: { node: { name: string } }) => e.node.name === '南开区').node.id;
      const exported = await post(
        server,
        `mutation { exportDistrict(input: { parentUnitId: "${nankai}", year: 2022, format: CSV }) { files { path fileName } expiresAt userErrors { code } } }`,
      );
      expect(exported.data.exportDistrict.userErrors).toEqual([]);
      const [matrix] = exported.data.exportDistrict.files as { path: string; fileName: string }[];
      const before = await download(server, matrix!.path);
      expect(before.status).toBe(200);
      const bytes = Buffer.from(await before.arrayBuffer());

      server.child.kill('SIGTERM');
      await server.exited;
      server = await startServerProcess(withDir, port++);
      const after = await download(server, matrix!.path);
      expect(after.status).toBe(200);
      expect(after.headers.get('content-disposition')).toContain(encodeURIComponent(matrix!.fileName));
      expect(Buffer.from(await after.arrayBuffer()).equals(bytes)).toBe(true);
      expect((await download(server, '/downloads/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(downloads, { recursive: true, force: true });
    }
  }, 120_000);
});
