import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AssessmentFlag } from '../assessment/assessment-flag.entity';
import { Assessment } from '../assessment/assessment.entity';
import { ChecklistItem } from '../checklist/checklist-item.entity';
import { Checklist } from '../checklist/checklist.entity';
import { Target } from '../checklist/target.entity';
import { EvidenceLink } from '../evidence/evidence-link.entity';
import { Claim } from '../reports/claim.entity';
import { MetricValue } from '../reports/metric-value.entity';
import { ReportSection } from '../reports/report-section.entity';
import { Report } from '../reports/report.entity';
import { Unit } from '../units/unit.entity';
import { checkDeadline } from './errors';

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
type ScopeRule = { unitColumn: string } | { viaReport: true } | null;

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
function byId<E extends ObjectLiteral & { id: number }>(
  ds: DataSource,
  entity: EntityTarget<E>,
  rule: ScopeRule,
  scope: readonly number[] | null,
  budget?: LoadBudget,
): DataLoader<number, E | null> {
  return new DataLoader<number, E | null>(
    async (ids) => {
      checkDeadline(budget?.deadline, budget?.budgetMs);
      const rows = await applyScope(
        ds
          .getRepository(entity)
          .createQueryBuilder('e')
          .where('e.id IN (:...ids)', { ids: [...ids] }),
        rule,
        scope,
      ).getMany();
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    },
    { maxBatchSize: BATCH },
  );
}

/** All rows whose `column` is one of the keys, grouped per key, in one query per batch, limited to the caller's scope. */
function manyBy<E extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<E>,
  column: keyof E & string,
  rule: ScopeRule,
  scope: readonly number[] | null,
  orderBy: Record<string, 'ASC' | 'DESC'> = { id: 'ASC' },
  budget?: LoadBudget,
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

/**
 * The per-request DataLoaders: every relation of the GraphQL schema is resolved through
 * one of these, so a request's number of SQL statements does not grow with its rows.
 * Each is limited to the caller's units (`scope`, null for all): data outside the scope
 * is simply not found, through any path (node(id), nested fields, lists).
 */
export function createLoaders(ds: DataSource, scope: ReadonlySet<number> | null = null, budget?: LoadBudget) {
  const s = scope === null ? null : [...scope];
  const unit: ScopeRule = { unitColumn: 'id' };
  const owned: ScopeRule = { unitColumn: 'unitId' };
  const viaReport: ScopeRule = { viaReport: true };
  return {
    unitById: byId(ds, Unit, unit, s, budget),
    unitChildren: manyBy(ds, Unit, 'parentId', unit, s, { name: 'ASC' }, budget),
    reportsByUnit: manyBy(ds, Report, 'unitId', owned, s, { year: 'DESC', id: 'DESC' }, budget),
    checklistById: byId(ds, Checklist, null, s, budget),
    itemById: byId(ds, ChecklistItem, null, s, budget),
    itemsByChecklist: manyBy(ds, ChecklistItem, 'checklistId', null, s, { position: 'ASC' }, budget),
    targetsByItem: manyBy(ds, Target, 'itemId', null, s, undefined, budget),
    reportById: byId(ds, Report, owned, s, budget),
    sectionById: byId(ds, ReportSection, viaReport, s, budget),
    sectionsByReport: manyBy(ds, ReportSection, 'reportId', viaReport, s, { position: 'ASC' }, budget),
    claimById: byId(ds, Claim, viaReport, s, budget),
    claimsByReport: manyBy(ds, Claim, 'reportId', viaReport, s, { position: 'ASC' }, budget),
    metricById: byId(ds, MetricValue, viaReport, s, budget),
    metricsByClaim: manyBy(ds, MetricValue, 'claimId', viaReport, s, undefined, budget),
    metricsByReport: manyBy(ds, MetricValue, 'reportId', viaReport, s, undefined, budget),
    linkById: byId(ds, EvidenceLink, viaReport, s, budget),
    linksByClaim: manyBy(ds, EvidenceLink, 'claimId', viaReport, s, undefined, budget),
    linksByReport: manyBy(ds, EvidenceLink, 'reportId', viaReport, s, undefined, budget),
    assessmentById: byId(ds, Assessment, owned, s, budget),
    flagById: byId(ds, AssessmentFlag, owned, s, budget),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
