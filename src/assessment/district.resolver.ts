import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, unitIdArg } from '../graphql/args';
import { ChecklistNode } from '../checklist/checklist.type';
import { inScope, scopeList, type Context } from '../graphql/context';
import { FlagCodeEnum, ItemStatusEnum, SeverityEnum } from '../checklist/checklist.type';
import { QualifierEnum } from '../reports/report.type';
import { BadInputError, idOfType, MAX_PAGE_SIZE, pageWindow, toConnection } from '../graphql/relay';
import { UnitNode } from '../units/unit.type';
import { ITEM_STATUSES } from '../checklist/types';
import { districtSummaries, assessmentsForUnits, noReportFlags, type UnitAssessmentSummary } from './assessment-batch.store';
import { reportingUnitIdsUnder, subtreeWithReportingUnits } from '../units/unit.service';
import type { Unit } from '../units/unit.entity';
import { listFlags } from './flag-list.store';
import { cachedChecklistDefinition, checklistVersions, type LoadedChecklist } from '../checklist/checklist.service';
import { CoverageCountType, FlagConnection, FlagType, ScoreType } from './assessment.type';
import { chooseChecklist } from './assessment.resolver';
import { compareAssessments } from './compare';
import {
  CoverageMatrixType,
  ItemChangeEnum,
  ItemComparisonType,
  ItemTotalsType,
  MatrixCellType,
  MATRIX_ROWS,
  MatrixColumnType,
  MatrixRowType,
  RankingEntryType,
  UnitComparisonType,
} from './district.type';
import { partCodeOf } from './parts';
import { rankUnits } from './ranking';
import { unitLoaders } from '../units/unit.loaders';

@InputType({ description: 'Filter flags; all fields optional. unitIds include the units below them.' })
export class FlagFilter {
  @Field(() => ID, { nullable: true, description: 'Default: the latest checklist covering the year.' })
  checklistId?: string;

  @Field(() => Int, { nullable: true })
  year?: number;

  @Field(() => [ID], { nullable: true, description: 'Units (with their subtrees), e.g. a district.' })
  unitIds?: string[];

  @Field(() => [FlagCodeEnum], { nullable: true })
  codes?: FlagCodeEnum[];

  @Field(() => [SeverityEnum], { nullable: true })
  severities?: SeverityEnum[];

  @Field(() => [String], { nullable: true })
  itemCodes?: string[];
}

/**
 * The parent unit (BAD_USER_INPUT when it does not exist or is outside the caller's scope,
 * as the unit loader answers) and its reporting units in the caller's scope, by name: one
 * statement; the parent is handed to the unit loader for `parent { … }`.
 */
async function districtOf(ctx: Context, parentId: number): Promise<{ parent: Unit; units: Unit[] }> {
  const { parent, units } = await subtreeWithReportingUnits(ctx.dataSource, parentId);
  if (!parent || !inScope(ctx, parent.id)) throw new BadInputError('No such unit');
  ctx.loaders.of(unitLoaders).unitById.prime(parent.id, parent);
  return { parent, units: units.filter((u) => inScope(ctx, u.id)) };
}

/**
 * A district's list view: the checklist covering the year (kept per version), then the parent
 * and the summaries of its reporting units in the caller's scope ({@link districtSummaries}).
 * Errors as {@link districtOf} first: an unknown parent is reported before a year no checklist covers.
 */
async function districtView(
  ctx: Context,
  parentUnitId: string,
  checklistId: string | undefined,
  year: number,
  items: boolean,
): Promise<{ parent: Unit; loaded: LoadedChecklist; assessments: UnitAssessmentSummary[] }> {
  const parentId = unitIdArg(parentUnitId, 'parentUnitId');
  let loaded: LoadedChecklist;
  try {
    loaded = await chooseChecklist(ctx.dataSource, checklistId, year);
  } catch (error) {
    await districtOf(ctx, parentId);
    throw error;
  }
  const { parent, summaries } = await districtSummaries(ctx.dataSource, parentId, loaded, year, { items });
  if (!parent || !inScope(ctx, parent.id)) throw new BadInputError('No such unit');
  ctx.loaders.of(unitLoaders).unitById.prime(parent.id, parent);
  return { parent, loaded, assessments: summaries.filter((s) => inScope(ctx, s.unit.id)) };
}

/** Each item status's place in {@link ITEM_STATUSES}. */
const STATUS_INDEX = new Map<string, number>(ITEM_STATUSES.map((status, index) => [status, index]));

