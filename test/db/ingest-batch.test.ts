/**
 * A batched folder ingest (`ingestBatch`: read and matched in the worker pool, several reports
 * per write transaction) stores exactly what ingesting the same texts one by one through
 * `ingestReport` stores — reports, sections, claims, numbers, links, assessments, flags, claim
 * bands and audit entries, row by row — and a report the database refuses inside a batch fails
 * alone. On SQLite, and on PostgreSQL when DATABASE_URL is set.
 */
import type { DataSource } from 'typeorm';
import { asFiledReport, buildCorpus, generateReportText } from '../../bench/corpus';
import { runWrite } from '../../src/db/write-lock';
import { closeAnalysisPool } from '../../src/pipeline/analysis-pool';
import type { Outcome } from '../../src/common/user-error';
import { ingestBatch, ingestReport, type BatchInput, type IngestResult } from '../../src/pipeline/ingest.service';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { upsertUnits } from '../../src/units/unit.service';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db';

const LIMITS = { maxReportBytes: 5 * 1024 * 1024 };
const corpus = buildCorpus({ units: 9, years: 2, seed: 'ingest-batch-test', matrixDistrictUnits: 9 });

/** The folder: reports with unit and year in their title, and inputs every ingest must refuse or skip. */
function folder(): BatchInput[] {
  const reports = corpus.reports.map((spec) => ({
    text: asFiledReport(spec, generateReportText(corpus, spec)),
    source: `folder/${spec.year}/${spec.unit}.txt`,
    actor: 'test',
  }));
  const [first, second] = corpus.reports;
  return [
    ...reports.slice(0, 5),
    { text: '   \n', source: 'folder/empty.txt', actor: 'test' }, // EMPTY_TEXT
    { ...reports[0]!, source: 'folder/again.txt' }, // the same text again: already in
    // another text for the first report's unit and year: REPORT_EXISTS (refused inside the batch)
    { text: asFiledReport(first!, generateReportText(corpus, second!)), source: 'folder/other.txt', actor: 'test' },
    { text: '某某公司2022年度工作总结\n一、主要工作\n完成了任务。', source: 'folder/unknown.txt', actor: 'test' },
    ...reports.slice(5),
  ];
}

const TABLES = [
  'report',
  'report_section',
  'claim',
  'claim_band',
  'metric_value',
  'evidence_link',
  'assessment',
  'assessment_flag',
  'assessment_item_status',
  'audit_entry',
];

/** Every row of the tables ingest writes (the search rows too), in id order, without the clock's columns. */
async function storedRows(ds: DataSource): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of [...TABLES, 'claim_search']) {
    // the search rows: SQLite's FTS5 table keeps the claim id as its rowid
    const sql =
      table === 'claim_search' && ds.options.type !== 'postgres'
        ? `SELECT rowid AS "claimId", tokens FROM claim_search`
        : `SELECT * FROM "${table}"`;
    const rows: Array<Record<string, unknown>> = await ds.query(sql);
    const normalised = rows.map((row) =>
      Object.fromEntries(
        Object.entries(row)
          .filter(([column]) => !/(^at|At)$/u.test(column)) // the clock
          .map(([column, value]) => [column, value === null || typeof value === 'object' ? value : String(value)]),
      ),
    );
    out[table] = normalised.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

async function freshDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock, undefined, { reports: false });
  await runWrite(db.dataSource, db.lock, (m) => upsertUnits(m, corpus.units));
  return db;
}

