/**
 * Hand-written read statements for the API's hot paths (list pages, the request loaders): the
 * SQL text is built here rather than by TypeORM's query builder, and on PostgreSQL it goes to
 * the data source's own `pg` pool directly, without TypeORM's query runner (a query runner, a
 * result object and event broadcasts per statement: ≈ 9 % of a `units` request's CPU,
 * bench/README.md "The query targets, fourth pass"). The statement is still counted for the
 * request and refused once the request's time budget is spent (the data source's logger,
 * src/observability/sql-logger.ts, as TypeORM calls it), runs on the same pool (same
 * `statement_timeout`, same connections), and a driver error is the driver's (its `code` is
 * what src/graphql/errors.ts reads). On SQLite the statement goes through `DataSource.query`.
 */
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** Placeholders in the order they appear in the text: `$1, $2 …` on PostgreSQL, `?` on SQLite. */
export class SqlParams {
  readonly values: unknown[] = [];
  private readonly postgres: boolean;

  constructor(ds: DataSource) {
    this.postgres = ds.options.type === 'postgres';
  }

  /** One value's placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return this.postgres ? `$${this.values.length}` : '?';
  }

  /** A list's placeholders for `IN (…)`: `NULL` for an empty list (matches nothing). */
  list(values: readonly unknown[]): string {
    return values.length ? values.map((v) => this.add(v)).join(', ') : 'NULL';
  }
}

/** At most this many statement texts are prepared (named) on each PostgreSQL connection. */
const MAX_PREPARED = 200;
/** A text is prepared the second time it is sent; the texts seen once are forgotten past this many. */
const MAX_SEEN_ONCE = 2_000;

const prepared = new Map<string, string>();
const seenOnce = new Set<string>();

/**
 * The name a statement text is prepared under on PostgreSQL, or undefined to send it unnamed:
 * a text sent twice is named (its hash), up to {@link MAX_PREPARED} texts a process, so the
 * prepared statements a connection holds are bounded whatever the traffic. The pg driver parses
 * a named statement once per connection and then only binds and executes it: PostgreSQL's parse
 * and plan of an unnamed statement (≈ 0.1–1 ms of its CPU for the district views' recursive
 * statement) is paid on every request otherwise. PostGraphile does the same (its per-connection
 * cache of 100). The answers are the same: the text and values are.
 */
function statementName(sql: string): string | undefined {
  const name = prepared.get(sql);
  if (name !== undefined || prepared.size >= MAX_PREPARED) return name;
  if (!seenOnce.has(sql)) {
    if (seenOnce.size >= MAX_SEEN_ONCE) seenOnce.clear();
    seenOnce.add(sql);
    return undefined;
  }
  seenOnce.delete(sql);
  const named = `fazhi_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
  prepared.set(sql, named);
  return named;
}

/** Rows of one read statement, as `DataSource.query` returns them. */
export async function readRows<R = Record<string, unknown>>(ds: DataSource, sql: string, params: readonly unknown[]): Promise<R[]> {
  if (ds.options.type !== 'postgres') return (await ds.query(sql, [...params])) as R[];
  ds.logger.logQuery(sql, [...params]);
  const pool = (ds.driver as unknown as { master: Pool }).master;
  return (await pool.query({ text: sql, values: params as unknown[], name: statementName(sql) })).rows as R[];
}

const selects = new WeakMap<DataSource, Map<string, string>>();

/**
 * The select list of an entity's columns under `alias`, named as a query builder names raw
 * columns (`"u"."name" AS "u_name"`), for `entityFromRaw`; `only` limits it to those
 * properties. Made once per data source, entity, alias and list.
 */
export function selectColumns<E extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<E>,
  alias: string,
  only?: readonly (keyof E & string)[],
): string {
  let byKey = selects.get(ds);
  if (!byKey) selects.set(ds, (byKey = new Map()));
  const metadata = ds.getMetadata(entity);
  const key = `${metadata.name}\u0000${alias}\u0000${only?.join(',') ?? '*'}`;
  let text = byKey.get(key);
  if (text === undefined) {
    const columns = only ? only.map((p) => metadata.findColumnWithPropertyName(p)) : metadata.columns;
    text = columns
      .map((column) => {
        if (!column) throw new Error(`${metadata.name} has no such column`);
        return `"${alias}"."${column.databaseName}" AS "${alias}_${column.databaseName}"`;
      })
      .join(', ');
    byKey.set(key, text);
  }
  return text;
}

/** The entity's table name, quoted. */
export function tableOf<E extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<E>): string {
  return `"${ds.getMetadata(entity).tableName}"`;
}
