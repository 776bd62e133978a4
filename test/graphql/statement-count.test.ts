import { ingestReport } from '../../src/pipeline/ingest.service';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { Unit } from '../../src/units/unit.entity';
import { TestClient } from '../helpers/graphql';
import { seedReports } from '../helpers/seeds';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let client: TestClient;
let districtId: string;

const MATRIX = `query($p: ID!) {
  coverageMatrix(parentUnitId: $p, year: 2022) {
    rows { unit { name parent { name } } hasReport cells { code status } proposed { covered } score { proposed { normalised } } rank }
    itemTotals { code covered }
  }
}`;

/** Adds generated streets under the test district, with reports for every other one. */
async function growDistrictTo(count: number): Promise<void> {
  const units = db.dataSource.getRepository(Unit);
  const district = await units.findOneOrFail({ where: { name: '测试区' } });
  const existing = await units.count({ where: { parentId: district.id } });
  const texts = seedReports().filter((r) => r.year === 2022);
  for (let i = existing; i < count; i += 1) {
    const name = `测试${String(i + 1).padStart(3, '0')}街道`;
    await units.save(units.create({ name, level: 'STREET', aliases: [], parentId: district.id }));
    if (i % 2 === 0) {
      const seed = texts[i % texts.length];
      const result = await ingestReport(
        db.dataSource,
        db.lock,
        { text: `${seed!.raw}\n（编号${i}）`, unit: name, year: 2022, source: `gen-${i}`, actor: 'test' },
        { maxReportBytes: 1e7 },
      );
      expect(result.ok).toBe(true);
    }
  }
}

async function statementsFor(query: string, variables: Record<string, unknown>): Promise<{ count: number; rows: number }> {
  db.counter.reset();
  const data = await client.data(query, variables);
  return { count: db.counter.count, rows: data.coverageMatrix.rows.length };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  const units = db.dataSource.getRepository(Unit);
  const tianjin = await units.findOneOrFail({ where: { name: '天津市' } });
  const district = await units.save(units.create({ name: '测试区', level: 'DISTRICT', aliases: [], parentId: tianjin.id }));
  client = new TestClient(db);
  districtId = Buffer.from(`Unit:${district.id}`).toString('base64');
});
afterAll(async () => db?.close());

