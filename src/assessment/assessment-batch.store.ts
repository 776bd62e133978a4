import { In, type DataSource } from 'typeorm';
import type { LoadedChecklist } from '../checklist/checklist.service';
import { Unit } from '../units/unit.entity';
import { assess } from './assess';
import { Assessment } from './assessment.entity';
import { AssessmentFlag } from './assessment-flag.entity';
import { withStoredFlags } from './stored-flags';
import type { ItemStatus } from '../checklist/types';
import type { AssessmentResult, FlagResult, ItemResult } from './types';

/** One unit's assessment for a checklist and year: stored, or computed on the fly when none is stored. */
export interface UnitAssessment {
  unit: Unit;
  stored: Assessment | null;
  result: AssessmentResult;
}

const CHUNK = 500;

/**
 * Assessments of many units for one checklist and year, in two queries per 500 units (the rows, their flags). A
 * unit without a stored assessment gets one computed in memory as "no report"
 * (REPORT_MISSING), without writing anything.
 */
export async function assessmentsForUnits(ds: DataSource, units: Unit[], loaded: LoadedChecklist, year: number): Promise<UnitAssessment[]> {
  const stored = new Map<number, Assessment>();
  for (let i = 0; i < units.length; i += CHUNK) {
    // the flags apart: joined, every flag row would repeat the assessment's whole result (≈ 20 KB)
    const rows = await ds.getRepository(Assessment).find({
      where: { checklistId: loaded.checklist.id, year, unitId: In(units.slice(i, i + CHUNK).map((u) => u.id)) },
      loadEagerRelations: false,
    });
    const flags = rows.length
      ? await ds.getRepository(AssessmentFlag).find({ where: { assessmentId: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } })
      : [];
    for (const row of rows) {
      row.flagRows = flags.filter((f) => f.assessmentId === row.id);
      row.result = withStoredFlags(row.result, row.flagRows);
      stored.set(row.unitId, row);
    }
  }
  return units.map((unit) => {
    const row = stored.get(unit.id) ?? null;
    return row ? { unit, stored: row, result: row.result } : { unit, stored: null, result: noReportResult(loaded) };
  });
}

