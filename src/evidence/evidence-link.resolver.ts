import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ChecklistItem } from '../checklist/checklist-item.entity';
import { ChecklistItemNode } from '../checklist/checklist.type';
import type { Context } from '../context';
import type { Claim } from '../reports/claim.entity';
import { ClaimNode } from '../reports/report.type';
import { EvidenceLinkNode } from './evidence-link.type';

@Resolver(() => EvidenceLinkNode)
export class EvidenceLinkResolver {
  @FieldResolver(() => ClaimNode)
  async claim(@Root() link: EvidenceLinkNode, @Ctx() ctx: Context): Promise<ClaimNode> {
    return ClaimNode.from((await ctx.loaders.claimById.load(link.claimDbId)) as Claim);
  }

  @FieldResolver(() => ChecklistItemNode)
  async item(@Root() link: EvidenceLinkNode, @Ctx() ctx: Context): Promise<ChecklistItemNode> {
    return ChecklistItemNode.from((await ctx.loaders.itemById.load(link.itemDbId)) as ChecklistItem);
  }
}
