import type { MigrationInterface, QueryRunner } from 'typeorm';
import { stripFlagsFromResults } from '../flags-stored-once';

/** Flags stored once: removes their copies from `assessment.result` (see ../flags-stored-once.ts). */
export class FlagsStoredOnce1796100000100 implements MigrationInterface {
  name = 'FlagsStoredOnce1796100000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await stripFlagsFromResults(queryRunner, () => '?');
  }

  public async down(): Promise<void> {
    // the flags stay in assessment_flag; loading an assessment puts them back into its result
  }
}
