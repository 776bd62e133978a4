import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { unitIdArg } from '../graphql/args';
import { ChecklistNode } from '../checklist/checklist.type';
import type { LoadedChecklist } from '../checklist/checklist.service';
import { inScope, type Context } from '../graphql/context';
import { QualifierEnum } from '../reports/report.type';
import { BadInputError } from '../graphql/relay';
import type { Claim } from '../reports/claim.entity';
import type { MetricValue } from '../reports/metric-value.entity';
import { ClaimNode, MetricValueNode } from '../reports/report.type';
import type { Unit } from '../units/unit.entity';
import { UnitNode } from '../units/unit.type';
import { reportingUnitsUnder } from '../units/unit.service';
import { chooseChecklist } from './assessment.resolver';
import { displayValue, type SeriesPoint } from './series';
import { isKnownMetric, targetOfMetric, unitSeries, unitsSeries, type MetricTarget } from './series.service';
import { reportLoaders } from '../reports/report.loaders';
import { unitLoaders } from '../units/unit.loaders';

const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=' };

@ObjectType('MetricTarget', { description: "The checklist item's target for a metric (none when no item has one)." })
export class MetricTargetType {
  @Field()
  metric: string;

  @Field(() => String, { nullable: true, description: 'Code of the item whose target uses the metric.' })
  itemCode: string | null;

  @Field(() => String, { nullable: true })
  itemTitle: string | null;

  @Field(() => String, { nullable: true, description: '>=, = or <=; null: the metric is only collected.' })
  op: string | null;

  @Field(() => Float, { nullable: true })
  threshold: number | null;

  @Field()
  unit: string;

  @Field({ description: 'The target in words, e.g. ≥ 100%, or 无目标值.' })
  text: string;

  static from(t: MetricTarget): MetricTargetType {
    const { op, threshold } = t.target;
    return Object.assign(new MetricTargetType(), {
      metric: t.target.metric,
      itemCode: t.itemCode,
      itemTitle: t.itemTitle,
      op: op ?? null,
      threshold: threshold ?? null,
      unit: t.target.unit,
      text: op != null && threshold != null ? `${OPS[op] ?? op} ${threshold}${t.target.unit}` : '无目标值',
    });
  }
}

@ObjectType('MetricPoint', { description: "One unit's value of a metric in one year (positive claims of its current report only)." })
export class MetricPointType {
  unitDbId: number;
  claimDbId: number | null;
  metricValueDbId: number | null;

  @Field(() => Int)
  year: number;

  @Field({ description: 'The unit has a current report for the year.' })
  hasReport: boolean;

  @Field(() => Float, { nullable: true, description: 'null: not reported in a positive claim.' })
  value: number | null;

  @Field(() => String, { nullable: true, description: 'Unit of the value (%, 分, 件 …).' })
  valueUnit: string | null;

  @Field(() => QualifierEnum, {
    nullable: true,
    description: 'APPROX (余/多/近) values are shown as such and never prove an exact threshold.',
  })
  qualifier: QualifierEnum | null;

  @Field({ description: 'The value as read: 100%, 约100% (APPROX), 95分以上 (AT_LEAST), 未报告.' })
  display: string;

  @Field(() => Boolean, { nullable: true, description: 'Whether the value proves the threshold; null without threshold or value.' })
  met: boolean | null;

  static from(p: SeriesPoint): MetricPointType {
    return Object.assign(new MetricPointType(), {
      unitDbId: p.unitId,
      claimDbId: p.claimId === null ? null : Number(p.claimId),
      metricValueDbId: p.metricValueId,
      year: p.year,
      hasReport: p.hasReport,
      value: p.value,
      valueUnit: p.unit,
      qualifier: p.qualifier as QualifierEnum | null,
      display: displayValue(p.value, p.unit, p.qualifier),
      met: p.met,
    });
  }
}

@ObjectType('MetricSeries', { description: "指标序列: one unit's values of a metric over years, beside the item's target." })
export class MetricSeriesType {
  unitDbId: number;

  @Field()
  metric: string;

  @Field(() => MetricTargetType, { description: 'The target of the latest checklist covering the last year.' })
  target: MetricTargetType;

  @Field(() => [MetricPointType], { description: 'One point per year, ascending.' })
  points: MetricPointType[];
}

@ObjectType('DistrictMetric', { description: "One metric for the reporting units under a parent in one year, with the item's target." })
export class DistrictMetricType {
  parentDbId: number;
  missingTargetIds: number[];
  missingTwoYearsIds: number[];
  notReportedIds: number[];

  @Field()
  metric: string;

  @Field(() => Int)
  year: number;

  @Field(() => ChecklistNode)
  checklist: ChecklistNode;

  @Field(() => MetricTargetType)
  target: MetricTargetType;

  @Field(() => [MetricPointType], { description: 'One point per reporting unit, by unit name.' })
  values: MetricPointType[];

  @Field(() => Int, { description: 'Units with a value.' })
  count: number;

  @Field(() => Float, { nullable: true })
  min: number | null;

  @Field(() => Float, { nullable: true })
  median: number | null;

  @Field(() => Float, { nullable: true })
  max: number | null;
}

async function unitsOf(ctx: Context, ids: readonly number[]): Promise<UnitNode[]> {
  const units = await Promise.all(ids.map((id) => ctx.loaders.of(unitLoaders).unitById.load(id)));
  return units.filter((u): u is Unit => u !== null).map(UnitNode.from);
}

function checkMetric(metric: string, loaded: LoadedChecklist | null): void {
  if (!isKnownMetric(metric, loaded)) throw new BadInputError(`未知的指标：${metric}`);
}

