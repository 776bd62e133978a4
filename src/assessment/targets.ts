/**
 * Targets: compare the values a report states with an item's quantitative targets.
 *
 * Rules (docs/design.md "The demo checklist", issue 5 item 2):
 * - Only metrics of POSITIVE evidence claims count; the caller passes their ids.
 * - A target "has a threshold" when both `op` and `threshold` are set; otherwise it only
 *   collects a value (count metrics) and `met` is always null.
 * - `met` means "the report proves the target". A value that does not prove it is
 *   `met = false` (TARGET_NOT_MET), a missing value is `met = null` (TARGET_NOT_REPORTED).
 * - Qualifiers:
 *   - `EXACT v`: the plain comparison.
 *   - `AT_LEAST v` (95分以上): the true value is ≥ v, so it proves `>= t` iff v ≥ t; it
 *     never proves `<= t` nor `= t` (the true value may be anything above v).
 *   - `APPROX v` (4000余次, 近100%): the true value lies near v on either side, so it
 *     proves a bound only when v is strictly beyond it: `>= t` iff v > t, `<= t` iff
 *     v < t; never `= t`. APPROX 100 therefore does not prove `>= 100`.
 * - Several values for the same metric: the best one for the comparison is reported —
 *   first a value that proves the target, then the most favourable value (highest for
 *   `>=` and for targets without threshold, lowest for `<=`, closest for `=`), then the
 *   strongest qualifier (EXACT, AT_LEAST, APPROX), then document order (the order of
 *   `positiveClaimIds`, then of `metrics`).
 */
import type { ChecklistItemDefinition, Comparison, TargetDefinition } from '../checklist/types';
import type { Qualifier } from '../reading/types';
import type { AssessmentMetric, TargetCheck } from './types';

const EPSILON = 1e-9;

const QUALIFIER_STRENGTH: Record<Qualifier, number> = { EXACT: 0, AT_LEAST: 1, APPROX: 2 };

/** True when the target has both a comparison and a threshold (it can be met or missed). */
export function hasThreshold(target: TargetDefinition): target is TargetDefinition & { op: Comparison; threshold: number } {
  // `!= null`: a stored target may carry null where the file format has no key
  return target.op != null && target.threshold != null;
}

/**
 * Whether a reported value proves `value op threshold`, given its qualifier (see the
 * module comment for the AT_LEAST and APPROX rules).
 */
export function provesTarget(value: number, qualifier: Qualifier, op: Comparison, threshold: number): boolean {
  switch (qualifier) {
    case 'EXACT':
      if (op === '>=') return value >= threshold - EPSILON;
      if (op === '<=') return value <= threshold + EPSILON;
      return Math.abs(value - threshold) <= EPSILON;
    case 'AT_LEAST':
      return op === '>=' && value >= threshold - EPSILON;
    case 'APPROX':
      if (op === '>=') return value > threshold + EPSILON;
      if (op === '<=') return value < threshold - EPSILON;
      return false;
  }
}

interface Candidate {
  metric: AssessmentMetric;
  order: number;
  proves: boolean;
}

/** How favourable a value is for the comparison: smaller sorts first. */
function favourKey(value: number, target: TargetDefinition): number {
  if (!hasThreshold(target)) return -value;
  if (target.op === '>=') return -value;
  if (target.op === '<=') return value;
  return Math.abs(value - target.threshold);
}

function compareCandidates(a: Candidate, b: Candidate, target: TargetDefinition): number {
  if (a.proves !== b.proves) return a.proves ? -1 : 1;
  const favour = favourKey(a.metric.value, target) - favourKey(b.metric.value, target);
  if (Math.abs(favour) > EPSILON) return favour;
  const strength = QUALIFIER_STRENGTH[a.metric.qualifier] - QUALIFIER_STRENGTH[b.metric.qualifier];
  if (strength !== 0) return strength;
  return a.order - b.order;
}

/**
 * Checks every target of `item` against the metric values of its positive evidence
 * claims; one `TargetCheck` per target, in the item's target order.
 */
export function checkTargets(
  item: Pick<ChecklistItemDefinition, 'targets'>,
  positiveClaimIds: readonly string[],
  metrics: readonly AssessmentMetric[],
): TargetCheck[] {
  const claimOrder = new Map<string, number>();
  positiveClaimIds.forEach((id, index) => {
    if (!claimOrder.has(id)) claimOrder.set(id, index);
  });

  return item.targets.map((target): TargetCheck => {
    const candidates: Candidate[] = [];
    metrics.forEach((metric, index) => {
      const claimIndex = claimOrder.get(metric.claimId);
      if (claimIndex === undefined || metric.metric !== target.metric) return;
      candidates.push({
        metric,
        order: claimIndex * (metrics.length + 1) + index,
        proves: hasThreshold(target) ? provesTarget(metric.value, metric.qualifier, target.op, target.threshold) : false,
      });
    });
    candidates.sort((a, b) => compareCandidates(a, b, target));
    const best = candidates[0];
    const threshold = hasThreshold(target) ? target.threshold : null;
    return {
      metric: target.metric,
      op: hasThreshold(target) ? target.op : null,
      threshold,
      unit: target.unit,
      value: best ? best.metric.value : null,
      qualifier: best ? best.metric.qualifier : null,
      claimId: best ? best.metric.claimId : null,
      met: best && threshold !== null ? best.proves : null,
    };
  });
}
