import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createToken } from '../../src/access/token.service';
import { runWrite } from '../../src/db/write-lock';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { upsertUnits } from '../../src/units/unit.service';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { SEED_DIR, seedReport } from '../helpers/seeds';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db';

/**
 * Scale-out (issue 16, part 4): two real server processes over one PostgreSQL database give the
 * same answers. Each write goes through one process (or, for a unit, a third writer, as the
 * seeds and the CLI are) and the other one is asked right after: no per-process cache may answer
 * from before the write (the unit registry, checklist definitions, assessment summaries, the
 * boilerplate list of reuse detection, the flags list's totals). On SQLite one process serves a database: skipped.
 */
const describePg = onPostgres ? describe : describe.skip;

let db: TestDatabase;
let token: string;
let a: ServerProcess;
let b: ServerProcess;

async function gql(server: ServerProcess, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as Record<string, any>;
}

const UNITS = `{ units(first: 200) { totalCount edges { node { id name aliases level parent { name } } } } }`;

/** What a caller sees of a district and a unit in a year, asked of one server. */
const SNAPSHOT = `query($parent: ID!, $unit: ID!, $year: Int!) {
  units(first: 200) { totalCount edges { node { name aliases parent { name } } } }
  reports(filter: { year: $year }) { totalCount edges { node { year source unit { name } reuse { earlierShare sameYearShare claims { claim { localId } } } } } }
  checklists { key version items { code title } }
  assessment(unitId: $unit, year: $year) {
    checklist { version }
    coverage { proposed { covered partial assessable } confirmed { covered assessable } }
    score { proposed { normalised } confirmed { normalised } }
    items { code status confirmedStatus }
    flags { code severity }
  }
  coverageMatrix(parentUnitId: $parent, year: $year) {
    checklist { version }
    rows { unit { name } hasReport rank proposed { covered } confirmed { covered } cells { code status } }
  }
  ranking(parentUnitId: $parent, year: $year) { rank score confirmedScore unit { name } }
  flags(filter: { year: $year }, first: 200) { totalCount edges { node { code unit { name } } } }
}`;

