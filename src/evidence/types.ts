/** Evidence links between claims and checklist items. */

export type LinkMethod = 'RULE' | 'SIMILARITY' | 'MANUAL';
/**
 * SUSPECT: accepted under an earlier checklist version whose item has changed since; it
 * counts as proposed (never confirmed) until a reviewer confirms or rejects it.
 */
export type LinkState = 'PROPOSED' | 'ACCEPTED' | 'REJECTED' | 'SUSPECT';
export const LINK_STATES: readonly LinkState[] = ['PROPOSED', 'ACCEPTED', 'REJECTED', 'SUSPECT'];

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
