import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { checkDeadline } from '../common/query-timeout-error';

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

/** One row per id, in one `IN (…)` query per batch, limited to the caller's scope. */
export function byId<E extends ObjectLiteral & { id: number }>(
  { ds, scope, budget }: LoaderSource,
  entity: EntityTarget<E>,
  rule: ScopeRule,
  /** relations loaded with each row (one join), e.g. an entity's eager relations */
  relations: readonly string[] = [],
): DataLoader<number, E | null> {
  return new DataLoader<number, E | null>(
    async (ids) => {
      checkDeadline(budget?.deadline, budget?.budgetMs);
      let query = ds.getRepository(entity).createQueryBuilder('e');
      for (const relation of relations) query = query.leftJoinAndSelect(`e.${relation}`, relation);
      const rows = await applyScope(query.where('e.id IN (:...ids)', { ids: [...ids] }), rule, scope).getMany();
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    },
    { maxBatchSize: BATCH },
  );
}

/** All rows whose `column` is one of the keys, grouped per key, in one query per batch, limited to the caller's scope. */
export function manyBy<E extends ObjectLiteral>(
  { ds, scope, budget }: LoaderSource,
  entity: EntityTarget<E>,
  column: keyof E & string,
  rule: ScopeRule,
  orderBy: Record<string, 'ASC' | 'DESC'> = { id: 'ASC' },
): DataLoader<number, E[]> {
  return new DataLoader<number, E[]>(
    async (keys) => {
      checkDeadline(budget?.deadline, budget?.budgetMs);
      let query = applyScope(
        ds
          .getRepository(entity)
          .createQueryBuilder('e')
          .where(`e.${column} IN (:...keys)`, { keys: [...keys] }),
        rule,
        scope,
      );
      for (const [field, dir] of Object.entries(orderBy)) query = query.addOrderBy(`e.${field}`, dir);
      const rows = await query.getMany();
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
