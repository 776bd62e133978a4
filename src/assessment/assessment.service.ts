import { In, type EntityManager } from 'typeorm';
import { loadChecklistDefinition, type LoadedChecklist } from '../checklist/checklist.service';
import type { Severity } from '../checklist/types';
import { EvidenceLink } from '../evidence/evidence-link.entity';
import { Claim } from '../reports/claim.entity';
import { MetricValue } from '../reports/metric-value.entity';
import { Report } from '../reports/report.entity';
import { Unit } from '../units/unit.entity';
import { assess } from './assess';
import { AssessmentFlag } from './assessment-flag.entity';
import { Assessment } from './assessment.entity';
import { NotApplicableMarkEntity } from './not-applicable.entity';
import type { AssessmentInput, AssessmentResult } from './types';

export const SEVERITY_RANK: Record<Severity, number> = { ERROR: 0, WARNING: 1, INFO: 2 };

/** Levels whose units send annual reports (and get REPORT_MISSING when they do not). */
export const REPORTING_LEVELS = ['STREET', 'TOWN'] as const;

/**
 * Gathers the stored facts for one unit × checklist × year (current report, its claims,
 * metrics and links to this checklist's items, not-applicable marks) as the pure
 * assessment's input.
 */
export async function loadAssessmentInput(
  manager: EntityManager,
  unitId: number,
  year: number,
  loaded: LoadedChecklist,
): Promise<{ input: AssessmentInput; report: Report | null }> {
  const report = await manager.getRepository(Report).findOne({ where: { unitId, year, state: 'CURRENT' } });
  const marks = await manager
    .getRepository(NotApplicableMarkEntity)
    .find({ where: { unitId, year, checklistId: loaded.checklist.id } });
  const notApplicable = marks.map((m) => ({ itemCode: m.itemCode, justification: m.justification }));
  if (!report) {
    return {
      report: null,
      input: { checklist: loaded.definition, hasReport: false, claims: [], metrics: [], links: [], notApplicable },
    };
  }
  const [claims, metrics, links] = await Promise.all([
    manager.getRepository(Claim).find({ where: { reportId: report.id }, order: { position: 'ASC' } }),
    manager.getRepository(MetricValue).find({ where: { reportId: report.id }, order: { id: 'ASC' } }),
    manager.getRepository(EvidenceLink).find({
      where: { reportId: report.id, itemId: In(loaded.items.map((i) => i.id)) },
      order: { id: 'ASC' },
    }),
  ]);
  const codeOf = new Map(loaded.items.map((i) => [i.id, i.code]));
  return {
    report,
    input: {
      checklist: loaded.definition,
      hasReport: true,
      claims: claims.map((c) => ({ id: String(c.id), polarity: c.polarity, sectionPath: c.sectionPath, text: c.text })),
      metrics: metrics.map((m) => ({
        claimId: String(m.claimId),
        metric: m.metric,
        value: m.value,
        unit: m.unit,
        qualifier: m.qualifier,
      })),
      links: links.map((l) => ({
        id: String(l.id),
        claimId: String(l.claimId),
        itemCode: codeOf.get(l.itemId) as string,
        method: l.method,
        state: l.state,
        confidence: l.confidence,
      })),
      notApplicable,
    },
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
): Promise<Assessment> {
  const repo = manager.getRepository(Assessment);
  const existing = await repo.findOne({ where: { unitId, checklistId, year } });
  if (existing?.locked) return existing;
  const checklist = loaded ?? (await loadChecklistDefinition(manager, checklistId));
  const { input, report } = await loadAssessmentInput(manager, unitId, year, checklist);
  const result = assess(input);
  const values = {
    unitId,
    checklistId,
    year,
    reportId: report?.id ?? null,
    result,
    coverageConfirmed: result.coverage.confirmed.ratio,
    coverageProposed: result.coverage.proposed.ratio,
    scoreConfirmed: result.score.confirmed.normalised,
    scoreProposed: result.score.proposed.normalised,
    computedAt: new Date(),
  };
  const saved = existing ? await repo.save(Object.assign(existing, values)) : await repo.save(repo.create(values));
  await replaceFlags(manager, saved, result);
  return saved;
}

async function replaceFlags(manager: EntityManager, assessment: Assessment, result: AssessmentResult): Promise<void> {
  const flags = manager.getRepository(AssessmentFlag);
  await flags.delete({ assessmentId: assessment.id });
  const rows = result.flags.map((f) => ({
    assessmentId: assessment.id,
    unitId: assessment.unitId,
    checklistId: assessment.checklistId,
    year: assessment.year,
    code: f.code,
    severity: f.severity,
    severityRank: SEVERITY_RANK[f.severity],
    itemCode: f.itemCode,
    message: f.message,
    claimIds: f.claimIds.map(Number),
  }));
  for (let i = 0; i < rows.length; i += 200) await flags.insert(rows.slice(i, i + 200));
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
  const units = await manager.getRepository(Unit).find({ where: { level: In([...REPORTING_LEVELS]) } });
  const have = new Set(
    (await manager.getRepository(Assessment).find({ select: ['unitId'], where: { checklistId, year } })).map(
      (a) => a.unitId,
    ),
  );
  const checklist = loaded ?? (await loadChecklistDefinition(manager, checklistId));
  let created = 0;
  for (const unit of units) {
    if (have.has(unit.id)) continue;
    await recomputeAssessment(manager, unit.id, checklistId, year, checklist);
    created += 1;
  }
  return created;
}
