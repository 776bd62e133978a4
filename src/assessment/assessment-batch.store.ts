import type { DataSource } from 'typeorm';
import type { LoadedChecklist } from '../checklist/checklist.service';
import { Unit } from '../units/unit.entity';
import { REPORTING_LEVELS } from '../units/reporting-levels';
import { entityFromRaw } from '../db/hydrate';
import { assess } from './assess';
import { Assessment } from './assessment.entity';
import { AssessmentFlag } from './assessment-flag.entity';
import { withStoredFlags } from './stored-flags';
import type { AssessmentResult, FlagResult, ItemResult } from './types';
import { readRows } from '../db/read-rows';
import { ASSESSMENT_DATA_VERSION, KeptPerVersion } from '../db/cache-version';
import { unionEntities, unionSql, type UnionBranch } from '../db/union-rows';
import { evidenceBranches, evidenceByClaim, type ClaimEvidence } from './evidence-rows.store';
import type { Claim } from '../reports/claim.entity';
import type { EvidenceLink } from '../evidence/evidence-link.entity';
import type { MetricValue } from '../reports/metric-value.entity';

/** One unit's assessment for a checklist and year: stored, or computed on the fly when none is stored. */
export interface UnitAssessment {
  unit: Unit;
  stored: Assessment | null;
  result: AssessmentResult;
}

const CHUNK = 500;

/**
 * Assessments of many units for one checklist and year, in one query per 500 units (the rows and their flags). A
 * unit without a stored assessment gets one computed in memory as "no report"
 * (REPORT_MISSING), without writing anything.
 */
export async function assessmentsForUnits(ds: DataSource, units: Unit[], loaded: LoadedChecklist, year: number): Promise<UnitAssessment[]> {
  const stored = new Map<number, Assessment>();
  const postgres = ds.options.type === 'postgres';
  const assessmentColumns = ds.getMetadata(Assessment).columns.map((c) => c.databaseName);
  const flagColumns = ds.getMetadata(AssessmentFlag).columns.map((c) => c.databaseName);
  for (let i = 0; i < units.length; i += CHUNK) {
    // The rows and their flags in one statement (one snapshot): a join would repeat the whole
    // result (≈ 20 KB) on every flag row, so the flags come as rows of their own (UNION ALL).
    const params: unknown[] = [];
    const p = (value: unknown): string => {
      params.push(value);
      return postgres ? `$${params.length}` : '?';
    };
    const ids = units.slice(i, i + CHUNK).map((u) => u.id);
    const where = (): string =>
      `"a"."checklistId" = ${p(loaded.checklist.id)} AND "a"."year" = ${p(year)} AND "a"."unitId" IN (${ids.map(p).join(', ')})`;
    const nulls = (columns: string[], alias: string): string => columns.map((c) => `NULL AS "${alias}_${c}"`).join(', ');
    const own = (columns: string[], alias: string): string => columns.map((c) => `"${alias}"."${c}" AS "${alias}_${c}"`).join(', ');
    const sql =
      `SELECT 0 AS "kind", ${own(assessmentColumns, 'a')}, ${nulls(flagColumns, 'f')} FROM "assessment" "a" WHERE ${where()}` +
      ` UNION ALL SELECT 1, ${nulls(assessmentColumns, 'a')}, ${own(flagColumns, 'f')} FROM "assessment_flag" "f"` +
      ` JOIN "assessment" "a" ON "a"."id" = "f"."assessmentId" WHERE ${where()}` +
      ` ORDER BY 1, ${2 + assessmentColumns.length + flagColumns.indexOf('id')}`; // the assessments, then the flags in stored order
    const raw = await readRows(ds, sql, params);
    const flagsOf = new Map<number, AssessmentFlag[]>();
    const rows: Assessment[] = [];
    for (const r of raw) {
      if (Number(r.kind) === 0) rows.push(entityFromRaw(ds, Assessment, r, 'a'));
      else {
        const flag = entityFromRaw(ds, AssessmentFlag, r, 'f');
        const list = flagsOf.get(flag.assessmentId);
        if (list) list.push(flag);
        else flagsOf.set(flag.assessmentId, [flag]);
      }
    }
    for (const row of rows) stored.set(row.unitId, withFlagRows(row, flagsOf.get(row.id) ?? []));
  }
  return units.map((unit) => {
    const row = stored.get(unit.id) ?? null;
    return row ? { unit, stored: row, result: row.result } : { unit, stored: null, result: noReportResult(loaded) };
  });
}

