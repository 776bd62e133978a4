import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToken } from '../../src/access/token.service';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { Unit } from '../../src/units/unit.entity';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { graphqlRequest, send, startHealthProbe, type HealthProbe, type RawResponse } from './hostile-http';
import { HEALTH_MS, WITHIN_MS } from './thresholds';

/**
 * The per-request time budget (REQUEST_TIME_BUDGET_MS) ends a runaway request with 503
 * QUERY_TIMEOUT on SQLite as on PostgreSQL, and nothing else notices: the budget is checked
 * before each SQL statement of the request and in the workbook's loop (on SQLite there is no
 * statement_timeout, and interrupting the one shared connection would stop other callers'
 * statements too: src/observability/request-context.ts). Here the budget is 1 s, and the
 * runaway is the workbook of a district of 1 500 streets (well over the budget even on a fast, idle machine, where 400 streets once finished within it); the other
 * callers' requests take a few milliseconds each, so they fit in the budget with room to spare.
 * Registered by hostile.test.ts after its cases, with its own database and server process: in
 * the same test file, so that its runaway never runs beside another file's timed cases.
 */
const BUDGET_MS = 1000;
const STREETS = 1500;

export function describeTimeBudget(): void {
  describe(`the time budget (REQUEST_TIME_BUDGET_MS=${BUDGET_MS}), own server process`, () => {
    let db: TestDatabase;
    let server: ServerProcess;
    let probe: HealthProbe;
    let port = 5500 + (process.pid % 90);
    let downloadDir: string;
    const tokens: Record<string, string> = {};
    const ids: Record<string, string> = {};

    const serverPort = () => Number(new URL(server.url).port);
    const gql = (who: string, query: string, variables?: unknown) =>
      send(serverPort(), graphqlRequest({ query, variables }, [['authorization', `Bearer ${tokens[who]}`]]));
    const exportLargeDistrict = () =>
      gql('admin', `mutation { exportDistrict(input: { parentUnitId: "${ids['超大区']}", year: 2022, format: XLSX }) { files { path } } }`);
    const errorCode = (r: RawResponse): string | undefined => r.body?.errors?.[0]?.extensions?.code;

    beforeAll(async () => {
      db = await createTestDatabase();
      await loadSeeds(db.dataSource, db.lock);
      const units = db.dataSource.getRepository(Unit);
      const tianjin = await units.findOneOrFail({ where: { name: '天津市' } });
      const district = await units.save(units.create({ name: '超大区', level: 'DISTRICT', aliases: [], parentId: tianjin.id }));
      await units.save(
        Array.from({ length: STREETS }, (_, i) =>
          units.create({ name: `超大区第${i + 1}街道`, level: 'STREET', aliases: [], parentId: district.id }),
        ),
        { chunk: 100 },
      );
      for (const [name, role, unit] of [
        ['admin', 'ADMIN', null],
        ['reviewer', 'REVIEWER', '南开区'],
        ['viewer', 'VIEWER', '南开区'],
      ] as const) {
        const created = await createToken(db.dataSource, { name: `deadline-${name}`, role, unit, actor: 'deadline-test' });
        if (!created.ok) throw new Error(created.errors[0]!.message);
        tokens[name] = created.value.secret;
      }
      downloadDir = mkdtempSync(join(tmpdir(), 'fazhi-deadline-dl-'));
      const env: Record<string, string> =
        db.database.type === 'sqlite' ? { SQLITE_PATH: db.database.path, DATABASE_URL: '' } : { DATABASE_URL: db.database.url };
      server = await startServerProcess({ ...env, DOWNLOAD_DIR: downloadDir, REQUEST_TIME_BUDGET_MS: String(BUDGET_MS) }, port++);
      const found = await gql(
        'admin',
        `{ d: units(first: 50, filter: { level: DISTRICT }) { edges { node { id name } } }
         s: units(first: 5, filter: { nameContains: "万兴" }) { edges { node { id name } } } checklists { id } }`,
      );
      for (const e of [...found.body.data.d.edges, ...found.body.data.s.edges]) ids[e.node.name] = e.node.id;
      ids.checklist = found.body.data.checklists[0].id;
      probe = startHealthProbe(serverPort());
    }, 120_000);

    afterAll(async () => {
      probe?.stop();
      server?.child.kill('SIGTERM');
      await server?.exited;
      await db?.close();
      if (downloadDir) rmSync(downloadDir, { recursive: true, force: true });
    });

    describe(`a request over its time budget (REQUEST_TIME_BUDGET_MS=${BUDGET_MS})`, () => {
      it(`ends with 503 QUERY_TIMEOUT within ${WITHIN_MS} ms, keeps nothing, and /health answers within ${HEALTH_MS} ms meanwhile`, async () => {
        const { result, slowestHealthMs, failed } = await probe.around(exportLargeDistrict);
        expect({ status: result.status, code: errorCode(result) }).toEqual({ status: 503, code: 'QUERY_TIMEOUT' });
        expect(result.body.errors[0].message).toMatch(/请求超过时间预算 1000 毫秒（REQUEST_TIME_BUDGET_MS）/);
        expect(result.text).not.toMatch(/SQLITE_|QueryFailedError|\bat .*\.(ts|js):\d+/);
        expect(result.ms).toBeLessThan(WITHIN_MS);
        expect(failed).toBe(0);
        expect(slowestHealthMs).toBeLessThan(HEALTH_MS);
        expect(readdirSync(downloadDir)).toEqual([]);
      }, 30_000);

      it("does not touch other callers' requests in flight beside it: their reads and writes succeed", async () => {
        let runaway: RawResponse | null = null;
        const pending = exportLargeDistrict().then((r) => (runaway = r));
        const others: RawResponse[] = [];
        // reads and a write transaction (lock, unlock) of other callers while the export runs out of time
        while (runaway === null && others.length < 40) {
          others.push(await gql('viewer', `{ node(id: "${ids['万兴街']}") { ... on Unit { name reports { year } } } }`));
          others.push(
            await gql('reviewer', 'mutation($i: LockAssessmentInput!) { lockAssessment(input: $i) { userErrors { code } } }', {
              i: { unitId: ids['万兴街'], checklistId: ids.checklist, year: 2022, locked: others.length % 4 === 1 },
            }),
          );
        }
        await pending;
        expect(errorCode(runaway!)).toBe('QUERY_TIMEOUT');
        expect(others.length).toBeGreaterThan(0);
        for (const r of others) {
          expect(r.status).toBe(200);
          expect(r.body.errors).toBeUndefined();
        }
        expect(others.filter((r) => r.body.data.lockAssessment).every((r) => r.body.data.lockAssessment.userErrors.length === 0)).toBe(
          true,
        );
        // the server is whole afterwards: a request within the budget is answered
        const after = await gql('viewer', '{ units(first: 5) { totalCount } }');
        expect(after.status).toBe(200);
      }, 30_000);
    });
  });
}
