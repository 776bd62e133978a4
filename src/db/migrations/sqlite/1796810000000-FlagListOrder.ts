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
    await queryRunner.query(`DROP INDEX "ix_flag_checklist_year_code"`);
    await queryRunner.query(`DROP INDEX "ix_flag_assessment"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_assessment_flag" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "assessmentId" integer NOT NULL, "unitId" integer NOT NULL, "checklistId" integer NOT NULL, "year" integer NOT NULL, "code" varchar(40) NOT NULL, "severity" varchar(10) NOT NULL, "severityRank" integer NOT NULL, "itemCode" varchar(20), "message" text NOT NULL, "claimIds" text NOT NULL, "text" text, "unitName" varchar(100) NOT NULL, CONSTRAINT "fk_flag_checklist" FOREIGN KEY ("checklistId") REFERENCES "checklist" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_flag_unit" FOREIGN KEY ("unitId") REFERENCES "unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_flag_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_assessment_flag"("id", "assessmentId", "unitId", "checklistId", "year", "code", "severity", "severityRank", "itemCode", "message", "claimIds", "text", "unitName") SELECT "f"."id", "f"."assessmentId", "f"."unitId", "f"."checklistId", "f"."year", "f"."code", "f"."severity", "f"."severityRank", "f"."itemCode", "f"."message", "f"."claimIds", "f"."text", "u"."name" FROM "assessment_flag" "f" JOIN "unit" "u" ON "u"."id" = "f"."unitId"`,
    );
    await queryRunner.query(`DROP TABLE "assessment_flag"`);
    await queryRunner.query(`ALTER TABLE "temporary_assessment_flag" RENAME TO "assessment_flag"`);
    await queryRunner.query(`CREATE INDEX "ix_flag_assessment" ON "assessment_flag" ("assessmentId") `);
    await queryRunner.query(
      `CREATE INDEX "ix_flag_list" ON "assessment_flag" ("checklistId", "year", "code", "severityRank", "unitName", "id", "unitId") `,
    );
    await queryRunner.query(
      `CREATE TRIGGER "unit_name_to_flags" AFTER UPDATE OF "name" ON "unit" WHEN OLD."name" IS NOT NEW."name" BEGIN ` +
        `UPDATE "assessment_flag" SET "unitName" = NEW."name" WHERE "unitId" = NEW."id"; END`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "unit_name_to_flags"`);
    await queryRunner.query(`DROP INDEX "ix_flag_list"`);
    await queryRunner.query(`DROP INDEX "ix_flag_assessment"`);
    await queryRunner.query(`ALTER TABLE "assessment_flag" RENAME TO "temporary_assessment_flag"`);
    await queryRunner.query(
      `CREATE TABLE "assessment_flag" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "assessmentId" integer NOT NULL, "unitId" integer NOT NULL, "checklistId" integer NOT NULL, "year" integer NOT NULL, "code" varchar(40) NOT NULL, "severity" varchar(10) NOT NULL, "severityRank" integer NOT NULL, "itemCode" varchar(20), "message" text NOT NULL, "claimIds" text NOT NULL, "text" text, CONSTRAINT "fk_flag_checklist" FOREIGN KEY ("checklistId") REFERENCES "checklist" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_flag_unit" FOREIGN KEY ("unitId") REFERENCES "unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_flag_assessment" FOREIGN KEY ("assessmentId") REFERENCES "assessment" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "assessment_flag"("id", "assessmentId", "unitId", "checklistId", "year", "code", "severity", "severityRank", "itemCode", "message", "claimIds", "text") SELECT "id", "assessmentId", "unitId", "checklistId", "year", "code", "severity", "severityRank", "itemCode", "message", "claimIds", "text" FROM "temporary_assessment_flag"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_assessment_flag"`);
    await queryRunner.query(`CREATE INDEX "ix_flag_assessment" ON "assessment_flag" ("assessmentId") `);
    await queryRunner.query(`CREATE INDEX "ix_flag_checklist_year_code" ON "assessment_flag" ("checklistId", "year", "code") `);
  }
}
