import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the matcher learnt per checklist version (src/evidence/matcher-weights.entity.ts); generated for sqlite. */
export class MatcherWeights1796000000000 implements MigrationInterface {
  name = 'MatcherWeights1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "matcher_weights" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "checklistId" integer NOT NULL, "source" varchar(20) NOT NULL, "calibration" text NOT NULL, "threshold" double precision NOT NULL, "termWeights" text NOT NULL, "decisions" integer NOT NULL, "createdBy" varchar(100) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_matcher_weights_checklist" ON "matcher_weights" ("checklistId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_matcher_weights_checklist"`);
    await queryRunner.query(`DROP TABLE "matcher_weights"`);
  }
}
