/**
 * The batch writer of a folder ingest (`ingestBatch`, `storePrepared` in ingest.service.ts):
 * stores many new reports in one transaction with a handful of multi-row statements across all
 * of them — reports, sections, claims, search rows, numbers, claim bands, links, assessments,
 * their flags and item rows, audit entries — instead of ~20 statements per report through
 * TypeORM repositories. Nothing is read back per report: what the one-by-one path looks up per
 * report (the current report of the unit and year, last year's report and its claims, stored
 * assessments, not-applicable marks, claim-band bucket sizes) is read once per batch
 * ({@link readBatchState}), and what a report of the batch changes for the next one (a report
 * of last year stored a moment ago, a claim-band bucket filling up) is carried in memory.
 *
 * Only reports that the one-by-one path would store as plain new ones go this way
 * ({@link newReportsPrefix}): no report of the unit and year yet (neither stored nor earlier in
 * the batch), no report of the year after (whose assessment a new report recomputes), no stored
 * assessment of the unit and year (a lock, or one kept for a not-applicable mark). The caller
 * stores any other report with the one-by-one code, then carries on with a fresh state. Rows are
 * inserted in the order the one-by-one path inserts them, so they get the same ids
 * (test/db/ingest-batch.test.ts compares the tables row by row).
 */
import type { EntityManager } from 'typeorm';
import { assess } from '../assessment/assess';
import { AssessmentFlag } from '../assessment/assessment-flag.entity';
import { AssessmentItemStatus } from '../assessment/assessment-item-status.entity';
import { Assessment } from '../assessment/assessment.entity';
import type { AssessmentResult, NotApplicableMark } from '../assessment/types';
import { AuditEntry } from '../audit/audit-entry.entity';
import type { LoadedChecklist } from '../checklist/checklist.service';
import type { Checklist } from '../checklist/checklist.entity';
import { bulkInsert } from '../db/bulk-insert';
import { EvidenceLink } from '../evidence/evidence-link.entity';
import type { ProposedLink } from '../evidence/types';
import type { ReportAnalysis } from '../reading/types';
import { Claim } from '../reports/claim.entity';
import { MetricValue } from '../reports/metric-value.entity';
import { ReportSection } from '../reports/report-section.entity';
import { Report } from '../reports/report.entity';
import { ClaimBand } from '../reports/reuse/claim-band.entity';
import { bucketSizes, claimBandRows, keptBandRows, namesOf, reuseOfPreviousYear } from '../reports/reuse/reuse.service';
import { indexClaims } from '../reports/search/claim-search';
import type { Unit } from '../units/unit.entity';
import { claimFieldsOf, type ClaimFields } from './claim-rows';
import { proposedLinkRows } from './link.service';
import { assessmentValues, flagRows, itemStatusRows } from './recompute.service';
import { assessmentInputOf } from './report-pipeline';

/** A report read, matched and resolved, as the writer needs it (ingest.service.ts's PreparedReport is one). */
export interface ReportToStore {
  input: { text: string; source: string; sourceSha256?: string | null; publishedDate?: string | null; actor: string };
  analysis: ReportAnalysis;
  matched: ReadonlyArray<{ loaded: LoadedChecklist; links: ProposedLink[] }>;
  unit: Unit;
  year: number;
  hash: string;
}

/** What a batch's reports depend on in the database, read once ({@link readBatchState}). */
export interface BatchState {
  /** the latest version of each checklist, in the order `checklistsForYear` gives them */
  checklists: readonly Checklist[];
  /** current reports of the batch's units by `unitId:year` */
  current: Map<string, { id: number; sha256: string }>;
  /** claims (id, text in position order) of the current reports of the year before a batch report's */
  previousClaims: Map<number, Array<{ id: number; text: string }>>;
  /** stored assessments by `unitId:checklistId:year` */
  assessments: Set<string>;
  /** not-applicable marks by `unitId:year:checklistId`, in id order */
  marks: Map<string, NotApplicableMark[]>;
}

/** A report stored by {@link storeNewReports}. */
export interface StoredNewReport {
  report: Report;
  linkCount: number;
  assessments: Array<{ checklist: Checklist; result: AssessmentResult }>;
}

/**
 * Milliseconds spent per kind of statement (and the pure steps between them) by
 * {@link readBatchState} and {@link storeNewReports} since the process started, and the reports
 * they stored: what the bench reports as the writer's breakdown.
 */
