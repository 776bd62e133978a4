import type { ChecklistItemDefinition } from '../checklist/types';
import { evaluateLinks, goldByClaim, sumScores, type Score } from './evaluate';
import type { LabelledReport } from './evaluation-suite';
import { fitModel, learnFromReviewedClaims, proposeLinks, sourceOf, type ClaimsWithGold, type MatcherModel } from './pipeline';

/**
 * Learning from reviewers measured by replaying gold labels as reviews (issue 12, item 4;
 * docs/evaluation.md): a checklist version's model (examples and learned decision fitted on
 * some labelled reports) is used on other reports, whose gold labels are replayed as a
 * reviewer's decisions; the model re-learnt from those decisions
 * ({@link learnFromReviewedClaims}, what `evaluate --from-reviews --apply` stores) then reads
 * a report none of this saw. Scored before and after. Pure.
 */

/**
 * A labelled report's gold labels as a reviewer's decisions on what the model proposed: a
 * labelled claim is reviewed when the model linked it (every link accepted or rejected) or
 * when it evidences an item (the reviewer adds the missed link); its true items are its gold
 * ones. A labelled claim with no link and no item was never looked at: not reviewed.
 */
export function replayAsReviews(items: readonly ChecklistItemDefinition[], report: LabelledReport, model: MatcherModel): ClaimsWithGold {
  const linked = new Set(
    proposeLinks(report.claims, report.metrics, items, model, { excludeSource: sourceOf(report) }).combined.map((l) => l.claimId),
  );
  const gold = new Map<string, Set<string>>();
  for (const [claimId, truth] of goldByClaim(report.raw, report.claims, report.labels).gold)
    if (truth.size > 0 || linked.has(claimId)) gold.set(claimId, truth);
  return { claims: report.claims, metrics: report.metrics, gold, source: sourceOf(report) };
}

/** The model with what reviewers taught it: their claims as examples beside the model's, the re-fitted decision. */
function withReviewsLearnt(
  items: readonly ChecklistItemDefinition[],
  model: MatcherModel,
  reviewed: readonly ClaimsWithGold[],
): MatcherModel {
  const learnt = learnFromReviewedClaims(items, model, reviewed);
  const ex = model.examples;
  if (!learnt || !ex) return model;
  return {
    ...model,
    examples: { ...ex, examples: [...ex.examples, ...learnt.examples], ...(learnt.decision ? { decision: learnt.decision } : {}) },
  };
}

/** One replay: which reports were reviewed, which were scored, and the scores before and after. */
export interface ReplayResult {
  reviewed: string[];
  scored: string[];
  reviewedClaims: number;
  before: Score;
  after: Score;
}

function scoreWith(items: readonly ChecklistItemDefinition[], reports: readonly LabelledReport[], model: MatcherModel): Score {
  return sumScores(
    reports.map(
      (r) =>
        evaluateLinks(r.raw, r.claims, r.labels, proposeLinks(r.claims, r.metrics, items, model, { excludeSource: sourceOf(r) }).combined)
          .pairs,
    ),
  );
}

/**
 * One replay: `model` (fitted without `reviewed` and `scored`) scores `scored`; `reviewed`'s
 * gold labels are replayed as reviews of what `model` proposes, the model re-learns from them,
 * and scores `scored` again.
 */
export function replayReviews(
  items: readonly ChecklistItemDefinition[],
  model: MatcherModel,
  reviewed: readonly LabelledReport[],
  scored: readonly LabelledReport[],
): ReplayResult {
  const decisions = reviewed.map((r) => replayAsReviews(items, r, model));
  const after = withReviewsLearnt(items, model, decisions);
  return {
    reviewed: reviewed.map((r) => r.name),
    scored: scored.map((r) => r.name),
    reviewedClaims: decisions.reduce((n, d) => n + d.gold.size, 0),
    before: scoreWith(items, scored, model),
    after: scoreWith(items, scored, after),
  };
}

/** A labelled set by name. */
interface NamedReports {
  name: string;
  reports: readonly LabelledReport[];
}

/**
 * The two replays of docs/evaluation.md. Seeds: the product's model (fitted on the labelled
 * sets, never the seeds), four seed reports replayed as reviews, the fifth scored, every
 * rotation. Sets: for each labelled set, a model fitted on the seeds and every set but it and
 * the next one; the next set replayed as reviews (one district's reviewers), the set scored.
 */
export function replayEvaluation(
  items: readonly ChecklistItemDefinition[],
  seeds: readonly LabelledReport[],
  sets: readonly NamedReports[],
  neighbours?: number,
): { seeds: ReplayResult[]; sets: Array<ReplayResult & { set: string; reviewedSet: string }> } {
  const options = { examples: true, learned: true, ...(neighbours !== undefined ? { neighbours } : {}) };
  const shipped = fitModel(
    items,
    sets.flatMap((s) => s.reports),
    options,
  );
  const seedRuns = seeds.map((left, i) =>
    replayReviews(
      items,
      shipped,
      seeds.filter((_, j) => j !== i),
      [left],
    ),
  );
  const setRuns = sets.map((set, j) => {
    const next = sets[(j + 1) % sets.length] as NamedReports;
    const model = fitModel(
      items,
      [...seeds, ...sets.filter((_, k) => k !== j && k !== (j + 1) % sets.length).flatMap((s) => s.reports)],
      options,
    );
    return { set: set.name, reviewedSet: next.name, ...replayReviews(items, model, next.reports, set.reports) };
  });
  return { seeds: seedRuns, sets: setRuns };
}
