import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Bound parameters per statement (SQLite): well below its 32766. */
const MAX_PARAMETERS = 30_000;

/** Rows per statement on PostgreSQL (one array parameter per column, so no parameter limit). */
const MAX_ROWS_POSTGRES = 20_000;

/**
 * Inserts many rows with few statements, built from the entity's metadata (values converted by
 * the driver as TypeORM would: simple-json, booleans, dates), without TypeORM's per-value query
 * building or the re-select of generated columns. Columns left undefined in every row get their
 * database default. Returns the generated ids in row order when `returnIds` is set.
 *
 * - SQLite: one multi-row `INSERT … VALUES (…), (…)` per chunk; the rowids of one statement are
 *   consecutive, as TypeORM itself assumes.
 * - PostgreSQL: `INSERT … SELECT * FROM unnest($1::integer[], $2::text[], …)`, one array per
 *   column, `RETURNING "id"`: a VALUES list of thousands of `$n` cost the server more to parse
 *   and plan (every parameter folded into a constant, the lists copied) than to insert — 25 % of
 *   its CPU during a folder ingest (`perf`, bench/README.md, ingest9). The function scan gives
 *   the rows in array order, so ids are assigned, and returned, in row order as before
 *   (test/db/ingest-batch.test.ts compares every id with a one-by-one ingest).
 */
export async function bulkInsert<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  rows: readonly Partial<E>[],
  options: { returnIds?: boolean } = {},
): Promise<number[]> {
  if (rows.length === 0) return [];
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const postgres = driver.options.type === 'postgres';
  const columns = metadata.columns.filter(
    (c) => !(c.isGenerated && c.generationStrategy === 'increment') && rows.some((r) => c.getEntityValue(r) !== undefined),
  );
  const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
  const valueOf = (row: Partial<E>, column: (typeof columns)[number]): unknown => {
    const value = column.getEntityValue(row);
    return value === undefined ? null : driver.preparePersistentValue(value, column);
  };
  const ids: number[] = [];
  if (postgres) {
    // the column's type without its modifier: a varchar(500) value too long still fails on assignment
    const arrays = columns.map((c, i) => `$${i + 1}::${driver.normalizeType(c)}[]`).join(', ');
    const sql = `INSERT INTO "${metadata.tableName}" (${names}) SELECT * FROM unnest(${arrays})${options.returnIds ? ' RETURNING "id"' : ''}`;
    for (let start = 0; start < rows.length; start += MAX_ROWS_POSTGRES) {
      const chunk = rows.slice(start, start + MAX_ROWS_POSTGRES);
      const params = columns.map((column) => chunk.map((row) => valueOf(row, column)));
      const result = await manager.query<Array<{ id: number | string }>>(sql, params);
      if (options.returnIds) ids.push(...result.map((r) => Number(r.id)));
    }
    return ids;
  }
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      for (const column of columns) params.push(valueOf(row, column));
      return `(${columns.map(() => '?').join(', ')})`;
    });
    const sql = `INSERT INTO "${metadata.tableName}" (${names}) VALUES ${tuples.join(', ')}`;
    const result: unknown = await manager.query(sql, params);
    if (!options.returnIds) continue;
    const last = Number(result);
    for (let i = chunk.length - 1; i >= 0; i -= 1) ids.push(last - i);
  }
  return ids;
}
