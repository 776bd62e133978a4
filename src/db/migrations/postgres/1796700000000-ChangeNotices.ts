import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `NOTIFY fazhi_changes` in the transaction of every write to the tables a server keeps
 * between requests (src/db/change-notices.ts): `api_token` (a token created or revoked turns
 * anonymous reading off or on) and `checklist` (the versions a year is answered from).
 * `lastUsedAt` updates do not notify. SQLite keeps nothing, so it has no counterpart.
 */
export class ChangeNotices1796700000000 implements MigrationInterface {
  name = 'ChangeNotices1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION "notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `PERFORM pg_notify('fazhi_changes', TG_TABLE_NAME); RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "api_token_notice" AFTER INSERT OR DELETE OR UPDATE OF "revokedAt", "expiresAt", "role", "unitId", "tokenHash" OR TRUNCATE ON "api_token" FOR EACH STATEMENT EXECUTE FUNCTION "notify_change"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "checklist_notice" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "checklist" FOR EACH STATEMENT EXECUTE FUNCTION "notify_change"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "checklist_notice" ON "checklist"`);
    await queryRunner.query(`DROP TRIGGER "api_token_notice" ON "api_token"`);
    await queryRunner.query(`DROP FUNCTION "notify_change"()`);
  }
}
