import type { MigrationInterface, QueryRunner } from 'typeorm';
import { claimTokens } from '../../../reading/search-query';

/** Claim search (src/reports/search/): each claim's tokens as a tsvector with a GIN index, backfilled from the stored claims. */
export class ClaimSearch1795900300000 implements MigrationInterface {
  name = 'ClaimSearch1795900300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "claim_search" ("claimId" integer NOT NULL, "tokens" tsvector NOT NULL, CONSTRAINT "PK_claim_search" PRIMARY KEY ("claimId"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_claim_search_tokens" ON "claim_search" USING GIN ("tokens")`);
    for (let after = 0; ;) {
      const claims: Array<{ id: number; text: string }> = await queryRunner.query(
        `SELECT id, text FROM claim WHERE id > $1 ORDER BY id LIMIT 1000`,
        [after],
      );
      const last = claims.at(-1);
      if (!last) break;
      const params = claims.flatMap((c) => [c.id, claimTokens(c.text)]);
      const rows = claims.map((_c, i) => `($${2 * i + 1}, array_to_tsvector($${2 * i + 2}::text[]))`);
      await queryRunner.query(`INSERT INTO "claim_search" ("claimId", "tokens") VALUES ${rows.join(', ')}`, params);
      after = last.id;
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "claim_search"`);
  }
}
