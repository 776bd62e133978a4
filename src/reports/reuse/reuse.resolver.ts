import DataLoader from 'dataloader';
import { Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import { scopeList, type Context } from '../../graphql/context';
import type { Claim } from '../claim.entity';
import type { Report } from '../report.entity';
import { ClaimNode, ReportNode } from '../report.type';
import { REUSE_THRESHOLD } from './fingerprint';
import type { ReuseMatch } from './reuse';
import { reportReuse, similarClaimsFor, type SimilarClaim } from './reuse.service';
import { reportLoaders } from '../report.loaders';

export enum ReuseKindEnum {
  EARLIER = 'EARLIER',
  SAME_YEAR = 'SAME_YEAR',
  LATER = 'LATER',
  OTHER = 'OTHER',
}
registerEnumType(ReuseKindEnum, {
  name: 'ReuseKind',
  description:
    "Where a similar claim is: the same unit's EARLIER or LATER report, another unit's report of the SAME_YEAR, or OTHER (another unit, another year).",
});

@ObjectType('SimilarClaim', { description: 'A claim of another report that contains most of this claim (boilerplate left out).' })
export class SimilarClaimType {
  claimDbId: number;

  @Field(() => ReuseKindEnum)
  kind: ReuseKindEnum;

  @Field(() => Float, { description: "Share of the claim's text (without corpus boilerplate) found in the other claim, 0..1." })
  similarity: number;

  @Field(() => Int)
  year: number;

  static from(m: ReuseMatch | SimilarClaim): SimilarClaimType {
    return Object.assign(new SimilarClaimType(), {
      claimDbId: Number(m.matchedClaimId),
      kind: m.kind as ReuseKindEnum,
      similarity: Math.round(m.similarity * 1000) / 1000,
      year: m.year,
    });
  }
}

@ObjectType('ReusedClaim', { description: 'A claim of the report found in another report.' })
export class ReusedClaimType {
  ownDbId: number;

  @Field(() => [SimilarClaimType], { description: 'Where it is found, most similar first.' })
  matches: SimilarClaimType[];
}

@ObjectType('ReportReuse', {
  description:
    "重复使用: how much of the report's text is found in the same unit's earlier reports and in other units' reports of the same year (current reports the caller may see).",
})
export class ReportReuseType {
  @Field(() => Float, { description: "Share (0..1) of the comparable text in claims found in the unit's earlier reports." })
  earlierShare: number;

  @Field(() => Float, { description: "Share (0..1) of the comparable text in claims found in other units' reports of the same year." })
  sameYearShare: number;

  @Field(() => Int, { description: 'Characters of the claims with enough non-boilerplate text to be compared.' })
  comparableChars: number;

  @Field(() => Float, { description: 'A claim counts as reused when at least this share of it is found in another claim.' })
  threshold: number;

  @Field(() => [ReusedClaimType], { description: 'The reused claims, in report order, each with its matches.' })
  claims: ReusedClaimType[];
}

const similarLoaders = new WeakMap<Context, DataLoader<number, SimilarClaim[]>>();

/** Per request: similar claims by claim id, within the caller's scope, in one pass per batch. */
function similarLoader(ctx: Context): DataLoader<number, SimilarClaim[]> {
  let loader = similarLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      async (ids) => {
        const found = await similarClaimsFor(ctx.dataSource, ids, scopeList(ctx));
        return ids.map((id) => found.get(id) ?? []);
      },
      { maxBatchSize: 500 },
    );
    similarLoaders.set(ctx, loader);
  }
  return loader;
}

@Resolver(() => ReportNode)
export class ReportReuseResolver {
  @FieldResolver(() => ReportReuseType, { description: "Reuse of this report's text (see ReportReuse)." })
  async reuse(@Root() report: ReportNode, @Ctx() ctx: Context): Promise<ReportReuseType> {
    const stored = (await ctx.loaders.of(reportLoaders).reportById.load(report.dbId)) as Report;
    const reuse = await reportReuse(ctx.dataSource, stored, scopeList(ctx));
    const byClaim = new Map<string, ReuseMatch[]>();
    for (const m of reuse.matches) byClaim.set(m.claimId, [...(byClaim.get(m.claimId) ?? []), m]);
    return Object.assign(new ReportReuseType(), {
      earlierShare: reuse.earlierShare,
      sameYearShare: reuse.sameYearShare,
      comparableChars: reuse.comparableChars,
      threshold: REUSE_THRESHOLD,
      claims: [...byClaim.entries()].map(([id, matches]) =>
        Object.assign(new ReusedClaimType(), { ownDbId: Number(id), matches: matches.map(SimilarClaimType.from) }),
      ),
    });
  }
}

@Resolver(() => ReusedClaimType)
export class ReusedClaimResolver {
  @FieldResolver(() => ClaimNode)
  async claim(@Root() reused: ReusedClaimType, @Ctx() ctx: Context): Promise<ClaimNode> {
    return ClaimNode.from((await ctx.loaders.of(reportLoaders).claimById.load(reused.ownDbId)) as Claim);
  }
}

@Resolver(() => SimilarClaimType)
export class SimilarClaimResolver {
  @FieldResolver(() => ClaimNode, { nullable: true })
  async claim(@Root() similar: SimilarClaimType, @Ctx() ctx: Context): Promise<ClaimNode | null> {
    const claim = await ctx.loaders.of(reportLoaders).claimById.load(similar.claimDbId);
    return claim ? ClaimNode.from(claim) : null;
  }
}

@Resolver(() => ClaimNode)
export class ClaimSimilarityResolver {
  @FieldResolver(() => [SimilarClaimType], {
    description: 'Claims of other current reports (that the caller may see) containing most of this claim, most similar first.',
  })
  async similarClaims(@Root() claim: ClaimNode, @Ctx() ctx: Context): Promise<SimilarClaimType[]> {
    return (await similarLoader(ctx).load(claim.dbId)).map(SimilarClaimType.from);
  }
}
