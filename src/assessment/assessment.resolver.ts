import { Arg, Ctx, Field, FieldResolver, ID, Info, InputType, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ChecklistItemNode, ChecklistNode } from '../checklist/checklist.type';
import type { Checklist } from '../checklist/checklist.entity';
import { scopeList, type Context } from '../graphql/context';
import { EvidenceLinkNode } from '../evidence/evidence-link.type';
import { ItemStatusEnum } from '../checklist/checklist.type';
import { chooseLocale, LocaleEnum } from '../i18n/locale.type';
import { render } from '../i18n/messages';
import { unitIdArg } from '../graphql/args';
import { BadInputError, idOfType } from '../graphql/relay';
import { ClaimNode, ReportNode } from '../reports/report.type';
import type { Unit } from '../units/unit.entity';
import { UnitNode } from '../units/unit.type';
import { unitPage } from './assessment-batch.store';
import { AssessmentNode, FlagType, ItemAssessmentType } from './assessment.type';
import { chooseChecklistVersion, type LoadedChecklist } from '../checklist/checklist.service';
import type { DataSource } from 'typeorm';
import { checklistLoaders } from '../checklist/checklist.loaders';
import { linkLoaders } from '../evidence/evidence-link.loaders';
import { reportLoaders } from '../reports/report.loaders';
import { unitLoaders } from '../units/unit.loaders';
import { assessmentLoaders } from './assessment.loaders';
import type { ClaimEvidence } from './evidence-rows.store';
import type { ChecklistItem } from '../checklist/checklist-item.entity';
import type { ItemResult } from './types';

@InputType({ description: 'Filter the items of an assessment.' })
export class ItemAssessmentFilter {
  @Field(() => [ItemStatusEnum], { nullable: true })
  statuses?: ItemStatusEnum[];

  @Field(() => [String], { nullable: true })
  codes?: string[];

  @Field(() => [String], { nullable: true, description: 'Part codes 1 … 10.' })
  partCodes?: string[];
}

@ObjectType('Evidence', { description: 'A claim linked to an item, with the link (state, confidence, rule).' })
export class EvidenceType {
  claimDbId: number;
  itemCode: string;
  checklistDbId: number;

  @Field(() => ClaimNode)
  claim: ClaimNode;

  @Field(() => EvidenceLinkNode, { nullable: true })
  link: EvidenceLinkNode | null;
}

/**
 * The checklist a query is about: the given one (global id), or else the latest version of
 * the checklist whose years include `year`; a BAD_USER_INPUT error otherwise.
 */
export async function chooseChecklist(ds: DataSource, checklistId: string | null | undefined, year: number): Promise<LoadedChecklist> {
  let id: number | null = null;
  if (checklistId) {
    id = idOfType(checklistId, 'Checklist');
    if (id === null) throw new BadInputError('checklistId is not a checklist id');
  }
  const chosen = await chooseChecklistVersion(ds.manager, id, year);
  if (!chosen.ok) throw new BadInputError(chosen.errors.map((e) => e.message).join(' '));
  return chosen.value;
}

@Resolver(() => AssessmentNode)
export class AssessmentResolver {
  @Query(() => AssessmentNode, {
    description:
      'Status per item with evidence, flags, coverage and score of one unit and year. Without a report, every item is MISSING with REPORT_MISSING.',
  })
  async assessment(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('year', () => Int) year: number,
    @Arg('checklistId', () => ID, { nullable: true }) checklistId?: string,
  ): Promise<AssessmentNode> {
    const id = unitIdArg(unitId);
    const units = ctx.loaders.of(unitLoaders).unitById;
    let loaded: LoadedChecklist;
    try {
      loaded = await chooseChecklist(ctx.dataSource, checklistId, year);
    } catch (error) {
      // an unknown unit is reported before a year no checklist covers
      if (!(await units.load(id))) throw new BadInputError('No such unit');
      throw error;
    }
    // the unit, its parent, the stored assessment and its evidence in one statement, handed to the loaders
    const page = await unitPage(ctx.dataSource, id, loaded, year, scopeList(ctx), asksEvidence(info));
    if (!page.unit || !page.assessment) throw new BadInputError('No such unit');
    units.prime(page.unit.id, page.unit);
    if (page.unit.parentId !== null) units.prime(page.unit.parentId, page.parent);
    // the version's row and items are in hand (kept per version): the evidence fields need no statement for them
    const checklists = ctx.loaders.of(checklistLoaders);
    checklists.checklistById.prime(loaded.checklist.id, loaded.checklist);
    checklists.itemsByChecklist.prime(loaded.checklist.id, loaded.items);
    if (page.evidence.size) {
      const assessments = ctx.loaders.of(assessmentLoaders);
      for (const [claimId, found] of page.evidence) {
        assessments.evidenceByClaim.prime(claimId, found);
        primeClaim(ctx, claimId, found);
      }
      assessments.page = { checklistId: loaded.checklist.id, items: loaded.items, byClaim: page.evidence };
    }
    return AssessmentNode.build(page.assessment.result, id, loaded.checklist.id, year, page.assessment.stored);
  }

