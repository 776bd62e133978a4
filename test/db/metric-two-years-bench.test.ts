/**
 * The two-year rule of districtMetric on the bench corpus (issue 17): the reuse bench's
 * generator (bench/corpus.ts, `plantReuse` as `bench:reuse` builds it, default seed) at
 * 1 000 units × 3 years. The expected answer comes from the generator, not from the reader:
 * `generateReportText(…, numbers)` records every number it writes with the report part and
 * the text before it, so a unit's 出庭应诉率 in a year is the % written right after
 * "出庭应诉率" in an achievement part (the corpus varies the seeds' 100% to 90/95/98/99% now
 * and then). A unit misses the ≥ 100% target when it wrote such a rate and none of them is
 * 100; two years running when it also missed the year before.
 *
 * Only the districts that hold a unit missing two years running are ingested (all their
 * units' reports of the three years, through the product's ingest service), so the test
 * stays small while the answer covers every unit of those districts.
 */
import { buildCorpus, generateReportText, type Corpus, type GeneratedNumber } from '../../bench/corpus';
import { runWrite } from '../../src/db/write-lock';
import { ingestReport } from '../../src/pipeline/ingest.service';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { upsertUnits } from '../../src/units/unit.service';
import { TestClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

jest.setTimeout(300_000);

const UNITS = 1000;
const YEARS = 3;
/** the text right before a rate of 出庭应诉率 (达到 / 为 / a space between) */
const COURT_RATE_BEFORE = /出庭应诉率[^，。；！？\d]{0,6}$/u;

let db: TestDatabase;
let client: TestClient;
let corpus: Corpus;
/** 出庭应诉率 values written per `unit|year` (an entry only for reports that have one) */
const written = new Map<string, number[]>();
/** the districts ingested, with their reporting units */
const districts = new Map<string, string[]>();

function missed(unit: string, year: number): boolean {
  const values = written.get(`${unit}|${year}`);
  return values !== undefined && values.every((v) => v < 100);
}

beforeAll(async () => {
  corpus = buildCorpus({ units: UNITS, years: YEARS, plantReuse: true });
  const texts = new Map<string, string>();
  for (const spec of corpus.reports) {
    const numbers: GeneratedNumber[] = [];
    texts.set(`${spec.unit}|${spec.year}`, generateReportText(corpus, spec, numbers));
    const rates = numbers.filter((n) => n.part === 'ACHIEVEMENT' && n.unit === '%' && COURT_RATE_BEFORE.test(n.before));
    if (rates.length)
      written.set(
        `${spec.unit}|${spec.year}`,
        rates.map((n) => n.value),
      );
  }
  const parentOf = new Map(corpus.units.map((u) => [u.name, u.parentName]));
  for (const spec of corpus.reports) {
    if (!missed(spec.unit, spec.year) || !missed(spec.unit, spec.year - 1)) continue;
    const district = parentOf.get(spec.unit) as string;
    districts.set(
      district,
      corpus.units.filter((u) => u.parentName === district).map((u) => u.name),
    );
  }

  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock, undefined, { reports: false });
  client = new TestClient(db);
  // the districts with their city and province (parents first, as in corpus.units)
  const wanted = new Set<string>();
  for (const [district, units] of districts) {
    for (let name: string | null | undefined = district; name; name = parentOf.get(name)) wanted.add(name);
    for (const u of units) wanted.add(u);
  }
  await runWrite(db.dataSource, db.lock, (m) =>
    upsertUnits(
      m,
      corpus.units
        .filter((u) => wanted.has(u.name))
        .map((u) => ({ name: u.name, level: u.level, aliases: u.aliases, parentName: u.parentName })),
    ),
  );
  for (const spec of corpus.reports) {
    if (!districts.has(parentOf.get(spec.unit) as string)) continue;
    const result = await ingestReport(
      db.dataSource,
      db.lock,
      {
        text: texts.get(`${spec.unit}|${spec.year}`) as string,
        unit: spec.unit,
        year: spec.year,
        source: `bench/${spec.year}/${spec.unit}.txt`,
        actor: 'test',
      },
      { maxReportBytes: 5 * 1024 * 1024 },
    );
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
  }
});
afterAll(async () => db?.close());

interface Answer {
  values: Array<{ unit: { name: string }; value: number | null; met: boolean | null }>;
  missingTarget: Array<{ name: string }>;
  missingTwoYears: Array<{ name: string }>;
}

it('the generator wrote units that missed the 出庭应诉率 target two years running (else the test proves nothing)', () => {
  expect(districts.size).toBeGreaterThan(0);
});

it('districtMetric finds exactly the units the generator made miss the target, this year and two years running', async () => {
  let twoYears = 0;
  for (const [district, units] of districts) {
    const found = await client.data(`query($name: String!) { units(filter: { nameContains: $name }) { edges { node { id name } } } }`, {
      name: district,
    });
    const id = found.units.edges.find((e: { node: { name: string } }) => e.node.name === district).node.id as string;
    for (const year of corpus.years.slice(1)) {
      const data = await client.data(
        `query($p: ID!, $y: Int!) { districtMetric(parentUnitId: $p, metric: "COURT_APPEARANCE_RATE", year: $y) {
          values { unit { name } value met } missingTarget { name } missingTwoYears { name } } }`,
        { p: id, y: year },
      );
      const d = data.districtMetric as Answer;
      const names = (list: Array<{ name: string }>) => list.map((u) => u.name).sort();
      const expectedMissing = units.filter((u) => missed(u, year)).sort();
      const expectedTwoYears = units.filter((u) => missed(u, year) && missed(u, year - 1)).sort();
      twoYears += expectedTwoYears.length;
      expect({ district, year, missingTarget: names(d.missingTarget) }).toEqual({ district, year, missingTarget: expectedMissing });
      expect({ district, year, missingTwoYears: names(d.missingTwoYears) }).toEqual({ district, year, missingTwoYears: expectedTwoYears });
      // each unit's value is the best one it wrote (the most favourable for a ≥ target)
      for (const v of d.values) {
        const values = written.get(`${v.unit.name}|${year}`);
        expect({ unit: v.unit.name, year, value: v.value }).toEqual({
          unit: v.unit.name,
          year,
          value: values ? Math.max(...values) : null,
        });
      }
    }
  }
  expect(twoYears).toBeGreaterThan(0);
});
