import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { idOfType } from '../graphql/relay';
import { Checklist } from './checklist.entity';
import { ChecklistItemNode, ChecklistNode, TargetNode } from './checklist.type';
import { checklistLoaders } from './checklist.loaders';

@Resolver(() => ChecklistNode)
export class ChecklistResolver {
  @Query(() => [ChecklistNode], { description: 'All checklist versions, by key then newest version first.' })
  async checklists(@Ctx() ctx: Context): Promise<ChecklistNode[]> {
    const rows = await ctx.dataSource.getRepository(Checklist).find({ order: { key: 'ASC', version: 'DESC' } });
    return rows.map(ChecklistNode.from);
  }

  @Query(() => ChecklistNode, { nullable: true })
  async checklist(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ChecklistNode | null> {
    const dbId = idOfType(id, 'Checklist');
    const row = dbId === null ? null : await ctx.loaders.of(checklistLoaders).checklistById.load(dbId);
    return row ? ChecklistNode.from(row) : null;
  }

  @FieldResolver(() => [ChecklistItemNode], { description: 'Every part and item, in file order.' })
  async items(@Root() checklist: ChecklistNode, @Ctx() ctx: Context): Promise<ChecklistItemNode[]> {
    return (await ctx.loaders.of(checklistLoaders).itemsByChecklist.load(checklist.dbId)).map(ChecklistItemNode.from);
  }

  @FieldResolver(() => [ChecklistItemNode], { description: 'The top-level parts (1 … 10); their items are `children`.' })
  async parts(@Root() checklist: ChecklistNode, @Ctx() ctx: Context): Promise<ChecklistItemNode[]> {
    const items = await ctx.loaders.of(checklistLoaders).itemsByChecklist.load(checklist.dbId);
    return items.filter((i) => i.parentCode === null).map(ChecklistItemNode.from);
  }

  @FieldResolver(() => ChecklistItemNode, { nullable: true })
  async item(@Root() checklist: ChecklistNode, @Ctx() ctx: Context, @Arg('code') code: string): Promise<ChecklistItemNode | null> {
    const items = await ctx.loaders.of(checklistLoaders).itemsByChecklist.load(checklist.dbId);
    const item = items.find((i) => i.code === code);
    return item ? ChecklistItemNode.from(item) : null;
  }
}

@Resolver(() => ChecklistItemNode)
export class ChecklistItemResolver {
  @FieldResolver(() => [TargetNode])
  async targets(@Root() item: ChecklistItemNode, @Ctx() ctx: Context): Promise<TargetNode[]> {
    return (await ctx.loaders.of(checklistLoaders).targetsByItem.load(item.dbId)).map(TargetNode.from);
  }

  @FieldResolver(() => ChecklistItemNode, { nullable: true })
  async parent(@Root() item: ChecklistItemNode, @Ctx() ctx: Context): Promise<ChecklistItemNode | null> {
    if (item.parentCode === null) return null;
    const items = await ctx.loaders.of(checklistLoaders).itemsByChecklist.load(item.checklistDbId);
    const parent = items.find((i) => i.code === item.parentCode);
    return parent ? ChecklistItemNode.from(parent) : null;
  }

  @FieldResolver(() => [ChecklistItemNode])
  async children(@Root() item: ChecklistItemNode, @Ctx() ctx: Context): Promise<ChecklistItemNode[]> {
    const items = await ctx.loaders.of(checklistLoaders).itemsByChecklist.load(item.checklistDbId);
    return items.filter((i) => i.parentCode === item.code).map(ChecklistItemNode.from);
  }

  @FieldResolver(() => ChecklistNode)
  async checklist(@Root() item: ChecklistItemNode, @Ctx() ctx: Context): Promise<ChecklistNode> {
    return ChecklistNode.from((await ctx.loaders.of(checklistLoaders).checklistById.load(item.checklistDbId)) as Checklist);
  }
}
