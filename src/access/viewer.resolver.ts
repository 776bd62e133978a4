import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { Unit } from '../units/unit.entity';
import { UnitNode } from '../units/unit.type';
import { PERMISSIONS } from '../common/roles';
import { unitLoaders } from '../units/unit.loaders';

/** Who the caller is: a web page shows it and hides what the caller may not do. */
@ObjectType('Viewer', { description: 'The caller: token name, role, the units it may see and what it may do.' })
export class ViewerNode {
  @Field({ description: 'Token name, or "anonymous".' })
  name: string;

  @Field({ description: 'ADMIN, REVIEWER, UNIT, VIEWER or ANONYMOUS.' })
  role: string;

  @Field(() => [UnitNode], {
    nullable: true,
    description: 'The top units of the caller’s scope (each with the units below it); null: every unit.',
  })
  scope: UnitNode[] | null;

  @Field(() => [String], { description: 'Operations the role allows within the scope, e.g. READ, REVIEW_EVIDENCE, EXPORT.' })
  permissions: string[];
}

@Resolver(() => ViewerNode)
export class ViewerResolver {
  @Query(() => ViewerNode, { description: 'The caller of this request (role and scope).' })
  async viewer(@Ctx() ctx: Context): Promise<ViewerNode> {
    const { caller } = ctx;
    let scope: UnitNode[] | null = null;
    if (caller.scope !== null) {
      const units = (await ctx.loaders.of(unitLoaders).unitById.loadMany([...caller.scope])).filter((u): u is Unit => u instanceof Unit);
      // the roots: units of the scope whose parent is outside it
      scope = units
        .filter((u) => u.parentId === null || !caller.scope?.has(u.parentId))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
        .map(UnitNode.from);
    }
    return Object.assign(new ViewerNode(), {
      name: caller.name,
      role: caller.role,
      scope,
      permissions: [...PERMISSIONS[caller.role]],
    });
  }
}
