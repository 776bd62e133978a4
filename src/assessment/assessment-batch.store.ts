import { In, type DataSource } from 'typeorm';
import type { LoadedChecklist } from '../checklist/checklist.service';
import { Unit } from '../units/unit.entity';
import { assess } from './assess';
import { Assessment } from './assessment.entity';
import type { AssessmentResult, ItemResult } from './types';

/** One unit's assessment for a checklist and year: stored, or computed on the fly when none is stored. */
export interface UnitAssessment {
  unit: Unit;
  stored: Assessment | null;
  result: AssessmentResult;
}

const CHUNK = 500;

/**
 * Assessments of many units for one checklist and year, in one query per 500 units. A
 * unit without a stored assessment gets one computed in memory as "no report"
 * (REPORT_MISSING), without writing anything.
 */
export async function assessmentsForUnits(ds: DataSource, units: Unit[], loaded: LoadedChecklist, year: number): Promise<UnitAssessment[]> {
  const stored = new Map<number, Assessment>();
  for (let i = 0; i < units.length; i += CHUNK) {
    const rows = await ds.getRepository(Assessment).find({
      where: { checklistId: loaded.checklist.id, year, unitId: In(units.slice(i, i + CHUNK).map((u) => u.id)) },
    });
    for (const row of rows) stored.set(row.unitId, row);
  }
  let missing: AssessmentResult | null = null;
  return units.map((unit) => {
    const row = stored.get(unit.id) ?? null;
    if (row) return { unit, stored: row, result: row.result };
    missing ??= assess({ checklist: loaded.definition, hasReport: false, claims: [], metrics: [], links: [], notApplicable: [] });
    return { unit, stored: null, result: missing };
  });
}

/** What list views (coverage matrix, ranking) need of an assessment: statuses, counts, score. */
interface AssessmentSummary {
  items: Array<Pick<ItemResult, 'code' | 'status' | 'confirmedStatus'>>;
  coverage: Pick<AssessmentResult['coverage'], 'confirmed' | 'proposed'>;
  score: AssessmentResult['score'];
  flagCount: number;
}

/** One unit's assessment summary for a checklist and year. */
export interface UnitAssessmentSummary {
  unit: Unit;
  /** the stored assessment was computed from a report */
  hasReport: boolean;
  summary: AssessmentSummary;
}

/** The summary of a full result. */
function summariseResult(result: AssessmentResult): AssessmentSummary {
  return {
    items: result.items.map((i) => ({ code: i.code, status: i.status, confirmedStatus: i.confirmedStatus })),
    coverage: { confirmed: result.coverage.confirmed, proposed: result.coverage.proposed },
    score: result.score,
    flagCount: result.flags.length,
  };
}

/** Most summaries kept per DataSource (about 2 KB each). */
const SUMMARY_CACHE_LIMIT = 50_000;

/**
 * Summaries of stored assessments by assessment id, with the version they were made
 * from: every write of an assessment increments its version (TypeORM's @VersionColumn
 * on save and update), so a summary is used only while the row is unchanged.
 */
const summaryCaches = new WeakMap<DataSource, Map<number, { version: number; summary: AssessmentSummary }>>();

/**
 * Like {@link assessmentsForUnits}, for list views: reads only the small columns of the
 * stored assessments (one query per 500 units), and the full result — parsed and
 * summarised, then cached by id and version — only for assessments not seen before or
 * changed since (one more query per 500 of those).
 */
export async function assessmentSummariesForUnits(
  ds: DataSource,
  units: Unit[],
  loaded: LoadedChecklist,
  year: number,
): Promise<UnitAssessmentSummary[]> {
  let cache = summaryCaches.get(ds);
  if (!cache) summaryCaches.set(ds, (cache = new Map()));
  const rows = new Map<number, { id: number; reportId: number | null; version: number }>();
  for (let i = 0; i < units.length; i += CHUNK) {
    const found = await ds.getRepository(Assessment).find({
      select: { id: true, unitId: true, reportId: true, version: true },
      where: { checklistId: loaded.checklist.id, year, unitId: In(units.slice(i, i + CHUNK).map((u) => u.id)) },
    });
    for (const row of found) rows.set(row.unitId, row);
  }
  const summaries = new Map<number, AssessmentSummary>();
  const misses: number[] = [];
  for (const row of rows.values()) {
    const hit = cache.get(row.id);
    if (hit && hit.version === row.version) {
      cache.delete(row.id);
      cache.set(row.id, hit);
      summaries.set(row.id, hit.summary);
    } else misses.push(row.id);
  }
  for (let i = 0; i < misses.length; i += CHUNK) {
    const full = await ds
      .getRepository(Assessment)
      .find({ select: { id: true, version: true, result: true }, where: { id: In(misses.slice(i, i + CHUNK)) } });
    for (const f of full) {
      const summary = summariseResult(f.result);
      summaries.set(f.id, summary);
      cache.delete(f.id);
      cache.set(f.id, { version: f.version, summary });
      if (cache.size > SUMMARY_CACHE_LIMIT) cache.delete(cache.keys().next().value as number);
    }
  }
  let missing: AssessmentSummary | null = null;
  return units.map((unit) => {
    const row = rows.get(unit.id);
    const summary = row ? summaries.get(row.id) : undefined;
    if (row && summary) return { unit, hasReport: row.reportId != null, summary };
    missing ??= summariseResult(
      assess({ checklist: loaded.definition, hasReport: false, claims: [], metrics: [], links: [], notApplicable: [] }),
    );
    return { unit, hasReport: false, summary: missing };
  });
}
