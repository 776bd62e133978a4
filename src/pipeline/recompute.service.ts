import { In, type EntityManager } from 'typeorm';
import { loadChecklistDefinition, type LoadedChecklist } from '../checklist/checklist.service';
import type { Severity } from '../checklist/types';
import { EvidenceLink } from '../evidence/evidence-link.entity';
import { Claim } from '../reports/claim.entity';
import { MetricValue } from '../reports/metric-value.entity';
import { Report } from '../reports/report.entity';
import { Unit } from '../units/unit.entity';
import { reusedFromPreviousYear } from '../reports/reuse/reuse.service';
import { bulkInsert } from '../db/bulk-insert';
import { assess } from '../assessment/assess';
import { assessmentInputOf } from './report-pipeline';
import { withoutFlags } from '../assessment/stored-flags';
import { AssessmentFlag } from '../assessment/assessment-flag.entity';
import { AssessmentItemStatus } from '../assessment/assessment-item-status.entity';
import { Assessment } from '../assessment/assessment.entity';
import { NotApplicableMarkEntity } from '../assessment/not-applicable.entity';
import type { AssessmentInput, AssessmentResult } from '../assessment/types';

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
 * score and its flags, the narrow item rows). A locked assessment is left unchanged and
 * returned as it is.
 *
 * "No report" is derived at read time, never stored as such: with `derivable`, a unit without
 * a report, a lock or a not-applicable mark gets nothing stored (a stored row left from before
 * is deleted) and the result comes back on an unsaved row with id 0 ({@link isStored}).
 */
export async function recomputeAssessment(
  manager: EntityManager,
  unitId: number,
  checklistId: number,
  year: number,
  loaded?: LoadedChecklist,
  prepared?: { input: AssessmentInput; report: Report | null },
  options: { derivable?: boolean } = {},
): Promise<Assessment> {
  const repo = manager.getRepository(Assessment);
  const existing = await repo.findOne({ where: { unitId, checklistId, year } });
  if (existing?.locked) return existing;
  const checklist = loaded ?? (await loadChecklistDefinition(manager, checklistId));
  const { input, report } = prepared ?? (await loadAssessmentInput(manager, unitId, year, checklist));
  const result = assess(input);
  if (options.derivable && !report && input.notApplicable.length === 0) {
    if (existing) await repo.delete({ id: existing.id }); // its flags and item rows go with it (ON DELETE CASCADE)
    return Object.assign(repo.create({ unitId, checklistId, year, reportId: null, ...listColumns(result) }), {
      id: 0,
      version: 0,
      locked: false,
      lockedAt: null,
      lockedBy: null,
      computedAt: new Date(),
      result,
    });
  }
  const values = assessmentValues({ unitId, checklistId, year }, report?.id ?? null, result);
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
  if (!result.flags.length) return;
  // the unit's name is kept on each flag for the list's order (ix_flag_list)
  const unit = await manager.getRepository(Unit).findOneOrFail({ select: { id: true, name: true }, where: { id: assessment.unitId } });
  await bulkInsert(manager, AssessmentFlag, flagRows({ ...assessment, unitName: unit.name }, result));
}

/** false for the unsaved row of a derived "no report" result ({@link recomputeAssessment} with `derivable`). */
export function isStored(assessment: Pick<Assessment, 'id'>): boolean {
  return assessment.id > 0;
}

/**
 * The stored columns of an assessment row (without id, version and lock): the result without
 * its flags (they have their own rows) and the columns list views read instead of the result.
 */
export function assessmentValues(
  key: Pick<Assessment, 'unitId' | 'checklistId' | 'year'>,
  reportId: number | null,
  result: AssessmentResult,
) {
  return { ...key, reportId, result: withoutFlags(result), ...listColumns(result), computedAt: new Date() };
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
export function itemStatusRows(
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

/** The flag rows of an assessment. */
export function flagRows(
  assessment: Pick<Assessment, 'id' | 'unitId' | 'checklistId' | 'year'> & { unitName: string },
  result: AssessmentResult,
): Partial<AssessmentFlag>[] {
  return result.flags.map((f) => ({
    assessmentId: assessment.id,
    unitId: assessment.unitId,
    unitName: assessment.unitName,
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