  @FieldResolver(() => UnitNode)
  async unit(@Root() a: AssessmentNode, @Ctx() ctx: Context): Promise<UnitNode> {
    return UnitNode.from((await ctx.loaders.of(unitLoaders).unitById.load(a.unitDbId)) as Unit);
  }

  @FieldResolver(() => ChecklistNode)
  async checklist(@Root() a: AssessmentNode, @Ctx() ctx: Context): Promise<ChecklistNode> {
    return ChecklistNode.from((await ctx.loaders.of(checklistLoaders).checklistById.load(a.checklistDbId)) as Checklist);
  }

  @FieldResolver(() => ReportNode, {
    nullable: true,
    description: 'The report it was computed from; null when the unit has none that year.',
  })
  async report(@Root() a: AssessmentNode, @Ctx() ctx: Context): Promise<ReportNode | null> {
    if (a.reportDbId === null) return null;
    const row = await ctx.loaders.of(reportLoaders).reportById.load(a.reportDbId);
    return row ? ReportNode.from(row) : null;
  }

  @FieldResolver(() => [ItemAssessmentType], { description: 'Assessable items in checklist order.' })
  items(
    @Root() a: AssessmentNode,
    @Arg('filter', () => ItemAssessmentFilter, { nullable: true }) filter?: ItemAssessmentFilter,
  ): ItemAssessmentType[] {
    let items = a.result.items;
    if (filter?.statuses?.length) items = items.filter((i) => filter.statuses!.includes(i.status as ItemStatusEnum));
    if (filter?.codes?.length) items = items.filter((i) => filter.codes!.includes(i.code));
    if (filter?.partCodes?.length) items = items.filter((i) => filter.partCodes!.includes(i.partCode));
    if (items !== a.result.items || a.dbId === null)
      return items.map((i) => ItemAssessmentType.from(i, a.checklistDbId, a.unitDbId, a.year));
    // a stored result's items, unfiltered: made once per result object (a kept page's is shared by the requests it answers)
    let made = itemsMade.get(items);
    if (!made) itemsMade.set(items, (made = items.map((i) => ItemAssessmentType.from(i, a.checklistDbId, a.unitDbId, a.year))));
    return made;
  }
}

/**
 * The item objects of a stored result (unfiltered), made once per result object: the page
 * `assessment(unitId, year)` reads is kept per data version (src/assessment/assessment-batch.store.ts
 * `unitPage`), so the requests it answers share its result and these. A stored result belongs to
 * one unit, checklist version and year. Nothing downstream changes them.
 */
const itemsMade = new WeakMap<readonly ItemResult[], ItemAssessmentType[]>();

/**
 * An item's evidence made from a page's claims, per checklist version, item and claim list,
 * once per page's claims (shared, like the page, by the requests it answers; nothing downstream
 * changes them).
 */
const evidenceMade = new WeakMap<ReadonlyMap<number, ClaimEvidence>, Map<string, EvidenceType[]>>();

const EVIDENCE_FIELDS: ReadonlySet<string> = new Set(['evidence', 'plans', 'shortcomings']);

/** Whether a selection may ask for an item's evidence, plans or shortcomings (a fragment: it may). */
function selectsEvidence(set: SelectionSetNode | undefined): boolean {
  return (
    set?.selections.some((s) => s.kind !== Kind.FIELD || EVIDENCE_FIELDS.has(s.name.value) || selectsEvidence(s.selectionSet)) ?? false
  );
}

/** Whether the `assessment` field being resolved asks for evidence: its claims are then read with the page. */
function asksEvidence(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.some((node) => selectsEvidence(node.selectionSet));
}

/** Hands a claim read with its links and metric values to the claim, link and metric loaders. */
function primeClaim(ctx: Context, claimId: number, found: ClaimEvidence): void {
  const reports = ctx.loaders.of(reportLoaders);
  reports.claimById.prime(claimId, found.claim);
  if (!found.claim) return;
  ctx.loaders.of(linkLoaders).linksByClaim.prime(claimId, found.links);
  reports.metricsByClaim.prime(claimId, found.metrics);
}

/** An item's evidence from its claims (in the order given; a claim not found is left out). */
function evidenceOf(item: ItemAssessmentType, itemRow: ChecklistItem | undefined, found: readonly ClaimEvidence[]): EvidenceType[] {
  return found.flatMap(({ claim, links: claimLinks, metrics }) => {
    if (!claim) return [];
    const link = claimLinks.find((l) => l.itemId === itemRow?.id) ?? null;
    return [
      Object.assign(new EvidenceType(), {
        claimDbId: claim.id,
        itemCode: item.code,
        checklistDbId: item.checklistDbId,
        claim: Object.assign(ClaimNode.from(claim), { metricRows: metrics }),
        link: link ? EvidenceLinkNode.from(link) : null,
      }),
    ];
  });
}

/**
 * Loads the claims (and their links to the item) behind a list of claim ids: at once from
 * the page `assessment(unitId, year)` read when it holds them all, else through the loaders.
 */
