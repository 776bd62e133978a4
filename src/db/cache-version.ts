import type { DataSource, EntityManager } from 'typeorm';

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
