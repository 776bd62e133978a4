import type { ChecklistDefinition, ChecklistItemDefinition } from '../checklist/types';
import type { AnalysedMetric } from '../reading/types';
import { goldByClaim, score, sumScores, type Score } from './evaluate';
import type { LabelledReport, MatchPipeline, SignalLinks } from './evaluation-suite';
import { withContext } from './context';
import { DEFAULT_MAX_LINKS_PER_CLAIM, matchClaims, SKIPPED_SECTION_KINDS, type MatchableClaim } from './matcher';
import {
  calibrate,
  probability,
  similarities,
  similarityCeiling,
  type Calibration,
  type CalibrationExample,
  type ItemSimilarity,
} from './similarity';
import type { ProposedLink } from './types';

/**
 * Rules and similarity together: what is learnt ({@link MatcherModel}), how it is learnt from
 * labelled claims ({@link fitModel}) and the ONE function that combines the two signals
 * ({@link combine}). Pure.
 */

/** What the matcher learns for one checklist. */
export interface MatcherModel {
  /** BM25 score → probability */
  calibration: Calibration;
  /** a similarity link is proposed (beside the rules) when its probability is at least this; 1 switches it off */
  threshold: number;
  /** the same for the similarity alone (only to show that signal on its own) */
  aloneThreshold: number;
  /**
   * learnt from reviewers: item code → rule word (as in a link's `matched`) → the share of its
   * links reviewers accepted (smoothed, see {@link estimateTermWeights}); absent = not learnt
   */
  termWeights: Record<string, Record<string, number>>;
}

/** A model that proposes no similarity link and leaves every rule as written. */
export const RULES_ONLY_MODEL: MatcherModel = {
  calibration: { intercept: -5, slope: 0, top: 0 },
  threshold: 1,
  aloneThreshold: 1,
  termWeights: {},
};

/** The starting model of a checklist file: its `matching.similarity` calibration, or rules alone. */
export function modelOfDefinition(def: Pick<ChecklistDefinition, 'matching'>): MatcherModel {
  const sim = def.matching?.similarity;
  if (!sim) return RULES_ONLY_MODEL;
  return {
    calibration: { intercept: sim.intercept, slope: sim.slope, top: sim.top },
    threshold: sim.threshold,
    aloneThreshold: sim.threshold,
    termWeights: {},
  };
}

/** How sure a rule is before any review (the prior of a term weight) and how many reviews that prior is worth. */
const TERM_PRIOR = { weight: 0.8, strength: 2 } as const;
/** A rule link whose every word weighs less than this is not proposed. */
export const TERM_WEIGHT_FLOOR = 0.5;
/**
 * A similarity threshold is fitted only among those whose precision on the training claims is
 * at least this (a wrong link costs a reviewer's time and can hide a gap): the best F1 above
 * the floor, or no similarity link at all.
 */
const PRECISION_FLOOR = 0.8;
/** Thresholds tried when the similarity threshold is fitted. */
const THRESHOLD_GRID: readonly number[] = Array.from({ length: 17 }, (_, i) => Math.round((0.1 + i * 0.05) * 100) / 100);

/**
 * {@link similarities} remembered per checklist (per `items` array) and text, for FITTING only:
 * fitting a model scores the same training claims at every threshold and, in the evaluation, in
 * every fold. Matching a report never remembers (a server ingesting a national year would keep
 * up to {@link SIMILARITY_MEMO_LIMIT} texts' scores per checklist, and a bench whose texts repeat
 * would be flattered). Bounded: a checklist's memory is cleared once it holds that many texts.
 */
const similarityMemo = new WeakMap<readonly ChecklistItemDefinition[], Map<string, ItemSimilarity[]>>();
const SIMILARITY_MEMO_LIMIT = 50_000;

function similaritiesOf(text: string, items: readonly ChecklistItemDefinition[], remember: boolean): ItemSimilarity[] {
  if (!remember) return similarities(text, items);
  let memo = similarityMemo.get(items);
  if (!memo) {
    memo = new Map();
    similarityMemo.set(items, memo);
  }
  const known = memo.get(text);
  if (known) return known;
  if (memo.size >= SIMILARITY_MEMO_LIMIT) memo.clear();
  const found = similarities(text, items);
  memo.set(text, found);
  return found;
}

/** The rule links of a training report, remembered per checklist and claims array (a fit reads each many times). */
const ruleLinkMemo = new WeakMap<readonly ChecklistItemDefinition[], WeakMap<readonly MatchableClaim[], ProposedLink[]>>();

function ruleLinksOf(s: Pick<ClaimsWithGold, 'claims' | 'metrics'>, items: readonly ChecklistItemDefinition[]): ProposedLink[] {
  let memo = ruleLinkMemo.get(items);
  if (!memo) {
    memo = new WeakMap();
    ruleLinkMemo.set(items, memo);
  }
  const known = memo.get(s.claims);
  if (known) return known;
  const found = matchClaims(s.claims, s.metrics, items);
  memo.set(s.claims, found);
  return found;
}

