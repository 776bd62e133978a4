/**
 * `assessment(unitId, year)` reads the unit, its parent, the stored assessment and the claims
 * of its report in one statement (src/assessment/assessment-batch.store.ts `unitPage`) and
 * hands them to the loaders: its answers must be those of the loaders' path, which
 * `node(id)` on the same assessment takes (the unit, the parent and every claim loaded on
 * their own), for every unit and year, in and out of a caller's scope.
 */
import { loadSeeds } from '../../src/seeds/load-seeds';
import { Unit } from '../../src/units/unit.entity';
import { Assessment } from '../../src/assessment/assessment.entity';
import type { Caller } from '../../src/graphql/context';
import { toGlobalId } from '../../src/graphql/relay';
import { ASSESSMENT_QUERY } from '../../bench/queries';
import { TestClient } from '../helpers/graphql';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let client: TestClient;

/** The bench's unit page (bench/queries.ts), with the other evidence lists, the flags and the report. */
const PAGE = `
  unit { name parent { name } }
  coverage { confirmed { covered assessable } proposed { covered partial assessable ratio } }
  score { confirmed { normalised } proposed { normalised } }
  flags { code itemCode message claims { id text } }
  report { id year }
  items {
    code title status confirmedStatus explanation
    targets { metric op threshold value met }
    evidence {
      claim { id sectionPath start end text metrics { metric value unit qualifier text } }
      link { id state confidence rule matched version }
    }
    plans { claim { id text } link { id state } }
    shortcomings { claim { id text } link { id state } }
  }`;
const BY_UNIT = `query($u: ID!, $y: Int!) { assessment(unitId: $u, year: $y) { id ${PAGE} } }`;
const BY_NODE = `query($id: ID!) { node(id: $id) { ... on Assessment { id ${PAGE} } } }`;

/** An item's evidence as PAGE asks it. */
interface Evidence {
  claim: { id: string; text: string; metrics: Array<{ value: number }> };
  link: { state: string } | null;
}

const unitId = async (name: string): Promise<number> => (await db.dataSource.getRepository(Unit).findOneOrFail({ where: { name } })).id;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  client = new TestClient(db);
});
afterAll(async () => db?.close());

/** Every stored assessment's page asked both ways, by `caller`. */
async function comparePages(caller?: Caller): Promise<number> {
  const stored = await db.dataSource.getRepository(Assessment).find({ order: { id: 'ASC' } });
  let compared = 0;
  for (const a of stored) {
    const byUnit = await client.run(BY_UNIT, { u: toGlobalId('Unit', a.unitId), y: a.year }, caller);
    const byNode = await client.run(BY_NODE, { id: toGlobalId('Assessment', a.id) }, caller);
    expect(byUnit.errors).toBeUndefined();
    expect(byUnit.data?.assessment).toEqual(byNode.data?.node);
    compared += 1;
  }
  return compared;
}

