import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import type { Claim } from './claim.entity';
import type { Report } from './report.entity';
import { ClaimNode, MetricValueNode, ReportNode } from './report.type';
import { reportLoaders } from './report.loaders';

@Resolver(() => ClaimNode)
export class ClaimResolver {
  @FieldResolver(() => ReportNode)
  async report(@Root() claim: ClaimNode, @Ctx() ctx: Context): Promise<ReportNode> {
    return ReportNode.from((await ctx.loaders.of(reportLoaders).reportById.load(claim.reportDbId)) as Report);
  }

  @FieldResolver(() => [MetricValueNode])
  metrics(@Root() claim: ClaimNode, @Ctx() ctx: Context): MetricValueNode[] | Promise<MetricValueNode[]> {
    // read with the claim, in the caller's scope as the loader reads them (an assessment page's evidence): no promise per claim
    if (claim.metricRows) return claim.metricRows.map(MetricValueNode.from);
    return ctx.loaders
      .of(reportLoaders)
      .metricsByClaim.load(claim.dbId)
      .then((rows) => rows.map(MetricValueNode.from));
  }
}

@Resolver(() => MetricValueNode)
export class MetricValueResolver {
  @FieldResolver(() => ClaimNode)
  async claim(@Root() metric: MetricValueNode, @Ctx() ctx: Context): Promise<ClaimNode> {
    return ClaimNode.from((await ctx.loaders.of(reportLoaders).claimById.load(metric.claimDbId)) as Claim);
  }
}
