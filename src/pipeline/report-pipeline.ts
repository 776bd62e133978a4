/**
 * The one pure pipeline from report text to assessment: read → match → assess.
 *
 *   read   (src/reading)     text → sections, claims with offsets, numbers, unit and year
 *   match  (src/evidence)    claims × checklist items → proposed links (rules + similarity, combined)
 *   assess (src/assessment)  claims, links, targets, decisions → status, coverage, score, flags
 *
 * Ingest (ingest.service.ts), its dry run, `fazhi analyze`, the bench and the tests all run
 * these functions; the store only adds database ids. Nothing here touches storage or GraphQL.
 */
import { assess } from '../assessment/assess';
import type {
  AssessmentClaim,
  AssessmentInput,
  AssessmentLink,
  AssessmentMetric,
  AssessmentResult,
  NotApplicableMark,
  ReusedClaim,
} from '../assessment/types';
import type { ChecklistDefinition } from '../checklist/types';
import { modelOfDefinition, proposeCombinedLinks, withExamplesOf, type MatcherModel } from '../evidence/pipeline';
import type { MatchableClaim } from '../evidence/matcher';
import type { ProposedLink } from '../evidence/types';
import { analyzeReport } from '../reading/analyze';
import type { AnalysedMetric, AnalyzeOptions, ReportAnalysis } from '../reading/types';

/** A checklist version as the pipeline uses it: its definition and the matcher model in force for it. */
export interface PipelineChecklist {
  definition: ChecklistDefinition;
  model: MatcherModel;
}

/** People's decisions that change an assessment without changing the text. */
export interface ReportDecisions {
  notApplicable: readonly NotApplicableMark[];
  /** claims repeating the unit's report of the year before (src/reports/reuse) */
  reusedClaims?: readonly ReusedClaim[];
}

const NO_DECISIONS: ReportDecisions = { notApplicable: [] };

/** A report's evidence as the assessment reads it; ids may be local (analysis) or stored (database) ones. */
export interface ReportEvidence {
  claims: ReadonlyArray<{ id: string | number } & Omit<AssessmentClaim, 'id'>>;
  metrics: ReadonlyArray<{ claimId: string | number } & Omit<AssessmentMetric, 'claimId'>>;
  links: ReadonlyArray<{ id?: string | number; claimId: string | number } & Omit<AssessmentLink, 'id' | 'claimId'>>;
}

/** Step 1, read: the report's structure, claims, numbers, unit and year. */
export function readReport(text: string, hint: AnalyzeOptions = {}): ReportAnalysis {
  return analyzeReport(text, hint);
}

/** Step 2, match: the links the matcher proposes between the claims and one checklist version's items. */
export function matchReport(
  claims: readonly MatchableClaim[],
  metrics: readonly AnalysedMetric[],
  checklist: PipelineChecklist,
): ProposedLink[] {
  return proposeCombinedLinks(claims, metrics, checklist.definition.items, withExamplesOf(checklist.model, checklist.definition));
}

/**
 * The assessment input of one unit × checklist × year — the only place evidence and decisions
 * become {@link AssessmentInput}. `evidence` null: the unit sent no report.
 */
export function assessmentInputOf(
  checklist: Pick<ChecklistDefinition, 'items' | 'scoring' | 'flags' | 'reuse'>,
  evidence: ReportEvidence | null,
  decisions: ReportDecisions = NO_DECISIONS,
): AssessmentInput {
  const notApplicable = decisions.notApplicable.map((m) => ({ itemCode: m.itemCode, justification: m.justification }));
  if (!evidence) return { checklist, hasReport: false, claims: [], metrics: [], links: [], notApplicable };
  return {
    checklist,
    hasReport: true,
    claims: evidence.claims.map((c) => ({ id: String(c.id), polarity: c.polarity, sectionPath: c.sectionPath, text: c.text })),
    metrics: evidence.metrics.map((m) => ({
      claimId: String(m.claimId),
      metric: m.metric,
      value: m.value,
      unit: m.unit,
      qualifier: m.qualifier,
    })),
    links: evidence.links.map((l) => ({
      ...(l.id !== undefined ? { id: String(l.id) } : {}),
      claimId: String(l.claimId),
      itemCode: l.itemCode,
      method: l.method,
      state: l.state,
      confidence: l.confidence,
    })),
    notApplicable,
    ...(decisions.reusedClaims ? { reusedClaims: [...decisions.reusedClaims] } : {}),
  };
}

/** Step 3, assess: status, coverage, score and flags. */
export function assessReport(
  checklist: Pick<ChecklistDefinition, 'items' | 'scoring' | 'flags' | 'reuse'>,
  evidence: ReportEvidence | null,
  decisions: ReportDecisions = NO_DECISIONS,
): AssessmentResult {
  return assess(assessmentInputOf(checklist, evidence, decisions));
}

/** Proposed links as evidence: every link PROPOSED, as right after ingest. */
export function proposedEvidence(links: readonly ProposedLink[]): ReportEvidence['links'] {
  return links.map((l) => ({
    claimId: l.claimId,
    itemCode: l.itemCode,
    method: l.method,
    state: 'PROPOSED' as const,
    confidence: l.confidence,
  }));
}

export interface ReportAssessment {
  analysis: ReportAnalysis;
  links: ProposedLink[];
  result: AssessmentResult;
}

/** The whole pipeline for one text against one checklist version: read, match, assess. */
export function runPipeline(
  text: string,
  hint: AnalyzeOptions,
  checklist: PipelineChecklist,
  decisions: ReportDecisions = NO_DECISIONS,
): ReportAssessment {
  return assessAnalysed(readReport(text, hint), checklist, decisions);
}

/** Steps 2 and 3 for a text already read (ingest reads once, then matches every checklist of the year). */
function assessAnalysed(
  analysis: ReportAnalysis,
  checklist: PipelineChecklist,
  decisions: ReportDecisions = NO_DECISIONS,
): ReportAssessment {
  const links = matchReport(analysis.claims, analysis.metrics, checklist);
  const result = assessReport(
    checklist.definition,
    { claims: analysis.claims, metrics: analysis.metrics, links: proposedEvidence(links) },
    decisions,
  );
  return { analysis, links, result };
}

/**
 * The pipeline for a checklist file (no stored model): the checklist's own starting
 * similarity calibration with the rules — what ingest does for a checklist version that
 * has not learnt from reviews yet.
 */
export function assessReportText(raw: string, checklist: ChecklistDefinition, options: AnalyzeOptions = {}): ReportAssessment {
  return runPipeline(raw, options, { definition: checklist, model: modelOfDefinition(checklist) });
}
