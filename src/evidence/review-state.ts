import type { LinkState } from './types';

/** What a reviewer can do to a link. */
export type ReviewAction = 'ACCEPT' | 'REJECT' | 'REOPEN' | 'CONFIRM';

/**
 * The declared transitions of link review: PROPOSED → ACCEPTED | REJECTED, and back to
 * PROPOSED only by an explicit REOPEN. A SUSPECT link (accepted under an earlier checklist
 * version whose item changed) is confirmed (→ ACCEPTED), rejected or reopened. Anything
 * else is refused.
 */
const REVIEW_TRANSITIONS: Readonly<Record<LinkState, Partial<Record<ReviewAction, LinkState>>>> = {
  PROPOSED: { ACCEPT: 'ACCEPTED', REJECT: 'REJECTED' },
  ACCEPTED: { REOPEN: 'PROPOSED' },
  REJECTED: { REOPEN: 'PROPOSED' },
  SUSPECT: { CONFIRM: 'ACCEPTED', REJECT: 'REJECTED', REOPEN: 'PROPOSED' },
};

/** The state after `action`, or null when the transition is not allowed. */
export function nextLinkState(from: LinkState, action: ReviewAction): LinkState | null {
  return REVIEW_TRANSITIONS[from][action] ?? null;
}
