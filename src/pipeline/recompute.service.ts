import { In, type EntityManager } from 'typeorm';
import { loadChecklistDefinition, type LoadedChecklist } from '../checklist/checklist.service';
import type { Severity } from '../checklist/types';
import { EvidenceLink } from '../evidence/evidence-link.entity';
import { Claim } from '../reports/claim.entity';
import { MetricValue } from '../reports/metric-value.entity';
import { Report } from '../reports/report.entity';
import { reusedFromPreviousYear } from '../reports/reuse/reuse.service';
import { Unit } from '../units/unit.entity';
import { REPORTING_LEVELS } from '../units/reporting-levels';
import { bulkInsert } from '../db/bulk-insert';
import { assess } from '../assessment/assess';
import { assessmentInputOf, assessReport } from './report-pipeline';
import { withoutFlags } from '../assessment/stored-flags';
import { AssessmentFlag } from '../assessment/assessment-flag.entity';
import { AssessmentItemStatus } from '../assessment/assessment-item-status.entity';
import { Assessment } from '../assessment/assessment.entity';
import { NotApplicableMarkEntity } from '../assessment/not-applicable.entity';
import type { AssessmentInput, AssessmentResult, NotApplicableMark } from '../assessment/types';

const SEVERITY_RANK: Record<Severity, number> = { ERROR: 0, WARNING: 1, INFO: 2 };

/**
 * Gathers the stored facts for one unit × checklist × year (current report, its claims,
 * metrics and links to this checklist's items, not-applicable marks) as the pure
 * assessment's input.
 */
async function loadAssessmentInput(
  manager: EntityManager,
  unitId: number,
  year: number,
  loaded: LoadedChecklist,
): Promise<{ input: AssessmentInput; report: Report | null }> {
  const report = await manager.getRepository(Report).findOne({ where: { unitId, year, state: 'CURRENT' } });
  const marks = await manager.getRepository(NotApplicableMarkEntity).find({ where: { unitId, year, checklistId: loaded.checklist.id } });
  if (!report) return { report: null, input: assessmentInputOf(loaded.definition, null, { notApplicable: marks }) };
  // one after another: inside a transaction the queries share one connection
  const claims = await manager.getRepository(Claim).find({ where: { reportId: report.id }, order: { position: 'ASC' } });
  const metrics = await manager.getRepository(MetricValue).find({ where: { reportId: report.id }, order: { id: 'ASC' } });
  const links = await manager.getRepository(EvidenceLink).find({
    where: { reportId: report.id, itemId: In(loaded.items.map((i) => i.id)) },
    order: { id: 'ASC' },
  });
  const codeOf = new Map(loaded.items.map((i) => [i.id, i.code]));
  const reusedClaims = await reusedFromPreviousYear(
    manager,
    unitId,
    year,
    claims.map((c) => ({ id: String(c.id), text: c.text })),
  );
  return {
    report,
    input: assessmentInputOf(
      loaded.definition,
      { claims, metrics, links: links.map((l) => ({ ...l, itemCode: codeOf.get(l.itemId) as string })) },
      { notApplicable: marks, reusedClaims },
    ),
  };
}

/**
 * Recomputes and stores the assessment of one unit × checklist × year (result, coverage,
 * score and its flags). A locked assessment is left unchanged and returned as it is.
 */
export async function recomputeAssessment(
  manager: EntityManager,
  unitId: number,
  checklistId: number,
  year: number,
  loaded?: LoadedChecklist,
  prepared?: { input: AssessmentInput; report: Report | null },
): Promise<Assessment> {
  const repo = manager.getRepository(Assessment);
  const existing = await repo.findOne({ where: { unitId, checklistId, year } });
  if (existing?.locked) return existing;
  const checklist = loaded ?? (await loadChecklistDefinition(manager, checklistId));
  const { input, report } = prepared ?? (await loadAssessmentInput(manager, unitId, year, checklist));
  const result = assess(input);
  const values = {
    unitId,
    checklistId,
    year,
    reportId: report?.id ?? null,
    result: withoutFlags(result),
    ...listColumns(result),
    computedAt: new Date(),
  };
  let saved: Assessment;
  if (existing) {
    // One UPDATE (the version column is incremented by TypeORM), instead of save()'s
    // select, JSON diff and update.
    await repo.update({ id: existing.id }, values);
    saved = Object.assign(existing, values, { version: existing.version + 1 });
  } else {
    saved = await repo.save(repo.create(values));
  }
  await replaceFlags(manager, saved, result);
  if (existing) await manager.getRepository(AssessmentItemStatus).delete({ assessmentId: saved.id });
  await bulkInsert(manager, AssessmentItemStatus, itemStatusRows(saved, result));
  // the caller gets the whole result (the row holds it without flags)
  saved.result = result;
  return saved;
}

async function replaceFlags(manager: EntityManager, assessment: Assessment, result: AssessmentResult): Promise<void> {
  await manager.getRepository(AssessmentFlag).delete({ assessmentId: assessment.id });
  await bulkInsert(manager, AssessmentFlag, flagRows(assessment, result));
}

