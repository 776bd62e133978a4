import { Assessment } from '../../src/assessment/assessment.entity';
import { assessReportText } from '../../src/pipeline/report-pipeline';
import { loadChecklistDefinition } from '../../src/checklist/checklist.service';
import { Checklist } from '../../src/checklist/checklist.entity';
import { EvidenceLink } from '../../src/evidence/evidence-link.entity';
import { Claim } from '../../src/reports/claim.entity';
import { ingestReport } from '../../src/pipeline/ingest.service';
import { MetricValue } from '../../src/reports/metric-value.entity';
import { ReportSection } from '../../src/reports/report-section.entity';
import { Report } from '../../src/reports/report.entity';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { Unit } from '../../src/units/unit.entity';
import { seedReports } from '../helpers/seeds';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { TestClient } from '../helpers/graphql';
import { IsNull } from 'typeorm';

let db: TestDatabase;
const limits = { maxReportBytes: 5 * 1024 * 1024 };

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
});
afterAll(async () => db?.close());

const rowCounts = () =>
  Promise.all([Report, ReportSection, Claim, MetricValue, EvidenceLink].map((e) => db.dataSource.getRepository(e).count()));

describe('stored assessments', () => {
  it('equal the pure pipeline (analyse → match → assess) on the five seeds', async () => {
    const checklist = await db.dataSource.getRepository(Checklist).findOneOrFail({ where: {} });
    const loaded = await loadChecklistDefinition(db.dataSource.manager, checklist.id);
    for (const seed of seedReports()) {
      const unit = await db.dataSource.getRepository(Unit).findOneOrFail({ where: { name: seed.unit } });
      const stored = await db.dataSource
        .getRepository(Assessment)
        .findOneOrFail({ where: { unitId: unit.id, year: seed.year, checklistId: checklist.id } });
      const pure = assessReportText(seed.raw, loaded.definition, { unit: seed.unit, year: seed.year }).result;
      const statuses = (r: typeof pure) => r.items.map((i) => `${i.code}:${i.status}:${i.confirmedStatus}`);
      expect(statuses(stored.result)).toEqual(statuses(pure));
      expect(stored.result.coverage.proposed).toEqual(pure.coverage.proposed);
      expect(stored.result.score).toEqual(pure.score);
      expect(stored.result.flags.map((f) => `${f.code}:${f.itemCode}`)).toEqual(pure.flags.map((f) => `${f.code}:${f.itemCode}`));
    }
  });

  it('are not stored for units without a report that year: "no report" (REPORT_MISSING) is derived when read', async () => {
    const wanxing = await db.dataSource.getRepository(Unit).findOneOrFail({ where: { name: '万兴街' } });
    // 2023 has reports (王顶堤街, 稷下街道), none from 万兴街: nothing stored for it
    expect(await db.dataSource.getRepository(Report).count({ where: { year: 2023 } })).toBeGreaterThan(0);
    expect(await db.dataSource.getRepository(Assessment).count({ where: { unitId: wanxing.id, year: 2023 } })).toBe(0);
    expect(await db.dataSource.getRepository(Assessment).count({ where: { reportId: IsNull() } })).toBe(0);
    const client = new TestClient(db);
    const unitId = Buffer.from(`Unit:${wanxing.id}`).toString('base64');
    const { assessment } = await client.data(
      `query($u: ID!) { assessment(unitId: $u, year: 2023) {
        report { id } computedAt items { status confirmedStatus } flags { code itemCode severity }
        coverage { proposed { covered assessable ratio } } score { proposed { normalised } } } }`,
      { u: unitId },
    );
    expect(assessment.report).toBeNull();
    expect(assessment.computedAt).toBeNull();
    expect(assessment.items).toHaveLength(31);
    for (const item of assessment.items) expect(item).toEqual({ status: 'MISSING', confirmedStatus: 'MISSING' });
    expect(assessment.flags).toEqual([{ code: 'REPORT_MISSING', itemCode: null, severity: 'ERROR' }]);
    expect(assessment.coverage.proposed).toEqual({ covered: 0, assessable: 31, ratio: 0 });
    expect(assessment.score.proposed.normalised).toBe(0);
    const { flags } = await client.data(
      `query($u: [ID!]) { flags(filter: { year: 2023, unitIds: $u }) { totalCount edges { node { id code itemCode unit { name } } } } }`,
      { u: [unitId] },
    );
    expect(flags).toEqual({
      totalCount: 1,
      edges: [{ node: { id: null, code: 'REPORT_MISSING', itemCode: null, unit: { name: '万兴街' } } }],
    });
  });

  it('the first report of a year stores its own assessment only, whatever the number of units', async () => {
    const before = await db.dataSource.getRepository(Assessment).count();
    const seed = seedReports()[0]!;
    const result = await ingestReport(
      db.dataSource,
      db.lock,
      { text: seed.raw, unit: seed.unit, year: 2024, source: 'first-of-2024.txt', actor: 't' },
      limits,
    );
    expect(result.ok).toBe(true);
    expect(await db.dataSource.getRepository(Assessment).count()).toBe(before + 1);
    await db.dataSource.getRepository(Report).delete({ source: 'first-of-2024.txt' });
    await db.dataSource.getRepository(Assessment).delete({ year: 2024 });
  });
});

