import { ArgsType, Field, Int } from 'type-graphql';
import { BadInputError, idOfType } from './relay';

/** Cursor pagination arguments of every connection (`first`, `after`). */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (default 50, at most 200).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
  after?: string;
}

/** Parses a Unit global id or throws BAD_USER_INPUT. */
export function unitIdArg(id: string, name = 'unitId'): number {
  const dbId = idOfType(id, 'Unit');
  if (dbId === null) throw new BadInputError(`${name} is not a unit id`);
  return dbId;
}
