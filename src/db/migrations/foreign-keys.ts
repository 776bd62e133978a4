import type { QueryRunner } from 'typeorm';

const missing = (table: string, column: string, parent: string): string =>
  `NOT EXISTS (SELECT 1 FROM "${parent}" AS "p" WHERE "p"."id" = "${table}"."${column}")`;

/**
 * Before the foreign keys (migration ForeignKeys, both databases): removes the rows that point
 * at a parent that is gone (a claim without its report, a flag without its assessment describe
 * nothing, and would make the constraint fail); a nullable pointer to a missing row is cleared
 * instead (the row is good without it) — but a token whose unit is gone is removed, as a null
 * unit would widen it to everything. Parents first, so that the rows of a removed parent are
 * orphans of the steps after it. Same SQL on both databases but for the claim search table.
 */
export async function removeOrphans(queryRunner: QueryRunner, type: 'sqlite' | 'postgres'): Promise<void> {
  const statements = [
    `UPDATE "unit" SET "parentId" = NULL WHERE "parentId" IS NOT NULL AND ${missing('unit', 'parentId', 'unit')}`,
    `DELETE FROM "api_token" WHERE "unitId" IS NOT NULL AND ${missing('api_token', 'unitId', 'unit')}`,
    `DELETE FROM "report" WHERE ${missing('report', 'unitId', 'unit')}`,
    `UPDATE "report" SET "replacedById" = NULL WHERE "replacedById" IS NOT NULL AND ${missing('report', 'replacedById', 'report')}`,
    `DELETE FROM "checklist_item" WHERE ${missing('checklist_item', 'checklistId', 'checklist')}`,
    `DELETE FROM "target" WHERE ${missing('target', 'itemId', 'checklist_item')}`,
    `DELETE FROM "matcher_weights" WHERE ${missing('matcher_weights', 'checklistId', 'checklist')}`,
    `DELETE FROM "report_section" WHERE ${missing('report_section', 'reportId', 'report')}`,
    `DELETE FROM "claim" WHERE ${missing('claim', 'reportId', 'report')}`,
    `DELETE FROM "metric_value" WHERE ${missing('metric_value', 'reportId', 'report')} OR ${missing('metric_value', 'claimId', 'claim')}`,
    `DELETE FROM "evidence_link" WHERE ${missing('evidence_link', 'reportId', 'report')} OR ${missing('evidence_link', 'claimId', 'claim')}` +
      ` OR ${missing('evidence_link', 'itemId', 'checklist_item')}`,
    `UPDATE "evidence_link" SET "carriedFromId" = NULL WHERE "carriedFromId" IS NOT NULL AND ${missing('evidence_link', 'carriedFromId', 'evidence_link')}`,
    `DELETE FROM "claim_band" WHERE ${missing('claim_band', 'reportId', 'report')} OR ${missing('claim_band', 'claimId', 'claim')}`,
    type === 'sqlite'
      ? `DELETE FROM claim_search WHERE rowid NOT IN (SELECT "id" FROM "claim")`
      : `DELETE FROM "claim_search" WHERE ${missing('claim_search', 'claimId', 'claim')}`,
    `DELETE FROM "assessment" WHERE ${missing('assessment', 'unitId', 'unit')} OR ${missing('assessment', 'checklistId', 'checklist')}`,
    `UPDATE "assessment" SET "reportId" = NULL WHERE "reportId" IS NOT NULL AND ${missing('assessment', 'reportId', 'report')}`,
    `DELETE FROM "assessment_flag" WHERE ${missing('assessment_flag', 'assessmentId', 'assessment')}` +
      ` OR ${missing('assessment_flag', 'unitId', 'unit')} OR ${missing('assessment_flag', 'checklistId', 'checklist')}`,
    `DELETE FROM "not_applicable_mark" WHERE ${missing('not_applicable_mark', 'unitId', 'unit')} OR ${missing('not_applicable_mark', 'checklistId', 'checklist')}`,
  ];
  for (const statement of statements) await queryRunner.query(statement);
}

/**
 * SQLite: refuses to go on while `foreign_keys` is on. Dropping a table with keys on first
 * deletes its rows, and ON DELETE CASCADE takes every claim, link and metric pointing at them.
 * TypeORM's runMigrations turns the pragma off around each migration's transaction (it cannot
 * change inside one); its revert starts the transaction first, so a revert must be run with
 * `{ transaction: 'none' }`.
 */
export async function requireForeignKeysOff(queryRunner: QueryRunner): Promise<void> {
  const rows = (await queryRunner.query(`PRAGMA foreign_keys`)) as Array<{ foreign_keys: number }>;
  if (rows[0]?.foreign_keys) {
    throw new Error(
      '外键检查仍开启，重建表会级联删除数据：请在事务外执行 PRAGMA foreign_keys = OFF 后再迁移。' +
        ' / foreign_keys is on: recreating tables would cascade deletes; migrate with PRAGMA foreign_keys = OFF, outside the transaction.',
    );
  }
}

/** SQLite: fails the migration (and so rolls it back) when any row breaks a foreign key. */
export async function requireForeignKeysHold(queryRunner: QueryRunner): Promise<void> {
  const violations = (await queryRunner.query(`PRAGMA foreign_key_check`)) as unknown[];
  if (violations.length > 0) {
    throw new Error(
      `外键检查发现 ${violations.length} 行不一致 / foreign_key_check found ${violations.length} row(s): ${JSON.stringify(violations.slice(0, 5))}`,
    );
  }
}
