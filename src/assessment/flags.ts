/**
 * Flags: findings with stable codes (docs/design.md "Flag codes"). Each code is switched on
 * or off and given its severity by the checklist (`checklist.flags[code]`); a code the
 * checklist does not configure is not raised.
 *
 * Item flags are computed on the `proposed` view (accepted + proposed links), the view
 * of `ItemResult.status`; the confirmed view shows up only through LINK_UNREVIEWED.
 * Items that are NOT_APPLICABLE raise nothing.
 *
 * - NO_EVIDENCE: the item is MISSING while the unit has a report.
 * - ONLY_PLANNED: the item is PLANNED_ONLY; explained by its plan claims.
 * - SHORTCOMING_REPORTED: any NEGATIVE claim is linked to the item, whatever its other
 *   evidence; explained by the negative claims.
 * - TARGET_NOT_MET: one per threshold target whose best reported value does not prove
 *   it; explained by the claim carrying the value.
 * - TARGET_NOT_REPORTED: one per threshold target without a value while the item has
 *   positive evidence; explained by the positive evidence claims.
 * - LINK_UNREVIEWED: the status counting accepted + proposed links differs from the
 *   status counting accepted links only — i.e. some number (status, coverage, score)
 *   would change if the unreviewed links were rejected. Explained by the claims linked
 *   only through PROPOSED links. Unreviewed links that change no number are not flagged.
 * - LINK_SUSPECT: links of the item accepted under an earlier checklist version whose
 *   wording of the item has changed since (state SUSPECT): they count as proposed until a
 *   reviewer confirms or rejects them. Explained by their claims.
 * - REUSED_EVIDENCE: the item's only positive evidence repeats claims of the unit's
 *   report of the year before nearly verbatim (at least the checklist's `reuse.threshold`
 *   of each claim's text found there). Explained by those claims.
 * - REPORT_MISSING: one report-level flag (itemCode null) when the unit has no report;
 *   then items are all MISSING and raise no NO_EVIDENCE, to avoid one flag per item.
 */
import { flagSetting, type ChecklistDefinition, type FlagCode, type ItemStatus } from '../checklist/types';
import { msg, render, type LocalText } from '../i18n/messages';
import { describeCheck, formatClaims, formatRule } from './format';
import type { ItemEvidence } from './status';
import type { FlagResult, TargetCheck } from './types';

/** Per-code switch and severity, as in the checklist file. */
export type FlagSettings = ChecklistDefinition['flags'];

/** What the item flags are computed from. */
export interface ItemFlagInput {
  code: string;
  /** status in the proposed view */
  status: ItemStatus;
  confirmedStatus: ItemStatus;
  /** evidence in the proposed view */
  evidence: ItemEvidence;
  /** evidence in the confirmed view */
  confirmedEvidence: ItemEvidence;
  /** target checks on the proposed view's positive claims */
  targets: readonly TargetCheck[];
  /** claims linked to the item by SUSPECT links (accepted under an earlier wording) */
  suspectClaimIds?: readonly string[];
  /** the item's positive evidence when all of it repeats last year's claims (REUSED_EVIDENCE) */
  reused?: ReadonlyArray<{ claimId: string; year: number; similarity: number }> | null;
}

/** A flag (when switched on) with its message `flag.<code>` of the catalogue; `message` is the Chinese text. */
function make(settings: FlagSettings, code: FlagCode, itemCode: string | null, text: LocalText, claimIds: readonly string[]): FlagResult[] {
  const setting = flagSetting(settings, code);
  if (!setting || setting.enabled !== true) return [];
  return [{ code, severity: setting.severity, itemCode, message: render(text), text, claimIds: [...claimIds] }];
}

const status = (s: ItemStatus): LocalText => msg(`status.${s}`);

