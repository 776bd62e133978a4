import { IsNull, Not } from 'typeorm';
import { fillNarrowColumns } from '../../src/db/migrations/narrow-assessments';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
});
afterAll(async () => db?.close());

const LIST = `SELECT "id", "coveredConfirmed", "partialConfirmed", "coveredProposed", "partialProposed", "assessableItems",
  "earnedConfirmed", "earnedProposed", "possiblePoints", "flagCount" FROM "assessment" ORDER BY "id"`;
const ITEMS = `SELECT "assessmentId", "itemCode", "unitId", "checklistId", "year", "status", "confirmedStatus", "score", "confirmedScore"
  FROM "assessment_item_status" ORDER BY "assessmentId", "itemCode"`;

describe('the NarrowAssessments migration', () => {
  it('fills the list columns and the item statuses from the stored results exactly as recompute writes them', async () => {
    const written = { list: await db.dataSource.query(LIST), items: await db.dataSource.query(ITEMS) };
    expect(written.items.length).toBeGreaterThanOrEqual(31 * 5);
    expect(written.list.some((r: { coveredProposed: number }) => Number(r.coveredProposed) > 0)).toBe(true);
    await db.dataSource.query(`DELETE FROM "assessment_item_status"`);
    await db.dataSource.query(
      `UPDATE "assessment" SET "coveredConfirmed" = 0, "partialConfirmed" = 0, "coveredProposed" = 0, "partialProposed" = 0,
        "assessableItems" = 0, "earnedConfirmed" = 0, "earnedProposed" = 0, "possiblePoints" = 0, "flagCount" = 0`,
    );
    const runner = db.dataSource.createQueryRunner();
    try {
      await fillNarrowColumns(runner, onPostgres ? 'postgres' : 'sqlite');
    } finally {
      await runner.release();
    }
    expect(await db.dataSource.query(LIST)).toEqual(written.list);
    expect(await db.dataSource.query(ITEMS)).toEqual(written.items);
  });
});

describe('the NoReportCopies migration', () => {
  it('deletes stored "no report" copies with their flags and item rows, keeping locked ones, marked ones and every computed one', async () => {
    const { recomputeAssessment } = await import('../../src/pipeline/recompute.service');
    const { Assessment } = await import('../../src/assessment/assessment.entity');
    const { NotApplicableMarkEntity } = await import('../../src/assessment/not-applicable.entity');
    const { Unit } = await import('../../src/units/unit.entity');
    const { Checklist } = await import('../../src/checklist/checklist.entity');
    const { deleteNoReportCopies } = await import('../../src/db/migrations/no-report-copies');
    const ds = db.dataSource;
    const checklist = await ds.getRepository(Checklist).findOneOrFail({ where: {} });
    const unitId = async (name: string) => (await ds.getRepository(Unit).findOneOrFail({ where: { name } })).id;
    // copies as ingest stored them before: plain, then one locked, one with a not-applicable mark
    const plain = await recomputeAssessment(ds.manager, await unitId('万兴街'), checklist.id, 2023);
    const locked = await recomputeAssessment(ds.manager, await unitId('胡家园街'), checklist.id, 2023);
    await ds.getRepository(Assessment).update({ id: locked.id }, { locked: true });
    const marks = ds.getRepository(NotApplicableMarkEntity);
    await marks.save(
      marks.create({
        unitId: await unitId('塘沽街道'),
        checklistId: checklist.id,
        year: 2023,
        itemCode: '9.1',
        justification: 'x',
        createdBy: 't',
      }),
    );
    const marked = await recomputeAssessment(ds.manager, await unitId('塘沽街道'), checklist.id, 2023);
    for (const a of [plain, locked, marked]) expect(a.id).toBeGreaterThan(0);
    const count = async (table: string, id: number) =>
      Number((await ds.query(`SELECT COUNT(*) AS "n" FROM "${table}" WHERE "assessmentId" = ${id}`))[0].n);
    expect(await count('assessment_flag', plain.id)).toBe(1);
    expect(await count('assessment_item_status', plain.id)).toBe(31);
    const withReport = await ds.getRepository(Assessment).count({ where: { reportId: Not(IsNull()) } });

    const runner = ds.createQueryRunner();
    try {
      await deleteNoReportCopies(runner);
    } finally {
      await runner.release();
    }
    const left = new Set((await ds.getRepository(Assessment).find({ select: ['id'] })).map((a) => a.id));
    expect(left.has(plain.id)).toBe(false);
    expect(await count('assessment_flag', plain.id)).toBe(0);
    expect(await count('assessment_item_status', plain.id)).toBe(0);
    expect(left.has(locked.id)).toBe(true);
    expect(left.has(marked.id)).toBe(true);
    expect(await ds.getRepository(Assessment).count({ where: { reportId: Not(IsNull()) } })).toBe(withReport);
  });
});
