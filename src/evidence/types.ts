/** Evidence links between claims and checklist items. */

export type LinkMethod = 'RULE' | 'MANUAL';
export type LinkState = 'PROPOSED' | 'ACCEPTED' | 'REJECTED';
export const LINK_STATES: readonly LinkState[] = ['PROPOSED', 'ACCEPTED', 'REJECTED'];

/** A link proposed by the rule matcher (pure result, before storage). */
export interface ProposedLink {
  claimId: string;
  itemCode: string;
  method: 'RULE';
  /** 0..1 */
  confidence: number;
  /** which rule fired: `keyword`, `together`, `metric` */
  rule: string;
  /** the words (or metric keys) that fired */
  matched: string[];
}
