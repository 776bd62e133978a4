import type { MigrationInterface, QueryRunner } from 'typeorm';
import { deleteNoReportCopies } from '../no-report-copies';

/** "No report" is derived when read: deletes its stored copies (see ../no-report-copies.ts). */
export class NoReportCopies1796600000000 implements MigrationInterface {
  name = 'NoReportCopies1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await deleteNoReportCopies(queryRunner);
  }

  public async down(): Promise<void> {
    // nothing to restore: the read side derives what the copies held
  }
}