/** Makes the database refuse the report of one source, as a fault would (not a refusal ingest knows). */
async function refuseSource(ds: DataSource, source: string): Promise<void> {
  if (onPostgres) {
    await ds.query(
      `CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN IF NEW."source" = '${source}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await ds.query(`CREATE TRIGGER refuse_one BEFORE INSERT ON "report" FOR EACH ROW EXECUTE FUNCTION refuse_one()`);
  } else {
    await ds.query(
      `CREATE TRIGGER refuse_one BEFORE INSERT ON "report" WHEN NEW."source" = '${source}' BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
  }
}

let one: TestDatabase;
let batched: TestDatabase;
let whole: TestDatabase;

beforeAll(async () => {
  one = await freshDatabase();
  batched = await freshDatabase();
  whole = await freshDatabase();
}, 120_000);

afterAll(async () => {
  await one?.close();
  await batched?.close();
  await whole?.close();
  await closeAnalysisPool();
});

describe('ingestBatch', () => {
  it('stores exactly what ingesting the reports one by one stores, refusals included', async () => {
    const inputs = folder();
    const single: Array<Outcome<IngestResult>> = [];
    for (const input of inputs) single.push(await ingestReport(one.dataSource, one.lock, input, LIMITS));
    const batch = await ingestBatch(batched.dataSource, batched.lock, inputs, LIMITS, { batchSize: 4 });
    // one transaction for all: a unit's report of the year before and a second text for the same unit
    // and year are in the same batch
    whole.counter.record = true;
    const all = await ingestBatch(whole.dataSource, whole.lock, inputs, LIMITS, { batchSize: inputs.length });
    whole.counter.record = false;
    // the new reports went in with multi-row statements, not one INSERT per report (the one-by-one path)
    const reportInserts = whole.counter.statements.filter((q) => /^INSERT INTO "report"/u.test(q)).length;
    expect(reportInserts).toBeGreaterThan(0);
    expect(reportInserts).toBeLessThan(corpus.reports.length / 4);

    const summary = (o: Outcome<IngestResult>) =>
      o.ok ? `${o.value.unit.name} ${o.value.year} ${o.value.created ? 'created' : 'already in'} ${o.value.linkCount}` : o.errors[0]?.code;
    expect(batch.map(summary)).toEqual(single.map(summary));
    expect(all.map(summary)).toEqual(single.map(summary));
    expect(single.map(summary)).toEqual(
      expect.arrayContaining(['EMPTY_TEXT', 'REPORT_EXISTS', 'UNIT_NOT_DETECTED', expect.stringMatching(/already in 0$/u)]),
    );
    expect(single.filter((o) => o.ok && o.value.created)).toHaveLength(corpus.reports.length);

    const [a, b, c] = await Promise.all([storedRows(one.dataSource), storedRows(batched.dataSource), storedRows(whole.dataSource)]);
    expect(a.report).toHaveLength(corpus.reports.length);
    expect(a.claim!.length).toBeGreaterThan(100);
    expect(a.evidence_link!.length).toBeGreaterThan(100);
    expect(a.assessment_item_status!.length).toBeGreaterThan(100);
    expect(a.claim_search).toHaveLength(a.claim!.length);
    for (const table of [...TABLES, 'claim_search']) {
      expect({ table, rows: b[table] }).toEqual({ table, rows: a[table] });
      expect({ table, rows: c[table] }).toEqual({ table, rows: a[table] });
    }
  }, 300_000);

  it('stores the others of a batch when the database refuses one report, and fails that one alone', async () => {
    const spare = buildCorpus({ units: 9, years: 1, seed: 'ingest-batch-test', firstYear: 2023, matrixDistrictUnits: 9 });
    const inputs: BatchInput[] = spare.reports.slice(0, 6).map((spec) => ({
      text: asFiledReport(spec, generateReportText(spare, spec)),
      source: `spare/${spec.unit}.txt`,
      actor: 'test',
    }));
    const refused = inputs[2]!.source;
    await refuseSource(batched.dataSource, refused);
    const results = await ingestBatch(batched.dataSource, batched.lock, inputs, LIMITS, { batchSize: 6 });
    expect(results.map((r) => (r.ok ? r.value.created : r.errors[0]?.code))).toEqual([true, true, 'STORE_FAILED', true, true, true]);
    const failed = results[2]!;
    expect(failed.ok ? '' : failed.errors[0]!.message).not.toMatch(/refused|INSERT|SQL/iu);
    const stored: Array<{ source: string }> = await batched.dataSource.query(
      `SELECT "source" FROM "report" WHERE "source" LIKE 'spare/%' ORDER BY "id"`,
    );
    expect(stored.map((r) => r.source)).toEqual(inputs.filter((i) => i.source !== refused).map((i) => i.source));
  }, 300_000);
});
