/** Evidence links between claims and checklist items. */

export type LinkMethod = 'RULE' | 'SIMILARITY' | 'MANUAL';
export type LinkState = 'PROPOSED' | 'ACCEPTED' | 'REJECTED';
export const LINK_STATES: readonly LinkState[] = ['PROPOSED', 'ACCEPTED', 'REJECTED'];

/** A link proposed by the rule matcher or the similarity (pure result, before storage). */
export interface ProposedLink {
  claimId: string;
  itemCode: string;
  method: 'RULE' | 'SIMILARITY';
  /** 0..1 */
  confidence: number;
  /** which rule fired: `keyword`, `together`, `metric`, or `similarity` */
  rule: string;
  /** the words (or metric keys) that fired; for similarity, the words shared with the item, most telling first */
  matched: string[];
}