export const writerTiming: { reports: number; statements: number; ms: Record<string, number> } = { reports: 0, statements: 0, ms: {} };

/** Runs `step`, adding its time to `writerTiming.ms[kind]`. */
async function timed<T>(kind: string, step: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  try {
    return await step();
  } finally {
    writerTiming.ms[kind] = (writerTiming.ms[kind] ?? 0) + performance.now() - started;
  }
}

/** Ids per `IN (…)` list: far below both databases' parameter limits. */
const IDS_PER_STATEMENT = 5000;

/** Runs `sql` once per chunk of `ids`, `{ids}` replaced by the chunk's placeholders; the rows of all chunks. */
async function selectIn<T>(manager: EntityManager, sql: string, ids: readonly number[]): Promise<T[]> {
  const postgres = manager.connection.options.type === 'postgres';
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    const chunk = ids.slice(i, i + IDS_PER_STATEMENT);
    const marks = chunk.map((_, j) => (postgres ? `$${j + 1}` : '?')).join(', ');
    out.push(...(await manager.query<T[]>(sql.replace('{ids}', marks), chunk)));
  }
  return out;
}

/** Reads what the reports' storage depends on: 4 statements for a batch of any size (up to 5 000 units). */
export function readBatchState(
  manager: EntityManager,
  reports: readonly ReportToStore[],
  checklists: readonly Checklist[],
): Promise<BatchState> {
  return timed("SELECT state (reports, last year's claims, assessments, marks)", () => readState(manager, reports, checklists));
}

async function readState(manager: EntityManager, reports: readonly ReportToStore[], checklists: readonly Checklist[]): Promise<BatchState> {
  const unitIds = [...new Set(reports.map((r) => r.unit.id))];
  const current = new Map<string, { id: number; sha256: string }>();
  for (const r of await selectIn<{ id: number; unitId: number; year: number; sha256: string }>(
    manager,
    `SELECT "id", "unitId", "year", "sha256" FROM "report" WHERE "state" = 'CURRENT' AND "unitId" IN ({ids})`,
    unitIds,
  )) {
    current.set(`${Number(r.unitId)}:${Number(r.year)}`, { id: Number(r.id), sha256: r.sha256 });
  }
  const previousIds = reports.flatMap((r) => {
    const previous = current.get(`${r.unit.id}:${r.year - 1}`);
    return previous ? [previous.id] : [];
  });
  const previousClaims = new Map<number, Array<{ id: number; text: string }>>(previousIds.map((id) => [id, []]));
  for (const c of await selectIn<{ id: number; reportId: number; text: string }>(
    manager,
    `SELECT "id", "reportId", "text" FROM "claim" WHERE "reportId" IN ({ids}) ORDER BY "reportId", "position"`,
    [...new Set(previousIds)],
  )) {
    previousClaims.get(Number(c.reportId))?.push({ id: Number(c.id), text: c.text });
  }
  const assessments = new Set(
    (
      await selectIn<{ unitId: number; checklistId: number; year: number }>(
        manager,
        `SELECT "unitId", "checklistId", "year" FROM "assessment" WHERE "unitId" IN ({ids})`,
        unitIds,
      )
    ).map((a) => `${Number(a.unitId)}:${Number(a.checklistId)}:${Number(a.year)}`),
  );
  const marks = new Map<string, NotApplicableMark[]>();
  for (const m of await selectIn<{ unitId: number; year: number; checklistId: number; itemCode: string; justification: string }>(
    manager,
    `SELECT "unitId", "year", "checklistId", "itemCode", "justification" FROM "not_applicable_mark" WHERE "unitId" IN ({ids}) ORDER BY "id"`,
    unitIds,
  )) {
    const key = `${Number(m.unitId)}:${Number(m.year)}:${Number(m.checklistId)}`;
    marks.set(key, [...(marks.get(key) ?? []), { itemCode: m.itemCode, justification: m.justification }]);
  }
  return { checklists, current, previousClaims, assessments, marks };
}

/** The checklist versions covering `year` (as `checklistsForYear`). */
function checklistsOf(state: BatchState, year: number): Checklist[] {
  return state.checklists.filter((c) => c.yearFrom <= year && year <= c.yearTo);
}

/**
 * How many reports from the start of `reports` the one-by-one path would store as plain new
 * reports, given `state` and the reports before each in the list (see the module comment).
 */
