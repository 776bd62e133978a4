import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LinkMethodEnum, LinkStateEnum } from '../graphql/enums';
import { Node, toGlobalId } from '../graphql/relay';
import type { EvidenceLink } from './evidence-link.entity';

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
      createdAt: new Date(l.createdAt),
    });
  }
}
