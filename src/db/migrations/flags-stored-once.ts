import type { QueryRunner } from 'typeorm';

/** Rows read and rewritten per statement. */
const BATCH = 500;

/**
 * Flags are stored once, as `assessment_flag` rows (every recompute has written them there):
 * removes the copies inside `assessment.result` (report-level `flags` and each item's `flags`).
 * The entity puts them back from the rows when an assessment is loaded. Same on both databases
 * but for the parameter marker.
 */
export async function stripFlagsFromResults(queryRunner: QueryRunner, marker: (n: number) => string): Promise<void> {
  let lastId = 0;
  for (;;) {
    const rows: Array<{ id: number; result: string }> = await queryRunner.query(
      `SELECT "id", "result" FROM "assessment" WHERE "id" > ${marker(1)} ORDER BY "id" LIMIT ${BATCH}`,
      [lastId],
    );
    if (rows.length === 0) return;
    for (const row of rows) {
      lastId = Number(row.id);
      const result = JSON.parse(row.result) as { flags?: unknown[]; items?: Array<{ flags?: unknown[] }> };
      const hasFlags = (result.flags?.length ?? 0) > 0 || (result.items ?? []).some((i) => (i.flags?.length ?? 0) > 0);
      if (!hasFlags) continue;
      result.flags = [];
      for (const item of result.items ?? []) item.flags = [];
      await queryRunner.query(`UPDATE "assessment" SET "result" = ${marker(1)} WHERE "id" = ${marker(2)}`, [
        JSON.stringify(result),
        lastId,
      ]);
    }
  }
}
