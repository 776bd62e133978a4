import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node, toGlobalId } from '../graphql/relay';
import type { EvidenceLink } from './evidence-link.entity';
import { diffMarkup, diffParts, type DiffPart } from './item-change';
import { LINK_STATES, type LinkMethod, type LinkState } from './types';
import { enumOf } from '../graphql/enums';

/** GraphQL enums of this domain: its string unions under the same names and values. */
export const LinkMethodEnum = enumOf<LinkMethod>(['RULE', 'SIMILARITY', 'MANUAL']);
export type LinkMethodEnum = LinkMethod;
export const LinkStateEnum = enumOf(LINK_STATES);
export type LinkStateEnum = LinkState;
registerEnumType(LinkMethodEnum, { name: 'LinkMethod' });
registerEnumType(LinkStateEnum, { name: 'LinkState' });

export enum DiffKindEnum {
  SAME = 'SAME',
  REMOVED = 'REMOVED',
  ADDED = 'ADDED',
}
registerEnumType(DiffKindEnum, { name: 'DiffKind' });

@ObjectType('DiffPart', { description: 'A run of a character diff: kept, removed (only before) or added (only after).' })
export class DiffPartType {
  @Field(() => DiffKindEnum)
  kind: DiffKindEnum;

  @Field()
  text: string;
}

@ObjectType('ItemTextChange', {
  description: 'How the item changed since the link was accepted (title, text, targets and rules as lines), for a SUSPECT link.',
})
export class ItemChangeType {
  @Field({ description: 'The item under the checklist version the link was accepted in.' })
  before: string;

  @Field({ description: 'The item under this checklist version.' })
  after: string;

  @Field({ description: 'Character diff: removed text as [-…-], added text as {+…+}.' })
  diff: string;

  @Field(() => [DiffPartType])
  parts: DiffPartType[];

  static from(change: { before: string; after: string }): ItemChangeType {
    const parts: DiffPart[] = diffParts(change.before, change.after);
    return Object.assign(new ItemChangeType(), {
      before: change.before,
      after: change.after,
      diff: diffMarkup(parts),
      parts: parts.map((p) => Object.assign(new DiffPartType(), { kind: p.kind as DiffKindEnum, text: p.text })),
    });
  }
}

@ObjectType('EvidenceLink', {
  implements: Node,
  description: '佐证: a claim supporting a checklist item, proposed by rules or added by a person.',
})
export class EvidenceLinkNode extends Node {
  dbId: number;
  claimDbId: number;
  itemDbId: number;

  @Field(() => LinkMethodEnum)
  method: LinkMethodEnum;

  @Field(() => Float, { description: '0..1' })
  confidence: number;

  @Field(() => LinkStateEnum)
  state: LinkStateEnum;

  @Field({ description: 'Which rule fired (keyword, together, metric) or manual.' })
  rule: string;

  @Field(() => [String], { description: 'The words or metric keys that fired.' })
  matched: string[];

  @Field(() => String, { nullable: true })
  reviewer: string | null;

  @Field(() => String, { nullable: true, description: 'Reason of a rejection or a manual link.' })
  reason: string | null;

  @Field(() => Date, { nullable: true })
  reviewedAt: Date | null;

  @Field({ description: 'The item wording the link was made against.' })
  itemText: string;

  @Field(() => Int, { description: 'Optimistic version: pass it back when reviewing.' })
  version: number;

  @Field()
  createdBy: string;

  @Field(() => ItemChangeType, { nullable: true, description: 'For a SUSPECT link: the item text before and after, with the diff.' })
  itemChange: ItemChangeType | null;

  @Field({ description: 'The review was carried over from the previous checklist version.' })
  carriedOver: boolean;

  @Field()
  createdAt: Date;

  static from(l: EvidenceLink): EvidenceLinkNode {
    return Object.assign(new EvidenceLinkNode(), {
      id: toGlobalId('EvidenceLink', l.id),
      dbId: l.id,
      claimDbId: l.claimId,
      itemDbId: l.itemId,
      method: l.method as LinkMethodEnum,
      confidence: l.confidence,
      state: l.state as LinkStateEnum,
      rule: l.rule,
      matched: l.matched,
      reviewer: l.reviewer,
      reason: l.reason,
      reviewedAt: l.reviewedAt ? new Date(l.reviewedAt) : null,
      itemText: l.itemText,
      version: l.version,
      createdBy: l.createdBy,
      itemChange: l.itemChange ? ItemChangeType.from(l.itemChange) : null,
      carriedOver: l.carriedFromId != null,
      createdAt: new Date(l.createdAt),
    });
  }
}
