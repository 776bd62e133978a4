import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync, getMetadataStorage } from 'type-graphql';
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

/**
 * Fields without a resolver of their own (no `@FieldResolver`, no method) are read by
 * graphql-js's default resolver: type-graphql would otherwise wrap each one in a resolver that
 * builds its resolver data and runs the (empty) middleware chain, for every field of every
 * object — a coverage matrix has 6,200 cells of 3 fields. A field whose GraphQL name differs
 * from its property keeps type-graphql's resolver (the default one reads the GraphQL name).
 * No global middleware, auth checker or field middleware is used in this schema; scope is
 * enforced where the data is loaded (loaders, stores), never per field.
 */
function readPlainFieldsDirectly(): void {
  const storage = getMetadataStorage();
  // a field or resolver middleware, or @Authorized, would need type-graphql's wrapper
  if (
    storage.middlewares.length ||
    storage.resolverMiddlewares.length ||
    storage.authorizedFields.length ||
    storage.authorizedResolver.length
  ) {
    return;
  }
  for (const field of storage.fields) if (field.simple === undefined && field.name === field.schemaName) field.simple = true;
}

/** Builds (once) the executable schema from the resolver classes. */
export function buildAppSchema(): GraphQLSchema {
  if (cached) return cached;
  readPlainFieldsDirectly();
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