describe('SQL statements per request', () => {
  it('coverageMatrix issues the same number of statements for 5 units as for 50', async () => {
    await growDistrictTo(5);
    const five = await statementsFor(MATRIX, { p: districtId });
    await growDistrictTo(50);
    const fifty = await statementsFor(MATRIX, { p: districtId });
    expect(five.rows).toBe(5);
    expect(fifty.rows).toBe(50);
    expect(fifty.count).toBe(five.count);
    // the parent, the checklist row, the subtree, its units, their assessments' list columns, their item statuses
    expect(five.count).toBeLessThanOrEqual(6);
  });

  it("reads a checklist version's definition once: later requests read only the checklist row", async () => {
    const ASSESSMENT = `query($u: ID!) { assessment(unitId: $u, year: 2022) { items { code status } coverage { proposed { covered } } } }`;
    const unit = await db.dataSource.getRepository(Unit).findOneOrFail({ where: { name: '万兴街' } });
    const u = Buffer.from(`Unit:${unit.id}`).toString('base64');
    await client.data(ASSESSMENT, { u });
    db.counter.record = true;
    db.counter.reset();
    const again = await client.data(ASSESSMENT, { u });
    db.counter.record = false;
    expect(again.assessment.items).toHaveLength(31);
    const definitionReads = db.counter.statements.filter((q) => /"(checklist_item|target|matcher_weights)"/.test(q));
    expect(definitionReads).toEqual([]);
    // the checklist row: read with each request on SQLite, kept until a NOTIFY on PostgreSQL
    expect(db.counter.statements.filter((q) => /FROM "checklist"/.test(q))).toHaveLength(onPostgres ? 0 : 1);
  });

  it('a page of units, of reports with their units, or of flags is one statement, its total included; a page past the end counts apart (not flags)', async () => {
    const count = async (query: string, variables: Record<string, unknown> = {}) => {
      db.counter.reset();
      const data = await client.data(query, variables);
      return { n: db.counter.count, data };
    };
    const UNITS = `query($after: String) { units(first: 3, after: $after) { totalCount edges { node { id name level aliases } } pageInfo { endCursor } } }`;
    const unitRows = await db.dataSource.getRepository(Unit).count();
    const units = await count(UNITS);
    expect(units.n).toBe(1);
    expect(units.data.units.totalCount).toBe(unitRows);
    expect(units.data.units.edges).toHaveLength(3);
    const past = await count(UNITS, { after: Buffer.from(`offset:${unitRows + 5}`).toString('base64') });
    expect(past.data.units.edges).toEqual([]);
    expect(past.data.units.totalCount).toBe(unitRows);
    expect(past.n).toBe(2);

    const REPORTS = `{ reports(filter: { year: 2022 }, first: 4) { totalCount edges { node { year unit { name level parent { name } } } } } }`;
    const reports = await count(REPORTS);
    expect(reports.data.reports.edges).toHaveLength(4);
    expect(reports.data.reports.totalCount).toBeGreaterThan(20);
    for (const e of reports.data.reports.edges) expect(e.node.unit.name).toMatch(/街|镇/);
    // the page with its units, then the units' parents
    expect(reports.n).toBe(2);

    const FLAGS = `{ flags(filter: { year: 2022, codes: [NO_EVIDENCE] }, first: 5) { totalCount edges { node { code itemCode } } } }`;
    const flags = await count(FLAGS);
    expect(flags.data.flags.edges).toHaveLength(5);
    expect(flags.data.flags.totalCount).toBeGreaterThan(5);
    // the page, with the checklist row read first on SQLite (kept on PostgreSQL)
    expect(flags.n).toBe(onPostgres ? 1 : 2);
    // past the end: no flag, the same total, from the same statement
    const pastFlags = await count(
      `query($after: String) { flags(filter: { year: 2022, codes: [NO_EVIDENCE] }, first: 5, after: $after) { totalCount edges { node { code } } } }`,
      {
        after: Buffer.from(`offset:${flags.data.flags.totalCount + 5}`).toString('base64'),
      },
    );
    expect(pastFlags.data.flags).toEqual({ totalCount: flags.data.flags.totalCount, edges: [] });
    expect(pastFlags.n).toBe(onPostgres ? 1 : 2);
  });

  it('a nested report query does not grow with the number of claims and links', async () => {
    const QUERY = `query($year: Int!) { reports(filter: { year: $year }, first: 50) { edges { node {
      unit { name parent { name } } sections { kind } claims { text metrics { metric } links { state item { code targets { metric } } } }
    } } } }`;
    db.counter.reset();
    const small = await client.data(QUERY, { year: 2021 });
    const smallCount = db.counter.count;
    db.counter.reset();
    const large = await client.data(QUERY, { year: 2022 });
    const largeCount = db.counter.count;
    expect(small.reports.edges.length).toBe(1);
    expect(large.reports.edges.length).toBeGreaterThan(20);
    expect(largeCount).toBe(smallCount);
  });

  it('flags(filter: { unitIds }) is one recursive query whatever the number of ids, with the same flags', async () => {
    const FLAGS = `query($ids: [ID!]) { flags(first: 200, filter: { year: 2022, unitIds: $ids }) { totalCount edges { node { unit { name } } } } }`;
    const streets = await db.dataSource.getRepository(Unit).find({ where: { level: 'STREET' } });
    const streetIds = streets.map((u) => Buffer.from(`Unit:${u.id}`).toString('base64'));
    db.counter.reset();
    const one = await client.data(FLAGS, { ids: [districtId] });
    const oneCount = db.counter.count;
    db.counter.reset();
    // the district and all its streets, repeated: 400 ids whose subtrees overlap
    const many = await client.data(FLAGS, {
      ids: Array.from({ length: 400 }, (_, i) => [districtId, ...streetIds][i % (streetIds.length + 1)]),
    });
    const manyCount = db.counter.count;
    expect(one.flags.totalCount).toBeGreaterThan(0);
    expect(manyCount).toBe(oneCount);
    expect(many.flags.totalCount).toBeGreaterThanOrEqual(one.flags.totalCount);
    const unitsOf = (d: Record<string, any>) =>
      new Set<string>(d.flags.edges.map((e: { node: { unit: { name: string } } }) => e.node.unit.name));
    for (const name of unitsOf(one)) expect(unitsOf(many).has(name)).toBe(true);
  });
});
