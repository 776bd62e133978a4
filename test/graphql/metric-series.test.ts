import { loadSeeds } from '../../src/seeds/load-seeds';
import { fromGlobalId } from '../../src/graphql/relay';
import { TestClient, type ADMIN } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let client: TestClient;
const ids = new Map<string, string>();

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  client = new TestClient(db);
  const units = await client.data(`{ units(first: 50) { edges { node { id name } } } }`);
  for (const e of units.units.edges) ids.set(e.node.name, e.node.id);
});
afterAll(async () => db?.close());

const DISTRICT = `query($parent: ID!, $metric: String!, $year: Int!) {
  districtMetric(parentUnitId: $parent, metric: $metric, year: $year) {
    metric year count min median max
    target { itemCode op threshold unit text }
    values { unit { name } year hasReport value valueUnit qualifier display met claim { text polarity } metricValue { text } }
    missingTarget { name } missingTwoYears { name } notReported { name }
  }
}`;

describe('metric series over the demo data', () => {
  it('districtMetric gives each unit its COURT_APPEARANCE_RATE with the claim it was read from, beside the 7.4 target', async () => {
    const data = await client.data(DISTRICT, { parent: ids.get('南开区'), metric: 'COURT_APPEARANCE_RATE', year: 2022 });
    const d = data.districtMetric;
    expect(d.target).toEqual({ itemCode: '7.4', op: '>=', threshold: 100, unit: '%', text: '≥ 100%' });
    const byName = new Map(d.values.map((v: { unit: { name: string } }) => [v.unit.name, v]));
    expect([...byName.keys()].sort()).toEqual(['万兴街', '王顶堤街']);
    const wanxing = byName.get('万兴街') as Record<string, any>;
    expect(wanxing).toMatchObject({
      year: 2022,
      hasReport: true,
      value: 100,
      valueUnit: '%',
      qualifier: 'EXACT',
      display: '100%',
      met: true,
    });
    expect(wanxing.claim.polarity).toBe('POSITIVE');
    expect(wanxing.claim.text).toContain(wanxing.metricValue.text);
    expect(wanxing.claim.text).toMatch(/出庭/);
    // 王顶堤街 sent no report for 2022
    expect(byName.get('王顶堤街')).toMatchObject({ hasReport: false, value: null, display: '未报告', met: null, claim: null });
    expect(d).toMatchObject({ count: 1, min: 100, median: 100, max: 100, missingTarget: [], missingTwoYears: [] });
  });

  it('metricSeries gives one point per year for a unit', async () => {
    const data = await client.data(
      `query($unit: ID!) { metricSeries(unitId: $unit, metric: "COURT_APPEARANCE_RATE", years: [2023, 2021, 2022]) {
        metric target { itemCode text } unit { name } points { year hasReport display value } } }`,
      { unit: ids.get('万兴街') },
    );
    expect(data.metricSeries.unit.name).toBe('万兴街');
    expect(data.metricSeries.points.map((p: { year: number }) => p.year)).toEqual([2021, 2022, 2023]);
    expect(data.metricSeries.points[1]).toMatchObject({ year: 2022, hasReport: true, value: 100, display: '100%' });
    expect(data.metricSeries.points[0]).toMatchObject({ hasReport: false, value: null });
  });

  it('refuses an unknown metric and hides units outside the caller scope', async () => {
    const bad = await client.run(DISTRICT, { parent: ids.get('南开区'), metric: 'NO_SUCH_RATE', year: 2022 });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const wanxingOnly: typeof ADMIN = { name: 'unit', role: 'VIEWER', scope: new Set([fromGlobalId(ids.get('万兴街')!)!.id]) };
    const outside = await client.run(DISTRICT, { parent: ids.get('南开区'), metric: 'COURT_APPEARANCE_RATE', year: 2022 }, wanxingOnly);
    expect(outside.errors?.[0]?.message).toMatch(/No such unit/);
  });
});
