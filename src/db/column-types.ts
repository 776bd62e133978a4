import type { ColumnOptions, Driver } from 'typeorm';

/**
 * Column types that differ between SQLite and PostgreSQL. Entities are declared once, for
 * both databases, with the portable types below; they never depend on the environment.
 * The data source of a PostgreSQL database adapts them (`adaptColumnTypes`) before it
 * builds its metadata, so the migrations of each database type describe the same schema.
 */

/**
 * A UTC timestamp: `datetime` (ISO text) on SQLite; on PostgreSQL `adaptColumnTypes` makes
 * it `timestamp with time zone` (timestamptz).
 */
export const timestampType: ColumnOptions['type'] = 'datetime';

/** A floating-point number on both databases. */
export const doubleType: ColumnOptions['type'] = 'double precision';

/** PostgreSQL's type for each portable type that PostgreSQL does not know. */
const POSTGRES_TYPES: Readonly<Record<string, string>> = { datetime: 'timestamp with time zone' };

/**
 * Teaches one PostgreSQL driver the portable types: TypeORM asks `normalizeType` for the
 * database type of a column when it validates the entities, creates tables and compares
 * them with the entities (migration generation). TypeORM's PostgreSQL driver already reads
 * and writes `datetime` columns as dates. Called by `createDataSource` on the driver of a
 * new data source, before `initialize()`; other data sources are not affected.
 */
export function adaptColumnTypes(driver: Driver): void {
  if (driver.options.type !== 'postgres') return;
  const normalize = driver.normalizeType.bind(driver);
  driver.normalizeType = (column) => (typeof column.type === 'string' && POSTGRES_TYPES[column.type]) || normalize(column);
}
