/**
 * One sentence per item saying why it has its status, citing claim ids and target values,
 * as a message of the catalogue (src/i18n/messages.ts): Chinese by default, English too.
 */
import type { ItemStatus } from '../checklist/types';
import { msg, render, type LocalText } from '../i18n/messages';
import { describeCheck, formatClaims } from './format';
import type { ItemEvidence } from './status';
import type { TargetCheck } from './types';

/** What an item's explanation is built from (proposed view, plus the confirmed status). */
export interface ExplanationInput {
  code: string;
  status: ItemStatus;
  confirmedStatus: ItemStatus;
  /** the justification of a NOT_APPLICABLE item */
  justification: string | null;
  hasReport: boolean;
  evidence: ItemEvidence;
  targets: readonly TargetCheck[];
}

function reason(input: ExplanationInput): LocalText {
  const { code: item, evidence } = input;
  const shortcoming =
    evidence.negativeClaimIds.length > 0 ? msg('explain.shortcoming', { claims: formatClaims(evidence.negativeClaimIds) }) : '';
  switch (input.status) {
    case 'NOT_APPLICABLE':
      return msg('explain.NOT_APPLICABLE', { item, justification: input.justification ?? '' });
    case 'COVERED':
    case 'PARTIAL': {
      const checks = input.targets.filter((check) => check.threshold !== null || check.value !== null).map(describeCheck);
      const targets = checks.length > 0 ? msg('explain.targets', { checks }) : '';
      return msg(`explain.${input.status}`, { item, claims: formatClaims(evidence.positiveClaimIds), targets, shortcoming });
    }
    case 'PLANNED_ONLY':
      return msg('explain.PLANNED_ONLY', { item, claims: formatClaims(evidence.planClaimIds), shortcoming });
    case 'NEGATIVE_ONLY':
      return msg('explain.NEGATIVE_ONLY', { item, claims: formatClaims(evidence.negativeClaimIds) });
    case 'MISSING':
      return msg(input.hasReport ? 'explain.MISSING' : 'explain.MISSING_NO_REPORT', { item });
  }
}

/** The explanation of an item's (proposed-view) status, as a message. */
export function explanationText(input: ExplanationInput): LocalText {
  const confirmed =
    input.confirmedStatus !== input.status ? msg('explain.confirmed', { status: msg(`status.${input.confirmedStatus}`) }) : '';
  return msg('explain.sentence', { reason: reason(input), confirmed });
}

/** The explanation sentence of an item's (proposed-view) status, in Chinese (the default locale). */
export function explainItem(input: ExplanationInput): string {
  return render(explanationText(input));
}
