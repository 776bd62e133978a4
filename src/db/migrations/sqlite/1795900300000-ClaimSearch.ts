import type { MigrationInterface, QueryRunner } from 'typeorm';
import { claimTokens } from '../../../reading/search-query';

/** Claim search (src/reports/search/): an FTS5 table of each claim's tokens, backfilled from the stored claims. */
export class ClaimSearch1795900300000 implements MigrationInterface {
  name = 'ClaimSearch1795900300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE VIRTUAL TABLE claim_search USING fts5(tokens, tokenize = 'unicode61 remove_diacritics 0')`);
    for (let after = 0; ;) {
      const claims: Array<{ id: number; text: string }> = await queryRunner.query(
        `SELECT id, text FROM claim WHERE id > ? ORDER BY id LIMIT 1000`,
        [after],
      );
      const last = claims.at(-1);
      if (!last) break;
      const params = claims.flatMap((c) => [c.id, claimTokens(c.text).join(' ')]);
      await queryRunner.query(`INSERT INTO claim_search (rowid, tokens) VALUES ${claims.map(() => '(?, ?)').join(', ')}`, params);
      after = last.id;
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE claim_search`);
  }
}
