import { ChecklistItem } from '../../src/checklist/checklist-item.entity';
import { Claim } from '../../src/reports/claim.entity';
import { Report } from '../../src/reports/report.entity';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { Unit } from '../../src/units/unit.entity';
import { TestClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let client: TestClient;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  client = new TestClient(db);
});
afterAll(async () => db?.close());

interface TreeNode {
  name: string;
  level: string;
  children: TreeNode[];
}

describe('the unit tree of the five reports', () => {
  it('has Tianjin and Shandong at the top with their districts and streets', async () => {
    const data = await client.data<{ units: { edges: { node: TreeNode }[] } }>(`{
      units(filter: { rootsOnly: true }) {
        edges { node { name level children { name level children { name level children { name level children { name level } } } } } }
      }
    }`);
    const roots = data.units.edges.map((e) => e.node);
    const names = (n: TreeNode[]) => n.map((x) => x.name);
    expect(names(roots).sort()).toEqual(['天津市', '山东省'].sort());
    const tianjin = roots.find((r) => r.name === '天津市')!;
    expect(tianjin.level).toBe('CITY');
    expect(names(tianjin.children).sort()).toEqual(['南开区', '滨海新区'].sort());
    const nankai = tianjin.children.find((c) => c.name === '南开区')!;
    expect(names(nankai.children).sort()).toEqual(['万兴街', '王顶堤街'].sort());
    expect(nankai.children.every((c) => c.level === 'STREET')).toBe(true);
    const binhai = tianjin.children.find((c) => c.name === '滨海新区')!;
    expect(names(binhai.children).sort()).toEqual(['塘沽街道', '胡家园街'].sort());
    const shandong = roots.find((r) => r.name === '山东省')!;
    expect(shandong.level).toBe('PROVINCE');
    expect(shandong.children[0]?.name).toBe('淄博市');
    expect(shandong.children[0]?.children[0]?.name).toBe('临淄区');
    expect(shandong.children[0]?.children[0]?.children.map((c) => c.name)).toEqual(['稷下街道']);
  });

  it('resolves unit(id) with parent, children, aliases and reports', async () => {
    const list = await client.data<{ units: { edges: { node: { id: string } }[] } }>(
      `{ units(filter: { nameContains: "万兴" }) { edges { node { id } } } }`,
    );
    expect(list.units.edges).toHaveLength(1);
    const data = await client.data(
      `query($id: ID!) { unit(id: $id) { name aliases level parent { name parent { name } } children { name } reports { year source } } }`,
      { id: list.units.edges[0]!.node.id },
    );
    expect(data.unit).toEqual({
      name: '万兴街',
      aliases: ['万兴街道'],
      level: 'STREET',
      parent: { name: '南开区', parent: { name: '天津市' } },
      children: [],
      reports: [{ year: 2022, source: 'seeds/reports/000_6e4407ce581485da.txt' }],
    });
  });
});

describe('checklists', () => {
  it('has the demo checklist with 10 parts and 31 assessable items, targets included', async () => {
    const data = await client.data(`{
      checklists { key version parts { code assessable children { code assessable points targets { metric op threshold unit } } } items { code } }
    }`);
    expect(data.checklists).toHaveLength(1);
    const [checklist] = data.checklists;
    expect(checklist.parts.map((p: { code: string }) => p.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(checklist.parts.every((p: { assessable: boolean }) => !p.assessable)).toBe(true);
    const items = checklist.parts.flatMap((p: { children: unknown[] }) => p.children);
    expect(items).toHaveLength(31);
    expect(checklist.items).toHaveLength(41);
    const court = items.find((i: { code: string }) => i.code === '7.4');
    expect(court).toMatchObject({
      assessable: true,
      points: 5,
      targets: [{ metric: 'COURT_APPEARANCE_RATE', op: '>=', threshold: 100, unit: '%' }],
    });
    const exam = items.find((i: { code: string }) => i.code === '10.5');
    expect(exam.targets.map((t: { metric: string }) => t.metric).sort()).toEqual(
      ['LAW_EXAM_AVG_SCORE', 'LAW_EXAM_PARTICIPATION_RATE', 'LAW_EXAM_PASS_RATE'].sort(),
    );
  });
});

describe('reports', () => {
  const query = `query($filter: ReportFilter, $first: Int, $after: String) {
    reports(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id year source unit { name } } }
    }
  }`;

  it('lists the five reports with the right unit and year', async () => {
    const data = await client.data(query);
    const rows = data.reports.edges.map((e: { node: { year: number; unit: { name: string } } }) => `${e.node.unit.name} ${e.node.year}`);
    expect(data.reports.totalCount).toBe(5);
    expect(rows.sort()).toEqual(['万兴街 2022', '王顶堤街 2023', '稷下街道 2023', '塘沽街道 2021', '胡家园街 2022'].sort());
  });

  it('filters by year and by unit, and pages with cursors', async () => {
    const y2023 = await client.data(query, { filter: { year: 2023 } });
    expect(y2023.reports.edges.map((e: { node: { unit: { name: string } } }) => e.node.unit.name).sort()).toEqual(
      ['王顶堤街', '稷下街道'].sort(),
    );
    const first = await client.data(query, { first: 2 });
    expect(first.reports.edges).toHaveLength(2);
    expect(first.reports.pageInfo.hasNextPage).toBe(true);
    const rest = await client.data(query, { first: 10, after: first.reports.pageInfo.endCursor });
    expect(rest.reports.edges).toHaveLength(3);
    expect(rest.reports.pageInfo.hasNextPage).toBe(false);
    const units = await client.data(`{ units(filter: { nameContains: "胡家园" }) { edges { node { id } } } }`);
    const byUnit = await client.data(query, { filter: { unitId: units.units.edges[0].node.id } });
    expect(byUnit.reports.edges.map((e: { node: { year: number } }) => e.node.year)).toEqual([2022]);
  });

  it('refetches a report with node(id), and rejects a bad cursor with a coded error', async () => {
    const data = await client.data(query, { filter: { year: 2021 } });
    const id = data.reports.edges[0].node.id;
    const node = await client.data(`query($id: ID!) { node(id: $id) { id __typename ... on Report { year unit { name } } } }`, { id });
    expect(node.node).toEqual({ id, __typename: 'Report', year: 2021, unit: { name: '塘沽街道' } });
    const bad = await client.run(query, { after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('seed loading', () => {
  it('is idempotent: loading twice adds no rows', async () => {
    const count = async () =>
      Promise.all([
        db.dataSource.getRepository(Unit).count(),
        db.dataSource.getRepository(ChecklistItem).count(),
        db.dataSource.getRepository(Report).count(),
        db.dataSource.getRepository(Claim).count(),
      ]);
    const before = await count();
    const summary = await loadSeeds(db.dataSource, db.lock);
    expect(summary).toEqual({ unitsCreated: 0, checklistCreated: false, reportsCreated: 0, reportsSkipped: 5 });
    expect(await count()).toEqual(before);
    expect(before[0]).toBe(11);
  });
});