/** A matrix's columns (the assessable items, in checklist order), their codes and each code's column. */
interface MatrixColumns {
  columns: MatrixColumnType[];
  codes: readonly string[];
  columnOf: ReadonlyMap<string, number>;
}

/** Made once per checklist version (a version never changes); shared by its matrices' answers, never changed. */
const matrixColumnsOf = new WeakMap<LoadedChecklist, MatrixColumns>();

function matrixColumns(loaded: LoadedChecklist): MatrixColumns {
  let made = matrixColumnsOf.get(loaded);
  if (!made) {
    const itemsByCode = new Map(loaded.definition.items.map((i) => [i.code, i]));
    const columns = loaded.definition.items
      .filter((i) => i.assessable)
      .map((i) => {
        const partCode = partCodeOf(i.code, itemsByCode);
        return Object.assign(new MatrixColumnType(), { code: i.code, title: i.title, partCode, points: i.points });
      });
    const codes = columns.map((c) => c.code);
    made = { columns, codes, columnOf: new Map(codes.map((code, index) => [code, index])) };
    matrixColumnsOf.set(loaded, made);
  }
  return made;
}

/** The status written in `packed` from `from` to `end`: its constant when it is a known one (no string made), else that text. */
function statusAt(packed: string, from: number, end: number): ItemStatusEnum {
  for (const status of ITEM_STATUSES) {
    if (status.length === end - from && packed.startsWith(status, from)) return status as ItemStatusEnum;
  }
  return packed.slice(from, end) as ItemStatusEnum;
}

/**
 * Writes a stored assessment's packed cells (`code:status:confirmedStatus`, joined by `,`) into
 * the row's per-column statuses; an item that is not a column is passed over. A known status
 * is stored as its constant. Cells mostly come in column order (the order the assessment's
 * statuses were stored in): each code is first compared in place with the column after the
 * last one found, and looked up only when it is not that one — no string is made for a cell.
 */
export function readPackedCells(
  packed: string,
  { codes, columnOf }: Pick<MatrixColumns, 'codes' | 'columnOf'>,
  statuses: ItemStatusEnum[],
  confirmedStatuses: ItemStatusEnum[],
): void {
  let next = 0;
  let start = 0;
  while (start < packed.length) {
    let end = packed.indexOf(',', start);
    if (end < 0) end = packed.length;
    const first = packed.indexOf(':', start);
    const second = first < 0 || first > end ? -1 : packed.indexOf(':', first + 1);
    if (second >= 0 && second < end) {
      const expected = codes[next];
      const index =
        expected !== undefined && expected.length === first - start && packed.startsWith(expected, start)
          ? next
          : columnOf.get(packed.slice(start, first));
      if (index !== undefined) {
        statuses[index] = statusAt(packed, first + 1, second);
        confirmedStatuses[index] = statusAt(packed, second + 1, end);
        next = index + 1;
      }
    }
    start = end + 1;
  }
}

