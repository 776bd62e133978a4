import { loadSeeds } from '../../src/seeds/load-seeds';
import { TestClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

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

async function list(filter: Record<string, unknown>, first: number, after?: string | null): Promise<Listed> {
  return (await client.data<{ flags: Listed }>(FLAGS, { f: filter, first, after })).flags;
}

/** Every page of `size`, put together. */
async function allPages(filter: Record<string, unknown>, size: number): Promise<Listed['edges']> {
  const edges: Listed['edges'] = [];
  let after: string | null = null;
  for (;;) {
    const page = await list(filter, size, after);
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
