import { byId, manyBy, SCOPE, type LoaderSource } from '../graphql/loaders';
import { Claim } from './claim.entity';
import { MetricValue } from './metric-value.entity';
import { ReportSection } from './report-section.entity';
import { Report } from './report.entity';

/** This domain's per-request DataLoaders (scope-limited; see src/graphql/loaders.ts). */
export function reportLoaders(source: LoaderSource) {
  return {
    reportsByUnit: manyBy(source, Report, 'unitId', SCOPE.owned, { year: 'DESC', id: 'DESC' }),
    reportById: byId(source, Report, SCOPE.owned),
    sectionById: byId(source, ReportSection, SCOPE.viaReport),
    sectionsByReport: manyBy(source, ReportSection, 'reportId', SCOPE.viaReport, { position: 'ASC' }),
    claimById: byId(source, Claim, SCOPE.viaReport),
    claimsByReport: manyBy(source, Claim, 'reportId', SCOPE.viaReport, { position: 'ASC' }),
    metricById: byId(source, MetricValue, SCOPE.viaReport),
    metricsByClaim: manyBy(source, MetricValue, 'claimId', SCOPE.viaReport),
    metricsByReport: manyBy(source, MetricValue, 'reportId', SCOPE.viaReport),
  };
}
