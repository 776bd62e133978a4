import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ChecklistNode } from '../checklist/checklist.type';
import { ItemStatusEnum } from '../checklist/checklist.type';
import { QualifierEnum } from '../reports/report.type';
import { UnitNode } from '../units/unit.type';
import { CoverageCountType, ScoreType } from './assessment.type';

export enum ItemChangeEnum {
  NEW_EVIDENCE = 'NEW_EVIDENCE',
  LOST_EVIDENCE = 'LOST_EVIDENCE',
  IMPROVED = 'IMPROVED',
  DECLINED = 'DECLINED',
  CHANGED = 'CHANGED',
  UNCHANGED = 'UNCHANGED',
  NOT_COMPARABLE = 'NOT_COMPARABLE',
}
registerEnumType(ItemChangeEnum, {
  name: 'ItemChange',
  description:
    'NEW_EVIDENCE / LOST_EVIDENCE: positive evidence gained or lost; IMPROVED: PARTIAL → COVERED; DECLINED: the reverse; CHANGED: other moves.',
});

@ObjectType('MatrixColumn', { description: 'An assessable item: a column of the coverage matrix.' })
export class MatrixColumnType {
  @Field()
  code: string;

  @Field()
  title: string;

  @Field()
  partCode: string;

  @Field(() => Int)
  points: number;
}

@ObjectType('MatrixCell')
export class MatrixCellType {
  @Field()
  code: string;

  @Field(() => ItemStatusEnum, { description: 'Counting accepted + proposed links.' })
  status: ItemStatusEnum;

  @Field(() => ItemStatusEnum, { description: 'Counting accepted links only.' })
  confirmedStatus: ItemStatusEnum;
}

@ObjectType('MatrixRow', { description: "A unit's row: one cell per column, in column order, and the unit's totals." })
export class MatrixRowType {
  @Field(() => UnitNode)
  unit: UnitNode;

  @Field({ description: 'false: the unit sent no report that year (REPORT_MISSING).' })
  hasReport: boolean;

  /** every cell, in column order (exposed through the `cells` field resolver) */
  allCells: MatrixCellType[];

  @Field(() => CoverageCountType)
  confirmed: CoverageCountType;

  @Field(() => CoverageCountType)
  proposed: CoverageCountType;

  @Field(() => ScoreType)
  score: ScoreType;

  @Field(() => Int, { description: 'Rank by proposed score among the rows (1 = best; ties share a rank).' })
  rank: number;

  @Field(() => Int)
  flagCount: number;
}

@ObjectType('StatusCount')
export class StatusCountType {
  @Field(() => ItemStatusEnum)
  status: ItemStatusEnum;

  @Field(() => Int)
  count: number;
}

@ObjectType('ItemTotals', { description: 'How many units have each status for one item.' })
export class ItemTotalsType {
  @Field()
  code: string;

  @Field(() => [StatusCountType], { description: 'Counts per status (proposed view), every status listed.' })
  counts: StatusCountType[];

  @Field(() => Int, { description: 'Units with COVERED.' })
  covered: number;

  @Field(() => Float, { description: 'covered / units with a report; 0 when none has.' })
  coveredShare: number;
}

@ObjectType('CoverageMatrix', { description: 'Units × items statuses for a district: the heat-map.' })
export class CoverageMatrixType {
  @Field(() => ChecklistNode)
  checklist: ChecklistNode;

  @Field(() => Int)
  year: number;

  @Field(() => UnitNode)
  parent: UnitNode;

  @Field(() => [MatrixColumnType])
  columns: MatrixColumnType[];

  @Field(() => [MatrixRowType], { description: 'Reporting units (街道, 镇) under the parent, by name.' })
  rows: MatrixRowType[];

  /** per item, in column order (exposed through the `itemTotals` field resolver) */
  allItemTotals: ItemTotalsType[];
}

@ObjectType('RankingEntry')
export class RankingEntryType {
  @Field(() => Int)
  rank: number;

  @Field(() => UnitNode)
  unit: UnitNode;

  @Field(() => Float, { description: 'Normalised score, proposed view (the ranking key).' })
  score: number;

  @Field(() => Float, { description: 'Normalised score counting accepted links only.' })
  confirmedScore: number;

  @Field(() => CoverageCountType)
  coverage: CoverageCountType;

  @Field()
  hasReport: boolean;
}

@ObjectType('MetricChange')
export class MetricChangeType {
  @Field()
  metric: string;

  @Field()
  unit: string;

  @Field(() => Float, { nullable: true })
  from: number | null;

  @Field(() => QualifierEnum, { nullable: true })
  fromQualifier: QualifierEnum | null;

  @Field(() => Float, { nullable: true })
  to: number | null;

  @Field(() => QualifierEnum, { nullable: true })
  toQualifier: QualifierEnum | null;

  @Field(() => Float, { nullable: true, description: 'to − from when both are reported.' })
  delta: number | null;
}

@ObjectType('ItemComparison')
export class ItemComparisonType {
  @Field()
  code: string;

  @Field()
  title: string;

  @Field(() => ItemStatusEnum, { nullable: true })
  fromStatus: ItemStatusEnum | null;

  @Field(() => ItemStatusEnum, { nullable: true })
  toStatus: ItemStatusEnum | null;

  @Field(() => ItemChangeEnum)
  change: ItemChangeEnum;

  @Field(() => [MetricChangeType])
  metrics: MetricChangeType[];
}

@ObjectType('ScoreChange')
export class ScoreChangeType {
  @Field(() => Float)
  from: number;

  @Field(() => Float)
  to: number;

  @Field(() => Float)
  delta: number;
}

@ObjectType('UnitComparison', { description: 'Year-over-year comparison of one unit.' })
export class UnitComparisonType {
  @Field(() => UnitNode)
  unit: UnitNode;

  @Field(() => Int)
  fromYear: number;

  @Field(() => Int)
  toYear: number;

  /** every item (exposed through the `items` field resolver) */
  allItems: ItemComparisonType[];

  @Field(() => ScoreChangeType)
  confirmedScore: ScoreChangeType;

  @Field(() => ScoreChangeType)
  proposedScore: ScoreChangeType;
}