describePg('two server processes over one PostgreSQL database', () => {
  let ids: Map<string, string>;
  const year = 2024;
  const vars = () => ({ parent: ids.get('南开区'), unit: ids.get('万兴街'), year });
  const same = async () => {
    const [fromA, fromB] = await Promise.all([gql(a, SNAPSHOT, vars()), gql(b, SNAPSHOT, vars())]);
    expect(fromB).toEqual(fromA);
    // the flags total is kept per data version: it must count what the page holds after every write
    expect(fromA.flags.edges).toHaveLength(fromA.flags.totalCount);
    return fromA;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadSeeds(db.dataSource, db.lock);
    const created = await createToken(db.dataSource, { name: 'scale-out', role: 'ADMIN', actor: 'test' });
    if (!created.ok) throw new Error('token');
    token = created.value.secret;
    // the seeds are in already (units, checklist, reports): a start-up that re-checks only units and checklist is quicker on a loaded machine
    const env = { DATABASE_URL: (db.database as { url: string }).url, REQUEST_TIME_BUDGET_MS: '100000', SEED_REPORTS: '0' };
    a = await startServerProcess(env, await freePort());
    b = await startServerProcess(env, await freePort());
    const units = await gql(a, UNITS);
    ids = new Map(units.units.edges.map((e: { node: { id: string; name: string } }) => [e.node.name, e.node.id]));
  }, 180_000);

  afterAll(async () => {
    for (const server of [a, b]) {
      if (server && server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }
    await db?.close();
  });

  it('answers the same before any write, with every cache warm on both', async () => {
    const first = await same();
    expect(first.reports.totalCount).toBe(0);
    expect(first.assessment.items.every((i: { status: string }) => i.status === 'MISSING')).toBe(true);
  });

  it('sees a report ingested through the other server at once', async () => {
    const ingest = await gql(a, `mutation($input: IngestReportInput!) { ingestReport(input: $input) { created userErrors { code } } }`, {
      input: { text: seedReport('万兴街').raw, unit: '万兴街', year, source: 'scale-out.txt' },
    });
    expect(ingest.ingestReport).toEqual({ created: true, userErrors: [] });
    const after = await same();
    expect(after.reports.totalCount).toBe(1);
    expect(after.assessment.coverage.proposed.covered).toBeGreaterThan(0);
    expect(after.coverageMatrix.rows.find((r: { unit: { name: string } }) => r.unit.name === '万兴街').hasReport).toBe(true);
  });

  it('reads a unit added by a third writer when the next report names it', async () => {
    // the registry of b is warm: a dry run reads against it
    const text = seedReport('胡家园街')
      .raw.replaceAll('胡家园街道', '新开街道')
      .replaceAll('胡家园街', '新开街道')
      .replaceAll('胡家园', '新开');
    const INGEST = `mutation($input: IngestReportInput!) { ingestReport(input: $input) { created report { unit { name } } userErrors { code message } } }`;
    const before = await gql(b, INGEST, { input: { text, year, dryRun: true } });
    expect(before.ingestReport.report?.unit?.name).not.toBe('新开街');
    await runWrite(db.dataSource, db.lock, (m) =>
      upsertUnits(m, [{ name: '新开街', level: 'STREET', aliases: ['新开街道'], parentName: '南开区' }]),
    );
    const stored = await gql(b, INGEST, { input: { text, year, source: 'new-unit.txt' } });
    expect(stored.ingestReport).toMatchObject({ created: true, report: { unit: { name: '新开街' } }, userErrors: [] });
    const after = await same();
    expect(after.units.edges.map((e: { node: { name: string } }) => e.node.name)).toContain('新开街');
    expect(after.reports.totalCount).toBe(2);
    expect(after.coverageMatrix.rows.map((r: { unit: { name: string } }) => r.unit.name)).toContain('新开街');
  });

  it('assesses with a checklist version imported through the other server at once', async () => {
    const yaml = readFileSync(join(SEED_DIR, 'checklist.yaml'), 'utf8');
    const version = Number(/^version: (\d+)$/m.exec(yaml)?.[1]);
    const next = yaml
      .replace(/^version: \d+$/m, `version: ${version + 1}`)
      .replace(/title: 行政机关负责人出庭应诉(?=\s)/, 'title: 行政机关负责人出庭应诉（修订）');
    const imported = await gql(
      b,
      `mutation($input: ImportChecklistInput!) { importChecklist(input: $input) { created userErrors { code message } } }`,
      { input: { yaml: next } },
    );
    expect(imported.importChecklist).toEqual({ created: true, userErrors: [] });
    const after = await same();
    expect(after.assessment.checklist.version).toBe(version + 1);
    expect(after.coverageMatrix.checklist.version).toBe(version + 1);
  });

  it('counts a link reviewed through one server in the other one’s confirmed coverage at once', async () => {
    const links = await gql(
      a,
      `query($unit: ID!) { unit(id: $unit) { reports { year claims(filter: { linked: true }) { links { id state version item { code checklist { version } } } } } } }`,
      { unit: ids.get('万兴街') },
    );
    const report = links.unit.reports.find((r: { year: number }) => r.year === year);
    const before = await same();
    const latest = Math.max(...report.claims.flatMap((c: any) => c.links.map((l: any) => l.item.checklist.version)));
    const link = report.claims
      .flatMap((c: any) => c.links)
      .find((l: any) => l.state === 'PROPOSED' && l.item.checklist.version === latest && l.item.code === '7.4');
    expect(link).toBeDefined();
    const reviewed = await gql(
      a,
      `mutation($input: ReviewEvidenceLinkInput!) { reviewEvidenceLink(input: $input) { link { state } userErrors { code } } }`,
      { input: { linkId: link.id, action: 'ACCEPT', expectedVersion: link.version } },
    );
    expect(reviewed.reviewEvidenceLink).toEqual({ link: { state: 'ACCEPTED' }, userErrors: [] });
    const after = await same();
    expect(after.assessment.coverage.confirmed.covered).toBe(before.assessment.coverage.confirmed.covered + 1);
    expect(after.assessment.items.find((i: { code: string }) => i.code === '7.4').confirmedStatus).toBe('COVERED');
  });
});
