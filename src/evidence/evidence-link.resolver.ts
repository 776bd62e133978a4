import { Arg, Ctx, Field, FieldResolver, InputType, Resolver, Root } from 'type-graphql';
import type { ChecklistItem } from '../checklist/checklist-item.entity';
import { ChecklistItemNode } from '../checklist/checklist.type';
import type { Context } from '../graphql/context';
import type { Claim } from '../reports/claim.entity';
import { ClaimNode, PolarityEnum, ReportNode, SectionKindEnum } from '../reports/report.type';
import { EvidenceLinkNode } from './evidence-link.type';
import { linkLoaders } from './evidence-link.loaders';
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

@InputType({ description: 'Filter the claims of a report.' })
export class ClaimFilter {
  @Field(() => [PolarityEnum], { nullable: true })
  polarities?: PolarityEnum[];

  @Field(() => [SectionKindEnum], { nullable: true })
  sectionKinds?: SectionKindEnum[];

  @Field({ nullable: true, description: 'Claims in this section or below it (path prefix, e.g. 一/（三）).' })
  sectionPath?: string;

  @Field({ nullable: true, description: 'true: only claims with a non-rejected link; false: only claims without one.' })
  linked?: boolean;
}

/** `Report.claims`: here because its `linked` filter reads the evidence links. */
@Resolver(() => ReportNode)
export class ReportClaimsResolver {
  @FieldResolver(() => [ClaimNode], { description: 'Claims in document order, optionally filtered.' })
  async claims(
    @Root() report: ReportNode,
    @Ctx() ctx: Context,
    @Arg('filter', () => ClaimFilter, { nullable: true }) filter?: ClaimFilter,
  ): Promise<ClaimNode[]> {
    let claims: Claim[] = await ctx.loaders.of(reportLoaders).claimsByReport.load(report.dbId);
    if (filter?.polarities?.length) claims = claims.filter((c) => filter.polarities!.includes(c.polarity as PolarityEnum));
    if (filter?.sectionKinds?.length) claims = claims.filter((c) => filter.sectionKinds!.includes(c.sectionKind as SectionKindEnum));
    if (filter?.sectionPath) {
      const p = filter.sectionPath;
      claims = claims.filter((c) => c.sectionPath === p || c.sectionPath.startsWith(`${p}/`));
    }
    if (filter?.linked !== undefined && filter.linked !== null) {
      const links = await ctx.loaders.of(linkLoaders).linksByReport.load(report.dbId);
      const linked = new Set(links.filter((l) => l.state !== 'REJECTED').map((l) => l.claimId));
      claims = claims.filter((c) => linked.has(c.id) === filter.linked);
    }
    return claims.map(ClaimNode.from);
  }
}

/** `Claim.links`: the evidence domain adds the links to the claims it links. */
@Resolver(() => ClaimNode)
export class ClaimLinksResolver {
  @FieldResolver(() => [EvidenceLinkNode], { description: 'Links of this claim to checklist items, all states.' })
  async links(@Root() claim: ClaimNode, @Ctx() ctx: Context): Promise<EvidenceLinkNode[]> {
    return (await ctx.loaders.of(linkLoaders).linksByClaim.load(claim.dbId)).map(EvidenceLinkNode.from);
  }
}
