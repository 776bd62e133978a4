import type { ChecklistDefinition } from '../checklist/types';
import { modelOfDefinition, proposeLinks } from '../evidence/pipeline';
import type { ProposedLink } from '../evidence/types';
import { analyzeReport } from '../reading/analyze';
import type { AnalyzeOptions, ReportAnalysis } from '../reading/types';
import { assess } from '../assessment/assess';
import type { AssessmentResult } from '../assessment/types';

export interface ReportAssessment {
  analysis: ReportAnalysis;
  links: ProposedLink[];
  result: AssessmentResult;
}

/**
 * The whole pure pipeline for one report text against one checklist: analyse, match
 * claims to items (rules and the checklist's starting similarity calibration, combined;
 * every link PROPOSED, as after ingest), assess. The stored assessment
 * of an ingested report is computed by the same functions (see ingest.service.ts).
 */
export function assessReportText(raw: string, checklist: ChecklistDefinition, options: AnalyzeOptions = {}): ReportAssessment {
  const analysis = analyzeReport(raw, options);
  const links = proposeLinks(analysis.claims, analysis.metrics, checklist.items, modelOfDefinition(checklist)).combined;
  const result = assess({
    checklist,
    hasReport: true,
    claims: analysis.claims.map((c) => ({ id: c.id, polarity: c.polarity, sectionPath: c.sectionPath, text: c.text })),
    metrics: analysis.metrics.map((m) => ({ claimId: m.claimId, metric: m.metric, value: m.value, unit: m.unit, qualifier: m.qualifier })),
    links: links.map((l) => ({ claimId: l.claimId, itemCode: l.itemCode, method: l.method, state: 'PROPOSED', confidence: l.confidence })),
    notApplicable: [],
  });
  return { analysis, links, result };
}
