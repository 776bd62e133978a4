/**
 * The assessment of one unit × checklist × year, as a pure function of its inputs:
 * per-item status (both views), targets, flags and explanation, then coverage and score.
 *
 * Only items with `assessable = true` get an `ItemResult` (headings are parts, used for
 * coverage per part). When `hasReport` is false, claims, metrics and links are ignored:
 * every item not marked not applicable is MISSING and the only flag is REPORT_MISSING.
 */
import { render } from '../i18n/messages';
import { computeCoverage } from './coverage';
import { explanationText } from './explanation';
import { itemFlags, reportMissingFlags } from './flags';
import { partCodeOf } from './parts';
import { roundTo, scoreBothViews, statusFactor } from './score';
import { collectEvidence, decideStatus, indexClaims, notApplicableJustification } from './status';
import { checkTargets } from './targets';
import { DEFAULT_REUSE_THRESHOLD } from '../checklist/types';
import type { AssessmentInput, AssessmentLink, AssessmentResult, ItemResult, ReusedClaim } from './types';

/**
 * REUSED_EVIDENCE: the item's positive evidence when every claim of it repeats a claim of
 * last year's report at `threshold` or more (null otherwise, and when there is none).
 */
function reusedEvidence(positive: readonly string[], reused: readonly ReusedClaim[], threshold: number): ReusedClaim[] | null {
  if (positive.length === 0) return null;
  const byClaim = new Map(reused.filter((r) => r.similarity >= threshold).map((r) => [r.claimId, r]));
  const found = positive.map((id) => byClaim.get(id));
  return found.every((r) => r !== undefined) ? (found as ReusedClaim[]) : null;
}

/** Claims linked to an item by SUSPECT links, once each, in link order. */
function suspectClaimIds(itemCode: string, links: readonly AssessmentLink[]): string[] {
  return [...new Set(links.filter((l) => l.itemCode === itemCode && l.state === 'SUSPECT').map((l) => l.claimId))];
}

/** Assesses one unit's report (or its absence) against a checklist. Deterministic. */
export function assess(input: AssessmentInput): AssessmentResult {
  const { checklist, hasReport } = input;
  const itemsByCode = new Map(checklist.items.map((item) => [item.code, item]));
  const claims = indexClaims(hasReport ? input.claims : []);
  const links = hasReport ? input.links : [];
  const metrics = hasReport ? input.metrics : [];
  const reuseThreshold = checklist.reuse?.threshold ?? DEFAULT_REUSE_THRESHOLD;

  const items = checklist.items
    .filter((definition) => definition.assessable)
    .map((definition): ItemResult => {
      const justification = notApplicableJustification(definition.code, input.notApplicable);
      const notApplicable = justification !== null;
      const evidence = collectEvidence(definition.code, links, claims, 'proposed');
      const confirmedEvidence = collectEvidence(definition.code, links, claims, 'confirmed');
      const targets = checkTargets(definition, evidence.positiveClaimIds, metrics);
      const confirmedTargets = checkTargets(definition, confirmedEvidence.positiveClaimIds, metrics);
      const status = decideStatus(evidence, targets, notApplicable);
      const confirmedStatus = decideStatus(confirmedEvidence, confirmedTargets, notApplicable);
      const factor = statusFactor(status, checklist.scoring);
      const flags = hasReport
        ? itemFlags(
            {
              code: definition.code,
              status,
              confirmedStatus,
              evidence,
              confirmedEvidence,
              targets,
              suspectClaimIds: suspectClaimIds(definition.code, links),
              reused: reusedEvidence(evidence.positiveClaimIds, input.reusedClaims ?? [], reuseThreshold),
            },
            checklist.flags,
          )
        : [];
      const explanation = explanationText({ code: definition.code, status, confirmedStatus, justification, hasReport, evidence, targets });
      return {
        code: definition.code,
        title: definition.title,
        partCode: partCodeOf(definition.code, itemsByCode),
        points: definition.points,
        status,
        confirmedStatus,
        factor,
        score: roundTo(definition.points * factor, 6),
        confirmedScore: roundTo(definition.points * statusFactor(confirmedStatus, checklist.scoring), 6),
        evidenceClaimIds: evidence.positiveClaimIds,
        planClaimIds: evidence.planClaimIds,
        negativeClaimIds: evidence.negativeClaimIds,
        targets,
        flags,
        explanation: render(explanation),
        explanationText: explanation,
      };
    });

  const coverage = computeCoverage(items, checklist.items);
  const reportFlags = hasReport ? [] : reportMissingFlags(coverage.proposed.assessable, checklist.flags);
  return {
    items,
    coverage,
    score: scoreBothViews(items, checklist.scoring),
    flags: [...reportFlags, ...items.flatMap((item) => item.flags)],
  };
}
