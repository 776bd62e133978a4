import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ChecklistItem } from '../checklist/checklist-item.entity';
import { ChecklistItemNode } from '../checklist/checklist.type';
import type { Context } from '../graphql/context';
import type { Claim } from '../reports/claim.entity';
import { ClaimNode } from '../reports/report.type';
import { EvidenceLinkNode } from './evidence-link.type';
import { checklistLoaders } from '../checklist/checklist.loaders';
import { reportLoaders } from '../reports/report.loaders';

@Resolver(() => EvidenceLinkNode)
export class EvidenceLinkResolver {
  @FieldResolver(() => ClaimNode)
  async claim(@Root() link: EvidenceLinkNode, @Ctx() ctx: Context): Promise<ClaimNode> {
    return ClaimNode.from((await ctx.loaders.of(reportLoaders).claimById.load(link.claimDbId)) as Claim);
  }

  @FieldResolver(() => ChecklistItemNode)
  async item(@Root() link: EvidenceLinkNode, @Ctx() ctx: Context): Promise<ChecklistItemNode> {
    return ChecklistItemNode.from((await ctx.loaders.of(checklistLoaders).itemById.load(link.itemDbId)) as ChecklistItem);
  }
}