export function newReportsPrefix(reports: readonly ReportToStore[], state: BatchState): number {
  const taken = new Set<string>();
  for (let i = 0; i < reports.length; i += 1) {
    const r = reports[i]!;
    const key = `${r.unit.id}:${r.year}`;
    const next = `${r.unit.id}:${r.year + 1}`;
    if (state.current.has(key) || taken.has(key) || state.current.has(next) || taken.has(next)) return i;
    for (const c of checklistsOf(state, r.year)) {
      if (!r.matched.some((m) => m.loaded.checklist.id === c.id)) return i;
      if (state.assessments.has(`${r.unit.id}:${c.id}:${r.year}`)) return i;
    }
    taken.add(key);
  }
  return reports.length;
}

/** The matcher's links with the database ids of the claims just stored. */
export function withStoredClaimIds(
  links: readonly ProposedLink[],
  claimIdByLocal: ReadonlyMap<string, number | undefined>,
): ProposedLink[] {
  return links.flatMap((l) => {
    const id = claimIdByLocal.get(l.claimId);
    return id === undefined ? [] : [{ ...l, claimId: String(id) }];
  });
}

type ClaimRow = ClaimFields & { id: number };

/**
 * Stores reports that {@link newReportsPrefix} accepted, all of them, in the caller's
 * transaction: the same rows, with the same ids, as storing them one after the other.
 */