@Resolver()
export class DistrictResolver {
  @Query(() => CoverageMatrixType, {
    description: 'Units × items statuses for the reporting units under a parent (a district) in one request.',
  })
  async coverageMatrix(
    @Ctx() ctx: Context,
    @Arg('year', () => Int) year: number,
    @Arg('parentUnitId', () => ID) parentUnitId: string,
    @Arg('checklistId', () => ID, { nullable: true }) checklistId?: string,
  ): Promise<CoverageMatrixType> {
    const { parent, loaded, assessments } = await districtView(ctx, parentUnitId, checklistId, year, true);
    const { columns, codes, columnOf } = matrixColumns(loaded);
    const ranks = new Map(
      rankUnits(assessments.map((a) => ({ unitId: String(a.unit.id), score: a.summary.score.proposed.normalised }))).map((r) => [
        Number(r.unitId),
        r.rank,
      ]),
    );
    const rows = assessments.map((a) => {
      // a cell per column, MISSING unless the unit's assessment has a status for the item
      const statuses: ItemStatusEnum[] = new Array<ItemStatusEnum>(codes.length).fill('MISSING');
      const confirmedStatuses: ItemStatusEnum[] = new Array<ItemStatusEnum>(codes.length).fill('MISSING');
      for (const item of a.summary.items) {
        const index = columnOf.get(item.code);
        if (index === undefined) continue;
        statuses[index] = (item.status ?? 'MISSING') as ItemStatusEnum;
        confirmedStatuses[index] = (item.confirmedStatus ?? 'MISSING') as ItemStatusEnum;
      }
      if (a.summary.packedCells !== null) readPackedCells(a.summary.packedCells, { codes, columnOf }, statuses, confirmedStatuses);
      return Object.assign(new MatrixRowType(), {
        unit: UnitNode.from(a.unit),
        hasReport: a.hasReport,
        codes,
        statuses,
        confirmedStatuses,
        confirmed: CoverageCountType.from(a.summary.coverage.confirmed),
        proposed: CoverageCountType.from(a.summary.coverage.proposed),
        score: ScoreType.from(a.summary.score),
        rank: ranks.get(a.unit.id) ?? 0,
        flagCount: a.summary.flagCount,
      });
    });
    const withReport = rows.filter((r) => r.hasReport).length;
    // per column, the rows of each status (one pass over the cells)
    const tally = columns.map(() => new Array<number>(ITEM_STATUSES.length).fill(0));
    for (const row of rows) {
      for (let index = 0; index < codes.length; index += 1) {
        const k = STATUS_INDEX.get(row.statuses[index]!);
        if (k !== undefined) tally[index]![k]! += 1;
      }
    }
    const itemTotals = columns.map((c, index) => {
      const counts = ITEM_STATUSES.map((status, k) => ({ status: status as ItemStatusEnum, count: tally[index]![k]! }));
      const covered = tally[index]![STATUS_INDEX.get('COVERED')!]!;
      return Object.assign(new ItemTotalsType(), { code: c.code, counts, covered, coveredShare: withReport ? covered / withReport : 0 });
    });
    // an HTTP answer may write the rows' cells as JSON text (src/app/matrix-cells.ts)
    ctx.answerSources?.set(MATRIX_ROWS, rows);
    return Object.assign(new CoverageMatrixType(), {
      checklist: ChecklistNode.from(loaded.checklist),
      year,
      parent: UnitNode.from(parent),
      columns,
      rows,
      allItemTotals: itemTotals,
    });
  }

  @Query(() => [RankingEntryType], {
    description: 'Reporting units under a parent ranked by normalised score (proposed view); ties share a rank.',
  })
  async ranking(
    @Ctx() ctx: Context,
    @Arg('year', () => Int) year: number,
    @Arg('parentUnitId', () => ID) parentUnitId: string,
    @Arg('checklistId', () => ID, { nullable: true }) checklistId?: string,
  ): Promise<RankingEntryType[]> {
    const { assessments } = await districtView(ctx, parentUnitId, checklistId, year, false);
    const byId = new Map(assessments.map((a) => [String(a.unit.id), a]));
    return rankUnits(assessments.map((a) => ({ unitId: String(a.unit.id), score: a.summary.score.proposed.normalised }))).map((r) => {
      const a = byId.get(r.unitId)!;
      return Object.assign(new RankingEntryType(), {
        rank: r.rank,
        unit: UnitNode.from(a.unit),
        score: r.score,
        confirmedScore: a.summary.score.confirmed.normalised,
        coverage: CoverageCountType.from(a.summary.coverage.proposed),
        hasReport: a.hasReport,
      });
    });
  }

  @Query(() => UnitComparisonType, { description: 'Year-over-year per item: new evidence, lost evidence, metric changes.' })
  async compare(
    @Ctx() ctx: Context,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('fromYear', () => Int) fromYear: number,
    @Arg('toYear', () => Int) toYear: number,
    @Arg('checklistId', () => ID, { nullable: true }) checklistId?: string,
  ): Promise<UnitComparisonType> {
    const unit = await ctx.loaders.of(unitLoaders).unitById.load(unitIdArg(unitId));
    if (!unit) throw new BadInputError('No such unit');
    const fromList = await chooseChecklist(ctx.dataSource, checklistId, fromYear);
    const toList = checklistId ? fromList : await chooseChecklist(ctx.dataSource, undefined, toYear);
    // one unit in, one assessment out
    const from = (await assessmentsForUnits(ctx.dataSource, [unit], fromList, fromYear))[0]!;
    const to = (await assessmentsForUnits(ctx.dataSource, [unit], toList, toYear))[0]!;
    const comparison = compareAssessments(from.result, to.result);
    return Object.assign(new UnitComparisonType(), {
      unit: UnitNode.from(unit),
      fromYear,
      toYear,
      allItems: comparison.items.map((i) =>
        Object.assign(new ItemComparisonType(), {
          code: i.code,
          title: i.title,
          fromStatus: i.fromStatus as ItemStatusEnum | null,
          toStatus: i.toStatus as ItemStatusEnum | null,
          change: i.change as ItemChangeEnum,
          metrics: i.metrics.map((m) => ({
            ...m,
            fromQualifier: m.fromQualifier as QualifierEnum | null,
            toQualifier: m.toQualifier as QualifierEnum | null,
          })),
        }),
      ),
      confirmedScore: comparison.score.confirmed,
      proposedScore: comparison.score.proposed,
    });
  }

