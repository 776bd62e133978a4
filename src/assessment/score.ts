/**
 * Score (docs/design.md "The numbers"): each assessable item's points × the factor of its
 * status, summed; `possible` is the sum of the points of the assessable items (not
 * NOT_APPLICABLE); `normalised` = earned / possible × 100 rounded to 2 decimals, 0 when
 * nothing is assessable. Factors come from the checklist's `scoring` rules only.
 * `earned` and `possible` are rounded to 6 decimals to drop floating-point noise
 * (3 × 0.3 is 0.9, not 0.8999999999999999).
 */
import type { ChecklistDefinition, ItemStatus } from '../checklist/types';
import type { ItemResult, ScoreResult } from './types';

/** Status → factor, as in the checklist file. */
export type ScoringRules = ChecklistDefinition['scoring'];

/** Rounds half away from zero to `decimals` places, without the 1.005 → 1.00 float trap. */
export function roundTo(value: number, decimals: number): number {
  const sign = value < 0 ? -1 : 1;
  const magnitude = Math.abs(value);
  const text = String(magnitude);
  const rounded = text.includes('e')
    ? Math.round(magnitude * 10 ** decimals) / 10 ** decimals
    : Number(`${Math.round(Number(`${text}e${decimals}`))}e-${decimals}`);
  return rounded === 0 ? 0 : sign * rounded;
}

/**
 * The factor of `status` in the checklist's rules; NOT_APPLICABLE is 0 (it is not
 * assessed). Throws when the rules have no finite factor for the status — a checklist
 * that passed validation always has one.
 */
export function statusFactor(status: ItemStatus, scoring: ScoringRules): number {
  if (status === 'NOT_APPLICABLE') return 0;
  const factor: unknown = (scoring as Record<string, unknown>)[status];
  if (typeof factor !== 'number' || !Number.isFinite(factor)) {
    throw new Error(`checklist scoring has no factor for status ${status}`);
  }
  return factor;
}

/** Earned, possible and normalised score of items, each with its status in one view. */
export function computeScore(items: readonly { points: number; status: ItemStatus }[], scoring: ScoringRules): ScoreResult {
  let earned = 0;
  let possible = 0;
  for (const item of items) {
    if (item.status === 'NOT_APPLICABLE') continue;
    possible += item.points;
    earned += item.points * statusFactor(item.status, scoring);
  }
  earned = roundTo(earned, 6);
  possible = roundTo(possible, 6);
  return { earned, possible, normalised: possible === 0 ? 0 : roundTo((earned / possible) * 100, 2) };
}

/** Score of item results in both views (`status` is the proposed view). */
export function scoreBothViews(
  items: readonly Pick<ItemResult, 'points' | 'status' | 'confirmedStatus'>[],
  scoring: ScoringRules,
): { confirmed: ScoreResult; proposed: ScoreResult } {
  return {
    confirmed: computeScore(
      items.map((item) => ({ points: item.points, status: item.confirmedStatus })),
      scoring,
    ),
    proposed: computeScore(items, scoring),
  };
}