export async function storeNewReports(
  manager: EntityManager,
  reports: readonly ReportToStore[],
  state: BatchState,
): Promise<StoredNewReport[]> {
  if (reports.length === 0) return [];
  const reportRows = reports.map((r) => ({
    unitId: r.unit.id,
    year: r.year,
    rawText: r.input.text,
    sha256: r.hash,
    source: r.input.source.slice(0, 500),
    sourceSha256: r.input.sourceSha256 ?? null,
    publishedDate: r.input.publishedDate ?? null,
    state: 'CURRENT' as const,
    replacedById: null,
  }));
  const reportIds = await timed('INSERT report', () => bulkInsert(manager, Report, reportRows, { returnIds: true }));
  const createdAt = new Date();
  const stored = reportRows.map((row, i) => Object.assign(new Report(), row, { id: reportIds[i]!, createdAt }));

  await timed('INSERT report_section', () =>
    bulkInsert(
      manager,
      ReportSection,
      reports.flatMap((r, i) =>
        r.analysis.sections.map((s, position) => ({
          reportId: reportIds[i]!,
          position,
          path: s.path,
          heading: s.heading,
          kind: s.kind,
          level: s.level,
          start: s.start,
          end: s.end,
        })),
      ),
    ),
  );

  const claimsOf: ClaimRow[][] = reports.map((r, i) => claimFieldsOf(r.analysis, reportIds[i]!).map((c) => ({ id: 0, ...c })));
  const allClaims = claimsOf.flat();
  const claimIds = await timed('INSERT claim', () =>
    bulkInsert(
      manager,
      Claim,
      allClaims.map(({ id: _id, ...row }) => row),
      { returnIds: true },
    ),
  );
  allClaims.forEach((c, i) => (c.id = claimIds[i]!));
  await timed('INSERT claim_search (tokens included)', () => indexClaims(manager, allClaims));
  const claimIdByLocal = claimsOf.map((claims) => new Map(claims.map((c) => [c.localId, c.id])));

  const metricsOf = reports.map((r, i) =>
    r.analysis.metrics.flatMap((m) => {
      const claimId = claimIdByLocal[i]!.get(m.claimId);
      if (claimId === undefined) return [];
      const { metric, value, qualifier, start, end, text } = m;
      return [{ reportId: reportIds[i]!, claimId, metric, value, unit: m.unit.slice(0, 10), qualifier, start, end, text }];
    }),
  );
  await timed('INSERT metric_value', () => bulkInsert(manager, MetricValue, metricsOf.flat()));

  // claim bands: each report sees the buckets as the reports before it left them
  const bandRows = await timed('claim bands: fingerprints', () => reports.map((r, i) => claimBandRows(claimsOf[i]!, namesOf(r.unit))));
  const sizes = await timed('SELECT claim_band bucket sizes', () =>
    bucketSizes(manager, [...new Set(bandRows.flatMap((rows) => rows.map((b) => b.bandKey)))]),
  );
  await timed('INSERT claim_band', () =>
    bulkInsert(
      manager,
      ClaimBand,
      bandRows.flatMap((rows) => keptBandRows(rows, sizes)),
    ),
  );

  const links: Array<ReturnType<typeof proposedLinkRows>[number]> = [];
  const assessmentRows: Array<ReturnType<typeof assessmentValues> & { version: number }> = [];
  const results: AssessmentResult[] = [];
  const unitNames: string[] = []; // of each assessment row, for its flags
  const out: StoredNewReport[] = [];
  const batchClaims = new Map<string, { reportId: number; claims: ClaimRow[] }>();
  const assessStarted = performance.now();
  reports.forEach((r, i) => {
    const reportId = reportIds[i]!;
    const claims = claimsOf[i]!;
    const names = namesOf(r.unit);
    batchClaims.set(`${r.unit.id}:${r.year}`, { reportId, claims });
    const storedBefore = state.current.get(`${r.unit.id}:${r.year - 1}`);
    const inBatch = batchClaims.get(`${r.unit.id}:${r.year - 1}`);
    const previous = storedBefore
      ? { reportId: storedBefore.id, claims: state.previousClaims.get(storedBefore.id) ?? [] }
      : inBatch
        ? { reportId: inBatch.reportId, claims: inBatch.claims }
        : null;
    const reusedClaims = previous
      ? reuseOfPreviousYear(
          claims.map((c) => ({ id: String(c.id), text: c.text })),
          names,
          { ...previous, unitId: r.unit.id, year: r.year - 1 },
        )
      : [];
    let linkCount = 0;
    const assessments: StoredNewReport['assessments'] = [];
    for (const checklist of checklistsOf(state, r.year)) {
      const matched = r.matched.find((m) => m.loaded.checklist.id === checklist.id)!; // newReportsPrefix checked it
      const rows = proposedLinkRows(reportId, withStoredClaimIds(matched.links, claimIdByLocal[i]!), matched.loaded, new Set());
      links.push(...rows);
      linkCount += rows.length;
      const codeOf = new Map(matched.loaded.items.map((item) => [item.id, item.code]));
      const input = assessmentInputOf(
        matched.loaded.definition,
        { claims, metrics: metricsOf[i]!, links: rows.map((l) => ({ ...l, itemCode: codeOf.get(l.itemId) as string })) },
        { notApplicable: state.marks.get(`${r.unit.id}:${r.year}:${checklist.id}`) ?? [], reusedClaims },
      );
      const result = assess(input);
      assessmentRows.push({
        ...assessmentValues({ unitId: r.unit.id, checklistId: checklist.id, year: r.year }, reportId, result),
        version: 1,
      });
      results.push(result);
      unitNames.push(r.unit.name);
      assessments.push({ checklist, result });
    }
    out.push({ report: stored[i]!, linkCount, assessments });
  });
  writerTiming.ms['reuse, links, assess (pure)'] =
    (writerTiming.ms['reuse, links, assess (pure)'] ?? 0) + performance.now() - assessStarted;
  await timed('INSERT evidence_link', () => bulkInsert(manager, EvidenceLink, links));
  const assessmentIds = await timed('INSERT assessment', () => bulkInsert(manager, Assessment, assessmentRows, { returnIds: true }));
  const keys = assessmentRows.map((a, k) => ({
    id: assessmentIds[k]!,
    unitId: a.unitId,
    unitName: unitNames[k]!,
    checklistId: a.checklistId,
    year: a.year,
  }));
  await timed('INSERT assessment_flag', () =>
    bulkInsert(
      manager,
      AssessmentFlag,
      keys.flatMap((key, k) => flagRows(key, results[k]!)),
    ),
  );
  await timed('INSERT assessment_item_status', () =>
    bulkInsert(
      manager,
      AssessmentItemStatus,
      keys.flatMap((key, k) => itemStatusRows(key, results[k]!)),
    ),
  );
  await timed('INSERT audit_entry', () =>
    bulkInsert(
      manager,
      AuditEntry,
      reports.map((r, i) => ({
        actor: r.input.actor,
        action: 'REPORT_INGESTED',
        entityType: 'Report',
        unitId: r.unit.id,
        entityId: reportIds[i]!,
        before: null,
        after: { reportId: reportIds[i]!, unit: r.unit.name, year: r.year, sha256: r.hash, source: stored[i]!.source },
        succeeded: true,
      })),
    ),
  );
  writerTiming.reports += reports.length;
  return out;
}