/** A similarity candidate for one claim, before it becomes a link. */
export interface SimilarityCandidate {
  claimId: string;
  itemCode: string;
  probability: number;
  words: string[];
}

/**
 * Similarity candidates of every claim, best first per claim (claims of skipped sections have none).
 * With `threshold` (for {@link combine}, which drops every candidate under it), a claim whose
 * score ceiling ({@link similarityCeiling}) cannot reach the threshold gets none: the same links,
 * without segmenting that claim.
 */
function similarityCandidates(
  claims: readonly MatchableClaim[],
  items: readonly ChecklistItemDefinition[],
  calibration: Calibration,
  threshold?: number,
  remember = false,
): SimilarityCandidate[] {
  const out: SimilarityCandidate[] = [];
  for (const claim of claims) {
    if (SKIPPED_SECTION_KINDS.includes(claim.sectionKind)) continue;
    if (threshold !== undefined && !mayReach(claim.text, items, calibration, threshold)) continue;
    for (const s of similaritiesOf(claim.text, items, remember).slice(0, DEFAULT_MAX_LINKS_PER_CLAIM)) {
      out.push({
        claimId: claim.id,
        itemCode: s.itemCode,
        probability: Math.round(probability(calibration, s) * 100) / 100,
        words: s.words.slice(0, 6),
      });
    }
  }
  return out;
}

/**
 * Whether some item's candidate for the text could have a (rounded) probability of at least
 * `threshold`: the probability grows with the score, so the score ceiling, with the rank-1 term
 * when that adds, bounds it. A calibration whose probability does not grow with the score is
 * never pruned.
 */
function mayReach(text: string, items: readonly ChecklistItemDefinition[], calibration: Calibration, threshold: number): boolean {
  if (threshold >= 1) return false;
  if (!(calibration.slope > 0)) return true;
  // a margin for the order the ceiling's sum is taken in
  const ceiling = similarityCeiling(text, items) * (1 + 1e-9) + 1e-9;
  const p = probability(calibration, { score: ceiling, rank: calibration.top > 0 ? 1 : 2 });
  return Math.round(p * 100) / 100 >= threshold;
}

function similarityLink(c: SimilarityCandidate): ProposedLink {
  return {
    claimId: c.claimId,
    itemCode: c.itemCode,
    method: 'SIMILARITY',
    confidence: c.probability,
    rule: 'similarity',
    matched: c.words,
  };
}

/** Rule links with learnt term weights applied: a link whose words all weigh under the floor goes. */
export function weighRuleLinks(links: readonly ProposedLink[], weights: MatcherModel['termWeights']): ProposedLink[] {
  return links.filter((l) => {
    const own = weights[l.itemCode];
    if (!own) return true;
    return l.matched.some((w) => (own[w] ?? TERM_PRIOR.weight) >= TERM_WEIGHT_FLOOR);
  });
}

/**
 * THE combination of the two signals, per claim: every rule link is kept (rules are written
 * from the checklist and explain themselves); then similarity candidates for items no rule
 * linked, whose calibrated probability reaches the threshold (1 or more: none), best first,
 * while the claim has fewer than `cap` links. Output: claims in input order, rule links first.
 */
export function combine(
  rules: readonly ProposedLink[],
  candidates: readonly SimilarityCandidate[],
  threshold: number,
  cap = DEFAULT_MAX_LINKS_PER_CLAIM,
): ProposedLink[] {
  const byClaim = new Map<string, ProposedLink[]>();
  const order: string[] = [];
  const at = (id: string) => {
    let list = byClaim.get(id);
    if (!list) {
      list = [];
      byClaim.set(id, list);
      order.push(id);
    }
    return list;
  };
  for (const l of rules) at(l.claimId).push(l);
  for (const c of candidates) {
    if (threshold >= 1 || c.probability < threshold) continue;
    const list = at(c.claimId);
    if (list.length >= cap || list.some((l) => l.itemCode === c.itemCode)) continue;
    list.push(similarityLink(c));
  }
  return order.flatMap((id) => byClaim.get(id) ?? []);
}

/** The best similarity link of one claim at the threshold (none when the similarity is off). */
function contextSimilarity(
  items: readonly ChecklistItemDefinition[],
  calibration: Calibration,
  threshold: number,
): ((claim: MatchableClaim) => ProposedLink[]) | undefined {
  if (threshold >= 1) return undefined;
  return (claim) => combine([], similarityCandidates([claim], items, calibration, threshold), threshold, 1);
}

/**
 * The links of each signal for one report with a model. The rules and the combined signal
 * also give claims without links their context's rule links ({@link withContext}).
 */