describe('assessment(unitId, year): one statement, the same answers as the loaders', () => {
  it('answers every stored assessment as node(id) does, evidence, plans, shortcomings, flags and parent included', async () => {
    expect(await comparePages()).toBeGreaterThanOrEqual(5);
    const withEvidence = await client.data(BY_UNIT, { u: toGlobalId('Unit', await unitId('万兴街')), y: 2022 });
    const claims = withEvidence.assessment.items.flatMap((i: { evidence: unknown[] }) => i.evidence);
    expect(claims.length).toBeGreaterThan(10);
    expect(withEvidence.assessment.unit.parent.name).toBe('南开区');
  });

  it("reads the bench's page in one statement (the checklist row too on SQLite, kept on PostgreSQL); without evidence asked, no claim", async () => {
    const u = toGlobalId('Unit', await unitId('万兴街'));
    await client.data(ASSESSMENT_QUERY, { unit: u, year: 2022 }); // the checklist version's definition, kept per version
    db.counter.record = true;
    db.counter.reset();
    await client.data(ASSESSMENT_QUERY, { unit: u, year: 2022 });
    expect(db.counter.statements).toHaveLength(onPostgres ? 1 : 2);
    // asked again with nothing written: the page kept with its data version, only that version read
    db.counter.reset();
    await client.data(ASSESSMENT_QUERY, { unit: u, year: 2022 });
    expect(db.counter.statements.filter((q) => !/"checklist"/.test(q))).toEqual([
      expect.stringMatching(/^SELECT CAST\(COALESCE\(SUM\("c"\."version"\)/),
    ]);
    db.counter.reset();
    await client.data(`query($u: ID!) { assessment(unitId: $u, year: 2022) { unit { name parent { name } } items { code status } } }`, {
      u,
    });
    expect(db.counter.count).toBe(onPostgres ? 1 : 2);
    expect(db.counter.statements.filter((q) => /"claim"/.test(q))).toEqual([]);
    db.counter.record = false;
  });

  it('a unit without a report: every item MISSING, no evidence, REPORT_MISSING', async () => {
    const page = await client.data(BY_UNIT, { u: toGlobalId('Unit', await unitId('万兴街')), y: 2025 });
    expect(page.assessment.report).toBeNull();
    expect(
      page.assessment.items.every((i: { status: string; evidence: unknown[] }) => i.status === 'MISSING' && i.evidence.length === 0),
    ).toBe(true);
    expect(page.assessment.flags.map((f: { code: string }) => f.code)).toEqual(['REPORT_MISSING']);
  });

  it("a scoped caller: its own unit's page as node(id) gives it (the parent outside the scope: null); another unit or an unknown one: BAD_USER_INPUT", async () => {
    const wanxing = await unitId('万兴街');
    const caller: Caller = { name: 'unit', role: 'VIEWER', scope: new Set([wanxing]) };
    const own = await client.run(BY_UNIT, { u: toGlobalId('Unit', wanxing), y: 2022 }, caller);
    expect(own.errors).toBeUndefined();
    expect(own.data?.assessment.unit).toEqual({ name: '万兴街', parent: null });
    const stored = await db.dataSource.getRepository(Assessment).findOneOrFail({ where: { unitId: wanxing, year: 2022 } });
    const node = await client.run(BY_NODE, { id: toGlobalId('Assessment', stored.id) }, caller);
    expect(own.data?.assessment).toEqual(node.data?.node);
    for (const u of [toGlobalId('Unit', await unitId('王顶堤街')), toGlobalId('Unit', 999_999)]) {
      const other = await client.run(BY_UNIT, { u, y: 2022 }, caller);
      expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(other.errors?.[0]?.message).not.toMatch(/SELECT|"unit"|at /);
      // an unknown unit is reported before a year no checklist covers, as before
      const noYear = await client.run(BY_UNIT, { u, y: 1990 }, caller);
      expect(noYear.errors?.[0]?.message).toBe(other.errors?.[0]?.message);
    }
  });

  it('kept per data version: a claim, a metric value or a link written after a page was kept is in the next answer, as node(id) gives it', async () => {
    const wanxing = await unitId('万兴街');
    const stored = await db.dataSource.getRepository(Assessment).findOneOrFail({ where: { unitId: wanxing, year: 2022 } });
    const ask = async (): Promise<{ items: Array<{ evidence: Evidence[] }> }> => {
      const byUnit = await client.data(BY_UNIT, { u: toGlobalId('Unit', wanxing), y: 2022 });
      const byNode = await client.data(BY_NODE, { id: toGlobalId('Assessment', stored.id) });
      expect(byUnit.assessment).toEqual(byNode.node);
      return byUnit.assessment;
    };
    const evidenceOf = (page: { items: Array<{ evidence: Evidence[] }> }, claimId: number): Evidence[] =>
      page.items.flatMap((i) => i.evidence).filter((e) => e.claim.id === toGlobalId('Claim', claimId));
    const claimIds = stored.result.items.flatMap((i) => i.evidenceClaimIds).map(Number);
    const [withMetric] = (await db.dataSource.query(
      `SELECT "claimId" AS "claimId", MIN("id") AS "id" FROM "metric_value" WHERE "claimId" IN (${claimIds.join(', ')}) GROUP BY "claimId" ORDER BY "claimId"`,
    )) as Array<{ claimId: number; id: number }>;
    expect(withMetric).toBeDefined();
    const claimId = Number(withMetric!.claimId);
    await ask();
    await ask(); // kept: the version read alone

    await db.dataSource.query(`UPDATE "claim" SET "text" = "text" || '（改）' WHERE "id" = ${claimId}`);
    expect(evidenceOf(await ask(), claimId).every((e) => e.claim.text.endsWith('（改）'))).toBe(true);

    const [metric] = (await db.dataSource.query(
      `SELECT "value" AS "value" FROM "metric_value" WHERE "id" = ${Number(withMetric!.id)}`,
    )) as Array<{
      value: number;
    }>;
    await db.dataSource.query(`UPDATE "metric_value" SET "value" = "value" + 1000 WHERE "id" = ${Number(withMetric!.id)}`);
    const metrics = evidenceOf(await ask(), claimId).flatMap((e) => e.claim.metrics.map((m) => m.value));
    expect(metrics).toContain(Number(metric!.value) + 1000);

    const states = evidenceOf(await ask(), claimId).map((e) => e.link?.state);
    expect(states).not.toContain('REJECTED');
    await db.dataSource.query(
      `UPDATE "evidence_link" SET "state" = 'REJECTED' WHERE "claimId" = ${claimId} AND "reportId" = ${Number(stored.reportId)}`,
    );
    expect(evidenceOf(await ask(), claimId).map((e) => e.link?.state)).toContain('REJECTED');
  });

  it('a claim the stored result names but no longer linked in the report is loaded on its own: the same answer', async () => {
    const wanxing = await unitId('万兴街');
    const stored = await db.dataSource.getRepository(Assessment).findOneOrFail({ where: { unitId: wanxing, year: 2022 } });
    const claimId = stored.result.items.flatMap((i) => i.evidenceClaimIds)[0];
    expect(claimId).toBeDefined();
    // the links of that claim gone (as a locked assessment keeps naming it): only the loader can read the claim now
    await db.dataSource.query(`DELETE FROM "evidence_link" WHERE "claimId" = ${Number(claimId)}`);
    const byUnit = await client.data(BY_UNIT, { u: toGlobalId('Unit', wanxing), y: 2022 });
    const byNode = await client.data(BY_NODE, { id: toGlobalId('Assessment', stored.id) });
    expect(byUnit.assessment).toEqual(byNode.node);
    const evidence = byUnit.assessment.items.flatMap((i: { evidence: Array<{ claim: { id: string }; link: unknown }> }) => i.evidence);
    expect(evidence.find((e: { claim: { id: string } }) => e.claim.id === toGlobalId('Claim', Number(claimId)))?.link).toBeNull();
  });
});