describe('ingestReport', () => {
  it('is a no-op for the same text, unit and year: the existing report comes back', async () => {
    const seed = seedReports()[0];
    const before = await rowCounts();
    const again = await ingestReport(
      db.dataSource,
      db.lock,
      { text: seed!.raw, unit: seed!.unit, year: seed!.year, source: 'again.txt', actor: 't' },
      limits,
    );
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.value.created).toBe(false);
    expect(again.value.report?.source).toBe(`seeds/${seed!.file}`);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a different text for the same unit and year unless it is marked as a replacement', async () => {
    const seed = seedReports().find((s) => s.unit === '塘沽街道')!;
    // a second version of the report that adds the rate to its past work (section 一)
    const anchor = '（一）依法行政制度体系不断完善。';
    expect(seed.raw).toContain(anchor);
    const changed = seed.raw.replace(anchor, `${anchor}行政机关负责人出庭应诉率达到100%。`);
    const refused = await ingestReport(
      db.dataSource,
      db.lock,
      { text: changed, unit: seed.unit, year: seed.year, source: 'v2.txt', actor: 't' },
      limits,
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]).toMatchObject({ code: 'REPORT_EXISTS', field: 'input.replace' });

    const oldReport = await db.dataSource.getRepository(Report).findOneOrFail({ where: { source: `seeds/${seed.file}` } });
    const oldLinks = await db.dataSource.getRepository(EvidenceLink).count({ where: { reportId: oldReport.id } });
    expect(oldLinks).toBeGreaterThan(0);

    const replaced = await ingestReport(
      db.dataSource,
      db.lock,
      { text: changed, unit: seed.unit, year: seed.year, source: 'v2.txt', replace: true, actor: 't' },
      limits,
    );
    expect(replaced.ok).toBe(true);
    if (!replaced.ok) return;
    expect(replaced.value.created).toBe(true);
    expect(replaced.value.replaced?.id).toBe(oldReport.id);
    const old = await db.dataSource.getRepository(Report).findOneOrFail({ where: { id: oldReport.id } });
    expect(old).toMatchObject({ state: 'REPLACED', replacedById: replaced.value.report!.id });
    // the old report and its links stay retrievable
    expect(await db.dataSource.getRepository(EvidenceLink).count({ where: { reportId: oldReport.id } })).toBe(oldLinks);
    // the assessment now uses the new report: the added rate makes 7.4 COVERED
    const assessment = await db.dataSource
      .getRepository(Assessment)
      .findOneOrFail({ where: { unitId: replaced.value.unit.id, year: seed.year } });
    expect(assessment.reportId).toBe(replaced.value.report!.id);
    expect(assessment.result.items.find((i) => i.code === '7.4')?.status).toBe('COVERED');
  });

  it('gives user errors for an unknown unit (with suggestions), a year out of range, and empty text', async () => {
    const seed = seedReports()[0];
    const unknown = await ingestReport(
      db.dataSource,
      db.lock,
      { text: seed!.raw, unit: '万兴街街', year: 2024, source: 'x', actor: 't' },
      limits,
    );
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.errors[0]?.code).toBe('UNIT_NOT_FOUND');
      expect(unknown.errors[0]?.message).toContain('万兴街');
    }
    const year = await ingestReport(
      db.dataSource,
      db.lock,
      { text: seed!.raw, unit: '万兴街', year: 1990, source: 'x', actor: 't' },
      limits,
    );
    expect(!year.ok && year.errors[0]?.code).toBe('YEAR_OUT_OF_RANGE');
    const empty = await ingestReport(
      db.dataSource,
      db.lock,
      { text: ' \n\t ', unit: '万兴街', year: 2024, source: 'x', actor: 't' },
      limits,
    );
    expect(!empty.ok && empty.errors[0]?.code).toBe('EMPTY_TEXT');
  });

  it('leaves nothing behind when storing fails half-way (one transaction)', async () => {
    const seed = seedReports().find((s) => s.unit === '王顶堤街')!;
    const before = await rowCounts();
    // Break the database under the ingest: metric values cannot be stored, after the
    // report, its sections and claims were inserted in the same transaction.
    await db.dataSource.query('ALTER TABLE metric_value RENAME TO metric_value_gone');
    try {
      await expect(
        ingestReport(
          db.dataSource,
          db.lock,
          { text: `${seed.raw}\n补充：完成率100%。`, unit: '万兴街', year: 2024, source: 'fail.txt', actor: 't' },
          limits,
        ),
      ).rejects.toThrow();
    } finally {
      await db.dataSource.query('ALTER TABLE metric_value_gone RENAME TO metric_value');
    }
    expect(await rowCounts()).toEqual(before);
    expect(await db.dataSource.getRepository(Report).count({ where: { source: 'fail.txt' } })).toBe(0);
    // and the ingest can be retried
    const retried = await ingestReport(
      db.dataSource,
      db.lock,
      { text: `${seed.raw}\n补充：完成率100%。`, unit: '万兴街', year: 2024, source: 'fail.txt', actor: 't' },
      limits,
    );
    expect(retried.ok && retried.value.created).toBe(true);
  });
});