/** A stored assessment made whole: its flag rows, and its result with them (as the entity's `@AfterLoad` does). */
function withFlagRows(row: Assessment, flagRows: AssessmentFlag[]): Assessment {
  row.flagRows = flagRows;
  row.result = withStoredFlags(row.result, flagRows);
  return row;
}

/** What a unit's assessment page reads in one statement ({@link unitPage}). */
export interface UnitPage {
  /** null when it does not exist or is outside the scope */
  unit: Unit | null;
  /** the unit's parent as the unit loader answers it: null when there is none or it is outside the scope */
  parent: Unit | null;
  /** null when `unit` is */
  assessment: UnitAssessment | null;
  /** the claims linked in the assessment's report (in the scope), with their links and metric values; empty unless asked */
  evidence: Map<number, ClaimEvidence>;
}

/**
 * The pages of {@link unitPage} kept per unit, checklist version, year, evidence asked and scope,
 * with the assessments' data version they were read at ({@link ASSESSMENT_DATA_VERSION}): a page
 * is made of units, the stored assessment and its flags, the report's claims, links and metric
 * values, whose every write bumps that version. A page's objects are shared by the requests
 * answered from it: nothing downstream changes them. A kept page of the bench's corpus holds
 * about 180 KB of heap (its item and evidence objects included, src/assessment/assessment.resolver.ts):
 * at most 500 pages, about 90 MB.
 */
const keptPages = new KeptPerVersion<UnitPage>(500);

/**
 * A unit's assessment page in one statement (one round trip, one snapshot) where the loaders
 * would send four: the unit and its parent (in the scope, as the unit loader reads them), its
 * stored assessment for the checklist version and year with its flag rows (as
 * {@link assessmentsForUnits}; "no report" computed in memory when none is stored) and, when
 * `withEvidence`, every claim linked in the assessment's report with its links and metric
 * values, as the evidence loader reads them by claim (src/assessment/evidence-rows.store.ts).
 * A claim the result names that is not among them (none, unless the links changed under a
 * locked assessment) is left to the evidence loader.
 *
 * The page is kept with the data version read in the same statement; the next request for the
 * same unit, checklist version, year, evidence and scope first reads that version alone and is
 * answered from the kept page when it has not moved (no write committed since to anything the
 * page shows), from the whole statement again otherwise. A unit that is not there (or outside
 * the scope) is not kept.
 */
