import { Field, ObjectType } from 'type-graphql';
import type { UserErrorData } from '../shared/user-error';

@ObjectType('UserError', { description: 'An expected failure caused by the input: which field, why, and a stable code.' })
export class UserErrorType {
  @Field(() => String, { nullable: true, description: 'e.g. input.unit' })
  field: string | null;

  @Field()
  message: string;

  @Field({ description: 'Stable code, e.g. UNIT_NOT_FOUND, YEAR_OUT_OF_RANGE, EMPTY_TEXT, STALE_VERSION.' })
  code: string;

  static from(e: UserErrorData): UserErrorType {
    return Object.assign(new UserErrorType(), e);
  }
}