@Resolver()
export class MetricSeriesResolver {
  @Query(() => MetricSeriesType, {
    description: "A unit's values of one metric over years (positive claims only), with the item's target.",
  })
  async metricSeries(
    @Ctx() ctx: Context,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('metric') metric: string,
    @Arg('years', () => [Int]) years: number[],
  ): Promise<MetricSeriesType> {
    const unit = await ctx.loaders.of(unitLoaders).unitById.load(unitIdArg(unitId));
    if (!unit) throw new BadInputError('No such unit');
    if (years.length === 0 || years.length > 20) throw new BadInputError('years: give 1 to 20 years');
    const loaded = await chooseChecklist(ctx.dataSource, undefined, Math.max(...years)).catch(() => null);
    checkMetric(metric, loaded);
    const target = loaded ? targetOfMetric(loaded, metric) : { itemCode: null, itemTitle: null, target: { metric, unit: '' } };
    const points = await unitSeries(ctx.dataSource, unit.id, years, target.target);
    return Object.assign(new MetricSeriesType(), {
      unitDbId: unit.id,
      metric,
      target: MetricTargetType.from(target),
      points: points.map(MetricPointType.from),
    });
  }

  @Query(() => DistrictMetricType, {
    description:
      'Per reporting unit under a parent: its value of a metric in a year with its claim, min/median/max, and who misses the target (this year, two years running).',
  })
  async districtMetric(
    @Ctx() ctx: Context,
    @Arg('parentUnitId', () => ID) parentUnitId: string,
    @Arg('metric') metric: string,
    @Arg('year', () => Int) year: number,
    @Arg('checklistId', () => ID, { nullable: true }) checklistId?: string,
  ): Promise<DistrictMetricType> {
    const parent = await ctx.loaders.of(unitLoaders).unitById.load(unitIdArg(parentUnitId, 'parentUnitId'));
    if (!parent) throw new BadInputError('No such unit');
    const loaded = await chooseChecklist(ctx.dataSource, checklistId, year);
    checkMetric(metric, loaded);
    const target = targetOfMetric(loaded, metric);
    const units = (await reportingUnitsUnder(ctx.dataSource, parent.id)).filter((u) => inScope(ctx, u.id));
    const series = await unitsSeries(
      ctx.dataSource,
      units.map((u) => u.id),
      year,
      target.target,
    );
    return Object.assign(new DistrictMetricType(), {
      parentDbId: parent.id,
      missingTargetIds: series.missingTarget,
      missingTwoYearsIds: series.missingTwoYears,
      notReportedIds: series.notReported,
      metric,
      year,
      checklist: ChecklistNode.from(loaded.checklist),
      target: MetricTargetType.from(target),
      values: series.points.map(MetricPointType.from),
      count: series.stats.count,
      min: series.stats.min,
      median: series.stats.median,
      max: series.stats.max,
    });
  }
}

@Resolver(() => MetricPointType)
export class MetricPointResolver {
  @FieldResolver(() => UnitNode)
  async unit(@Root() point: MetricPointType, @Ctx() ctx: Context): Promise<UnitNode> {
    return UnitNode.from((await ctx.loaders.of(unitLoaders).unitById.load(point.unitDbId)) as Unit);
  }

  @FieldResolver(() => ClaimNode, { nullable: true, description: 'The claim the value was read from.' })
  async claim(@Root() point: MetricPointType, @Ctx() ctx: Context): Promise<ClaimNode | null> {
    if (point.claimDbId === null) return null;
    const claim = await ctx.loaders.of(reportLoaders).claimById.load(point.claimDbId);
    return claim ? ClaimNode.from(claim as Claim) : null;
  }

  @FieldResolver(() => MetricValueNode, { nullable: true })
  async metricValue(@Root() point: MetricPointType, @Ctx() ctx: Context): Promise<MetricValueNode | null> {
    if (point.metricValueDbId === null) return null;
    const value = await ctx.loaders.of(reportLoaders).metricById.load(point.metricValueDbId);
    return value ? MetricValueNode.from(value as MetricValue) : null;
  }
}

@Resolver(() => MetricSeriesType)
export class MetricSeriesUnitResolver {
  @FieldResolver(() => UnitNode)
  async unit(@Root() series: MetricSeriesType, @Ctx() ctx: Context): Promise<UnitNode> {
    return UnitNode.from((await ctx.loaders.of(unitLoaders).unitById.load(series.unitDbId)) as Unit);
  }
}

@Resolver(() => DistrictMetricType)
export class DistrictMetricUnitsResolver {
  @FieldResolver(() => UnitNode)
  async parent(@Root() d: DistrictMetricType, @Ctx() ctx: Context): Promise<UnitNode> {
    return UnitNode.from((await ctx.loaders.of(unitLoaders).unitById.load(d.parentDbId)) as Unit);
  }

  @FieldResolver(() => [UnitNode], { description: 'Units whose reported value does not prove the threshold this year.' })
  async missingTarget(@Root() d: DistrictMetricType, @Ctx() ctx: Context): Promise<UnitNode[]> {
    return unitsOf(ctx, d.missingTargetIds);
  }

  @FieldResolver(() => [UnitNode], { description: 'Units missing the target this year and the year before.' })
  async missingTwoYears(@Root() d: DistrictMetricType, @Ctx() ctx: Context): Promise<UnitNode[]> {
    return unitsOf(ctx, d.missingTwoYearsIds);
  }

  @FieldResolver(() => [UnitNode], { description: 'Units with a report this year but no value of the metric in a positive claim.' })
  async notReported(@Root() d: DistrictMetricType, @Ctx() ctx: Context): Promise<UnitNode[]> {
    return unitsOf(ctx, d.notReportedIds);
  }
}
