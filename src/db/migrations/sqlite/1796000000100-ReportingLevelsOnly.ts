import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assessments exist only for reporting units (街道, 镇/乡: levels STREET and TOWN): removes
 * not-applicable marks, flags and assessments stored for a city, a province or a district
 * (setItemNotApplicable and lockAssessment used to accept them). Nothing to put back.
 */
export class ReportingLevelsOnly1796000000100 implements MigrationInterface {
  name = 'ReportingLevelsOnly1796000000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const notReporting = `SELECT "id" FROM "unit" WHERE "level" NOT IN ('STREET', 'TOWN')`;
    await queryRunner.query(`DELETE FROM "not_applicable_mark" WHERE "unitId" IN (${notReporting})`);
    await queryRunner.query(`DELETE FROM "assessment_flag" WHERE "unitId" IN (${notReporting})`);
    await queryRunner.query(`DELETE FROM "assessment" WHERE "unitId" IN (${notReporting})`);
  }

  public async down(): Promise<void> {
    // the removed rows described nothing real
  }
}
