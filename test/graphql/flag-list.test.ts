import { loadSeeds } from '../../src/seeds/load-seeds';
import { ADMIN, TestClient } from '../helpers/graphql';
import type { Caller } from '../../src/common/caller';
import { Unit } from '../../src/units/unit.entity';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db';

/**
 * The `flags` list pages through the stored flags and the derived REPORT_MISSING in one order
 * (severity, unit name, year latest first), read from an index on the flag rows, which keep
 * their unit's name: pages put together are the whole list, and a unit renamed in SQL moves.
 */
let db: TestDatabase;
let client: TestClient;

interface Listed {
  totalCount: number;
  edges: Array<{ node: { id: string | null; code: string; severity: string; year: number; unit: { name: string } } }>;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

const FLAGS = `query($f: FlagFilter, $first: Int, $after: String) {
  flags(filter: $f, first: $first, after: $after) {
    totalCount edges { node { id code severity year unit { name } } } pageInfo { endCursor hasNextPage }
  }
}`;
const RANK: Record<string, number> = { ERROR: 0, WARNING: 1, INFO: 2 };

async function list(filter: Record<string, unknown>, first: number, after?: string | null, caller: Caller = ADMIN): Promise<Listed> {
  return (await client.data<{ flags: Listed }>(FLAGS, { f: filter, first, after }, caller)).flags;
}

/** Every page of `size`, put together. */
async function allPages(filter: Record<string, unknown>, size: number, caller: Caller = ADMIN): Promise<Listed['edges']> {
  const edges: Listed['edges'] = [];
  let after: string | null = null;
  for (;;) {
    const page = await list(filter, size, after, caller);
    edges.push(...page.edges);
    if (!page.pageInfo.hasNextPage) return edges;
    after = page.pageInfo.endCursor;
  }
}

/** Severity rank, then unit name (code-point order, as the database's C collation and JavaScript compare), then year, latest first. */
function sortKey(e: Listed['edges'][number]): [number, string, number] {
  return [RANK[e.node.severity]!, e.node.unit.name, -e.node.year];
}
function inOrder(edges: Listed['edges']): boolean {
  return edges.every((e, i) => {
    if (i === 0) return true;
    const [a, b] = [sortKey(edges[i - 1]!), sortKey(e)];
    return a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] <= b[2])));
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  client = new TestClient(db);
});
afterAll(async () => db?.close());

describe('the flags list', () => {
  it.each([
    ['one year, every code (stored and derived REPORT_MISSING)', { year: 2022 }],
    ['one code of one year', { year: 2022, codes: ['NO_EVIDENCE'] }],
    ['every year', {}],
  ])('%s: in order, and its pages put together are the whole list', async (_name, filter) => {
    const whole = await list(filter, 200);
    expect(whole.totalCount).toBeGreaterThan(3);
    expect(whole.edges).toHaveLength(Math.min(whole.totalCount, 200));
    expect(inOrder(whole.edges)).toBe(true);
    expect(await allPages(filter, 3)).toEqual(whole.edges);
  });

  it('REPORT_MISSING comes first among its unit and year, derived with no id', async () => {
    const whole = await list({ year: 2023 }, 200);
    const missing = whole.edges.filter((e) => e.node.code === 'REPORT_MISSING');
    expect(missing.length).toBeGreaterThan(0);
    for (const m of missing) expect(m.node.id).toBeNull();
  });

  it('follows a unit renamed in SQL: its flags carry the new name and move to its place', async () => {
    const before = await list({ year: 2022 }, 200);
    const errors = before.edges.filter((e) => e.node.severity === before.edges[0]!.node.severity);
    const names = [...new Set(errors.map((e) => e.node.unit.name))];
    expect(names.length).toBeGreaterThan(1);
    const first = names[0]!;
    // a name after every other in code-point order
    await db.dataSource.query(`UPDATE "unit" SET "name" = '龢${first}' WHERE "name" = '${first}'`);
    try {
      const after = await list({ year: 2022 }, 200);
      expect(after.totalCount).toBe(before.totalCount);
      expect(inOrder(after.edges)).toBe(true);
      const sameSeverity = after.edges.filter((e) => e.node.severity === before.edges[0]!.node.severity);
      expect(sameSeverity[0]!.node.unit.name).toBe(names[1]);
      expect(sameSeverity.at(-1)!.node.unit.name).toBe(`龢${first}`);
    } finally {
      await db.dataSource.query(`UPDATE "unit" SET "name" = '${first}' WHERE "name" = '龢${first}'`);
    }
  });
});

