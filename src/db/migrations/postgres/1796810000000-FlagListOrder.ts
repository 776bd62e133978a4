import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `flags` list in an index's order: each flag keeps its unit's name (`unitName`, filled
 * from `unit`), and `ix_flag_list` (checklist, year, code, severity, unit name, id, unit) serves
 * a page of one code × year from the index alone, without sorting every flag of the year. A unit renamed in SQL
 * (the application never renames: units are upserted by name) is copied by a trigger.
 */
export class FlagListOrder1796810000000 implements MigrationInterface {
  name = 'FlagListOrder1796810000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_flag_checklist_year_code"`);
    await queryRunner.query(`ALTER TABLE "assessment_flag" ADD "unitName" character varying(100)`);
    await queryRunner.query(`UPDATE "assessment_flag" "f" SET "unitName" = "u"."name" FROM "unit" "u" WHERE "u"."id" = "f"."unitId"`);
    await queryRunner.query(`ALTER TABLE "assessment_flag" ALTER COLUMN "unitName" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_flag_list" ON "assessment_flag" ("checklistId", "year", "code", "severityRank", "unitName", "id", "unitId") `,
    );
    await queryRunner.query(
      `CREATE FUNCTION "unit_name_to_flags"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `UPDATE "assessment_flag" SET "unitName" = NEW."name" WHERE "unitId" = NEW."id"; RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "unit_name_to_flags" AFTER UPDATE OF "name" ON "unit" FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "unit_name_to_flags"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "unit_name_to_flags" ON "unit"`);
    await queryRunner.query(`DROP FUNCTION "unit_name_to_flags"()`);
    await queryRunner.query(`DROP INDEX "public"."ix_flag_list"`);
    await queryRunner.query(`ALTER TABLE "assessment_flag" DROP COLUMN "unitName"`);
    await queryRunner.query(`CREATE INDEX "ix_flag_checklist_year_code" ON "assessment_flag" ("checklistId", "year", "code") `);
  }
}
