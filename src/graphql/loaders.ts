import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { checkDeadline } from '../common/query-timeout-error';
import { entityFromRaw } from '../db/hydrate';
import { SqlParams, readRows, selectColumns, tableOf } from '../db/read-rows';

/** The request's time budget: loads after `deadline` (epoch ms) fail with QUERY_TIMEOUT. */
export interface LoadBudget {
  deadline: number;
  budgetMs: number;
}

/** Keys per `IN (…)` query: below SQLite's 32766 bound parameters, so one statement per relation per request in practice. */
const BATCH = 10_000;

/**
 * How rows of an entity are limited to the caller's units: by the row's own unit column,
 * through its report, or not at all (checklists are not unit data).
 */
export type ScopeRule = { unitColumn: string } | { viaReport: true } | null;

function applyScope<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  rule: ScopeRule,
  scope: readonly number[] | null,
): SelectQueryBuilder<E> {
  if (scope === null || rule === null) return query;
  const units = scope.length ? scope : [-1];
  if ('unitColumn' in rule) return query.andWhere(`e.${rule.unitColumn} IN (:...scopeUnits)`, { scopeUnits: units });
  return query.andWhere('e.reportId IN (SELECT sr.id FROM report sr WHERE sr."unitId" IN (:...scopeUnits))', { scopeUnits: units });
}

/** The scope condition of hand-written SQL (see `applyScope`), or null. */
function scopeCondition(rule: ScopeRule, scope: readonly number[] | null, params: SqlParams): string | null {
  if (scope === null || rule === null) return null;
  const units = params.list(scope.length ? scope : [-1]);
  if ('unitColumn' in rule) return `"e"."${rule.unitColumn}" IN (${units})`;
  return `"e"."reportId" IN (SELECT "sr"."id" FROM "report" "sr" WHERE "sr"."unitId" IN (${units}))`;
}

/**
 * Rows of an entity whose `column` is one of `keys`, limited to the scope, as entities: the
 * SQL written here and run through the driver (src/db/read-rows.ts), every column read and
 * converted as TypeORM loads an entity (`entityFromRaw`) — the loaders are on every request's
 * path, TypeORM's query builder and entity transformer were a tenth of a simple request's CPU.
 */
async function rowsWhereIn<E extends ObjectLiteral>(
  { ds, scope }: LoaderSource,
  entity: EntityTarget<E>,
  column: string,
  keys: readonly number[],
  rule: ScopeRule,
  orderBy: Record<string, 'ASC' | 'DESC'> | null,
): Promise<E[]> {
  const metadata = ds.getMetadata(entity);
  const name = (property: string): string => {
    const found = metadata.findColumnWithPropertyName(property);
    if (!found) throw new Error(`${metadata.name} has no column ${property}`);
    return `"e"."${found.databaseName}"`;
  };
  const params = new SqlParams(ds);
  const where = [`${name(column)} IN (${params.list(keys)})`];
  const scoped = scopeCondition(rule, scope, params);
  if (scoped) where.push(scoped);
  const order = orderBy ? Object.entries(orderBy).map(([field, dir]) => `${name(field)} ${dir}`) : [];
  const sql =
    `SELECT ${selectColumns(ds, entity, 'e')} FROM ${tableOf(ds, entity)} "e" WHERE ${where.join(' AND ')}` +
    (order.length ? ` ORDER BY ${order.join(', ')}` : '');
  const raw = await readRows(ds, sql, params.values);
  return raw.map((r) => entityFromRaw(ds, entity, r, 'e'));
}

/** One row per id, in one `IN (…)` query per batch, limited to the caller's scope. */
export function byId<E extends ObjectLiteral & { id: number }>(
  source: LoaderSource,
  entity: EntityTarget<E>,
  rule: ScopeRule,
  /** relations loaded with each row (one join), e.g. an entity's eager relations */
  relations: readonly string[] = [],
): DataLoader<number, E | null> {
  const { ds, scope, budget } = source;
  return new DataLoader<number, E | null>(
    async (ids) => {
      checkDeadline(budget?.deadline, budget?.budgetMs);
      let rows: E[];
      if (relations.length) {
        let query = ds.getRepository(entity).createQueryBuilder('e');
        for (const relation of relations) query = query.leftJoinAndSelect(`e.${relation}`, relation);
        rows = await applyScope(query.where('e.id IN (:...ids)', { ids: [...ids] }), rule, scope).getMany();
      } else rows = await rowsWhereIn(source, entity, 'id', ids, rule, null);
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    },
    { maxBatchSize: BATCH },
  );
}

/** All rows whose `column` is one of the keys, grouped per key, in one query per batch, limited to the caller's scope. */
export function manyBy<E extends ObjectLiteral>(
  source: LoaderSource,
  entity: EntityTarget<E>,
  column: keyof E & string,
  rule: ScopeRule,
  orderBy: Record<string, 'ASC' | 'DESC'> = { id: 'ASC' },
): DataLoader<number, E[]> {
  const { budget } = source;
  return new DataLoader<number, E[]>(
    async (keys) => {
      checkDeadline(budget?.deadline, budget?.budgetMs);
      const rows = await rowsWhereIn(source, entity, column, keys, rule, orderBy);
      const groups = new Map<number, E[]>();
      for (const row of rows) {
        const key = row[column] as number;
        const list = groups.get(key);
        if (list) list.push(row);
        else groups.set(key, [row]);
      }
      return keys.map((k) => groups.get(k) ?? []);
    },
    { maxBatchSize: BATCH },
  );
}

/** Where a request's loaders read: the data source, the caller's scope (null: every unit) and the time budget. */
export interface LoaderSource {
  ds: DataSource;
  scope: readonly number[] | null;
  budget?: LoadBudget;
}

/** Builds one domain's set of loaders for a request (each domain declares its own in `*.loaders.ts`). */
export type LoaderFactory<T> = (source: LoaderSource) => T;

/**
 * The per-request DataLoaders: every relation of the GraphQL schema is resolved through
 * one of these, so a request's number of SQL statements does not grow with its rows.
 * Each domain declares its loaders (`src/units/unit.loaders.ts`, …); a request makes each
 * set once, on first use (`ctx.loaders.of(unitLoaders).unitById`), limited to the caller's
 * units: data outside the scope is simply not found, through any path (node(id), nested
 * fields, lists). This file knows no domain, so domains import it and never the reverse.
 */
export class RequestLoaders {
  private readonly made = new Map<LoaderFactory<unknown>, unknown>();
  readonly source: LoaderSource;

  constructor(ds: DataSource, scope: ReadonlySet<number> | null = null, budget?: LoadBudget) {
    this.source = { ds, scope: scope === null ? null : [...scope], budget };
  }

  /** The request's loaders of one domain, made on first use. */
  of<T>(factory: LoaderFactory<T>): T {
    let set = this.made.get(factory) as T | undefined;
    if (set === undefined) {
      set = factory(this.source);
      this.made.set(factory, set);
    }
    return set;
  }
}

/** Scope rules shared by the domains' loaders. */
export const SCOPE = {
  /** the row is a unit */
  unit: { unitColumn: 'id' } as ScopeRule,
  /** the row has a unitId */
  owned: { unitColumn: 'unitId' } as ScopeRule,
  /** the row has a reportId */
  viaReport: { viaReport: true } as ScopeRule,
  /** not unit data (checklists) */
  none: null as ScopeRule,
};