/** The columns of `assessment` that list views read instead of the result (coverage matrix, ranking). */
function listColumns(result: AssessmentResult) {
  const { confirmed, proposed } = result.coverage;
  return {
    coverageConfirmed: confirmed.ratio,
    coverageProposed: proposed.ratio,
    scoreConfirmed: result.score.confirmed.normalised,
    scoreProposed: result.score.proposed.normalised,
    coveredConfirmed: confirmed.covered,
    partialConfirmed: confirmed.partial,
    coveredProposed: proposed.covered,
    partialProposed: proposed.partial,
    assessableItems: proposed.assessable,
    earnedConfirmed: result.score.confirmed.earned,
    earnedProposed: result.score.proposed.earned,
    possiblePoints: result.score.proposed.possible,
    flagCount: result.flags.length,
  };
}

/** The narrow rows of an assessment: one per item, its status and score in both views. */
function itemStatusRows(
  assessment: Pick<Assessment, 'id' | 'unitId' | 'checklistId' | 'year'>,
  result: AssessmentResult,
): Partial<AssessmentItemStatus>[] {
  return result.items.map((i) => ({
    assessmentId: assessment.id,
    itemCode: i.code,
    unitId: assessment.unitId,
    checklistId: assessment.checklistId,
    year: assessment.year,
    status: i.status,
    confirmedStatus: i.confirmedStatus,
    score: i.score,
    confirmedScore: i.confirmedScore,
  }));
}

function flagRows(
  assessment: Pick<Assessment, 'id' | 'unitId' | 'checklistId' | 'year'>,
  result: AssessmentResult,
): Partial<AssessmentFlag>[] {
  return result.flags.map((f) => ({
    assessmentId: assessment.id,
    unitId: assessment.unitId,
    checklistId: assessment.checklistId,
    year: assessment.year,
    code: f.code,
    severity: f.severity,
    severityRank: SEVERITY_RANK[f.severity],
    itemCode: f.itemCode,
    message: f.message,
    text: f.text ?? null,
    claimIds: f.claimIds.map(Number),
  }));
}

/**
 * Makes sure every reporting unit (街道, 镇) has an assessment for the checklist and year,
 * so units without a report show up with REPORT_MISSING. Existing assessments are kept.
 */
export async function ensureAssessmentsForYear(
  manager: EntityManager,
  checklistId: number,
  year: number,
  loaded?: LoadedChecklist,
): Promise<number> {
  // Only the reporting units without an assessment (usually none): one indexed anti-join.
  const missing = await manager
    .getRepository(Unit)
    .createQueryBuilder('u')
    .select('u.id', 'id')
    .where('u.level IN (:...levels)', { levels: [...REPORTING_LEVELS] })
    .andWhere('NOT EXISTS (SELECT 1 FROM assessment a WHERE a."unitId" = u.id AND a."checklistId" = :checklistId AND a.year = :year)', {
      checklistId,
      year,
    })
    .orderBy('u.id')
    .getRawMany<{ id: number }>();
  if (missing.length === 0) return 0;
  const checklist = loaded ?? (await loadChecklistDefinition(manager, checklistId));
  const ids = missing.map((m) => Number(m.id));
  const withReport = new Set<number>();
  const marks = new Map<number, NotApplicableMark[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const reports = await manager.getRepository(Report).find({ select: ['unitId'], where: { unitId: In(chunk), year, state: 'CURRENT' } });
    for (const r of reports) withReport.add(r.unitId);
    for (const m of await manager
      .getRepository(NotApplicableMarkEntity)
      .find({ where: { unitId: In(chunk), year, checklistId }, order: { id: 'ASC' } })) {
      marks.set(m.unitId, [...(marks.get(m.unitId) ?? []), { itemCode: m.itemCode, justification: m.justification }]);
    }
  }
  // A unit with a report (stored before this checklist existed): the full recompute.
  for (const id of ids) if (withReport.has(id)) await recomputeAssessment(manager, id, checklistId, year, checklist);
  // The others have no report: the same result for all but those with not-applicable marks,
  // stored with one multi-row insert for the assessments and one for their flags.
  const results = new Map<string, AssessmentResult>();
  const resultFor = (notApplicable: NotApplicableMark[]): AssessmentResult => {
    const key = JSON.stringify(notApplicable);
    let result = results.get(key);
    if (!result) {
      result = assessReport(checklist.definition, null, { notApplicable });
      results.set(key, result);
    }
    return result;
  };
  const computedAt = new Date();
  const rows = ids
    .filter((id) => !withReport.has(id))
    .map((unitId) => {
      const result = resultFor(marks.get(unitId) ?? []);
      return {
        unitId,
        checklistId,
        year,
        reportId: null,
        result,
        ...listColumns(result),
        computedAt,
        version: 1,
      };
    });
  const assessmentIds = await bulkInsert(
    manager,
    Assessment,
    rows.map((row) => ({ ...row, result: withoutFlags(row.result) })),
    { returnIds: true },
  );
  await bulkInsert(
    manager,
    AssessmentFlag,
    rows.flatMap((row, i) => flagRows({ ...row, id: assessmentIds[i]! }, row.result)), // an id per inserted row
  );
  await bulkInsert(
    manager,
    AssessmentItemStatus,
    rows.flatMap((row, i) => itemStatusRows({ ...row, id: assessmentIds[i]! }, row.result)), // an id per inserted row
  );
  return ids.length;
}
