import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The two columns whose values are compressed on every report stored: the report's text (about 9 KB) and an assessment's result (about 21 KB of JSON). */
const COLUMNS: ReadonlyArray<[table: string, column: string]> = [
  ['report', 'rawText'],
  ['assessment', 'result'],
];

/**
 * New values of the large text columns compressed with lz4 instead of pglz (PostgreSQL 14+
 * built with lz4; otherwise nothing changes): pglz compressing each report's text and each
 * assessment's result was about 5 % of the server's CPU during a folder ingest (`perf`), lz4
 * takes about a quarter of pglz's time for values 15 % larger (bench/README.md, ingest12).
 * Values already stored keep their compression; both read back as the same text.
 */
export class Lz4Compression1797020000000 implements MigrationInterface {
  name = 'Lz4Compression1797020000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    if (!(await lz4Available(queryRunner))) return;
    for (const [table, column] of COLUMNS) await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" SET COMPRESSION lz4`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    if (!(await lz4Available(queryRunner))) return;
    for (const [table, column] of COLUMNS)
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" SET COMPRESSION DEFAULT`);
  }
}

/** Whether the server can compress with lz4 (column compression came with PostgreSQL 14, lz4 only when built with it). */
async function lz4Available(queryRunner: QueryRunner): Promise<boolean> {
  const rows: Array<{ lz4: boolean }> = await queryRunner.query(
    `SELECT 'lz4' = ANY ("enumvals") AS "lz4" FROM "pg_settings" WHERE "name" = 'default_toast_compression'`,
  );
  return rows[0]?.lz4 === true;
}