export function proposeLinks(
  claims: readonly MatchableClaim[],
  metrics: readonly AnalysedMetric[],
  items: readonly ChecklistItemDefinition[],
  model: MatcherModel,
): SignalLinks {
  const weigh = (links: ProposedLink[]) => weighRuleLinks(links, model.termWeights);
  const rules = weigh(matchClaims(claims, metrics, items));
  // a threshold of 1 switches the similarity off: nothing to compute
  const candidates = Math.min(model.threshold, model.aloneThreshold) < 1 ? similarityCandidates(claims, items, model.calibration) : [];
  const similarity = combine([], candidates, model.aloneThreshold);
  // claims no signal linked inherit the rule links of their lead clause or heading, else the
  // similarity reads them with that context (context.ts)
  return {
    rules: withContext(claims, items, rules, weigh),
    similarity,
    combined: combinedLinks(claims, items, model, rules, candidates),
  };
}

/** The combined signal of {@link proposeLinks} from the weighed rule links and the similarity candidates. */
function combinedLinks(
  claims: readonly MatchableClaim[],
  items: readonly ChecklistItemDefinition[],
  model: MatcherModel,
  rules: readonly ProposedLink[],
  candidates: readonly SimilarityCandidate[],
): ProposedLink[] {
  const weigh = (links: ProposedLink[]) => weighRuleLinks(links, model.termWeights);
  return withContext(
    claims,
    items,
    combine(rules, candidates, model.threshold),
    weigh,
    contextSimilarity(items, model.calibration, model.threshold),
  );
}

/**
 * The combined links of {@link proposeLinks} alone (what ingest stores), without computing the
 * other signals: the same links, less work.
 */
export function proposeCombinedLinks(
  claims: readonly MatchableClaim[],
  metrics: readonly AnalysedMetric[],
  items: readonly ChecklistItemDefinition[],
  model: MatcherModel,
): ProposedLink[] {
  const rules = weighRuleLinks(matchClaims(claims, metrics, items), model.termWeights);
  // combine ignores every candidate when the threshold is 1 or more
  const candidates = model.threshold < 1 ? similarityCandidates(claims, items, model.calibration, model.threshold) : [];
  return combinedLinks(claims, items, model, rules, candidates);
}

/** A reviewer's decision on a link, as the matcher learns from it. */
export interface ReviewedLink {
  itemCode: string;
  /** the rule words of the link (`matched`), empty for a manual or similarity link */
  matched: string[];
  accepted: boolean;
}

/**
 * Term weights from review decisions: for each item and rule word, (accepted + prior × s) /
 * (reviewed + s) with the prior {@link TERM_PRIOR}. A word reviewers mostly rejected falls
 * under {@link TERM_WEIGHT_FLOOR} and stops proposing links on its own.
 */