export async function unitPage(
  ds: DataSource,
  unitId: number,
  loaded: LoadedChecklist,
  year: number,
  scope: readonly number[] | null,
  withEvidence: boolean,
): Promise<UnitPage> {
  const key = `${unitId}:${loaded.checklist.id}:${year}:${withEvidence ? 'e' : '-'}:${scope === null ? '*' : scope.join(',')}`;
  const kept = await keptPages.current(ds, key);
  if (kept) return kept;
  const postgres = ds.options.type === 'postgres';
  const params: unknown[] = [];
  const p = (value: unknown): string => {
    params.push(value);
    return postgres ? `$${params.length}` : '?';
  };
  const inScope = (column: string): string =>
    scope === null ? '' : ` AND ${column} IN (${(scope.length ? scope : [-1]).map(p).join(', ')})`;
  const ofUnit = (alias: string): string =>
    `"${alias}"."checklistId" = ${p(loaded.checklist.id)} AND "${alias}"."year" = ${p(year)} AND "${alias}"."unitId" = ${p(unitId)}`;
  const branches: UnionBranch[] = [
    {
      entity: Unit,
      alias: 'u',
      from: `FROM "unit" "u" WHERE ("u"."id" = ${p(unitId)} OR "u"."id" = (SELECT "pu"."parentId" FROM "unit" "pu" WHERE "pu"."id" = ${p(unitId)}))${inScope(`"u"."id"`)}`,
    },
    { entity: Assessment, alias: 'a', from: `FROM "assessment" "a" WHERE ${ofUnit('a')}` },
    {
      entity: AssessmentFlag,
      alias: 'f',
      from: `FROM "assessment_flag" "f" JOIN "assessment" "fa" ON "fa"."id" = "f"."assessmentId" WHERE ${ofUnit('fa')}`,
    },
  ];
  if (withEvidence) {
    const claims = (): string =>
      `SELECT "pl"."claimId" FROM "evidence_link" "pl" WHERE "pl"."reportId" = (SELECT "pa"."reportId" FROM "assessment" "pa" WHERE ${ofUnit('pa')})`;
    branches.push(...evidenceBranches(claims, scope, p));
  }
  // the rows with the data version read in the same statement (one snapshot)
  const raw = await readRows(ds, `SELECT * FROM (${unionSql(ds, branches)}) "w" CROSS JOIN (${ASSESSMENT_DATA_VERSION}) "v"`, params);
  const [units, assessments, flags, claims, links, metrics] = unionEntities(ds, branches, raw);
  const unit = (units as Unit[]).find((u) => u.id === unitId) ?? null;
  const parent = unit?.parentId == null ? null : ((units as Unit[]).find((u) => u.id === unit.parentId) ?? null);
  const evidence = withEvidence
    ? evidenceByClaim(claims as Claim[], links as EvidenceLink[], metrics as MetricValue[])
    : new Map<number, ClaimEvidence>();
  if (!unit) return { unit, parent, assessment: null, evidence };
  const row = (assessments as Assessment[])[0];
  const assessment: UnitAssessment = row
    ? {
        unit,
        stored: withFlagRows(
          row,
          (flags as AssessmentFlag[]).sort((x, y) => x.id - y.id),
        ),
        result: row.result,
      }
    : { unit, stored: null, result: noReportResult(loaded) };
  const page = { unit, parent, assessment, evidence };
  keptPages.keep(ds, key, String(raw[0]!.version), page);
  return page;
}

/** What list views (coverage matrix, ranking) need of an assessment: statuses, counts, score. */
interface AssessmentSummary {
  /** a "no report" summary's items (every item); empty for a stored assessment (see `packedCells`) */
  items: Array<Pick<ItemResult, 'code' | 'status' | 'confirmedStatus'>>;
  /**
   * a stored assessment's per-item statuses as read, when asked for: `code:status:confirmedStatus`
   * joined by `,` (item codes are digits and dots), in no particular order; null otherwise
   */
  packedCells: string | null;
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
    packedCells: null,
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

/** The list columns of `assessment` (see {@link ListRow}). */
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
] as const;

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
    packedCells: null,
  };
}

/** A district's list view as {@link districtSummaries} answers it. */
export interface DistrictSummaries {
  parent: Unit | null;
  summaries: UnitAssessmentSummary[];
}

/** The statement texts of {@link districtSummaries}, per database type, with or without the cells. */
const districtTexts = new Map<string, string>();

/**
 * The summaries without cells (`ranking`) kept per district, checklist version and year with the
 * assessments' data version they were read at ({@link ASSESSMENT_DATA_VERSION}): they are made of
 * units and stored assessments only, whose every write bumps that version.
 */
const keptDistricts = new KeptPerVersion<DistrictSummaries>(2_000);

/**
 * A district's list view (coverage matrix, ranking) with set-based SQL that never reads the
 * result JSON, in one statement: the unit `parentId` (null when there is none) and every
 * reporting unit (街道, 镇) of its subtree, by name, each with its summary — the recursive walk
 * carries the units' own columns down the `parentId` index (no scan of the whole unit table),
 * the list columns of its stored assessment come by the unique (unit, checklist, year) index,
 * and, when `items` is asked, the per-item statuses from `assessment_item_status` packed into
 * one column per unit (`string_agg` / `group_concat` of `code:status:confirmedStatus`: 200 rows
 * for a 200-unit district instead of 6,200). A unit without a stored assessment has no report:
 * its summary is the checklist's "no report" one. The statement's text is made once per
 * database type and shape.
 *
 * Without `items` the answer depends on units and stored assessments only: it is kept with the
 * assessments' data version read in the same statement (one snapshot), and the next request for
 * the same district, checklist version and year first reads that version alone — the kept
 * answer when it has not moved (no write to units, assessments or flags committed since), the
 * whole statement again otherwise. With `items` (the per-item statuses, which that version does
 * not watch) nothing is kept: every answer is what the database holds now.
 */
