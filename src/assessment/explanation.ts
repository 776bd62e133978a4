/** One sentence per item saying why it has its status, citing claim ids and target values. */
import type { ItemStatus } from '../checklist/types';
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

function reason(input: ExplanationInput): string {
  const { code, evidence } = input;
  const shortcoming = evidence.negativeClaimIds.length > 0 ? `; shortcoming reported in ${formatClaims(evidence.negativeClaimIds)}` : '';
  switch (input.status) {
    case 'NOT_APPLICABLE':
      return `${code} is NOT_APPLICABLE (not assessed): ${input.justification ?? ''}`;
    case 'COVERED':
    case 'PARTIAL': {
      const checks = input.targets.filter((check) => check.threshold !== null || check.value !== null).map(describeCheck);
      const targets = checks.length > 0 ? `; ${checks.join('; ')}` : '';
      return `${code} is ${input.status}: positive evidence in ${formatClaims(evidence.positiveClaimIds)}${targets}${shortcoming}`;
    }
    case 'PLANNED_ONLY':
      return `${code} is PLANNED_ONLY: no positive evidence, only plan ${formatClaims(evidence.planClaimIds)}${shortcoming}`;
    case 'NEGATIVE_ONLY':
      return `${code} is NEGATIVE_ONLY: no positive evidence or plan, only shortcoming ${formatClaims(evidence.negativeClaimIds)}`;
    case 'MISSING':
      return input.hasReport
        ? `${code} is MISSING: no claim is linked to it by an accepted or proposed link`
        : `${code} is MISSING: the unit has no report for this year`;
  }
}

/** The explanation sentence of an item's (proposed-view) status. */
export function explainItem(input: ExplanationInput): string {
  const confirmed = input.confirmedStatus !== input.status ? `; accepted links only: ${input.confirmedStatus}` : '';
  const sentence = `${reason(input)}${confirmed}`;
  return /[.。!！?？]$/.test(sentence) ? sentence : `${sentence}.`;
}
