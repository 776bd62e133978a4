import { headingsOfPath } from '../reading/sections';
import type { AnalysedMetric } from '../reading/types';
import type { Claim } from '../reports/claim.entity';
import type { MetricValue } from '../reports/metric-value.entity';
import type { ReportSection } from '../reports/report-section.entity';
import type { MatchableClaim } from './matcher';

/**
 * Stored claims and their metric values as the matcher reads them (ids as strings). Given the
 * report's stored sections, each claim carries its section headings (nearest first) as the
 * analyser gave them at ingest, so a stored report is matched with the same context (the lead
 * clause's heading rule and the learned decision's heading features); without them it has none.
 */
export function matcherInputFromRows(
  claims: readonly Claim[],
  metrics: readonly MetricValue[],
  sections?: readonly Pick<ReportSection, 'path' | 'heading'>[],
): { claims: MatchableClaim[]; metrics: AnalysedMetric[] } {
  const headingByPath = sections ? new Map(sections.map((s) => [s.path, s.heading])) : undefined;
  return {
    claims: claims.map((c) => ({
      id: String(c.id),
      text: c.text,
      polarity: c.polarity,
      sectionKind: c.sectionKind,
      sectionPath: c.sectionPath,
      ...(headingByPath ? { headings: headingsOfPath(headingByPath, c.sectionPath) } : {}),
    })),
    metrics: metrics.map((m) => ({
      claimId: String(m.claimId),
      metric: m.metric,
      value: m.value,
      unit: m.unit,
      qualifier: m.qualifier,
      start: m.start,
      end: m.end,
      text: m.text,
    })),
  };
}
