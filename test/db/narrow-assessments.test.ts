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
    expect(written.items.length).toBeGreaterThan(31 * 5);
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
