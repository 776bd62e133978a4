import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver, registerEnumType } from 'type-graphql';
import { requirePermission, type Context } from '../graphql/context';
import { idOfType } from '../graphql/relay';
import { UserErrorType } from '../graphql/user-error.type';
import { fail } from '../common/user-error';
import { EvidenceLinkNode } from '../evidence/evidence-link.type';
import { addManualLink, reviewLink } from './review.service';
import { linkLoaders } from '../evidence/evidence-link.loaders';
import { reportLoaders } from '../reports/report.loaders';

export enum ReviewActionEnum {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
  REOPEN = 'REOPEN',
  CONFIRM = 'CONFIRM',
}
registerEnumType(ReviewActionEnum, {
  name: 'ReviewAction',
  description:
    'PROPOSED → ACCEPTED | REJECTED; back to PROPOSED only by REOPEN. SUSPECT (the item changed in a new checklist version) → ACCEPTED by CONFIRM, or REJECTED.',
});

@InputType()
export class ReviewEvidenceLinkInput {
  @Field(() => ID)
  linkId: string;

  @Field(() => ReviewActionEnum)
  action: ReviewActionEnum;

  @Field({ nullable: true, description: 'Required to REJECT.' })
  reason?: string;

  @Field(() => Int, { nullable: true, description: 'The link version you saw; a newer one gives STALE_VERSION.' })
  expectedVersion?: number;
}

@InputType()
export class AddEvidenceLinkInput {
  @Field(() => ID)
  claimId: string;

  @Field(() => ID, { description: 'An assessable ChecklistItem.' })
  itemId: string;

  @Field({ nullable: true })
  reason?: string;
}

@ObjectType('EvidenceLinkPayload')
export class EvidenceLinkPayload {
  @Field(() => EvidenceLinkNode, { nullable: true })
  link: EvidenceLinkNode | null;

  @Field(() => [UserErrorType])
  userErrors: UserErrorType[];
}

@Resolver()
export class ReviewResolver {
  @Mutation(() => EvidenceLinkPayload, { description: 'Accept, reject (reason required) or reopen a link; the assessment is recomputed.' })
  async reviewEvidenceLink(
    @Ctx() ctx: Context,
    @Arg('input', () => ReviewEvidenceLinkInput) input: ReviewEvidenceLinkInput,
  ): Promise<EvidenceLinkPayload> {
    requirePermission(ctx, 'REVIEW_EVIDENCE');
    const linkId = idOfType(input.linkId, 'EvidenceLink');
    // outside the caller's scope a link is simply not found
    const visible = linkId !== null && (await ctx.loaders.of(linkLoaders).linkById.load(linkId)) !== null;
    const outcome =
      linkId === null || !visible
        ? fail('NOT_FOUND', 'linkId is not an evidence link id.', 'input.linkId')
        : await reviewLink(ctx.dataSource, ctx.lock, {
            linkId,
            action: input.action,
            reason: input.reason ?? null,
            expectedVersion: input.expectedVersion ?? null,
            actor: ctx.caller.name,
          });
    return toPayload(outcome);
  }

  @Mutation(() => EvidenceLinkPayload, { description: 'Link any claim to an item by hand (MANUAL, ACCEPTED).' })
  async addEvidenceLink(
    @Ctx() ctx: Context,
    @Arg('input', () => AddEvidenceLinkInput) input: AddEvidenceLinkInput,
  ): Promise<EvidenceLinkPayload> {
    requirePermission(ctx, 'REVIEW_EVIDENCE');
    const claimId = idOfType(input.claimId, 'Claim');
    const itemId = idOfType(input.itemId, 'ChecklistItem');
    const visible = claimId !== null && (await ctx.loaders.of(reportLoaders).claimById.load(claimId)) !== null;
    const outcome =
      claimId === null || !visible
        ? fail('NOT_FOUND', 'claimId is not a claim id.', 'input.claimId')
        : itemId === null
          ? fail('NOT_FOUND', 'itemId is not a checklist item id.', 'input.itemId')
          : await addManualLink(ctx.dataSource, ctx.lock, { claimId, itemId, reason: input.reason ?? null, actor: ctx.caller.name });
    return toPayload(outcome);
  }
}

function toPayload(outcome: Awaited<ReturnType<typeof reviewLink>>): EvidenceLinkPayload {
  return Object.assign(new EvidenceLinkPayload(), {
    link: outcome.ok ? EvidenceLinkNode.from(outcome.value) : null,
    userErrors: outcome.ok ? [] : outcome.errors.map(UserErrorType.from),
  });
}