  @Query(() => FlagConnection, {
    description:
      'Flags, ordered by severity (ERROR first), then unit name, then year (latest first). A reporting unit without a report has REPORT_MISSING: for the given year, or without one for every year somebody reported for.',
  })
  async flags(@Ctx() ctx: Context, @Args() page: PageArgs, @Arg('filter', () => FlagFilter, { nullable: true }) filter?: FlagFilter) {
    const { offset, limit } = pageWindow(page);
    const year = filter?.year ?? null;
    let checklists: LoadedChecklist[];
    let checklistId: number | null = null;
    if (filter?.checklistId) {
      checklistId = idOfType(filter.checklistId, 'Checklist') ?? -1;
      const row = (await checklistVersions(ctx.dataSource.manager)).find((c) => c.id === checklistId);
      checklists = row ? [await cachedChecklistDefinition(ctx.dataSource.manager, row)] : [];
    } else if (year !== null) {
      checklists = [await chooseChecklist(ctx.dataSource, undefined, year)];
      checklistId = checklists[0]!.checklist.id; // one chosen
    } else {
      const rows = [...(await checklistVersions(ctx.dataSource.manager))].sort((a, b) => a.id - b.id);
      checklists = await Promise.all(rows.map((row) => cachedChecklistDefinition(ctx.dataSource.manager, row)));
    }
    // one recursive query seeded with every id (the list is capped at MAX_LIST_ARGUMENT)
    const unitIds = filter?.unitIds?.length
      ? await reportingUnitIdsUnder(
          ctx.dataSource,
          filter.unitIds.map((id) => unitIdArg(id, 'unitIds')),
        )
      : null;
    const listed = await listFlags(
      ctx.dataSource,
      {
        checklistId,
        year,
        scope: scopeList(ctx),
        unitIds,
        codes: filter?.codes?.length ? filter.codes : null,
        severities: filter?.severities?.length ? filter.severities : null,
        itemCodes: filter?.itemCodes?.length ? filter.itemCodes : null,
      },
      checklists.flatMap((loaded) => noReportFlags(loaded).map((flag) => ({ checklistId: loaded.checklist.id, flag }))),
      { offset, limit },
    );
    const unitById = ctx.loaders.of(unitLoaders).unitById;
    for (const row of listed.rows) unitById.prime(row.unit.id, row.unit); // listed in the caller's scope
    return toConnection(listed.rows.map(FlagType.fromListed), offset, listed.total);
  }
}

@Resolver(() => MatrixRowType)
export class MatrixRowResolver {
  @FieldResolver(() => [MatrixCellType], { description: 'One cell per column, in column order; `codes` keeps only those items.' })
  cells(@Root() row: MatrixRowType, @Arg('codes', () => [String], { nullable: true }) codes?: string[]): MatrixCellType[] {
    return codes?.length ? row.allCells.filter((c) => codes.includes(c.code)) : row.allCells;
  }
}

@Resolver(() => CoverageMatrixType)
export class CoverageMatrixResolver {
  @FieldResolver(() => [ItemTotalsType], { description: 'Per item, in column order; `codes` keeps only those items.' })
  itemTotals(@Root() matrix: CoverageMatrixType, @Arg('codes', () => [String], { nullable: true }) codes?: string[]): ItemTotalsType[] {
    return codes?.length ? matrix.allItemTotals.filter((t) => codes.includes(t.code)) : matrix.allItemTotals;
  }
}

@Resolver(() => UnitComparisonType)
export class UnitComparisonResolver {
  @FieldResolver(() => [ItemComparisonType], { description: 'Items in checklist order; filter by kind of change, at most `first`.' })
  items(
    @Root() comparison: UnitComparisonType,
    @Arg('changes', () => [ItemChangeEnum], { nullable: true }) changes?: ItemChangeEnum[],
    @Arg('first', () => Int, { nullable: true }) first?: number,
  ): ItemComparisonType[] {
    const items = changes?.length ? comparison.allItems.filter((i) => changes.includes(i.change)) : comparison.allItems;
    if (first != null && (first < 0 || first > MAX_PAGE_SIZE))
      throw new BadInputError(`first 必须在 0 到 ${MAX_PAGE_SIZE} 之间，而不是 ${first}。`);
    return first != null ? items.slice(0, first) : items;
  }
}
