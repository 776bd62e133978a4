import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../graphql/args';
import { scopeList, type Context } from '../graphql/context';
import { ReportStateEnum } from './report.type';
import { idOfType, pageWindow, toConnection } from '../graphql/relay';
import { UnitNode } from '../units/unit.type';
import { Unit } from '../units/unit.entity';
import { entityFromRaw } from '../db/hydrate';
import { pageWithTotal } from '../graphql/paged-query';
import { SqlParams, selectColumns, tableOf } from '../db/read-rows';
import { Report } from './report.entity';
import { MetricValueNode, ReportConnection, ReportNode, ReportSectionNode } from './report.type';
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

/** What the `reports` list reads of a report: every column but `rawText`. */
const LISTED_REPORT_COLUMNS = [
  'id',
  'unitId',
  'year',
  'sha256',
  'source',
  'sourceSha256',
  'publishedDate',
  'state',
  'replacedById',
  'createdAt',
] as const satisfies ReadonlyArray<Exclude<keyof Report, 'rawText' | 'unit' | 'replacedBy'>>;

@Resolver(() => ReportNode)
export class ReportResolver {
  @Query(() => ReportConnection, { description: 'Reports, newest year first, then in the order they were ingested.' })
  async reports(@Ctx() ctx: Context, @Args() page: PageArgs, @Arg('filter', () => ReportFilter, { nullable: true }) filter?: ReportFilter) {
    const { offset, limit } = pageWindow(page);
    // every column but the text (a list never shows it: `rawText` reads it by id), with the unit
    // joined so that `unit { … }` is answered from this statement instead of one more
    const ds = ctx.dataSource;
    const params = new SqlParams(ds);
    const where = [`"r"."state" = ${params.add(filter?.state ?? 'CURRENT')}`];
    const scope = scopeList(ctx);
    if (scope) where.push(`"r"."unitId" IN (${params.list(scope.length ? scope : [-1])})`);
    if (filter?.unitId) where.push(`"r"."unitId" = ${params.add(idOfType(filter.unitId, 'Unit') ?? -1)}`);
    if (filter?.year !== undefined && filter.year !== null) where.push(`"r"."year" = ${params.add(filter.year)}`);
    const { raw, total } = await pageWithTotal(
      ds,
      {
        select: `${selectColumns(ds, Report, 'r', LISTED_REPORT_COLUMNS)}, ${selectColumns(ds, Unit, 'ru')}`,
        from: `${tableOf(ds, Report)} "r" INNER JOIN ${tableOf(ds, Unit)} "ru" ON "ru"."id" = "r"."unitId"`,
        where,
        orderBy: `"r"."year" DESC, "r"."id" ASC`,
        params,
      },
      offset,
      limit,
    );
    const units = ctx.loaders.of(unitLoaders).unitById;
    const rows = raw.map((r) => {
      const unit = entityFromRaw(ctx.dataSource, Unit, r, 'ru');
      units.prime(unit.id, unit);
      return entityFromRaw(ctx.dataSource, Report, r, 'r');
    });
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

  @FieldResolver(() => [MetricValueNode])
  async metrics(@Root() report: ReportNode, @Ctx() ctx: Context): Promise<MetricValueNode[]> {
    return (await ctx.loaders.of(reportLoaders).metricsByReport.load(report.dbId)).map(MetricValueNode.from);
  }
}

/** `Unit.reports`: the reports domain adds this field to units (units know nothing of reports). */
@Resolver(() => UnitNode)
export class UnitReportsResolver {
  @FieldResolver(() => [ReportNode], { description: "The unit's reports, newest year first (current and replaced)." })
  async reports(@Root() unit: UnitNode, @Ctx() ctx: Context): Promise<ReportNode[]> {
    return (await ctx.loaders.of(reportLoaders).reportsByUnit.load(unit.dbId)).map(ReportNode.from);
  }
}