export function estimateTermWeights(decisions: readonly ReviewedLink[]): MatcherModel['termWeights'] {
  const counts = new Map<string, Map<string, { acc: number; n: number }>>();
  for (const d of decisions) {
    for (const w of d.matched) {
      const item = counts.get(d.itemCode) ?? new Map<string, { acc: number; n: number }>();
      const c = item.get(w) ?? { acc: 0, n: 0 };
      c.n += 1;
      if (d.accepted) c.acc += 1;
      item.set(w, c);
      counts.set(d.itemCode, item);
    }
  }
  const out: MatcherModel['termWeights'] = {};
  for (const [code, words] of [...counts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    out[code] = {};
    for (const [w, c] of [...words.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      out[code][w] = Math.round(((c.acc + TERM_PRIOR.weight * TERM_PRIOR.strength) / (c.n + TERM_PRIOR.strength)) * 1000) / 1000;
    }
  }
  return out;
}

/** Claims whose true items are known (from gold labels, or from reviewers' decisions). */
export interface ClaimsWithGold {
  claims: MatchableClaim[];
  metrics: AnalysedMetric[];
  /** claim id → its true item codes; claims not in the map are not known and not scored */
  gold: Map<string, Set<string>>;
}

/** A labelled report as claims with gold (quotes mapped to claims). */
function claimsWithGold(r: LabelledReport): ClaimsWithGold {
  return { claims: r.claims, metrics: r.metrics, gold: goldByClaim(r.raw, r.claims, r.labels).gold };
}

/**
 * Known claims replayed as reviews: every rule link on a known claim is accepted when its
 * item is true and rejected otherwise.
 */
function goldAsReviews(items: readonly ChecklistItemDefinition[], sets: readonly ClaimsWithGold[]): ReviewedLink[] {
  return sets.flatMap((s) =>
    matchClaims(s.claims, s.metrics, items)
      .filter((l) => s.gold.has(l.claimId))
      .map((l) => ({ itemCode: l.itemCode, matched: l.matched, accepted: s.gold.get(l.claimId)?.has(l.itemCode) ?? false })),
  );
}

/** Micro claim × item counts of links against known claims (links on unknown claims are not scored). */
export function scoreAgainstGold(links: readonly ProposedLink[], gold: ReadonlyMap<string, ReadonlySet<string>>): Score {
  const predicted = new Map<string, Set<string>>();
  for (const l of links) {
    if (!gold.has(l.claimId)) continue;
    const set = predicted.get(l.claimId) ?? new Set<string>();
    set.add(l.itemCode);
    predicted.set(l.claimId, set);
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [claimId, truth] of gold) {
    const p = predicted.get(claimId) ?? new Set<string>();
    for (const code of p)
      if (truth.has(code)) tp += 1;
      else fp += 1;
    for (const code of truth) if (!p.has(code)) fn += 1;
  }
  return score(tp, fp, fn);
}

/**
 * Learns a model from known claims: the calibration from every known claim's top similarity
 * candidates, the thresholds that give the best F1 on those claims (combined, and similarity
 * alone), and — when `reviews` are given — the term weights from those decisions.
 */
export function fitModelOn(
  items: readonly ChecklistItemDefinition[],
  sets: readonly ClaimsWithGold[],
  reviews: readonly ReviewedLink[] | null = null,
  precisionFloor = PRECISION_FLOOR,
): MatcherModel {
  const examples: CalibrationExample[] = [];
  for (const s of sets) {
    for (const claim of s.claims) {
      const g = s.gold.get(claim.id);
      if (!g || SKIPPED_SECTION_KINDS.includes(claim.sectionKind)) continue;
      for (const sim of similaritiesOf(claim.text, items, true).slice(0, DEFAULT_MAX_LINKS_PER_CLAIM)) {
        examples.push({ score: sim.score, rank: sim.rank, positive: g.has(sim.itemCode) });
      }
    }
  }
  const calibration = calibrate(examples);
  const termWeights = reviews ? estimateTermWeights(reviews) : {};
  const weigh = (links: ProposedLink[]) => weighRuleLinks(links, termWeights);
  const prepared = sets.map((s) => ({
    claims: s.claims,
    gold: s.gold,
    rules: weigh(ruleLinksOf(s, items)),
    candidates: similarityCandidates(s.claims, items, calibration, undefined, true),
  }));
  // the threshold is fitted on the links the product proposes (context included), and only
  // among thresholds whose precision on the training claims reaches the floor
  const bestThreshold = (withRules: boolean): number => {
    let best = { threshold: 1, f1: -1 };
    for (const threshold of [...THRESHOLD_GRID, 1]) {
      const fitted = sumScores(
        prepared.map((p) => {
          const links = combine(withRules ? p.rules : [], p.candidates, threshold);
          const proposed = withRules ? withContext(p.claims, items, links, weigh, contextSimilarity(items, calibration, threshold)) : links;
          return scoreAgainstGold(proposed, p.gold);
        }),
      );
      if (threshold < 1 && (fitted.precision ?? 0) < precisionFloor) continue;
      if ((fitted.f1 ?? 0) > best.f1 + 1e-9) best = { threshold, f1: fitted.f1 ?? 0 };
    }
    return best.threshold;
  };
  return { calibration, threshold: bestThreshold(true), aloneThreshold: bestThreshold(false), termWeights };
}

/** {@link fitModelOn} for labelled reports; `fromReviews` replays their labels as reviews for the term weights. */
export function fitModel(
  items: readonly ChecklistItemDefinition[],
  training: readonly LabelledReport[],
  options: { fromReviews?: boolean } = {},
): MatcherModel {
  const sets = training.map(claimsWithGold);
  return fitModelOn(items, sets, options.fromReviews ? goldAsReviews(items, sets) : null);
}

/** The product's pipeline: model fitted on the labelled reports it is given. */
export const combinedPipeline: MatchPipeline<MatcherModel> = {
  fit: (items, training) => fitModel(items, training),
  run: (items, report, model) => proposeLinks(report.claims, report.metrics, items, model),
};

/** The same with term weights re-estimated from the training labels replayed as reviews. */
export const fromReviewsPipeline: MatchPipeline<MatcherModel> = {
  fit: (items, training) => fitModel(items, training, { fromReviews: true }),
  run: (items, report, model) => proposeLinks(report.claims, report.metrics, items, model),
};

/** The rule matcher alone: nothing is learnt; similarity proposes nothing. */
export const rulesOnlyPipeline: MatchPipeline<null> = {
  fit: () => null,
  run(items: readonly ChecklistItemDefinition[], report: LabelledReport): SignalLinks {
    const rules = matchClaims(report.claims, report.metrics, items);
    return { rules, similarity: [], combined: rules };
  },
};
