import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node, toGlobalId } from '../graphql/relay';
import type { ChecklistItem } from './checklist-item.entity';
import type { Checklist } from './checklist.entity';
import type { Target } from './target.entity';
import { FLAG_CODES, ITEM_STATUSES, type FlagCode, type ItemStatus, type Severity } from './types';
import { enumOf } from '../graphql/enums';

/** GraphQL enums of this domain: its string unions under the same names and values. */
export const ItemStatusEnum = enumOf(ITEM_STATUSES);
export type ItemStatusEnum = ItemStatus;
export const FlagCodeEnum = enumOf(FLAG_CODES);
export type FlagCodeEnum = FlagCode;
export const SeverityEnum = enumOf<Severity>(['ERROR', 'WARNING', 'INFO']);
export type SeverityEnum = Severity;
registerEnumType(ItemStatusEnum, { name: 'ItemStatus' });
registerEnumType(FlagCodeEnum, { name: 'FlagCode', description: 'Stable flag codes (documented in README).' });
registerEnumType(SeverityEnum, { name: 'Severity' });

@ObjectType('Checklist', { implements: Node, description: '工作任务清单: one version of a district checklist, a tree of parts and items.' })
export class ChecklistNode extends Node {
  dbId: number;

  @Field({ description: 'Stable key shared by all versions.' })
  key: string;

  @Field(() => Int)
  version: number;

  @Field()
  name: string;

  @Field()
  issuer: string;

  @Field(() => Int)
  yearFrom: number;

  @Field(() => Int)
  yearTo: number;

  static from(c: Checklist): ChecklistNode {
    return Object.assign(new ChecklistNode(), {
      id: toGlobalId('Checklist', c.id),
      dbId: c.id,
      key: c.key,
      version: c.version,
      name: c.name,
      issuer: c.issuer,
      yearFrom: c.yearFrom,
      yearTo: c.yearTo,
    });
  }
}

@ObjectType('Target', { description: '指标: a quantitative requirement on an item.' })
export class TargetNode {
  @Field({ description: 'Metric key, e.g. COURT_APPEARANCE_RATE.' })
  metric: string;

  @Field(() => String, { nullable: true, description: '>=, = or <=; null for a count collected without threshold.' })
  op: string | null;

  @Field(() => Float, { nullable: true })
  threshold: number | null;

  @Field()
  unit: string;

  static from(t: Target): TargetNode {
    return Object.assign(new TargetNode(), { metric: t.metric, op: t.op, threshold: t.threshold, unit: t.unit });
  }
}

@ObjectType('ChecklistItem', { implements: Node, description: 'A part (heading) or an assessable item of a checklist.' })
export class ChecklistItemNode extends Node {
  dbId: number;
  checklistDbId: number;

  @Field({ description: 'e.g. "5.1"; parts are "1" … "10".' })
  code: string;

  @Field(() => String, { nullable: true })
  parentCode: string | null;

  @Field()
  title: string;

  @Field()
  text: string;

  @Field({ description: 'Parts (headings) are not assessable.' })
  assessable: boolean;

  @Field(() => Int)
  points: number;

  @Field(() => [String], { description: 'Matching keywords from the checklist file.' })
  keywords: string[];

  static from(i: ChecklistItem): ChecklistItemNode {
    return Object.assign(new ChecklistItemNode(), {
      id: toGlobalId('ChecklistItem', i.id),
      dbId: i.id,
      checklistDbId: i.checklistId,
      code: i.code,
      parentCode: i.parentCode,
      title: i.title,
      text: i.text,
      assessable: i.assessable,
      points: i.points,
      keywords: i.match.keywords,
    });
  }
}