/**
 * The total is counted once per filter, scope and data version (the `flags:*` counters a trigger
 * bumps on every write to flags, assessments and units) and kept in between: after each kind of
 * write it is still the number of flags the pages hold, for every caller's scope.
 */
describe('the total kept between writes', () => {
  const filters: Array<Record<string, unknown>> = [{ year: 2022 }, { year: 2022, codes: ['NO_EVIDENCE'] }, {}];

  /** Each filter's total (asked twice: counted, then kept) against its pages put together, for the caller. */
  async function expectTotalsOfPages(caller: Caller = ADMIN): Promise<number[]> {
    const totals: number[] = [];
    for (const filter of filters) {
      const counted = await list(filter, 1, null, caller);
      const kept = await list(filter, 1, null, caller);
      const pages = await allPages(filter, 100, caller);
      expect(kept.totalCount).toBe(counted.totalCount);
      expect(counted.totalCount).toBe(pages.length);
      totals.push(counted.totalCount);
    }
    return totals;
  }

  it('after a flag deleted and written back, and a reporting unit added and removed (derived REPORT_MISSING)', async () => {
    const before = await expectTotalsOfPages();
    const [flag] = (await db.dataSource.query(
      `SELECT * FROM "assessment_flag" WHERE "year" = 2022 AND "code" = 'NO_EVIDENCE' ORDER BY "id" LIMIT 1`,
    )) as Array<Record<string, unknown>>;
    expect(flag).toBeDefined();
    await db.dataSource.query(`DELETE FROM "assessment_flag" WHERE "id" = ${Number(flag!.id)}`);
    const without = await expectTotalsOfPages();
    expect(without).toEqual([before[0]! - 1, before[1]! - 1, before[2]! - 1]);
    const columns = Object.keys(flag!);
    const placeholders = columns.map((_c, i) => (onPostgres ? `$${i + 1}` : '?')).join(', ');
    await db.dataSource.query(
      `INSERT INTO "assessment_flag" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${placeholders})`,
      columns.map((c) => flag![c]),
    );
    expect(await expectTotalsOfPages()).toEqual(before);

    const units = db.dataSource.getRepository(Unit);
    const added = await units.save(units.create({ name: '总数测试街', level: 'STREET', aliases: [], parentId: null }));
    try {
      const withUnit = await expectTotalsOfPages();
      // a REPORT_MISSING for 2022 in the year's list and in the list of every year; none of code NO_EVIDENCE
      expect(withUnit).toEqual([before[0]! + 1, before[1]!, before[2]! + (withUnit[2]! - before[2]!)]);
      expect(withUnit[2]!).toBeGreaterThan(before[2]!);
    } finally {
      await units.delete({ id: added.id });
    }
    expect(await expectTotalsOfPages()).toEqual(before);
  });

  it('a scoped caller gets the total of its scope, not one kept for another scope', async () => {
    const all = await allPages({ year: 2022 }, 100);
    const names = [...new Set(all.map((e) => e.node.unit.name))].slice(0, 2);
    const scope = (await db.dataSource.getRepository(Unit).find({ where: names.map((name) => ({ name })) })).map((u) => u.id);
    expect(scope).toHaveLength(2);
    const whole = await expectTotalsOfPages();
    const scoped = await expectTotalsOfPages({ name: 'scoped', role: 'VIEWER', scope: new Set(scope) });
    expect(scoped[0]!).toBeGreaterThan(0);
    expect(scoped[0]!).toBeLessThan(whole[0]!);
    expect(scoped[0]!).toBe(all.filter((e) => names.includes(e.node.unit.name)).length);
  });
});
