import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requirePermission, type Context } from '../graphql/context';
import { idOfType } from '../graphql/relay';
import { UserErrorType } from '../graphql/user-error.type';
import { fail, type Outcome } from '../common/user-error';
import { setAssessmentLock, setItemNotApplicable } from './assessment-decisions.service';
import type { Assessment } from '../assessment/assessment.entity';
import { AssessmentNode } from '../assessment/assessment.type';
import { unitLoaders } from '../units/unit.loaders';

@InputType()
export class SetItemNotApplicableInput {
  @Field(() => ID)
  unitId: string;

  @Field(() => ID)
  checklistId: string;

  @Field(() => Int)
  year: number;

  @Field()
  itemCode: string;

  @Field({ description: 'true marks the item not applicable; false clears the mark.' })
  notApplicable: boolean;

  @Field({ nullable: true, description: 'Required when notApplicable is true.' })
  justification?: string;
}

@InputType()
export class LockAssessmentInput {
  @Field(() => ID)
  unitId: string;

  @Field(() => ID)
  checklistId: string;

  @Field(() => Int)
  year: number;

  @Field({ nullable: true, description: 'true (default) locks; false unlocks and recomputes.' })
  locked?: boolean;
}

@ObjectType('AssessmentPayload')
export class AssessmentPayload {
  @Field(() => AssessmentNode, { nullable: true })
  assessment: AssessmentNode | null;

  @Field(() => [UserErrorType])
  userErrors: UserErrorType[];
}

@Resolver()
export class AssessmentDecisionsResolver {
  @Mutation(() => AssessmentPayload, {
    description: 'Mark an item not applicable for a unit and year (justification required), or clear the mark.',
  })
  async setItemNotApplicable(
    @Ctx() ctx: Context,
    @Arg('input', () => SetItemNotApplicableInput) input: SetItemNotApplicableInput,
  ): Promise<AssessmentPayload> {
    requirePermission(ctx, 'SET_NOT_APPLICABLE');
    const ids = await parseIds(ctx, input.unitId, input.checklistId);
    const outcome =
      'errors' in ids
        ? ids.errors
        : await setItemNotApplicable(ctx.dataSource, ctx.lock, {
            ...ids,
            year: input.year,
            itemCode: input.itemCode,
            notApplicable: input.notApplicable,
            justification: input.justification ?? null,
            actor: ctx.caller.name,
          });
    return toPayload(outcome);
  }

  @Mutation(() => AssessmentPayload, { description: 'Lock (freeze) or unlock an assessment.' })
  async lockAssessment(
    @Ctx() ctx: Context,
    @Arg('input', () => LockAssessmentInput) input: LockAssessmentInput,
  ): Promise<AssessmentPayload> {
    requirePermission(ctx, 'LOCK_ASSESSMENT');
    const ids = await parseIds(ctx, input.unitId, input.checklistId);
    const outcome =
      'errors' in ids
        ? ids.errors
        : await setAssessmentLock(ctx.dataSource, ctx.lock, {
            ...ids,
            year: input.year,
            locked: input.locked ?? true,
            actor: ctx.caller.name,
          });
    return toPayload(outcome);
  }
}

/** Parses the ids; a unit outside the caller's scope is not found. */
async function parseIds(
  ctx: Context,
  unitId: string,
  checklistId: string,
): Promise<{ unitId: number; checklistId: number } | { errors: Outcome<Assessment> }> {
  const unit = idOfType(unitId, 'Unit');
  const checklist = idOfType(checklistId, 'Checklist');
  if (unit === null || (await ctx.loaders.of(unitLoaders).unitById.load(unit)) === null)
    return { errors: fail('NOT_FOUND', 'No such unit.', 'input.unitId') };
  if (checklist === null) return { errors: fail('NOT_FOUND', 'checklistId is not a checklist id.', 'input.checklistId') };
  return { unitId: unit, checklistId: checklist };
}

function toPayload(outcome: Outcome<Assessment>): AssessmentPayload {
  return Object.assign(new AssessmentPayload(), {
    assessment: outcome.ok ? AssessmentNode.from(outcome.value) : null,
    userErrors: outcome.ok ? [] : outcome.errors.map(UserErrorType.from),
  });
}
