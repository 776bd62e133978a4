import type { LinkState } from './types';

/** What a reviewer can do to a link. */
export type ReviewAction = 'ACCEPT' | 'REJECT' | 'REOPEN';
export const REVIEW_ACTIONS: readonly ReviewAction[] = ['ACCEPT', 'REJECT', 'REOPEN'];

/**
 * The declared transitions of link review: PROPOSED → ACCEPTED | REJECTED, and back to
 * PROPOSED only by an explicit REOPEN. Anything else is refused.
 */
export const REVIEW_TRANSITIONS: Readonly<Record<LinkState, Partial<Record<ReviewAction, LinkState>>>> = {
  PROPOSED: { ACCEPT: 'ACCEPTED', REJECT: 'REJECTED' },
  ACCEPTED: { REOPEN: 'PROPOSED' },
  REJECTED: { REOPEN: 'PROPOSED' },
};

/** The state after `action`, or null when the transition is not allowed. */
export function nextLinkState(from: LinkState, action: ReviewAction): LinkState | null {
  return REVIEW_TRANSITIONS[from][action] ?? null;
}
