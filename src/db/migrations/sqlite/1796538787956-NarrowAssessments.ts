import type { MigrationInterface, QueryRunner } from 'typeorm';
import { fillNarrowColumns } from '../narrow-assessments';

/**
 * Assessment storage that serves list views (issue #16): `assessment_item_status`, one row per
 * item of a stored assessment (WITHOUT ROWID: the primary key is the table), and the list
 * columns of `assessment`, filled from the stored results (../narrow-assessments.ts).
 * Hand-written from the generated SQL: the columns are added with ALTER TABLE instead of
 * recreating `assessment`, and TypeORM does not model WITHOUT ROWID; entities and migrations agree.
 */
export class NarrowAssessments1796538787956 implements MigrationInterface {
  name = 'NarrowAssessments1796538787956';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['coveredConfirmed', 'partialConfirmed', 'coveredProposed', 'partialProposed', 'assessableItems']) {
      await queryRunner.query(`ALTER TABLE "assessment" ADD COLUMN "${column}" integer NOT NULL DEFAULT (0)`);
    }
    for (const column of ['earnedConfirmed', 'earnedProposed', 'possiblePoints']) {
      await queryRunner.query(`ALTER TABLE "assessment" ADD COLUMN "${column}" double precision NOT NULL DEFAULT (0)`);
    }
    await queryRunner.query(`ALTER TABLE "assessment" ADD COLUMN "flagCount" integer NOT NULL DEFAULT (0)`);
    await queryRunner.query(
      `CREATE TABLE "assessment_item_status" ("assessmentId" integer NOT NULL, "itemCode" varchar(20) NOT NULL, "unitId" integer NOT NULL, "checklistId" integer NOT NULL, "year" integer NOT NULL, "status" varchar(20) NOT NULL, "confirmedStatus" varchar(20) NOT NULL, "score" double precision NOT NULL, "confirmedScore" double precision NOT NULL, CONSTRAINT "fk_item_status_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "fk_item_status_unit" FOREIGN KEY ("unitId") REFERENCES "unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_item_status_checklist" FOREIGN KEY ("checklistId") REFERENCES "checklist" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY ("assessmentId", "itemCode")) WITHOUT ROWID`,
    );
    await fillNarrowColumns(queryRunner, 'sqlite');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "assessment_item_status"`);
    for (const column of [
      'flagCount',
      'possiblePoints',
      'earnedProposed',
      'earnedConfirmed',
      'assessableItems',
      'partialProposed',
      'coveredProposed',
      'partialConfirmed',
      'coveredConfirmed',
    ]) {
      await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "${column}"`);
    }
  }
}
