import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the matcher learnt per checklist version (src/evidence/matcher-weights.entity.ts). */
export class MatcherWeights1796000000000 implements MigrationInterface {
  name = 'MatcherWeights1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "matcher_weights" ("id" SERIAL NOT NULL, "checklistId" integer NOT NULL, "source" character varying(20) NOT NULL, "calibration" text NOT NULL, "threshold" double precision NOT NULL, "termWeights" text NOT NULL, "decisions" integer NOT NULL, "createdBy" character varying(100) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_58e3b85e233730b9cbdf24448f8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_matcher_weights_checklist" ON "matcher_weights" ("checklistId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_matcher_weights_checklist"`);
    await queryRunner.query(`DROP TABLE "matcher_weights"`);
  }
}
