import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `flags` list's total read once per data version (src/assessment/flag-list.store.ts): a
 * statement trigger on `assessment_flag`, `assessment` and `unit` (what a listed flag or a
 * derived REPORT_MISSING depends on) bumps a `cache_version` counter in the writing transaction.
 * The counter has {@link FLAG_VERSION_SLOTS} rows (`flags:0` …), each backend bumping the row of
 * its process id, so two writers (two ingest workers) rarely wait on one row's lock until the
 * other commits; the version is their sum. One UPDATE of a one-row key per writing statement:
 * an ingest batch's multi-row INSERTs bump it a few times a batch, not once a flag.
 */
const FLAG_VERSION_SLOTS = 32;
const WATCHED = ['assessment_flag', 'assessment', 'unit'];

export class FlagTotals1797010000000 implements MigrationInterface {
  name = 'FlagTotals1797010000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const slots = Array.from({ length: FLAG_VERSION_SLOTS }, (_, i) => `('flags:${i}', 0)`).join(', ');
    await queryRunner.query(`INSERT INTO "cache_version" ("name", "version") VALUES ${slots}`);
    await queryRunner.query(
      `CREATE FUNCTION "bump_flag_version"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `UPDATE "cache_version" SET "version" = "version" + 1 WHERE "name" = 'flags:' || (pg_backend_pid() % ${FLAG_VERSION_SLOTS}); RETURN NULL; END $$`,
    );
    for (const table of WATCHED) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_flag_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "bump_flag_version"()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of WATCHED) await queryRunner.query(`DROP TRIGGER "${table}_flag_version" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION "bump_flag_version"()`);
    await queryRunner.query(`DELETE FROM "cache_version" WHERE "name" LIKE 'flags:%'`);
  }
}
