import type { AnalysedMetric } from '../reading/types';
import type { Claim } from '../reports/claim.entity';
import type { MetricValue } from '../reports/metric-value.entity';
import type { MatchableClaim } from './matcher';

/** Stored claims and their metric values as the matcher reads them (ids as strings). */
export function matcherInputFromRows(
  claims: readonly Claim[],
  metrics: readonly MetricValue[],
): { claims: MatchableClaim[]; metrics: AnalysedMetric[] } {
  return {
    claims: claims.map((c) => ({
      id: String(c.id),
      text: c.text,
      polarity: c.polarity,
      sectionKind: c.sectionKind,
      sectionPath: c.sectionPath,
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
