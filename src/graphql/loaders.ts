import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
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

/** Keys per `IN (…)` query: below SQLite's 32766 bound parameters, so one statement per relation per request in practice. */
const BATCH = 10_000;

/** One row per id, in one `IN (…)` query per batch. */
function byId<E extends ObjectLiteral & { id: number }>(ds: DataSource, entity: EntityTarget<E>): DataLoader<number, E | null> {
  return new DataLoader<number, E | null>(
    async (ids) => {
      const rows = await ds
        .getRepository(entity)
        .createQueryBuilder('e')
        .where('e.id IN (:...ids)', { ids: [...ids] })
        .getMany();
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    },
    { maxBatchSize: BATCH },
  );
}

/** All rows whose `column` is one of the keys, grouped per key, in one query per batch. */
function manyBy<E extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<E>,
  column: keyof E & string,
  orderBy: Record<string, 'ASC' | 'DESC'> = { id: 'ASC' },
): DataLoader<number, E[]> {
  return new DataLoader<number, E[]>(
    async (keys) => {
      let query = ds
        .getRepository(entity)
        .createQueryBuilder('e')
        .where(`e.${column} IN (:...keys)`, { keys: [...keys] });
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
 */
export function createLoaders(ds: DataSource) {
  return {
    unitById: byId(ds, Unit),
    unitChildren: manyBy(ds, Unit, 'parentId', { name: 'ASC' }),
    reportsByUnit: manyBy(ds, Report, 'unitId', { year: 'DESC', id: 'DESC' }),
    checklistById: byId(ds, Checklist),
    itemById: byId(ds, ChecklistItem),
    itemsByChecklist: manyBy(ds, ChecklistItem, 'checklistId', { position: 'ASC' }),
    targetsByItem: manyBy(ds, Target, 'itemId'),
    reportById: byId(ds, Report),
    sectionById: byId(ds, ReportSection),
    sectionsByReport: manyBy(ds, ReportSection, 'reportId', { position: 'ASC' }),
    claimById: byId(ds, Claim),
    claimsByReport: manyBy(ds, Claim, 'reportId', { position: 'ASC' }),
    metricById: byId(ds, MetricValue),
    metricsByClaim: manyBy(ds, MetricValue, 'claimId'),
    metricsByReport: manyBy(ds, MetricValue, 'reportId'),
    linkById: byId(ds, EvidenceLink),
    linksByClaim: manyBy(ds, EvidenceLink, 'claimId'),
    linksByReport: manyBy(ds, EvidenceLink, 'reportId'),
    assessmentById: byId(ds, Assessment),
    flagById: byId(ds, AssessmentFlag),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
