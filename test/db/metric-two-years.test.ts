/**
 * The two-year rule of districtMetric on a small generated corpus: reports written for the
 * four 天津市 units over two years with a known 出庭应诉率 each (and a plan of 100% that must
 * not count), ingested through the product's ingest service.
 */
import { ingestReport } from '../../src/pipeline/ingest.service';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { TestClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let client: TestClient;

/** 出庭应诉率 per unit and year as written in the report (null: no report that year). */
const RATES: Record<string, [string | null, string | null]> = {
  万兴街: ['达到95%', '达到98%'], // below both years
  王顶堤街: ['达100%', '为90%'], // below this year only
  塘沽街道: ['为80%', '达到100%'], // below last year only
  胡家园街: [null, '近100%'], // APPROX 100 does not prove >= 100; no report the year before
};

function report(unit: string, year: number, rate: string): string {
  return `${unit}${year}年法治政府建设年度报告
一、${year}年推进法治政府建设的主要举措和成效
（一）规范行政应诉工作。${year}年，${unit}认真落实行政机关负责人出庭应诉制度，行政机关负责人出庭应诉率${rate}，依法履行生效裁判。
（二）加强法治宣传。组织开展宪法宣传周活动12场，发放宣传资料3000余份。
二、存在的不足和原因
行政执法人员专业能力有待提高。
三、${year + 1}年推进法治政府建设的主要安排
力争行政机关负责人出庭应诉率达到100%。
`;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock, undefined, { reports: false });
  client = new TestClient(db);
  for (const [unit, rates] of Object.entries(RATES)) {
    for (const [i, rate] of rates.entries()) {
      if (rate === null) continue;
      const year = 2021 + i;
      const r = await ingestReport(
        db.dataSource,
        db.lock,
        { text: report(unit, year, rate), unit, year, source: `gen/${unit}${year}`, actor: 'test' },
        { maxReportBytes: 1e6 },
      );
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
    }
  }
});
afterAll(async () => db?.close());

it('districtMetric: below the target this year, two years running, APPROX shown as such, plans not counted', async () => {
  const units = await client.data(`{ units(filter: { nameContains: "天津" }) { edges { node { id } } } }`);
  const data = await client.data(
    `query($p: ID!) { districtMetric(parentUnitId: $p, metric: "COURT_APPEARANCE_RATE", year: 2022) {
      values { unit { name } display met claim { polarity } }
      count min median max
      missingTarget { name } missingTwoYears { name } notReported { name } } }`,
    { p: units.units.edges[0].node.id },
  );
  const d = data.districtMetric;
  const byName = Object.fromEntries(d.values.map((v: { unit: { name: string } }) => [v.unit.name, v]));
  expect(byName['万兴街']).toMatchObject({ display: '98%', met: false, claim: { polarity: 'POSITIVE' } });
  expect(byName['王顶堤街']).toMatchObject({ display: '90%', met: false });
  expect(byName['塘沽街道']).toMatchObject({ display: '100%', met: true });
  expect(byName['胡家园街']).toMatchObject({ display: '约100%', met: false });
  expect(d.missingTarget.map((u: { name: string }) => u.name).sort()).toEqual(['万兴街', '王顶堤街', '胡家园街'].sort());
  expect(d.missingTwoYears).toEqual([{ name: '万兴街' }]);
  expect(d.notReported).toEqual([]);
  expect(d).toMatchObject({ count: 4, min: 90, median: 99, max: 100 });
});
