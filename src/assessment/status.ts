/**
 * Item status for one view (docs/design.md "The numbers").
 *
 * - Which links count: `confirmed` = ACCEPTED only; `proposed` = ACCEPTED + PROPOSED +
 *   SUSPECT; REJECTED never. A link whose claim is unknown is ignored.
 * - The polarity of a link is the polarity of its claim.
 * - Precedence: NOT_APPLICABLE (marked with a non-blank justification) → COVERED /
 *   PARTIAL (any positive evidence) → PLANNED_ONLY (any plan evidence, even when
 *   shortcomings are also reported) → NEGATIVE_ONLY (shortcomings only) → MISSING.
 *   Plan wins over negative because the shortcoming stays visible through the
 *   SHORTCOMING_REPORTED flag, while the plan would otherwise be lost.
 */
import type { ItemStatus } from '../checklist/types';
import type { Polarity } from '../reading/types';
import type { AssessmentClaim, AssessmentLink, CoverageView, NotApplicableMark, TargetCheck } from './types';
import type { LinkState } from '../evidence/types';

/** The claims linked to one item in one view, by polarity, each in document order. */
export interface ItemEvidence {
  positiveClaimIds: string[];
  planClaimIds: string[];
  negativeClaimIds: string[];
}

/** Polarity and document position of each claim, by id. */
export type ClaimIndex = ReadonlyMap<string, { polarity: Polarity; order: number }>;

/** Indexes claims by id; `order` is the position in `claims` (document order). */
export function indexClaims(claims: readonly AssessmentClaim[]): ClaimIndex {
  const index = new Map<string, { polarity: Polarity; order: number }>();
  claims.forEach((claim, order) => {
    if (!index.has(claim.id)) index.set(claim.id, { polarity: claim.polarity, order });
  });
  return index;
}

/**
 * Whether a link in `state` counts in `view`: REJECTED never, PROPOSED and SUSPECT (accepted
 * under an earlier wording of the item, not yet re-reviewed) only in `proposed`.
 */
export function linkCounts(state: LinkState, view: CoverageView): boolean {
  if (state === 'ACCEPTED') return true;
  if (state === 'PROPOSED' || state === 'SUSPECT') return view === 'proposed';
  return false;
}

/** The claims linked to `itemCode` that count in `view`, split by their polarity. */
export function collectEvidence(itemCode: string, links: readonly AssessmentLink[], claims: ClaimIndex, view: CoverageView): ItemEvidence {
  const byPolarity: Record<Polarity, Map<string, number>> = {
    POSITIVE: new Map(),
    PLAN: new Map(),
    NEGATIVE: new Map(),
  };
  for (const link of links) {
    if (link.itemCode !== itemCode || !linkCounts(link.state, view)) continue;
    const claim = claims.get(link.claimId);
    if (!claim) continue;
    byPolarity[claim.polarity].set(link.claimId, claim.order);
  }
  const ordered = (ids: Map<string, number>): string[] => [...ids.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  return {
    positiveClaimIds: ordered(byPolarity.POSITIVE),
    planClaimIds: ordered(byPolarity.PLAN),
    negativeClaimIds: ordered(byPolarity.NEGATIVE),
  };
}

/**
 * The justification that excludes `itemCode`, or null when the item is not marked or
 * marked without a justification (no justification, no exclusion). With several marks,
 * the first with a justification wins.
 */
export function notApplicableJustification(itemCode: string, marks: readonly NotApplicableMark[]): string | null {
  for (const mark of marks) {
    if (mark.itemCode !== itemCode) continue;
    const justification = (mark.justification ?? '').trim();
    if (justification !== '') return justification;
  }
  return null;
}

/** Targets with a threshold that the report does not prove (not met or not reported). */
export function unmetTargets(targets: readonly TargetCheck[]): TargetCheck[] {
  return targets.filter((target) => target.threshold !== null && target.met !== true);
}

/**
 * Decides an item's status from its evidence in one view and its target checks (made
 * on the same view's positive claims); see the module comment for the precedence.
 */
export function decideStatus(evidence: ItemEvidence, targets: readonly TargetCheck[], notApplicable: boolean): ItemStatus {
  if (notApplicable) return 'NOT_APPLICABLE';
  if (evidence.positiveClaimIds.length > 0) {
    return unmetTargets(targets).length === 0 ? 'COVERED' : 'PARTIAL';
  }
  if (evidence.planClaimIds.length > 0) return 'PLANNED_ONLY';
  if (evidence.negativeClaimIds.length > 0) return 'NEGATIVE_ONLY';
  return 'MISSING';
}
