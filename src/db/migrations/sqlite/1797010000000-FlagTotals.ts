import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createFlagVersionTriggers, dropFlagVersionTriggers } from './flag-version-triggers';

/**
 * The `flags` list's total read once per data version (src/assessment/flag-list.store.ts):
 * triggers on `assessment_flag`, `assessment` and `unit` (what a listed flag or a derived
 * REPORT_MISSING depends on) bump the `cache_version` counter `flags:0` in the writing
 * transaction (SQLite has one writer at a time: one row; PostgreSQL has several). SQLite's
 * triggers run per row: one UPDATE of a one-row key per flag, assessment or unit written.
 */
const WATCHED = ['assessment_flag', 'assessment', 'unit'];

export class FlagTotals1797010000000 implements MigrationInterface {
  name = 'FlagTotals1797010000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`INSERT INTO "cache_version" ("name", "version") VALUES ('flags:0', 0)`);
    await createFlagVersionTriggers(queryRunner, WATCHED);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropFlagVersionTriggers(queryRunner, WATCHED);
    await queryRunner.query(`DELETE FROM "cache_version" WHERE "name" LIKE 'flags:%'`);
  }
}
