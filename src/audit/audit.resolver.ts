import { GraphQLJSONObject } from 'graphql-scalars';
import { PageArgs } from '../graphql/args';
import { Arg, Args, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { requirePermission, scopeList, type Context } from '../graphql/context';
import { ConnectionType, idOfType, Node, pageWindow, toConnection, toGlobalId } from '../graphql/relay';
import { AuditEntry } from './audit-entry.entity';
import { unitLoaders } from '../units/unit.loaders';

@ObjectType('AuditEntry', { implements: Node, description: 'Who changed what, when: before → after. Refused attempts are kept too.' })
class AuditEntryNode extends Node {
  @Field()
  actor: string;

  @Field({
    description: 'e.g. LINK_ACCEPT, LINK_REJECT, LINK_ADDED, ITEM_NOT_APPLICABLE, ASSESSMENT_LOCKED, REPORT_INGESTED, TOKEN_CREATED.',
  })
  action: string;

  @Field()
  entityType: string;

  @Field(() => Int)
  entityDbId: number;

  @Field(() => GraphQLJSONObject, { nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  after: Record<string, unknown> | null;

  @Field({ description: 'false for a refused attempt (e.g. a stale concurrent review).' })
  succeeded: boolean;

  @Field()
  at: Date;

  static from(e: AuditEntry): AuditEntryNode {
    return Object.assign(new AuditEntryNode(), {
      id: toGlobalId('AuditEntry', e.id),
      actor: e.actor,
      action: e.action,
      entityType: e.entityType,
      entityDbId: e.entityId,
      before: e.before,
      after: e.after,
      succeeded: e.succeeded,
      at: new Date(e.at),
    });
  }
}

const AuditEntryConnection = ConnectionType('AuditEntry', AuditEntryNode);

@InputType()
export class AuditFilter {
  @Field({ nullable: true })
  entityType?: string;

  @Field(() => Int, { nullable: true })
  entityDbId?: number;

  @Field({ nullable: true })
  action?: string;

  @Field({ nullable: true })
  actor?: string;

  @Field(() => ID, { nullable: true, description: 'Entries about this unit only.' })
  unitId?: string;
}

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'The audit trail, newest first (ADMIN; REVIEWER within its units).' })
  async auditTrail(
    @Ctx() ctx: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter?: AuditFilter,
  ) {
    requirePermission(ctx, 'READ_AUDIT');
    const { offset, limit } = pageWindow(page);
    const q = ctx.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    const scope = scopeList(ctx);
    if (scope) q.andWhere('a.unitId IN (:...scope)', { scope: scope.length ? scope : [-1] });
    if (filter?.entityType) q.andWhere('a.entityType = :entityType', { entityType: filter.entityType });
    if (filter?.entityDbId != null) q.andWhere('a.entityId = :entityId', { entityId: filter.entityDbId });
    if (filter?.action) q.andWhere('a.action = :action', { action: filter.action });
    if (filter?.actor) q.andWhere('a.actor = :actor', { actor: filter.actor });
    if (filter?.unitId) {
      const unitDbId = idOfType(filter.unitId, 'Unit');
      const unit = unitDbId === null ? null : await ctx.loaders.of(unitLoaders).unitById.load(unitDbId);
      q.andWhere('a.unitId = :unitId', { unitId: unit?.id ?? -1 });
    }
    const total = await q.getCount();
    const rows = await q.orderBy('a.id', 'DESC').offset(offset).limit(limit).getMany();
    return toConnection(rows.map(AuditEntryNode.from), offset, total);
  }
}
