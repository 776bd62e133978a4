/**
 * PostgreSQL: the report's text and the assessment's result compressed with lz4 (the
 * Lz4Compression migration), read back as stored; the migration reverts and applies again.
 */
import { Assessment } from '../../src/assessment/assessment.entity';
import { Lz4Compression1797020000000 } from '../../src/db/migrations/postgres/1797020000000-Lz4Compression';
import { Report } from '../../src/reports/report.entity';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;

/** `table.column` → its compression (`l` lz4, `p` pglz, '' the server's default), for the two columns. */
async function compressionOf(): Promise<Record<string, string>> {
  const rows = await db.dataSource.query<Array<{ name: string; compression: string }>>(
    `SELECT c.relname || '.' || a.attname AS name, a.attcompression AS compression
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND (c.relname, a.attname) IN (('report', 'rawText'), ('assessment', 'result'))`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.compression]));
}

(onPostgres ? describe : describe.skip)('large text columns compressed with lz4 (PostgreSQL)', () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadSeeds(db.dataSource, db.lock);
  });
  afterAll(async () => db?.close());

  it('stores new values with lz4 and reads them back as written', async () => {
    expect(await compressionOf()).toEqual({ 'report.rawText': 'l', 'assessment.result': 'l' });
    const [report] = await db.dataSource.query<Array<{ id: number; method: string | null; length: number }>>(
      `SELECT "id", pg_column_compression("rawText") AS method, length("rawText") AS length FROM "report" ORDER BY length("rawText") DESC LIMIT 1`,
    );
    expect(report!.method).toBe('lz4');
    const [assessment] = await db.dataSource.query<Array<{ id: number; method: string | null }>>(
      `SELECT "id", pg_column_compression("result") AS method FROM "assessment" ORDER BY length("result") DESC LIMIT 1`,
    );
    expect(assessment!.method).toBe('lz4');
    // read back: the text as written (its length as counted by the server), the result as JSON
    const stored = await db.dataSource.getRepository(Report).findOneByOrFail({ id: report!.id });
    expect(stored.rawText.length).toBe(Number(report!.length));
    const result = await db.dataSource.getRepository(Assessment).findOneByOrFail({ id: assessment!.id });
    expect(typeof result.result).toBe('object');
  });

  it('reverts to the default compression, keeping stored values readable, and applies again', async () => {
    const texts = await db.dataSource.query<Array<{ rawText: string }>>(`SELECT "rawText" FROM "report" ORDER BY "id"`);
    const migration = new Lz4Compression1797020000000();
    const runner = db.dataSource.createQueryRunner();
    await migration.down(runner);
    expect(await compressionOf()).toEqual({ 'report.rawText': '', 'assessment.result': '' });
    expect(await db.dataSource.query(`SELECT "rawText" FROM "report" ORDER BY "id"`)).toEqual(texts);
    await migration.up(runner);
    await runner.release();
    expect(await compressionOf()).toEqual({ 'report.rawText': 'l', 'assessment.result': 'l' });
  });
});
