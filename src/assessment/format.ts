/** Wording shared by flag messages and item explanations (English, item codes verbatim). */
import type { Qualifier } from '../reports/analysis/types';
import type { TargetCheck } from './types';

/** A reported value with its qualifier: `100%`, `at least 95分`, `about 4000次`. */
export function formatValue(value: number, unit: string, qualifier: Qualifier | null): string {
  const plain = `${value}${unit}`;
  if (qualifier === 'AT_LEAST') return `at least ${plain}`;
  if (qualifier === 'APPROX') return `about ${plain}`;
  return plain;
}

/** A target's rule, `>= 100%`, or its metric alone when it has no threshold. */
export function formatRule(check: Pick<TargetCheck, 'op' | 'threshold' | 'unit'>): string {
  if (check.op === null || check.threshold === null) return 'no threshold';
  return `${check.op} ${check.threshold}${check.unit}`;
}

/** A list of claim ids for a sentence: `claim c3` / `claims c3, c7`. */
export function formatClaims(ids: readonly string[]): string {
  return `${ids.length === 1 ? 'claim' : 'claims'} ${ids.join(', ')}`;
}

/** One target check in words: `COURT_APPEARANCE_RATE 95% (claim c3) misses >= 100%`. */
export function describeCheck(check: TargetCheck): string {
  if (check.value === null) {
    return check.threshold === null ? `${check.metric} not reported` : `${check.metric} not reported (target ${formatRule(check)})`;
  }
  const reported = `${check.metric} ${formatValue(check.value, check.unit, check.qualifier)}${
    check.claimId ? ` (claim ${check.claimId})` : ''
  }`;
  if (check.met === true) return `${reported} meets ${formatRule(check)}`;
  if (check.met === false) {
    const proves = check.qualifier === 'EXACT' ? 'misses' : 'does not prove';
    return `${reported} ${proves} ${formatRule(check)}`;
  }
  return reported;
}
