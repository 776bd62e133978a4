import type { DataSource } from 'typeorm';
import { readRows, type SqlParams } from '../db/read-rows';

/** A list statement in parts: `SELECT ${select} FROM ${from} WHERE ${where…} ORDER BY ${orderBy}`, its values in `params`. */
export interface ListStatement {
  select: string;
  from: string;
  where: readonly string[];
  orderBy: string;
  params: SqlParams;
}

/**
 * One page of a list query and the total of the whole list in one statement: the rows carry
 * `COUNT(*) OVER ()` (counted before LIMIT/OFFSET). Only a page past the end, or `first: 0`,
 * costs a second statement (a count). Raw rows (`alias_column`, see `entityFromRaw`); the
 * statement must not join to-many relations (the window would count joined rows). Hand-written
 * SQL through the driver (src/db/read-rows.ts), not TypeORM's query builder: this is every
 * list page's path.
 */
export async function pageWithTotal(
  ds: DataSource,
  list: ListStatement,
  offset: number,
  limit: number,
): Promise<{ raw: Array<Record<string, unknown>>; total: number }> {
  const from = `FROM ${list.from}${list.where.length ? ` WHERE ${list.where.join(' AND ')}` : ''}`;
  const page = `SELECT ${list.select}, COUNT(*) OVER () AS "page_total" ${from} ORDER BY ${list.orderBy} LIMIT ${Math.trunc(limit)} OFFSET ${Math.trunc(offset)}`;
  const raw = await readRows(ds, page, list.params.values);
  if (raw.length) return { raw, total: Number(raw[0]?.page_total ?? 0) };
  if (limit > 0 && offset === 0) return { raw, total: 0 };
  const counted = await readRows<{ n: number | string }>(ds, `SELECT COUNT(*) AS "n" ${from}`, list.params.values);
  return { raw, total: Number(counted[0]?.n ?? 0) };
}
