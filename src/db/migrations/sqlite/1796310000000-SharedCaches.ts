import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What several processes over one database must agree on (issue 16, part 4): `cache_version`
 * holds counters bumped by triggers in the same transaction as the write they count (`unit`:
 * any insert, update or delete of a unit), so a process keys its cache by a number read from
 * the database; `corpus_boilerplate` keeps the one boilerplate list reuse detection uses, so
 * every process compares claims against the same list (src/db/shared-cache.ts).
 */
export class SharedCaches1796310000000 implements MigrationInterface {
  name = 'SharedCaches1796310000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "cache_version" ("name" varchar(64) PRIMARY KEY NOT NULL, "version" integer NOT NULL)`);
    await queryRunner.query(`INSERT INTO "cache_version" ("name", "version") VALUES ('unit', 0)`);
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      await queryRunner.query(
        `CREATE TRIGGER "unit_version_${event.toLowerCase()}" AFTER ${event} ON "unit" BEGIN ` +
          `UPDATE "cache_version" SET "version" = "version" + 1 WHERE "name" = 'unit'; END`,
      );
    }
    await queryRunner.query(
      `CREATE TABLE "corpus_boilerplate" ("id" integer PRIMARY KEY NOT NULL, "generation" integer NOT NULL, "reports" integer NOT NULL, "shingles" text NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "corpus_boilerplate"`);
    for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER "unit_version_${event}"`);
    await queryRunner.query(`DROP TABLE "cache_version"`);
  }
}
