import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tokens with an optional expiry and the time they were last used (written as the generator does for postgres). */
export class TokenExpiry1795803774900 implements MigrationInterface {
  name = 'TokenExpiry1795803774900';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_token" ADD "expiresAt" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "api_token" ADD "lastUsedAt" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_token" DROP COLUMN "lastUsedAt"`);
    await queryRunner.query(`ALTER TABLE "api_token" DROP COLUMN "expiresAt"`);
  }
}
