import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, Node, toGlobalId } from '../graphql/relay';
import type { Unit } from './unit.entity';
import { UNIT_LEVELS, type UnitLevel } from '../reading/types';
import { enumOf } from '../graphql/enums';

/** GraphQL enums of this domain: its string unions under the same names and values. */
export const UnitLevelEnum = enumOf(UNIT_LEVELS);
export type UnitLevelEnum = UnitLevel;
registerEnumType(UnitLevelEnum, { name: 'UnitLevel', description: '省/市/区/街道/乡镇' });

@ObjectType('Unit', { implements: Node, description: 'An organisation: 省, 市, 区, 街道 or 乡镇.' })
export class UnitNode extends Node {
  /** database id (not exposed) */
  dbId: number;
  parentDbId: number | null;

  @Field()
  name: string;

  @Field(() => UnitLevelEnum)
  level: UnitLevelEnum;

  @Field(() => [String], { description: 'Other names of the unit (万兴街道 for 万兴街).' })
  aliases: string[];

  static from(unit: Unit): UnitNode {
    return Object.assign(new UnitNode(), {
      id: toGlobalId('Unit', unit.id),
      dbId: unit.id,
      parentDbId: unit.parentId,
      name: unit.name,
      level: unit.level as UnitLevelEnum,
      aliases: unit.aliases,
    });
  }
}

export const UnitConnection = ConnectionType('Unit', UnitNode);
