import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Bound parameters per statement (SQLite): well below its 32766. */
const MAX_PARAMETERS = 30_000;

/** Rows per statement on PostgreSQL (one array parameter per column, so no parameter limit). */
const MAX_ROWS_POSTGRES = 20_000;

/** `String.prototype.isWellFormed` (Node 20; the compiler's library is ES2022). */
type WellFormed = string & { isWellFormed(): boolean };

/** Rows per statement on SQLite when they go as one JSON text ({@link jsonRowsOf}). */
const MAX_ROWS_JSON = 10_000;

/**
 * SQLite: rows as one JSON text of arrays, for `INSERT … SELECT json_extract(value, '$[0]'), … FROM
 * json_each(?)` ({@link jsonInsertSelect}) — one bound parameter instead of one per value, so the
 * main thread does not convert thousands of values for the driver (SQLite parses the text on the
 * driver's thread) — or null when a value would not come out of JSON as the driver binds it, and
 * the rows must be bound one value each: a number that is not an integer of 32 bits (SQLite
 * 3.44's text-to-double conversion is not exact: 127 of 500 000 decimals of up to 15 digits came
 * back one unit of the last place off, bench/README.md; node-sqlite3 binds larger integers as
 * doubles; −0), a string that is not well-formed UTF-16 or holds U+0000, anything but a string, a
 * number, a boolean or null (a Buffer, a Date). Booleans come out as 1 and 0, as bound.
 */
export function jsonRowsOf(rows: ReadonlyArray<readonly unknown[]>): string | null {
  for (const row of rows) {
    for (const value of row) {
      if (value === null || typeof value === 'boolean') continue;
      if (typeof value === 'number') {
        if ((value | 0) !== value || Object.is(value, -0)) return null;
      } else if (typeof value !== 'string' || !(value as WellFormed).isWellFormed() || value.includes('\u0000')) return null;
    }
  }
  return JSON.stringify(rows);
}

/** Characters `JSON.stringify` escapes in a string besides `"` and `\`: those below U+0020. */
const JSON_CONTROL = /[\u0000-\u001f]/u;

/**
 * PostgreSQL: one column's values as the array literal node-postgres would write for the JS
 * array (its `prepareValue`: `{"a","b",NULL}`, each element quoted, `\` and `"` escaped with
 * `\`), the same text, or the values themselves when one is not a string, a number, a boolean or
 * null (a Date, a Buffer: node-postgres converts them). A string without control characters that
 * is well-formed UTF-16 is quoted by `JSON.stringify`, which escapes exactly `"` and `\` in it —
 * about 15 times faster (a 21 KB text) than node-postgres's two regular-expression replacements,
 * the main thread's largest item of its own storing a batch (an assessment's result is about 21 KB of JSON,
 * bench/README.md, ingest11); any other string is escaped as node-postgres does.
 */
export function postgresArrayLiteral(values: readonly unknown[]): string | readonly unknown[] {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (value === null || value === undefined) parts[i] = 'NULL';
    else if (typeof value === 'string') {
      parts[i] =
        JSON_CONTROL.test(value) || !(value as WellFormed).isWellFormed()
          ? `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
          : JSON.stringify(value);
    } else if (typeof value === 'number' || typeof value === 'boolean') parts[i] = `"${String(value)}"`;
    else return values;
  }
  return `{${parts.join(',')}}`;
}

/** `SELECT` of `columns` values from the rows of {@link jsonRowsOf} bound as the statement's one parameter. */
export function jsonInsertSelect(columns: number): string {
  return `SELECT ${Array.from({ length: columns }, (_, i) => `json_extract(value, '$[${i}]')`).join(', ')} FROM json_each(?)`;
}

/**
 * Inserts many rows with few statements, built from the entity's metadata (values converted by
 * the driver as TypeORM would: simple-json, booleans, dates), without TypeORM's per-value query
 * building or the re-select of generated columns. Columns left undefined in every row get their
 * database default. Returns the generated ids in row order when `returnIds` is set.
 *
 * - SQLite: the rows as one JSON text, `INSERT … SELECT … FROM json_each(?)` ({@link jsonRowsOf}),
 *   when every value passes through JSON unchanged; otherwise one multi-row `INSERT … VALUES (…),
 *   (…)` per chunk. Either way the rows are inserted in row order and the rowids of one statement
 *   are consecutive, as TypeORM itself assumes.
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
      const params = columns.map((column) => postgresArrayLiteral(chunk.map((row) => valueOf(row, column))));
      const result = await manager.query<Array<{ id: number | string }>>(sql, params);
      if (options.returnIds) ids.push(...result.map((r) => Number(r.id)));
    }
    return ids;
  }
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length;) {
    // one JSON text when every value goes through JSON unchanged, else one parameter a value
    const asJson = rows.slice(start, start + MAX_ROWS_JSON);
    const json = jsonRowsOf(asJson.map((row) => columns.map((column) => valueOf(row, column))));
    const chunk = json === null ? rows.slice(start, start + perChunk) : asJson;
    let result: unknown;
    if (json !== null) {
      result = await manager.query(`INSERT INTO "${metadata.tableName}" (${names}) ${jsonInsertSelect(columns.length)}`, [json]);
    } else {
      const params: unknown[] = [];
      const tuples = chunk.map((row) => {
        for (const column of columns) params.push(valueOf(row, column));
        return `(${columns.map(() => '?').join(', ')})`;
      });
      result = await manager.query(`INSERT INTO "${metadata.tableName}" (${names}) VALUES ${tuples.join(', ')}`, params);
    }
    start += chunk.length;
    if (!options.returnIds) continue;
    const last = Number(result);
    for (let i = chunk.length - 1; i >= 0; i -= 1) ids.push(last - i);
  }
  return ids;
}