/** What list views (coverage matrix, ranking) need of an assessment: statuses, counts, score. */
interface AssessmentSummary {
  /** empty when not asked for */
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

/**
 * The "no report" summary of a checklist version: a pure function of its definition (a
 * version never changes), computed once per loaded definition.
 */
const noReportSummaries = new WeakMap<LoadedChecklist, AssessmentSummary>();

const noReportResults = new WeakMap<LoadedChecklist, AssessmentResult>();

/** The "no report" result of a checklist version (every item MISSING, REPORT_MISSING unless switched off). */
function noReportResult(loaded: LoadedChecklist): AssessmentResult {
  let result = noReportResults.get(loaded);
  if (!result) {
    result = assess({ checklist: loaded.definition, hasReport: false, claims: [], metrics: [], links: [], notApplicable: [] });
    noReportResults.set(loaded, result);
  }
  return result;
}

/** The flags a unit without a report (and without a stored assessment) has for a checklist version. */
export function noReportFlags(loaded: LoadedChecklist): FlagResult[] {
  return noReportResult(loaded).flags;
}

function noReportSummary(loaded: LoadedChecklist): AssessmentSummary {
  let summary = noReportSummaries.get(loaded);
  if (!summary) {
    summary = summariseResult(noReportResult(loaded));
    noReportSummaries.set(loaded, summary);
  }
  return summary;
}

/** The list columns of `assessment` (assessment.entity.ts) as one raw row. */
interface ListRow {
  id: number | string;
  unitId: number | string;
  reportId: number | string | null;
  coverageConfirmed: number;
  coverageProposed: number;
  scoreConfirmed: number;
  scoreProposed: number;
  coveredConfirmed: number;
  partialConfirmed: number;
  coveredProposed: number;
  partialProposed: number;
  assessableItems: number;
  earnedConfirmed: number;
  earnedProposed: number;
  possiblePoints: number;
  flagCount: number | string;
}

const LIST_COLUMNS = [
  'id',
  'unitId',
  'reportId',
  'coverageConfirmed',
  'coverageProposed',
  'scoreConfirmed',
  'scoreProposed',
  'coveredConfirmed',
  'partialConfirmed',
  'coveredProposed',
  'partialProposed',
  'assessableItems',
  'earnedConfirmed',
  'earnedProposed',
  'possiblePoints',
  'flagCount',
]
  .map((c) => `"a"."${c}"`)
  .join(', ');

function summaryOfRow(r: ListRow): AssessmentSummary {
  const assessable = Number(r.assessableItems);
  const possible = Number(r.possiblePoints);
  return {
    items: [],
    coverage: {
      confirmed: {
        covered: Number(r.coveredConfirmed),
        partial: Number(r.partialConfirmed),
        assessable,
        ratio: Number(r.coverageConfirmed),
      },
      proposed: { covered: Number(r.coveredProposed), partial: Number(r.partialProposed), assessable, ratio: Number(r.coverageProposed) },
    },
    score: {
      confirmed: { earned: Number(r.earnedConfirmed), possible, normalised: Number(r.scoreConfirmed) },
      proposed: { earned: Number(r.earnedProposed), possible, normalised: Number(r.scoreProposed) },
    },
    flagCount: Number(r.flagCount),
  };
}

/**
 * Like {@link assessmentsForUnits}, for list views, with set-based SQL that never reads the
 * result JSON: the list columns of the stored assessments (one query per 500 units) and, when
 * `items` is asked, their per-item statuses from `assessment_item_status` (one more). A unit
 * without a stored assessment has no report: its summary is the checklist's "no report" one.
 * Nothing is cached between requests: every answer is what the database holds now.
 */
export async function assessmentSummariesForUnits(
  ds: DataSource,
  units: Unit[],
  loaded: LoadedChecklist,
  year: number,
  options: { items: boolean },
): Promise<UnitAssessmentSummary[]> {
  const postgres = ds.options.type === 'postgres';
  const mark = (n: number) => (postgres ? `$${n}` : '?');
  const rows = new Map<number, { hasReport: boolean; summary: AssessmentSummary }>();
  for (let i = 0; i < units.length; i += CHUNK) {
    const ids = units.slice(i, i + CHUNK).map((u) => u.id);
    const params = [loaded.checklist.id, year, ...ids];
    const where = `"a"."checklistId" = ${mark(1)} AND "a"."year" = ${mark(2)} AND "a"."unitId" IN (${ids.map((_, k) => mark(k + 3)).join(', ')})`;
    const found: ListRow[] = await ds.query(`SELECT ${LIST_COLUMNS} FROM "assessment" "a" WHERE ${where}`, params);
    for (const r of found) rows.set(Number(r.unitId), { hasReport: r.reportId != null, summary: summaryOfRow(r) });
    if (!options.items || found.length === 0) continue;
    const statuses: Array<{ unitId: number | string; itemCode: string; status: ItemStatus; confirmedStatus: ItemStatus }> = await ds.query(
      `SELECT "a"."unitId", "s"."itemCode", "s"."status", "s"."confirmedStatus" FROM "assessment" "a"` +
        ` JOIN "assessment_item_status" "s" ON "s"."assessmentId" = "a"."id" WHERE ${where}`,
      params,
    );
    for (const s of statuses) {
      rows.get(Number(s.unitId))?.summary.items.push({ code: s.itemCode, status: s.status, confirmedStatus: s.confirmedStatus });
    }
  }
  return units.map((unit) => {
    const row = rows.get(unit.id);
    return row ? { unit, ...row } : { unit, hasReport: false, summary: noReportSummary(loaded) };
  });
}
