import type { DataSource, EntityManager } from 'typeorm';
import { readRows } from './read-rows';

/**
 * What a process may cache, and the counter of `cache_version` that says when it is stale
 * (migration SharedCaches). Triggers bump a counter in the same transaction as the write it
 * counts, so every process — any number of servers and workers over one database — sees the
 * new number as soon as the write is committed, and a cache keyed by it never answers from
 * before a committed write.
 */
export type CachedTable = 'unit';

/** The current counter of `name`, one indexed read. */
export async function cacheVersion(db: DataSource | EntityManager, name: CachedTable): Promise<number> {
  const rows = (await db.query(`SELECT "version" FROM "cache_version" WHERE "name" = '${name}'`)) as Array<{ version: number | string }>;
  return Number(rows[0]?.version ?? 0);
}

/**
 * The assessments' data version as one row of one column `version` (SQL text, no parameter):
 * the sum of the `flags:*` counters, which triggers on `assessment_flag`, `assessment` and
 * `unit` (migration FlagTotals) and on `report`, `claim`, `evidence_link` and `metric_value`
 * (migration EvidenceVersion) bump in the transaction of every write to them. Read in the same
 * statement as the rows an answer is made of (one snapshot), it says whether an answer kept
 * from an earlier request is still what the database holds: the same version, the same
 * committed writes to those tables.
 */
export const ASSESSMENT_DATA_VERSION = `SELECT CAST(COALESCE(SUM("c"."version"), 0) AS bigint) AS "version" FROM "cache_version" "c" WHERE "c"."name" LIKE 'flags:%'`;

/** A value kept with the data version it was read at. */
export interface KeptValue<T> {
  version: string;
  value: T;
}

/**
 * Values kept per data source and key, each with the data version it was read at (its user
 * compares that version with the one read with the next request's rows); past `max` keys the
 * least recently kept is forgotten.
 */
export class KeptPerVersion<T> {
  private readonly bySource = new WeakMap<DataSource, Map<string, KeptValue<T>>>();

  constructor(private readonly max: number) {}

  private of(ds: DataSource): Map<string, KeptValue<T>> {
    let kept = this.bySource.get(ds);
    if (!kept) this.bySource.set(ds, (kept = new Map()));
    return kept;
  }

  get(ds: DataSource, key: string): KeptValue<T> | undefined {
    return this.of(ds).get(key);
  }

  /**
   * The value kept for `key` when it is still what the database holds: the assessments' data
   * version read alone now is the one it was kept at (no write committed since); undefined
   * otherwise, and without a read when nothing is kept.
   */
  async current(ds: DataSource, key: string): Promise<T | undefined> {
    const kept = this.of(ds).get(key);
    if (!kept) return undefined;
    const [now] = await readRows<{ version: number | string }>(ds, ASSESSMENT_DATA_VERSION, []);
    return now && String(now.version) === kept.version ? kept.value : undefined;
  }

  keep(ds: DataSource, key: string, version: string, value: T): void {
    const kept = this.of(ds);
    kept.delete(key);
    if (kept.size >= this.max) kept.delete(kept.keys().next().value as string);
    kept.set(key, { version, value });
  }
}
