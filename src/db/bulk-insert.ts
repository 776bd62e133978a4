import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Bound parameters per statement: well below SQLite's 32766 and PostgreSQL's 65535. */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts many rows with one multi-row `INSERT … VALUES (…), (…)` per chunk, built from
 * the entity's metadata (values converted by the driver as TypeORM would: simple-json,
 * booleans, dates), without TypeORM's per-value query building or the re-select of
 * generated columns. Columns left undefined in every row get their database default.
 * Returns the generated ids in row order when `returnIds` is set (PostgreSQL: RETURNING;
 * SQLite: the rowids of one statement are consecutive, as TypeORM itself assumes).
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
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = columns.map((column) => {
        const value = column.getEntityValue(row);
        params.push(value === undefined ? null : driver.preparePersistentValue(value, column));
        return postgres ? `$${params.length}` : '?';
      });
      return `(${marks.join(', ')})`;
    });
    const sql = `INSERT INTO "${metadata.tableName}" (${names}) VALUES ${tuples.join(', ')}${options.returnIds && postgres ? ' RETURNING "id"' : ''}`;
    const result: unknown = await manager.query(sql, params);
    if (!options.returnIds) continue;
    if (postgres) ids.push(...(result as Array<{ id: number | string }>).map((r) => Number(r.id)));
    else {
      const last = Number(result);
      for (let i = chunk.length - 1; i >= 0; i -= 1) ids.push(last - i);
    }
  }
  return ids;
}
