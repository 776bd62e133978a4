import type { QueryRunner } from 'typeorm';

/**
 * "No report" is derived when read (issue #16): removes the stored copies of it — assessments
 * without a report whose every item is MISSING in both views (the item rows of migration
 * NarrowAssessments say so), unless something hangs on the row: a lock, or a not-applicable mark
 * of the unit, checklist and year (review decisions belong to links, and links to reports).
 * Their flags and item rows first: SQLite migrations run with foreign keys off (no cascade).
 * The same SQL on both databases.
 */
export async function deleteNoReportCopies(queryRunner: QueryRunner): Promise<void> {
  const copies =
    `SELECT "a"."id" FROM "assessment" "a" WHERE "a"."reportId" IS NULL AND NOT "a"."locked"` +
    ` AND NOT EXISTS (SELECT 1 FROM "not_applicable_mark" "m" WHERE "m"."unitId" = "a"."unitId" AND "m"."checklistId" = "a"."checklistId" AND "m"."year" = "a"."year")` +
    ` AND NOT EXISTS (SELECT 1 FROM "assessment_item_status" "s" WHERE "s"."assessmentId" = "a"."id" AND ("s"."status" <> 'MISSING' OR "s"."confirmedStatus" <> 'MISSING'))`;
  await queryRunner.query(`DELETE FROM "assessment_flag" WHERE "assessmentId" IN (${copies})`);
  await queryRunner.query(`DELETE FROM "assessment_item_status" WHERE "assessmentId" IN (${copies})`);
  await queryRunner.query(`DELETE FROM "assessment" WHERE "id" IN (${copies})`);
}
