import type { QueryRunner } from 'typeorm';

/**
 * After the NarrowAssessments migration (both databases) created `assessment_item_status` and the
 * list columns of `assessment`: fills them from the stored result JSON of every assessment (one
 * set-based statement each), so that list views read the same numbers the results hold.
 */
export async function fillNarrowColumns(queryRunner: QueryRunner, type: 'sqlite' | 'postgres'): Promise<void> {
  const flagCount = `"flagCount" = (SELECT count(*) FROM "assessment_flag" "f" WHERE "f"."assessmentId" = "assessment"."id")`;
  if (type === 'sqlite') {
    const n = (path: string) => `COALESCE(json_extract("result", '$.${path}'), 0)`;
    await queryRunner.query(
      `UPDATE "assessment" SET "coveredConfirmed" = ${n('coverage.confirmed.covered')}, "partialConfirmed" = ${n('coverage.confirmed.partial')},` +
        ` "coveredProposed" = ${n('coverage.proposed.covered')}, "partialProposed" = ${n('coverage.proposed.partial')},` +
        ` "assessableItems" = ${n('coverage.proposed.assessable')}, "earnedConfirmed" = ${n('score.confirmed.earned')},` +
        ` "earnedProposed" = ${n('score.proposed.earned')}, "possiblePoints" = ${n('score.proposed.possible')}, ${flagCount}`,
    );
    await queryRunner.query(
      `INSERT INTO "assessment_item_status" ("assessmentId", "itemCode", "unitId", "checklistId", "year", "status", "confirmedStatus", "score", "confirmedScore")` +
        ` SELECT "a"."id", json_extract("j"."value", '$.code'), "a"."unitId", "a"."checklistId", "a"."year", json_extract("j"."value", '$.status'),` +
        ` json_extract("j"."value", '$.confirmedStatus'), COALESCE(json_extract("j"."value", '$.score'), 0), COALESCE(json_extract("j"."value", '$.confirmedScore'), 0)` +
        ` FROM "assessment" "a", json_each("a"."result", '$.items') "j"`,
    );
    return;
  }
  const n = (path: string, cast: string) => `COALESCE(("r"."j" #>> '{${path}}')::${cast}, 0)`;
  await queryRunner.query(
    `UPDATE "assessment" SET "coveredConfirmed" = ${n('coverage,confirmed,covered', 'int')}, "partialConfirmed" = ${n('coverage,confirmed,partial', 'int')},` +
      ` "coveredProposed" = ${n('coverage,proposed,covered', 'int')}, "partialProposed" = ${n('coverage,proposed,partial', 'int')},` +
      ` "assessableItems" = ${n('coverage,proposed,assessable', 'int')}, "earnedConfirmed" = ${n('score,confirmed,earned', 'float8')},` +
      ` "earnedProposed" = ${n('score,proposed,earned', 'float8')}, "possiblePoints" = ${n('score,proposed,possible', 'float8')}` +
      ` FROM (SELECT "id", "result"::jsonb AS "j" FROM "assessment") "r" WHERE "r"."id" = "assessment"."id"`,
  );
  await queryRunner.query(`UPDATE "assessment" SET ${flagCount}`);
  await queryRunner.query(
    `INSERT INTO "assessment_item_status" ("assessmentId", "itemCode", "unitId", "checklistId", "year", "status", "confirmedStatus", "score", "confirmedScore")` +
      ` SELECT "a"."id", "i" ->> 'code', "a"."unitId", "a"."checklistId", "a"."year", "i" ->> 'status', "i" ->> 'confirmedStatus',` +
      ` COALESCE(("i" ->> 'score')::float8, 0), COALESCE(("i" ->> 'confirmedScore')::float8, 0)` +
      ` FROM "assessment" "a" CROSS JOIN LATERAL jsonb_array_elements("a"."result"::jsonb -> 'items') AS "i"`,
  );
}
