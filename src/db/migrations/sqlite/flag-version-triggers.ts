import type { QueryRunner } from 'typeorm';

const EVENTS = ['INSERT', 'UPDATE', 'DELETE'];

/**
 * Row triggers that bump the `cache_version` counter `flags:0` (the assessments' data version,
 * src/db/cache-version.ts) in the transaction of every insert, update and delete on `tables`
 * (migrations FlagTotals and EvidenceVersion). SQLite has one writer at a time: one row.
 */
export async function createFlagVersionTriggers(queryRunner: QueryRunner, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    for (const event of EVENTS) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_flag_version_${event.toLowerCase()}" AFTER ${event} ON "${table}" BEGIN ` +
          `UPDATE "cache_version" SET "version" = "version" + 1 WHERE "name" = 'flags:0'; END`,
      );
    }
  }
}

/** Drops what {@link createFlagVersionTriggers} made on `tables`. */
export async function dropFlagVersionTriggers(queryRunner: QueryRunner, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    for (const event of EVENTS) await queryRunner.query(`DROP TRIGGER "${table}_flag_version_${event.toLowerCase()}"`);
  }
}
