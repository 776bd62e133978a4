import { ingestReport } from '../../src/pipeline/ingest.service';
import { fromGlobalId } from '../../src/graphql/relay';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { TestClient, type ADMIN } from '../helpers/graphql';
import { seedReport } from '../helpers/seeds';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let client: TestClient;
const ids = new Map<string, string>();

const REPORT_REUSE = `query($unit: ID!, $year: Int!) { reports(filter: { unitId: $unit, year: $year }) { edges { node { reuse {
  earlierShare sameYearShare comparableChars threshold
  claims { claim { id text } matches { kind similarity year claim { id text report { year unit { name } } } } } } } } } }`;

async function reuseOf(unit: string, year: number, caller?: typeof ADMIN) {
  const data = await client.data(REPORT_REUSE, { unit: ids.get(unit), year }, caller);
  return data.reports.edges[0].node.reuse;
}

async function ingest(unit: string, year: number, text: string) {
  const r = await ingestReport(
    db.dataSource,
    db.lock,
    { text, unit, year, source: `test:${unit}${year}`, actor: 'test' },
    { maxReportBytes: 1e7 },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  client = new TestClient(db);
  const units = await client.data(`{ units(first: 50) { edges { node { id name } } } }`);
  for (const e of units.units.edges) ids.set(e.node.name, e.node.id);
});
afterAll(async () => db?.close());

describe('reuse across reports', () => {
  it("the five seed reports: nothing of theirs is found in an earlier report or another unit's report of the same year", async () => {
    for (const [unit, year] of [
      ['万兴街', 2022],
      ['王顶堤街', 2023],
      ['塘沽街道', 2021],
      ['胡家园街', 2022],
      ['稷下街道', 2023],
    ] as const) {
      const reuse = await reuseOf(unit, year);
      expect(reuse.comparableChars).toBeGreaterThan(1000);
      expect(reuse).toMatchObject({ earlierShare: 0, sameYearShare: 0, claims: [] });
    }
  });

  it("a report repeating last year's text with the years changed: reused share, the matching claims, REUSED_EVIDENCE", async () => {
    const raw = seedReport('万兴街').raw.replace(/2023/gu, '2024').replace(/2022/gu, '2023');
    await ingest('万兴街', 2023, raw);
    const reuse = await reuseOf('万兴街', 2023);
    expect(reuse.earlierShare).toBeGreaterThan(0.95);
    expect(reuse.sameYearShare).toBe(0);
    const court = reuse.claims.find((c: { claim: { text: string } }) => c.claim.text.includes('出庭应诉率'));
    expect(court.matches[0]).toMatchObject({ kind: 'EARLIER', year: 2022, similarity: 1 });
    expect(court.matches[0].claim.report).toEqual({ year: 2022, unit: { name: '万兴街' } });
    expect(court.matches[0].claim.text).toBe(court.claim.text.replace(/2023/gu, '2022'));

    const similar = await client.data(
      `query($id: ID!) { node(id: $id) { ... on Claim { similarClaims { kind similarity year claim { id } } } } }`,
      {
        id: court.claim.id,
      },
    );
    expect(similar.node.similarClaims[0]).toEqual({ kind: 'EARLIER', similarity: 1, year: 2022, claim: { id: court.matches[0].claim.id } });

    const flags = await client.data(`query($u: ID!) { assessment(unitId: $u, year: 2023) { flags { code severity itemCode message } } }`, {
      u: ids.get('万兴街'),
    });
    const reused = flags.assessment.flags.filter((f: { code: string }) => f.code === 'REUSED_EVIDENCE');
    expect(reused.map((f: { itemCode: string }) => f.itemCode)).toContain('7.4');
    expect(reused.every((f: { severity: string }) => f.severity === 'INFO')).toBe(true);
    expect(reused[0].message).toMatch(/2022 年报告/);
  });

  it("another unit's report of the same year sharing paragraphs, seen only by callers who may see both", async () => {
    const lines = seedReport('万兴街').raw.split('\n');
    const shared = lines
      .slice(0, Math.ceil(lines.length / 2))
      .join('\n')
      .replace(/万兴街/gu, '王顶堤街');
    await ingest('王顶堤街', 2022, shared);
    const reuse = await reuseOf('王顶堤街', 2022);
    expect(reuse.sameYearShare).toBeGreaterThan(0.9);
    expect(reuse.claims[0].matches[0]).toMatchObject({ kind: 'SAME_YEAR', year: 2022 });
    expect(reuse.claims[0].matches[0].claim.report.unit.name).toBe('万兴街');
    const own = { name: 'wdd', role: 'VIEWER' as const, scope: new Set([fromGlobalId(ids.get('王顶堤街')!)!.id]) };
    const scoped = await reuseOf('王顶堤街', 2022, own);
    expect(scoped).toMatchObject({ sameYearShare: 0, claims: [] });
  });
});