/** Claim ids present in the proposed view of an item and absent from its confirmed view. */
export function unreviewedClaimIds(evidence: ItemEvidence, confirmed: ItemEvidence): string[] {
  const confirmedIds = new Set([...confirmed.positiveClaimIds, ...confirmed.planClaimIds, ...confirmed.negativeClaimIds]);
  return [...evidence.positiveClaimIds, ...evidence.planClaimIds, ...evidence.negativeClaimIds].filter((id) => !confirmedIds.has(id));
}

/** Flags of one item (report present), in the order of `FLAG_CODES`. */
export function itemFlags(input: ItemFlagInput, settings: FlagSettings): FlagResult[] {
  const { code, evidence, targets } = input;
  if (input.status === 'NOT_APPLICABLE') return [];
  const flags: FlagResult[] = [];

  if (input.status === 'MISSING') {
    flags.push(...make(settings, 'NO_EVIDENCE', code, msg('flag.NO_EVIDENCE', { item: code }), []));
  }
  if (input.status === 'PLANNED_ONLY') {
    flags.push(
      ...make(
        settings,
        'ONLY_PLANNED',
        code,
        msg('flag.ONLY_PLANNED', { item: code, claims: formatClaims(evidence.planClaimIds) }),
        evidence.planClaimIds,
      ),
    );
  }
  if (evidence.negativeClaimIds.length > 0) {
    flags.push(
      ...make(
        settings,
        'SHORTCOMING_REPORTED',
        code,
        msg('flag.SHORTCOMING_REPORTED', { item: code, claims: formatClaims(evidence.negativeClaimIds) }),
        evidence.negativeClaimIds,
      ),
    );
  }
  if (evidence.positiveClaimIds.length > 0) {
    for (const check of targets) {
      if (check.threshold === null || check.value === null || check.met !== false) continue;
      flags.push(
        ...make(
          settings,
          'TARGET_NOT_MET',
          code,
          msg('flag.TARGET_NOT_MET', { item: code, check: describeCheck(check) }),
          check.claimId ? [check.claimId] : [],
        ),
      );
    }
    for (const check of targets) {
      if (check.threshold === null || check.value !== null) continue;
      flags.push(
        ...make(
          settings,
          'TARGET_NOT_REPORTED',
          code,
          msg('flag.TARGET_NOT_REPORTED', {
            item: code,
            claims: formatClaims(evidence.positiveClaimIds),
            metric: check.metric,
            rule: formatRule(check),
          }),
          evidence.positiveClaimIds,
        ),
      );
    }
  }
  if (input.status !== input.confirmedStatus) {
    const ids = unreviewedClaimIds(evidence, input.confirmedEvidence);
    flags.push(
      ...make(
        settings,
        'LINK_UNREVIEWED',
        code,
        msg('flag.LINK_UNREVIEWED', {
          item: code,
          status: status(input.status),
          claims: formatClaims(ids),
          confirmed: status(input.confirmedStatus),
        }),
        ids,
      ),
    );
  }
  if (input.suspectClaimIds?.length) {
    const ids = input.suspectClaimIds;
    flags.push(
      ...make(settings, 'LINK_SUSPECT', code, msg('flag.LINK_SUSPECT', { item: code, count: ids.length, claims: formatClaims(ids) }), ids),
    );
  }
  const firstReused = input.reused?.[0];
  if (input.reused && firstReused && evidence.positiveClaimIds.length > 0) {
    const ids = input.reused.map((r) => r.claimId);
    const lowest = Math.min(...input.reused.map((r) => r.similarity));
    flags.push(
      ...make(
        settings,
        'REUSED_EVIDENCE',
        code,
        msg('flag.REUSED_EVIDENCE', {
          item: code,
          year: firstReused.year,
          claims: formatClaims(ids),
          similarity: `${Math.round(lowest * 100)}%`,
        }),
        ids,
      ),
    );
  }
  return flags;
}

/** The one report-level flag of a unit without a report for the year (empty when switched off). */
export function reportMissingFlags(assessableCount: number, settings: FlagSettings): FlagResult[] {
  return make(settings, 'REPORT_MISSING', null, msg('flag.REPORT_MISSING', { count: assessableCount }), []);
}
