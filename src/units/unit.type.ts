import { Field, ObjectType } from 'type-graphql';
import { UnitLevelEnum } from '../graphql/enums';
import { ConnectionType, Node, toGlobalId } from '../graphql/relay';
import type { Unit } from './unit.entity';

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
