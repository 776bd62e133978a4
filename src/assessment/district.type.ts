import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ChecklistNode } from '../checklist/checklist.type';
import { ItemStatusEnum } from '../checklist/checklist.type';
import { QualifierEnum } from '../reports/report.type';
import { UnitNode } from '../units/unit.type';
import { ITEM_STATUSES } from '../checklist/types';
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

/** Under this key a `coverageMatrix` resolver offers its rows to an HTTP answer (`Context.answerSources`). */
export const MATRIX_ROWS = 'coverageMatrix.rows';

/** A field of a matrix cell, by its name in the schema. */
export type MatrixCellField = 'code' | 'status' | 'confirmedStatus';

/** Each item status's place in ITEM_STATUSES. */
const STATUS_INDEX = new Map<string, number>(ITEM_STATUSES.map((status, index) => [status, index]));

/** The cell fields an answer asks for, in selection order: the response key as JSON text, and the field. */
type CellFields = ReadonlyArray<{ readonly key: string; readonly field: MatrixCellField }>;

/**
 * Per columns (the codes array a checklist version's matrices share) and cell selection: per
 * column, the JSON text of a cell for each (status, confirmed status) pair, made when first met.
 */
const cellTextsOf = new WeakMap<readonly string[], WeakMap<CellFields, Array<Array<string | undefined>>>>();

function cellTexts(codes: readonly string[], fields: CellFields): Array<Array<string | undefined>> {
  let byFields = cellTextsOf.get(codes);
  if (!byFields) cellTextsOf.set(codes, (byFields = new WeakMap()));
  let table = byFields.get(fields);
  if (!table) byFields.set(fields, (table = codes.map(() => new Array<string | undefined>(ITEM_STATUSES.length ** 2))));
  return table;
}

@ObjectType('MatrixRow', { description: "A unit's row: one cell per column, in column order, and the unit's totals." })
export class MatrixRowType {
  @Field(() => UnitNode)
  unit: UnitNode;

  @Field({ description: 'false: the unit sent no report that year (REPORT_MISSING).' })
  hasReport: boolean;

  /** the columns' item codes, in column order (shared by the rows of a matrix) */
  codes: readonly string[];

  /** per column: the status (proposed view) */
  statuses: ItemStatusEnum[];

  /** per column: the confirmed status */
  confirmedStatuses: ItemStatusEnum[];

  private cellObjects: MatrixCellType[] | undefined;

  /** every cell, in column order (exposed through the `cells` field resolver), made when first asked for */
  get allCells(): MatrixCellType[] {
    this.cellObjects ??= this.codes.map((code, index) =>
      Object.assign(new MatrixCellType(), { code, status: this.statuses[index]!, confirmedStatus: this.confirmedStatuses[index]! }),
    );
    return this.cellObjects;
  }

  /**
   * Every cell as the JSON text graphql-js would write for the selection `fields` (in selection
   * order: the response key as JSON text, and the field): no cell objects made. Null when a status is not an
   * `ItemStatus` (the schema would refuse to serialise it: the caller executes as usual).
   */
  cellsJson(fields: CellFields): string | null {
    const table = cellTexts(this.codes, fields);
    let json = '[';
    for (let index = 0; index < this.codes.length; index += 1) {
      const status = STATUS_INDEX.get(this.statuses[index]!);
      const confirmed = STATUS_INDEX.get(this.confirmedStatuses[index]!);
      if (status === undefined || confirmed === undefined) return null;
      const slot = status * ITEM_STATUSES.length + confirmed;
      const column = table[index]!;
      let cell = column[slot];
      if (cell === undefined) {
        cell = '{';
        for (let f = 0; f < fields.length; f += 1) {
          const { key, field } = fields[f]!;
          const value = JSON.stringify(
            field === 'code' ? this.codes[index] : field === 'status' ? this.statuses[index] : this.confirmedStatuses[index],
          );
          cell += `${f ? ',' : ''}${key}:${value}`;
        }
        column[slot] = cell += '}';
      }
      json += index ? `,${cell}` : cell;
    }
    return `${json}]`;
  }

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
