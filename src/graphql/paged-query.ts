import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * One page of a list query and the total of the whole list in one statement: the rows carry
 * `COUNT(*) OVER ()` (counted before LIMIT/OFFSET). Only a page past the end, or `first: 0`,
 * costs a second statement (a count). Raw rows (`alias_column`, see `entityFromRaw`): with a
 * join TypeORM would page through a second statement. The query must not join to-many
 * relations (the window would count joined rows).
 */
export async function pageWithTotal<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  offset: number,
  limit: number,
): Promise<{ raw: Array<Record<string, unknown>>; total: number }> {
  const counting = query.clone();
  const raw = await query.addSelect('COUNT(*) OVER ()', 'page_total').offset(offset).limit(limit).getRawMany<Record<string, unknown>>();
  if (raw.length) return { raw, total: Number(raw[0]?.page_total ?? 0) };
  return { raw, total: limit > 0 && offset === 0 ? 0 : await counting.getCount() };
}
