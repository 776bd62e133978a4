import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { scopeList, type Context } from '../graphql/context';
import { UnitLevelEnum } from './unit.type';
import { PageArgs } from '../graphql/args';
import { idOfType, pageWindow, toConnection } from '../graphql/relay';
import { Unit } from './unit.entity';
import { UnitConnection, UnitNode } from './unit.type';
import { unitLoaders } from './unit.loaders';
import { pageWithTotal } from '../graphql/paged-query';
import { entityFromRaw } from '../db/hydrate';
import { SqlParams, selectColumns, tableOf } from '../db/read-rows';

@InputType({ description: 'Filter units; all fields optional.' })
export class UnitFilter {
  @Field(() => UnitLevelEnum, { nullable: true })
  level?: UnitLevelEnum;

  @Field(() => ID, { nullable: true, description: 'Only the direct children of this unit.' })
  parentId?: string;

  @Field({ nullable: true, description: 'Only top-level units (no parent).' })
  rootsOnly?: boolean;

  @Field({ nullable: true, description: 'Name or alias contains this text.' })
  nameContains?: string;
}

@Resolver(() => UnitNode)
export class UnitResolver {
  @Query(() => UnitConnection, { description: 'Units ordered by name; filter by level, parent or name.' })
  async units(@Ctx() ctx: Context, @Args() page: PageArgs, @Arg('filter', () => UnitFilter, { nullable: true }) filter?: UnitFilter) {
    const { offset, limit } = pageWindow(page);
    const ds = ctx.dataSource;
    const params = new SqlParams(ds);
    const where: string[] = [];
    const scope = scopeList(ctx);
    if (scope) where.push(`"u"."id" IN (${params.list(scope.length ? scope : [-1])})`);
    if (filter?.level) where.push(`"u"."level" = ${params.add(filter.level)}`);
    if (filter?.rootsOnly) where.push(`"u"."parentId" IS NULL`);
    if (filter?.parentId) where.push(`"u"."parentId" = ${params.add(idOfType(filter.parentId, 'Unit') ?? -1)}`);
    if (filter?.nameContains) {
      const q = `%${filter.nameContains.replace(/[%_]/g, '')}%`;
      where.push(`("u"."name" LIKE ${params.add(q)} OR "u"."aliases" LIKE ${params.add(q)})`);
    }
    const { raw, total } = await pageWithTotal(
      ds,
      { select: selectColumns(ds, Unit, 'u'), from: `${tableOf(ds, Unit)} "u"`, where, orderBy: `"u"."name" ASC, "u"."id" ASC`, params },
      offset,
      limit,
    );
    return toConnection(
      raw.map((r) => UnitNode.from(entityFromRaw(ctx.dataSource, Unit, r, 'u'))),
      offset,
      total,
    );
  }

  @Query(() => UnitNode, { nullable: true })
  async unit(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<UnitNode | null> {
    const dbId = idOfType(id, 'Unit');
    if (dbId === null) return null;
    const unit = await ctx.loaders.of(unitLoaders).unitById.load(dbId);
    return unit ? UnitNode.from(unit) : null;
  }

  @FieldResolver(() => UnitNode, { nullable: true })
  async parent(@Root() unit: UnitNode, @Ctx() ctx: Context): Promise<UnitNode | null> {
    if (unit.parentDbId === null) return null;
    const parent = await ctx.loaders.of(unitLoaders).unitById.load(unit.parentDbId);
    return parent ? UnitNode.from(parent) : null;
  }

  @FieldResolver(() => [UnitNode], { description: 'Direct children, by name.' })
  async children(@Root() unit: UnitNode, @Ctx() ctx: Context): Promise<UnitNode[]> {
    return (await ctx.loaders.of(unitLoaders).unitChildren.load(unit.dbId)).map(UnitNode.from);
  }
}