function evidenceFor(ctx: Context, item: ItemAssessmentType, claimIds: string[]): EvidenceType[] | Promise<EvidenceType[]> {
  const page = ctx.loaders.of(assessmentLoaders).page;
  if (page?.checklistId === item.checklistDbId && claimIds.every((id) => page.byClaim.has(Number(id)))) {
    let made = evidenceMade.get(page.byClaim);
    if (!made) evidenceMade.set(page.byClaim, (made = new Map()));
    const key = `${item.checklistDbId}\u0000${item.code}\u0000${claimIds.join(',')}`;
    let evidence = made.get(key);
    if (!evidence) {
      const itemRow = page.items.find((i) => i.code === item.code);
      evidence = evidenceOf(
        item,
        itemRow,
        claimIds.map((id) => page.byClaim.get(Number(id))!),
      );
      made.set(key, evidence);
    }
    return evidence;
  }
  return loadEvidence(ctx, item, claimIds);
}

async function loadEvidence(ctx: Context, item: ItemAssessmentType, claimIds: string[]): Promise<EvidenceType[]> {
  const items = await ctx.loaders.of(checklistLoaders).itemsByChecklist.load(item.checklistDbId);
  const itemRow = items.find((i) => i.code === item.code);
  // every item's claims, links and metric values in one statement; handed to the claim, link
  // and metric loaders for the fields below (claim { metrics }, link)
  const found = await Promise.all(claimIds.map((id) => ctx.loaders.of(assessmentLoaders).evidenceByClaim.load(Number(id))));
  for (const [index, e] of found.entries()) primeClaim(ctx, Number(claimIds[index]), e);
  return evidenceOf(item, itemRow, found);
}

@Resolver(() => ItemAssessmentType)
export class ItemAssessmentResolver {
  @FieldResolver(() => String, {
    description: 'Why the item has this status, citing claims and target values; Chinese unless `locale` or Accept-Language says en.',
  })
  explanation(
    @Root() item: ItemAssessmentType,
    @Ctx() ctx: Context,
    @Arg('locale', () => LocaleEnum, { nullable: true }) locale?: LocaleEnum | null,
  ): string {
    const text = item.result.explanationText;
    return text ? render(text, chooseLocale(locale, ctx)) : item.explanation;
  }

  @FieldResolver(() => ChecklistItemNode)
  async item(@Root() item: ItemAssessmentType, @Ctx() ctx: Context): Promise<ChecklistItemNode> {
    const items = await ctx.loaders.of(checklistLoaders).itemsByChecklist.load(item.checklistDbId);
    return ChecklistItemNode.from(items.find((i) => i.code === item.code)!);
  }

  @FieldResolver(() => [EvidenceType], { description: 'Positive claims counted for the item (accepted and proposed links).' })
  evidence(@Root() item: ItemAssessmentType, @Ctx() ctx: Context): EvidenceType[] | Promise<EvidenceType[]> {
    return evidenceFor(ctx, item, item.result.evidenceClaimIds);
  }

  @FieldResolver(() => [EvidenceType], { description: "Claims of next year's plan linked to the item (never positive evidence)." })
  plans(@Root() item: ItemAssessmentType, @Ctx() ctx: Context): EvidenceType[] | Promise<EvidenceType[]> {
    return evidenceFor(ctx, item, item.result.planClaimIds);
  }

  @FieldResolver(() => [EvidenceType], { description: 'Shortcomings the report states about the item.' })
  shortcomings(@Root() item: ItemAssessmentType, @Ctx() ctx: Context): EvidenceType[] | Promise<EvidenceType[]> {
    return evidenceFor(ctx, item, item.result.negativeClaimIds);
  }
}

@Resolver(() => FlagType)
export class FlagResolver {
  @FieldResolver(() => String, { description: 'What was found, citing claims; Chinese unless `locale` or Accept-Language says en.' })
  message(
    @Root() flag: FlagType,
    @Ctx() ctx: Context,
    @Arg('locale', () => LocaleEnum, { nullable: true }) locale?: LocaleEnum | null,
  ): string {
    return flag.text ? render(flag.text, chooseLocale(locale, ctx)) : flag.message;
  }

  @FieldResolver(() => UnitNode, { nullable: true })
  unit(@Root() flag: FlagType, @Ctx() ctx: Context): UnitNode | null | Promise<UnitNode | null> {
    if (flag.unitDbId === null) return null;
    // a listed flag's unit was read with it, in the caller's scope (the loader is primed with it too): no promise per row
    if (flag.unitRow) return UnitNode.from(flag.unitRow);
    return ctx.loaders
      .of(unitLoaders)
      .unitById.load(flag.unitDbId)
      .then((unit) => (unit ? UnitNode.from(unit) : null));
  }

  @FieldResolver(() => [ClaimNode], { description: 'The claims that explain the flag.' })
  async claims(@Root() flag: FlagType, @Ctx() ctx: Context): Promise<ClaimNode[]> {
    const rows = await Promise.all(flag.claimDbIds.map((id) => ctx.loaders.of(reportLoaders).claimById.load(id)));
    return rows.flatMap((c) => (c ? [ClaimNode.from(c)] : []));
  }
}
