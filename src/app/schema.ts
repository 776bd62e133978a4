import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { AssessmentResolver, FlagResolver, ItemAssessmentResolver } from '../assessment/assessment.resolver';
import { AssessmentDecisionsResolver } from '../pipeline/assessment-decisions.resolver';
import { CoverageMatrixResolver, DistrictResolver, MatrixRowResolver, UnitComparisonResolver } from '../assessment/district.resolver';
import {
  DistrictMetricUnitsResolver,
  MetricPointResolver,
  MetricSeriesResolver,
  MetricSeriesUnitResolver,
} from '../assessment/series.resolver';
import { ClaimSimilarityResolver, ReportReuseResolver, ReusedClaimResolver, SimilarClaimResolver } from '../reports/reuse/reuse.resolver';
import { ChecklistImportResolver } from '../pipeline/checklist-import.resolver';
import { ReviewResolver } from '../pipeline/review.resolver';
import { ExportResolver } from '../exports/export.resolver';
import { IngestResolver } from '../pipeline/ingest.resolver';
import { SearchResolver } from '../reports/search.resolver';
import { ViewerResolver } from '../access/viewer.resolver';
import { AuditResolver } from '../audit/audit.resolver';
import { ChecklistItemResolver, ChecklistResolver } from '../checklist/checklist.resolver';
import { ClaimLinksResolver, EvidenceLinkResolver, ReportClaimsResolver } from '../evidence/evidence-link.resolver';
import { ClaimResolver, MetricValueResolver } from '../reports/claim.resolver';
import { ReportResolver, UnitReportsResolver } from '../reports/report.resolver';
import { UnitResolver } from '../units/unit.resolver';
import { NodeResolver } from './node.resolver';
import { UserErrorResolver } from '../graphql/user-error.type';

let cached: GraphQLSchema | null = null;

/** Builds (once) the executable schema from the resolver classes. */
export function buildAppSchema(): GraphQLSchema {
  if (cached) return cached;
  cached = buildSchemaSync({
    resolvers: [
      NodeResolver,
      UnitResolver,
      UnitReportsResolver,
      ChecklistResolver,
      ChecklistItemResolver,
      ReportResolver,
      ClaimResolver,
      MetricValueResolver,
      EvidenceLinkResolver,
      ReportClaimsResolver,
      ClaimLinksResolver,
      AssessmentResolver,
      ItemAssessmentResolver,
      FlagResolver,
      DistrictResolver,
      MatrixRowResolver,
      CoverageMatrixResolver,
      UnitComparisonResolver,
      IngestResolver,
      SearchResolver,
      ChecklistImportResolver,
      ReviewResolver,
      AssessmentDecisionsResolver,
      AuditResolver,
      ExportResolver,
      MetricSeriesResolver,
      MetricPointResolver,
      MetricSeriesUnitResolver,
      DistrictMetricUnitsResolver,
      ReportReuseResolver,
      ReusedClaimResolver,
      SimilarClaimResolver,
      ClaimSimilarityResolver,
      UserErrorResolver,
      ViewerResolver,
    ],
    validate: false,
  });
  return cached;
}

/** The SDL committed as schema/schema.graphql (sorted, so diffs stay readable). */
export function printAppSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildAppSchema()))}\n`;
}
