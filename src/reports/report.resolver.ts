import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import { scopeList, type Context } from '../graphql/context';
import { PolarityEnum, ReportStateEnum, SectionKindEnum } from './report.type';
import { idOfType, pageWindow, toConnection } from '../graphql/relay';
import { PageArgs } from '../units/unit.resolver';
import { UnitNode } from '../units/unit.type';
import type { Unit } from '../units/unit.entity';
import type { Claim } from './claim.entity';
import { Report } from './report.entity';
import { ClaimNode, MetricValueNode, ReportConnection, ReportNode, ReportSectionNode } from './report.type';
import { linkLoaders } from '../evidence/evidence-link.loaders';
import { reportLoaders } from './report.loaders';
import { unitLoaders } from '../units/unit.loaders';

@InputType({ description: 'Filter reports; all fields optional.' })
export class ReportFilter {
  @Field(() => ID, { nullable: true })
  unitId?: string;

  @Field(() => Int, { nullable: true })
  year?: number;

  @Field(() => ReportStateEnum, { nullable: true, description: 'Default CURRENT; replaced reports stay retrievable.' })
  state?: ReportStateEnum;
}

@InputType({ description: 'Filter the claims of a report.' })
export class ClaimFilter {
  @Field(() => [PolarityEnum], { nullable: true })
  polarities?: PolarityEnum[];

  @Field(() => [SectionKindEnum], { nullable: true })
  sectionKinds?: SectionKindEnum[];

  @Field({ nullable: true, description: 'Claims in this section or below it (path prefix, e.g. 一/（三）).' })
  sectionPath?: string;

  @Field({ nullable: true, description: 'true: only claims with a non-rejected link; false: only claims without one.' })
  linked?: boolean;
}

@Resolver(() => ReportNode)
export class ReportResolver {
  @Query(() => ReportConnection, { description: 'Reports, newest year first, then in the order they were ingested.' })
  async reports(@Ctx() ctx: Context, @Args() page: PageArgs, @Arg('filter', () => ReportFilter, { nullable: true }) filter?: ReportFilter) {
    const { offset, limit } = pageWindow(page);
    const query = ctx.dataSource
      .getRepository(Report)
      .createQueryBuilder('r')
      .where('r.state = :state', { state: filter?.state ?? 'CURRENT' });
    const scope = scopeList(ctx);
    if (scope) query.andWhere('r.unitId IN (:...scope)', { scope: scope.length ? scope : [-1] });
    if (filter?.unitId) query.andWhere('r.unitId = :unitId', { unitId: idOfType(filter.unitId, 'Unit') ?? -1 });
    if (filter?.year !== undefined && filter.year !== null) query.andWhere('r.year = :year', { year: filter.year });
    const [rows, total] = await query.orderBy('r.year', 'DESC').addOrderBy('r.id', 'ASC').offset(offset).limit(limit).getManyAndCount();
    return toConnection(rows.map(ReportNode.from), offset, total);
  }

  @Query(() => ReportNode, { nullable: true })
  async report(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ReportNode | null> {
    const dbId = idOfType(id, 'Report');
    const row = dbId === null ? null : await ctx.loaders.of(reportLoaders).reportById.load(dbId);
    return row ? ReportNode.from(row) : null;
  }

  @FieldResolver(() => UnitNode)
  async unit(@Root() report: ReportNode, @Ctx() ctx: Context): Promise<UnitNode> {
    return UnitNode.from((await ctx.loaders.of(unitLoaders).unitById.load(report.unitDbId)) as Unit);
  }

  @FieldResolver(() => String, { description: 'The text as received; every offset points into it.' })
  async rawText(@Root() report: ReportNode, @Ctx() ctx: Context): Promise<string> {
    return ((await ctx.loaders.of(reportLoaders).reportById.load(report.dbId)) as Report).rawText;
  }

  @FieldResolver(() => ReportNode, { nullable: true, description: 'The report that replaced this one.' })
  async replacedBy(@Root() report: ReportNode, @Ctx() ctx: Context): Promise<ReportNode | null> {
    if (report.replacedByDbId === null) return null;
    const row = await ctx.loaders.of(reportLoaders).reportById.load(report.replacedByDbId);
    return row ? ReportNode.from(row) : null;
  }

  @FieldResolver(() => [ReportSectionNode])
  async sections(@Root() report: ReportNode, @Ctx() ctx: Context): Promise<ReportSectionNode[]> {
    return (await ctx.loaders.of(reportLoaders).sectionsByReport.load(report.dbId)).map(ReportSectionNode.from);
  }

  @FieldResolver(() => [ClaimNode], { description: 'Claims in document order, optionally filtered.' })
  async claims(
    @Root() report: ReportNode,
    @Ctx() ctx: Context,
    @Arg('filter', () => ClaimFilter, { nullable: true }) filter?: ClaimFilter,
  ): Promise<ClaimNode[]> {
    let claims: Claim[] = await ctx.loaders.of(reportLoaders).claimsByReport.load(report.dbId);
    if (filter?.polarities?.length) claims = claims.filter((c) => filter.polarities!.includes(c.polarity as PolarityEnum));
    if (filter?.sectionKinds?.length) claims = claims.filter((c) => filter.sectionKinds!.includes(c.sectionKind as SectionKindEnum));
    if (filter?.sectionPath) {
      const p = filter.sectionPath;
      claims = claims.filter((c) => c.sectionPath === p || c.sectionPath.startsWith(`${p}/`));
    }
    if (filter?.linked !== undefined && filter.linked !== null) {
      const links = await ctx.loaders.of(linkLoaders).linksByReport.load(report.dbId);
      const linked = new Set(links.filter((l) => l.state !== 'REJECTED').map((l) => l.claimId));
      claims = claims.filter((c) => linked.has(c.id) === filter.linked);
    }
    return claims.map(ClaimNode.from);
  }

  @FieldResolver(() => [MetricValueNode])
  async metrics(@Root() report: ReportNode, @Ctx() ctx: Context): Promise<MetricValueNode[]> {
    return (await ctx.loaders.of(reportLoaders).metricsByReport.load(report.dbId)).map(MetricValueNode.from);
  }
}
