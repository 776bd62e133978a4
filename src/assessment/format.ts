/**
 * Wording shared by flag messages and item explanations, as messages of the catalogue
 * (src/i18n/messages.ts) so that a stored finding reads in Chinese or English. Item codes,
 * metric keys and claim ids stay verbatim.
 */
import { msg, type LocalText } from '../i18n/messages';
import type { Qualifier } from '../reading/types';
import type { TargetCheck } from './types';

/** A reported value with its qualifier: `100%`, `95分以上` / `at least 95分`, `约4000次` / `about 4000次`. */
export function formatValue(value: number, unit: string, qualifier: Qualifier | null): LocalText {
  return msg(`value.${qualifier ?? 'EXACT'}`, { value: `${value}${unit}` });
}

/** A target's rule, `>= 100%`, or "no threshold". */
export function formatRule(check: Pick<TargetCheck, 'op' | 'threshold' | 'unit'>): LocalText | string {
  if (check.op === null || check.threshold === null) return msg('rule.none');
  return `${check.op} ${check.threshold}${check.unit}`;
}

/** A list of claim ids for a sentence: `claim c3` / `claims c3, c7` (`表述 c3`). */
export function formatClaims(ids: readonly string[]): LocalText {
  return msg(ids.length === 1 ? 'claims.one' : 'claims.many', { ids: ids.join(', ') });
}

/** One target check in words: `COURT_APPEARANCE_RATE 95% (claim c3) misses >= 100%`. */
export function describeCheck(check: TargetCheck): LocalText {
  if (check.value === null) {
    return check.threshold === null
      ? msg('check.notReported', { metric: check.metric })
      : msg('check.notReportedTarget', { metric: check.metric, rule: formatRule(check) });
  }
  const value = formatValue(check.value, check.unit, check.qualifier);
  const reported = check.claimId
    ? msg('check.reportedIn', { metric: check.metric, value, claim: check.claimId })
    : msg('check.reported', { metric: check.metric, value });
  if (check.met === true) return msg('check.meets', { reported, rule: formatRule(check) });
  if (check.met === false) {
    return msg(check.qualifier === 'EXACT' ? 'check.misses' : 'check.notProves', { reported, rule: formatRule(check) });
  }
  return reported;
}