export async function districtSummaries(
  ds: DataSource,
  parentId: number,
  loaded: LoadedChecklist,
  year: number,
  options: { items: boolean },
): Promise<DistrictSummaries> {
  const postgres = ds.options.type === 'postgres';
  const key = `${parentId}:${loaded.checklist.id}:${year}`;
  const kept = options.items ? undefined : await keptDistricts.current(ds, key);
  if (kept) return kept;
  const shape = `${ds.options.type}:${options.items}`;
  let sql = districtTexts.get(shape);
  if (sql === undefined) {
    let n = 0;
    const p = (): string => (postgres ? `$${++n}` : '?');
    const columns = ds.getMetadata(Unit).columns.map((c) => `"${c.databaseName}"`);
    const cells = options.items
      ? `, (SELECT ${postgres ? 'string_agg' : 'group_concat'}("s"."itemCode" || ':' || "s"."status" || ':' || "s"."confirmedStatus", ',')` +
        ` FROM "assessment_item_status" "s" WHERE "s"."assessmentId" = "a"."id") AS "cells"`
      : ', "v"."version" AS "version"';
    sql =
      `WITH RECURSIVE sub(${columns.join(', ')}) AS (SELECT ${columns.join(', ')} FROM unit WHERE id = ${p()}` +
      ` UNION ALL SELECT ${columns.map((c) => `u.${c}`).join(', ')} FROM unit u JOIN sub ON u."parentId" = sub.id) ` +
      `SELECT ${columns.map((c) => `sub.${c} AS "u_${c.slice(1, -1)}"`).join(', ')}, ${LIST_COLUMNS.map((c) => `"a"."${c}" AS "a_${c}"`).join(', ')}${cells}` +
      ` FROM sub LEFT JOIN "assessment" "a" ON "a"."unitId" = sub.id AND "a"."checklistId" = ${p()} AND "a"."year" = ${p()}` +
      (options.items ? '' : ` CROSS JOIN (${ASSESSMENT_DATA_VERSION}) "v"`) +
      ` WHERE sub.id = ${p()} OR sub.level IN (${REPORTING_LEVELS.map(p).join(', ')})`;
    districtTexts.set(shape, sql);
  }
  const rows = await readRows(ds, sql, [parentId, loaded.checklist.id, year, parentId, ...REPORTING_LEVELS]);
  let parent: Unit | null = null;
  const found: UnitAssessmentSummary[] = [];
  for (const row of rows) {
    const unit = entityFromRaw(ds, Unit, row, 'u');
    if (unit.id === parentId) parent = unit;
    if (!(REPORTING_LEVELS as readonly string[]).includes(unit.level)) continue;
    if (row.a_id == null) {
      found.push({ unit, hasReport: false, summary: noReportSummary(loaded) });
      continue;
    }
    const list = Object.fromEntries(LIST_COLUMNS.map((c) => [c, row[`a_${c}`]])) as unknown as ListRow;
    const summary = summaryOfRow(list);
    // its cells packed `code:status:confirmedStatus,…`, read by the matrix into its columns
    if (typeof row.cells === 'string' && row.cells !== '') summary.packedCells = row.cells;
    found.push({ unit, hasReport: list.reportId != null, summary });
  }
  found.sort((a, b) => (a.unit.name < b.unit.name ? -1 : a.unit.name > b.unit.name ? 1 : a.unit.id - b.unit.id));
  const answer = { parent, summaries: found };
  // the version the rows were read with (none when the district is not there: nothing kept)
  if (!options.items && rows[0]) keptDistricts.keep(ds, key, String(rows[0].version), answer);
  return answer;
}
