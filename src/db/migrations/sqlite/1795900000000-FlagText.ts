import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Flags keep their message by catalogue key and parameters (src/i18n/messages.ts), read in zh or en. */
export class FlagText1795900000000 implements MigrationInterface {
  name = 'FlagText1795900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assessment_flag" ADD COLUMN "text" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assessment_flag" DROP COLUMN "text"`);
  }
}
