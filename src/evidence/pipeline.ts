import type { ChecklistDefinition, ChecklistExamples, ChecklistItemDefinition, LearnedDecision } from '../checklist/types';
import type { AnalysedMetric } from '../reading/types';
import { compareCodes, goldByClaim, score, sumScores, type Score } from './evaluate';
import type { LabelledReport, MatchPipeline, SignalLinks } from './evaluation-suite';
import { withContext } from './context';
import {
  DEFAULT_NEIGHBOURS,
  exampleReason,
  indexExamples,
  nearestVotes,
  voteProbability,
  type Example,
  type ExampleVote,
} from './examples';
import { DEFAULT_MAX_LINKS_PER_CLAIM, matchClaims, SKIPPED_SECTION_KINDS, type MatchableClaim } from './matcher';
import {
  calibrate,
  probability,
  similarities,
  bestSimilarity,
  topSimilarities,
  similarityWords,
  type Calibration,
  type CalibrationExample,
  type ItemSimilarity,
} from './similarity';
import type { ProposedLink } from './types';
import { bigramSimilarities } from './bigram';
import {
  decideClaim,
  isSlogan,
  learnDecision,
  type ClaimSignals,
  type ClauseSignal,
  type LearnedModel,
  type TrainingClaim,
} from './learned';
import { clauseReason, clausesOf, type Clause } from './clauses';
import { classifierOf, loadClassifier, storeClassifier, topItems, type TextClassifier } from './text-classifier';

/**
 * Rules, similarity and labelled examples together: what is learnt ({@link MatcherModel}), how
 * it is learnt from labelled claims ({@link fitModel}) and the ONE function that combines the
 * signals ({@link combine}). Pure.
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
  /** the labelled examples and how their votes are read (examples.ts), with the learned decision when fitted; absent: the signal is off */
  examples?: ExamplesModel;
  /**
   * learnt from one checklist version's reviewers ({@link learnFromReviewedClaims}), stored with
   * the version (matcher_weights): the reviewed claims as examples beside the version's shipped
   * ones, and the learned decision re-fitted on them; used only with the shipped examples
   * ({@link withExamplesOf}). `id` names what was learnt (the stored row).
   */
  reviewed?: ReviewedLearning & { id: number };
}

/** What reviewers' decisions teach the examples signal and the learned decision of one checklist version. */
export interface ReviewedLearning {
  /** the reviewed claims as labelled examples: their accepted items (none: a negative example) */
  examples: Example[];
  /** the learned decision re-fitted on the reviewed claims, anchored on the shipped one; absent: the shipped one */
  decision?: LearnedDecision;
}

/**
 * The examples signal of a model: the labelled sentences and how their votes become links
 * (the shape a checklist version carries them in, {@link ChecklistExamples}; `key` optional).
 */
type ExamplesModel = Omit<ChecklistExamples, 'key' | 'examples'> & { key?: string; examples: readonly Example[] };

/** A model that proposes no similarity link and leaves every rule as written. */
export const RULES_ONLY_MODEL: MatcherModel = {
  calibration: { intercept: -5, slope: 0, top: 0 },
  threshold: 1,
  aloneThreshold: 1,
  termWeights: {},
};

/**
 * The starting model of a checklist file: its `matching.similarity` calibration, or rules alone,
 * with the version's labelled examples when it carries them.
 */
export function modelOfDefinition(def: Pick<ChecklistDefinition, 'matching' | 'examples'>): MatcherModel {
  const sim = def.matching?.similarity;
  const base: MatcherModel = sim
    ? {
        calibration: { intercept: sim.intercept, slope: sim.slope, top: sim.top },
        threshold: sim.threshold,
        aloneThreshold: sim.threshold,
        termWeights: {},
      }
    : RULES_ONLY_MODEL;
  return withExamplesOf(base, def);
}

/**
 * A model with the labelled examples its checklist version carries (`definition.examples`),
 * unless it has examples of its own: the model stored per version (calibration, thresholds,
 * term weights) and the examples shipped with the version meet here.
 */
export function withExamplesOf(model: MatcherModel, def: Pick<ChecklistDefinition, 'examples'>): MatcherModel {
  if (model.examples || !def.examples) return model;
  return { ...model, examples: model.reviewed ? withReviewed(def.examples, model.reviewed) : def.examples };
}

/**
 * A version's shipped examples with what its reviewers taught (one object per shipped examples
 * and stored row, so the examples index is built once for them, as for the shipped ones).
 */
const reviewedMemo = new WeakMap<ChecklistExamples, Map<number, ChecklistExamples>>();
const REVIEWED_MEMO_LIMIT = 8;

function withReviewed(shipped: ChecklistExamples, reviewed: NonNullable<MatcherModel['reviewed']>): ChecklistExamples {
  let memo = reviewedMemo.get(shipped);
  if (!memo) {
    memo = new Map();
    reviewedMemo.set(shipped, memo);
  }
  let merged = memo.get(reviewed.id);
  if (!merged) {
    merged = {
      ...shipped,
      key: `${shipped.key}+reviews#${reviewed.id}`,
      examples: [...shipped.examples, ...reviewed.examples.map((e) => ({ ...e, items: [...e.items] }))],
      ...(reviewed.decision ? { decision: reviewed.decision } : {}),
    };
    if (memo.size >= REVIEWED_MEMO_LIMIT) memo.clear();
    memo.set(reviewed.id, merged);
  }
  return merged;
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
/** How much training precision the examples signal may cost (see {@link fitModelOn}). */
const EXAMPLES_PRECISION_COST = 0.01;
/** Thresholds tried when the similarity threshold is fitted. */
const THRESHOLD_GRID: readonly number[] = Array.from({ length: 17 }, (_, i) => Math.round((0.1 + i * 0.05) * 100) / 100);

/**
 * The first `top` of {@link similarities} (matching: {@link topSimilarities}, no other item listed);
 * the whole list remembered per checklist (per `items` array) and text, for FITTING only:
 * fitting a model scores the same training claims at every threshold and, in the evaluation, in
 * every fold. Matching a report never remembers (a server ingesting a national year would keep
 * up to {@link SIMILARITY_MEMO_LIMIT} texts' scores per checklist, and a bench whose texts repeat
 * would be flattered). Bounded: a checklist's memory is cleared once it holds that many texts.
 */
const similarityMemo = new WeakMap<readonly ChecklistItemDefinition[], Map<string, ItemSimilarity[]>>();
const SIMILARITY_MEMO_LIMIT = 50_000;

function similaritiesOf(text: string, items: readonly ChecklistItemDefinition[], remember: boolean, top: number): ItemSimilarity[] {
  if (!remember) return topSimilarities(text, items, top);
  let memo = similarityMemo.get(items);
  if (!memo) {
    memo = new Map();
    similarityMemo.set(items, memo);
  }
  const known = memo.get(text);
  if (known) return known.slice(0, top);
  if (memo.size >= SIMILARITY_MEMO_LIMIT) memo.clear();
  const found = similarities(text, items);
  memo.set(text, found);
  return found.slice(0, top);
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

/**
 * How many of a claim's best items each learnt signal (similarity, examples, character bigrams)
 * tells the learned decision about: 5, not the 3 links a claim may get, so an item a signal ranks
 * 4th or 5th still has its evidence weighed (cross-fitted F1 +0.4 with 5 instead of 3, 8 and 12
 * no better; docs/evaluation.md, matcher8).
 */
const SIGNAL_TOP = 5;
/** A candidate link of a learnt signal (similarity or examples) for one claim, before it becomes a link. */
export interface Candidate {
  claimId: string;
  itemCode: string;
  probability: number;
  /** `similarity` or `examples` */
  rule: 'similarity' | 'examples';
  /** similarity: the words shared with the item; examples: why, naming the nearest example */
  matched: string[];
  /** similarity: the BM25 score (for the learned decision) */
  score?: number;
}

/** One learnt signal's candidates and the probability a candidate needs to become a link (1 or more: none). */
export interface ScoredCandidates {
  candidates: readonly Candidate[];
  threshold: number;
}

/**
 * Similarity candidates of every claim, best first per claim (claims of skipped sections have none).
 * With `threshold` (for {@link combine}, which drops every candidate under it), a claim whose
 * best score ({@link bestSimilarity}) cannot reach the threshold gets none: the same links,
 * without listing and sorting every item's score for that claim.
 */
function similarityCandidates(
  claims: readonly MatchableClaim[],
  items: readonly ChecklistItemDefinition[],
  calibration: Calibration,
  threshold?: number,
  remember = false,
): Candidate[] {
  const out: Candidate[] = [];
  for (const claim of claims) {
    if (SKIPPED_SECTION_KINDS.includes(claim.sectionKind)) continue;
    if (threshold !== undefined && !mayReach(claim.text, items, calibration, threshold)) continue;
    for (const s of similaritiesOf(claim.text, items, remember, SIGNAL_TOP)) {
      out.push({
        claimId: claim.id,
        itemCode: s.itemCode,
        probability: Math.round(probability(calibration, s) * 100) / 100,
        rule: 'similarity',
        matched: s.words.slice(0, 6),
        score: s.score,
      });
    }
  }
  return out;
}

/** One claim's item votes from its nearest examples, before calibration. */
interface ClaimVotes {
  claimId: string;
  votes: ExampleVote[];
}

/**
 * The items each claim's nearest labelled examples vote for (examples.ts), best first, at most
 * {@link DEFAULT_MAX_LINKS_PER_CLAIM} per claim; claims of skipped sections have none.
 * `excludeSource`: the report being matched, whose own sentences are never its examples.
 * Items the checklist does not have are never proposed.
 */
function claimVotes(
  claims: readonly MatchableClaim[],
  items: readonly ChecklistItemDefinition[],
  model: Pick<ExamplesModel, 'examples' | 'neighbours'>,
  excludeSource?: string,
): ClaimVotes[] {
  const index = indexExamples(model.examples, similarityWords);
  const known = assessableCodes(items);
  const out: ClaimVotes[] = [];
  for (const claim of claims) {
    if (SKIPPED_SECTION_KINDS.includes(claim.sectionKind)) continue;
    const votes = nearestVotes(index, claim.text, model.neighbours, excludeSource)
      .filter((v) => known.has(v.itemCode))
      .slice(0, SIGNAL_TOP);
    if (votes.length > 0) out.push({ claimId: claim.id, votes });
  }
  return out;
}

/** Votes as candidates with the model's calibration; each names the nearest example that voted. */
function voteCandidates(votes: readonly ClaimVotes[], calibration: Calibration): Candidate[] {
  return votes.flatMap(({ claimId, votes: list }) =>
    list.map((v) => ({
      claimId,
      itemCode: v.itemCode,
      probability: Math.round(voteProbability(calibration, v) * 100) / 100,
      rule: 'examples' as const,
      matched: [exampleReason(v)],
    })),
  );
}

function exampleCandidates(
  claims: readonly MatchableClaim[],
  items: readonly ChecklistItemDefinition[],
  model: ExamplesModel,
  excludeSource?: string,
): Candidate[] {
  return voteCandidates(claimVotes(claims, items, model, excludeSource), model.calibration);
}

/**
 * The claims the examples are asked about when combined: those no rule linked. The examples
 * speak where the rules are silent — asking them about every claim gained 0.4 point of F1 more
 * (leave-one-out, 158 reports) for three times the work (docs/evaluation.md).
 */
function unlinkedClaims(claims: readonly MatchableClaim[], rules: readonly ProposedLink[]): MatchableClaim[] {
  const linked = new Set(rules.map((l) => l.claimId));
  return claims.filter((c) => !linked.has(c.id));
}

/** The candidates of claims no rule linked. */
function onUnlinked(candidates: readonly Candidate[], claims: readonly MatchableClaim[], rules: readonly ProposedLink[]): Candidate[] {
  const ids = new Set(unlinkedClaims(claims, rules).map((c) => c.id));
  return candidates.filter((c) => ids.has(c.claimId));
}

const codesMemo = new WeakMap<readonly ChecklistItemDefinition[], Set<string>>();

function assessableCodes(items: readonly ChecklistItemDefinition[]): Set<string> {
  let codes = codesMemo.get(items);
  if (!codes) {
    codes = new Set(items.filter((i) => i.assessable).map((i) => i.code));
    codesMemo.set(items, codes);
  }
  return codes;
}

/**
 * Whether some item's candidate for the text could have a (rounded) probability of at least
 * `threshold`: the probability grows with the score, so the best score, with the rank-1 term
 * when that adds, bounds it. A calibration whose probability does not grow with the score is
 * never pruned.
 */
function mayReach(text: string, items: readonly ChecklistItemDefinition[], calibration: Calibration, threshold: number): boolean {
  if (threshold >= 1) return false;
  if (!(calibration.slope > 0)) return true;
  // a margin, as when the bound was a ceiling summed in another order
  const ceiling = bestSimilarity(text, items) * (1 + 1e-9) + 1e-9;
  const p = probability(calibration, { score: ceiling, rank: calibration.top > 0 ? 1 : 2 });
  return Math.round(p * 100) / 100 >= threshold;
}

function candidateLink(c: Candidate): ProposedLink {
  return {
    claimId: c.claimId,
    itemCode: c.itemCode,
    method: 'SIMILARITY',
    confidence: c.probability,
    rule: c.rule,
    matched: c.matched,
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
 * THE combination of the signals when the model has no learned decision (with one,
 * {@link learnedLinks} decides instead, from the same signals), per claim: every rule link is kept (rules are written from
 * the checklist and explain themselves); then, signal by signal in the order given (the
 * product: labelled examples, then the similarity), the candidates for items not yet linked
 * whose calibrated probability reaches that signal's threshold (1 or more: none), best first
 * within a signal, while the claim has fewer than `cap` links. Output: claims in input order,
 * rule links first. Only proposes: whether a link of a plan or a shortcoming counts as
 * evidence is the assessment's decision, as for rule links.
 */
export function combine(
  rules: readonly ProposedLink[],
  signals: readonly ScoredCandidates[],
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
  for (const { candidates, threshold } of signals) {
    if (threshold >= 1) continue;
    for (const c of candidates) {
      if (c.probability < threshold) continue;
      const list = at(c.claimId);
      if (list.length >= cap || list.some((l) => l.itemCode === c.itemCode)) continue;
      list.push(candidateLink(c));
    }
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
  return (claim) => combine([], [{ candidates: similarityCandidates([claim], items, calibration, threshold), threshold }], 1);
}

/** The text classifier a claim's signals are read with, and the source (report) whose sentences it must not have seen. */
interface ClassifierUse {
  classifier: TextClassifier;
  source?: string;
}

function sigmoidOf(z: number): number {
  return Math.round((z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))) * 1e6) / 1e6;
}

/** Whether a learned decision reads the text classifier (it was fitted with it: it has a weight for it). */
function readsClassifier(decision: LearnedModel): boolean {
  return decision.weights.cls !== undefined;
}

/** The classifier of a model's examples when its decision reads it (learnt once per examples array). */
function classifierUse(
  ex: ExamplesModel | undefined,
  items: readonly ChecklistItemDefinition[],
  source: string | undefined,
): ClassifierUse | undefined {
  if (!ex?.decision || !readsClassifier(ex.decision)) return undefined;
  // the stored one (a checklist version's examples file), else learnt from the examples (a fitted model)
  const classifier = ex.classifier ? loadClassifier(ex.classifier) : classifierOf(ex.examples, [...assessableCodes(items)]);
  return { classifier, ...(source !== undefined ? { source } : {}) };
}

/** How many of a clause's best items by the classifier the decision is told about. */
const CLAUSE_TOP = 3;

/**
 * What the classifier and the character bigrams say about each clause of a claim
 * of two or more clauses (clauses.ts; undefined for a claim of one): per item its best clause
 * probability and whether it is a clause's best, so a sentence listing several works has each
 * work scored without the others' words. Features of the learned decision (learned.ts `clsC`,
 * `clsC1`, `biC1`): cross-fitted F1 +0.6 (docs/evaluation.md, matcher11; windows of two
 * neighbouring clauses as well read +0.9, but the seeds' fold lost 1.5: not landed). The similarity's
 * best on a clause (`simC1`, weight near 0) was dropped in matcher12 (cheaper; F1 see docs/evaluation.md).
 */
function clauseSignals(
  text: string,
  items: readonly ChecklistItemDefinition[],
  classifier: ClassifierUse | undefined,
): Map<string, ClauseSignal> | undefined {
  const parts = clausesOf(text);
  if (parts.length < 2) return undefined;
  const out = new Map<string, ClauseSignal>();
  // an item's clause is the first that names it, or the one the classifier gives it most on
  const at = (code: string, part: Clause): ClauseSignal => {
    let known = out.get(code);
    if (!known) {
      known = { cls: 0, cls1: 0, bi1: 0, start: part.start, end: part.end };
      out.set(code, known);
    }
    return known;
  };
  for (const part of parts) {
    if (classifier)
      for (const t of topItems(classifier.classifier, part.text, CLAUSE_TOP, classifier.source)) {
        const c = at(t.itemCode, part);
        const p = sigmoidOf(t.score);
        if (p > c.cls) {
          c.cls = p;
          c.start = part.start;
          c.end = part.end;
        }
        if (t.rank === 1) c.cls1 = 1;
      }
    const bi = bigramSimilarities(part.text, items, 1)[0];
    if (bi) at(bi.itemCode, part).bi1 = 1;
  }
  return out;
}

/**
 * What each signal says about each (non-skipped) claim, for the learned decision: own rule
 * links, rule links inherited from the context, the similarity's, the examples' and the
 * character bigrams' (bigram.ts) top {@link SIGNAL_TOP} items.
 */
function claimSignals(
  claims: readonly MatchableClaim[],
  ruleAndContext: readonly ProposedLink[],
  simCandidates: readonly Candidate[],
  votes: readonly ClaimVotes[],
  items: readonly ChecklistItemDefinition[],
  classifier?: ClassifierUse,
): Map<string, ClaimSignals> {
  const out = new Map<string, ClaimSignals>();
  // the classifier on each claim's nearest section heading (`clsH`, `clsH1`), once per heading text; and below, the
  // classifier's items of the claims before and after it in its section (`clsN`): a section's neighbouring sentences
  // often share its items. Features of the learned decision: cross-fitted F1 +0.67, recall +1.0 (docs/evaluation.md,
  // matcher12). Claims read back from storage get their headings again from the stored sections (matcher-input.store.ts)
  const byHeading = new Map<string, Map<string, { score: number; rank: number }>>();
  const headingSignal = (heading: string | undefined) => {
    if (!classifier || !heading) return undefined;
    let known = byHeading.get(heading);
    if (!known) {
      known = new Map(
        topItems(classifier.classifier, heading, SIGNAL_TOP, classifier.source).map((t) => [
          t.itemCode,
          { score: sigmoidOf(t.score), rank: t.rank },
        ]),
      );
      byHeading.set(heading, known);
    }
    return known;
  };
  for (const c of claims) {
    if (SKIPPED_SECTION_KINDS.includes(c.sectionKind)) continue;
    const clauses = clauseSignals(c.text, items, classifier);
    const heading = headingSignal(c.headings?.[0]);
    out.set(c.id, {
      ...(clauses ? { clauses } : {}),
      ...(heading ? { heading } : {}),
      ...(isSlogan(c.text) ? { slogan: 1 } : {}),
      claimId: c.id,
      rule: new Set<string>(),
      context: new Set<string>(),
      similarity: new Map(),
      examples: new Map(),
      bigram: new Map(bigramSimilarities(c.text, items, SIGNAL_TOP).map((b) => [b.itemCode, b])),
      ...(classifier
        ? {
            classifier: new Map(
              topItems(classifier.classifier, c.text, SIGNAL_TOP, classifier.source).map((t) => [
                t.itemCode,
                { score: sigmoidOf(t.score), rank: t.rank },
              ]),
            ),
          }
        : {}),
    });
  }
  // `clsN`: the neighbours' classifier items are already computed (no text read again)
  if (classifier)
    claims.forEach((c, i) => {
      const s = out.get(c.id);
      if (!s) return;
      const near = new Map<string, number>();
      for (const other of [claims[i - 1], claims[i + 1]]) {
        if (!other || other.sectionPath !== c.sectionPath) continue;
        for (const [code, v] of out.get(other.id)?.classifier ?? []) if (v.score > (near.get(code) ?? 0)) near.set(code, v.score);
      }
      if (near.size > 0) s.neighbour = near;
    });
  for (const l of ruleAndContext) {
    const s = out.get(l.claimId);
    if (!s) continue;
    (l.rule === 'lead' || l.rule === 'heading' ? (s.context as Set<string>) : (s.rule as Set<string>)).add(l.itemCode);
  }
  const rank = new Map<string, number>();
  for (const c of simCandidates) {
    const s = out.get(c.claimId);
    if (!s) continue;
    const r = (rank.get(c.claimId) ?? 0) + 1;
    rank.set(c.claimId, r);
    (s.similarity as Map<string, { score: number; rank: number }>).set(c.itemCode, { score: c.score ?? 0, rank: r });
  }
  for (const { claimId, votes: list } of votes) {
    const s = out.get(claimId);
    if (!s) continue;
    for (const v of list)
      (s.examples as Map<string, { score: number; rank: number; nearest: number }>).set(v.itemCode, {
        score: v.score,
        rank: v.rank,
        nearest: v.nearest.cosine,
      });
  }
  return out;
}

/**
 * The combination when the model carries a learned decision (learned.ts): per claim, the items
 * whose learned probability reaches the decision's threshold, best first, at most
 * {@link DEFAULT_MAX_LINKS_PER_CLAIM}. So a rule link (own words or context) the decision finds
 * unlikely for its item is dropped, and an item no rule names is linked when the similarity and
 * the examples together make it likely. A linked item a rule named keeps that rule link (method
 * `RULE`, its words); any other is a `learned` link (method `SIMILARITY`, the decision's
 * probability) whose `matched` says why: the nearest labelled example that voted, else the words
 * shared with the item. Only proposes, like every link.
 */
function learnedLinks(
  claims: readonly MatchableClaim[],
  items: readonly ChecklistItemDefinition[],
  learned: LearnedModel,
  signals: ReadonlyMap<string, ClaimSignals>,
  ruleAndContext: readonly ProposedLink[],
  simCandidates: readonly Candidate[],
  exCandidates: readonly Candidate[],
): ProposedLink[] {
  const codes = [...assessableCodes(items)];
  const key = (claimId: string, code: string) => `${claimId}\u0000${code}`;
  const rule = new Map<string, ProposedLink>();
  for (const l of ruleAndContext) if (!rule.has(key(l.claimId, l.itemCode))) rule.set(key(l.claimId, l.itemCode), l);
  const why = new Map<string, string[]>();
  for (const c of [...simCandidates, ...exCandidates]) why.set(key(c.claimId, c.itemCode), c.matched);
  const out: ProposedLink[] = [];
  for (const claim of claims) {
    const s = signals.get(claim.id);
    if (!s) continue;
    for (const d of decideClaim(learned, s, codes, DEFAULT_MAX_LINKS_PER_CLAIM)) {
      const k = key(claim.id, d.itemCode);
      const r = rule.get(k);
      out.push(
        r ?? {
          claimId: claim.id,
          itemCode: d.itemCode,
          method: 'SIMILARITY',
          confidence: Math.round(d.probability * 100) / 100,
          rule: 'learned',
          matched: why.get(k) ?? clauseReason(claim.text, s.clauses?.get(d.itemCode)),
        },
      );
    }
  }
  return out;
}

/** How a report is matched beyond its claims. */
export interface ProposeOptions {
  /** the report's own source: its sentences, if they are among the examples, are never its examples */
  excludeSource?: string;
}

/** {@link asMatchable}'s answer per claims array (so a report's claims keep one identity across a fit's memos). */
const matchableMemo = new WeakMap<readonly MatchableClaim[], readonly MatchableClaim[]>();

/**
 * The claims as the matcher reads them. A report in which the reading found no section heading — not even one run
 * inline (sections.ts reads `…报告如下:一、…(一)…` as headings) — has every claim in a section the matcher skips (all of
 * it read as the preamble), so nothing of it would be matched: two of the 575 labelled reports (pages with no numbered
 * heading at all). Then its preamble claims are read as its body (`ACHIEVEMENT`). Any other report's claims are given
 * back as they are (the same array). A shortcoming or plan is never positive evidence: the reading's sections say which
 * claims are (headings run inline included), their polarity follows from them.
 */
export function asMatchable<C extends MatchableClaim>(claims: readonly C[]): readonly C[] {
  if (claims.length === 0 || !claims.every((c) => SKIPPED_SECTION_KINDS.includes(c.sectionKind))) return claims;
  const known = matchableMemo.get(claims);
  if (known) return known as readonly C[];
  const body = claims.map((c) => (c.sectionKind === 'PREAMBLE' ? { ...c, sectionKind: 'ACHIEVEMENT' as const } : c));
  matchableMemo.set(claims, body);
  return body;
}

/** What {@link proposeLinks} computes before combining: every signal's links and candidates for the claims. */
function signalInputs(
  claims: readonly MatchableClaim[],
  metrics: readonly AnalysedMetric[],
  items: readonly ChecklistItemDefinition[],
  model: MatcherModel,
  options: ProposeOptions,
) {
  const weigh = (links: ProposedLink[]) => weighRuleLinks(links, model.termWeights);
  const rules = weigh(matchClaims(claims, metrics, items));
  // a threshold of 1 switches the similarity off: nothing to compute
  const candidates = Math.min(model.threshold, model.aloneThreshold) < 1 ? similarityCandidates(claims, items, model.calibration) : [];
  const ex = model.examples;
  const learned = ex?.decision;
  const votes =
    ex && (learned || Math.min(ex.threshold, ex.aloneThreshold) < 1) ? claimVotes(claims, items, ex, options.excludeSource) : [];
  const exCandidates = ex ? voteCandidates(votes, ex.calibration) : [];
  const simAll =
    learned && Math.min(model.threshold, model.aloneThreshold) >= 1 ? similarityCandidates(claims, items, model.calibration) : candidates;
  const ruleContext = withContext(claims, items, rules, weigh);
  return { weigh, rules, candidates, ex, learned, votes, exCandidates, simAll, ruleContext };
}

/**
 * Per claim, the items some signal names before any decision (own or inherited rule links, the
 * similarity's, the examples' and the bigrams' top {@link SIGNAL_TOP}): what the learned decision
 * is told about. For the error analysis (error-analysis.ts): a miss of an item no signal named is
 * not the decision's.
 */
export function namedItems(
  given: readonly MatchableClaim[],
  metrics: readonly AnalysedMetric[],
  items: readonly ChecklistItemDefinition[],
  model: MatcherModel,
  options: ProposeOptions = {},
): Map<string, Set<string>> {
  const claims = asMatchable(given);
  const { votes, simAll, ruleContext } = signalInputs(claims, metrics, items, model, options);
  const out = new Map<string, Set<string>>();
  for (const [id, s] of claimSignals(
    claims,
    ruleContext,
    simAll,
    votes,
    items,
    classifierUse(model.examples, items, options.excludeSource),
  )) {
    out.set(
      id,
      new Set([
        ...s.rule,
        ...s.context,
        ...s.similarity.keys(),
        ...s.examples.keys(),
        ...(s.bigram?.keys() ?? []),
        ...(s.classifier?.keys() ?? []),
      ]),
    );
  }
  return out;
}

/**
 * The links of each signal for one report with a model. The rules and the combined signal
 * also give claims without links their context's rule links ({@link withContext}).
 */
export function proposeLinks(
  given: readonly MatchableClaim[],
  metrics: readonly AnalysedMetric[],
  items: readonly ChecklistItemDefinition[],
  model: MatcherModel,
  options: ProposeOptions = {},
): SignalLinks {
  const claims = asMatchable(given);
  const { rules, candidates, ex, learned, votes, exCandidates, simAll, ruleContext } = signalInputs(claims, metrics, items, model, options);
  // claims no signal linked inherit the rule links of their lead clause or heading, else the
  // similarity reads them with that context (context.ts)
  return {
    rules: ruleContext,
    similarity: combine([], [{ candidates, threshold: model.aloneThreshold }]),
    examples: combine([], [{ candidates: exCandidates, threshold: ex?.aloneThreshold ?? 1 }]),
    combined: learned
      ? learnedLinks(
          claims,
          items,
          learned,
          claimSignals(claims, ruleContext, simAll, votes, items, classifierUse(ex, items, options.excludeSource)),
          ruleContext,
          simAll,
          exCandidates,
        )
      : combinedLinks(claims, items, model, rules, candidates, onUnlinked(exCandidates, claims, rules)),
  };
}

/**
 * The combined signal of {@link proposeLinks} from the weighed rule links and the learnt signals'
 * candidates (the examples' only for claims no rule linked).
 */
function combinedLinks(
  claims: readonly MatchableClaim[],
  items: readonly ChecklistItemDefinition[],
  model: MatcherModel,
  rules: readonly ProposedLink[],
  candidates: readonly Candidate[],
  exCandidates: readonly Candidate[],
): ProposedLink[] {
  const weigh = (links: ProposedLink[]) => weighRuleLinks(links, model.termWeights);
  return withContext(
    claims,
    items,
    combine(rules, [
      { candidates: exCandidates, threshold: model.examples?.threshold ?? 1 },
      { candidates, threshold: model.threshold },
    ]),
    weigh,
    contextSimilarity(items, model.calibration, model.threshold),
  );
}

/**
 * The combined links of {@link proposeLinks} alone (what ingest stores), without computing the
 * other signals: the same links, less work.
 */
export function proposeCombinedLinks(
  given: readonly MatchableClaim[],
  metrics: readonly AnalysedMetric[],
  items: readonly ChecklistItemDefinition[],
  model: MatcherModel,
  options: ProposeOptions = {},
): ProposedLink[] {
  const claims = asMatchable(given);
  // the learned decision reads every signal on every claim: the same links as proposeLinks
  if (model.examples?.decision) return proposeLinks(claims, metrics, items, model, options).combined;
  const rules = weighRuleLinks(matchClaims(claims, metrics, items), model.termWeights);
  // combine ignores every candidate when the threshold is 1 or more
  const candidates = model.threshold < 1 ? similarityCandidates(claims, items, model.calibration, model.threshold) : [];
  const ex = model.examples;
  // the examples are asked only about the claims no rule linked (the same links as proposeLinks)
  const exCandidates = ex && ex.threshold < 1 ? exampleCandidates(unlinkedClaims(claims, rules), items, ex, options.excludeSource) : [];
  return combinedLinks(claims, items, model, rules, candidates, exCandidates);
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
  claims: readonly MatchableClaim[];
  metrics: AnalysedMetric[];
  /** claim id → its true item codes; claims not in the map are not known and not scored */
  gold: Map<string, Set<string>>;
  /** where the claims come from (a report): the source of the examples made of them */
  source?: string;
}

/** A labelled report as claims with gold (quotes mapped to claims). */
function claimsWithGold(r: LabelledReport): ClaimsWithGold {
  return { claims: asMatchable(r.claims), metrics: r.metrics, gold: goldByClaim(r.raw, r.claims, r.labels).gold, source: sourceOf(r) };
}

/** The source of a labelled report's examples: its text itself (two reports are one source only if their texts are the same). */
export function sourceOf(r: Pick<LabelledReport, 'raw'>): string {
  return r.raw;
}

/** The labelled sentences of labelled reports as examples, each with its report as source ({@link sourceOf}). */
export function examplesOfReports(reports: readonly LabelledReport[]): Example[] {
  return examplesOf(reports.map(claimsWithGold));
}

/**
 * The labelled claims of known sets as examples (claims of skipped sections are none): a
 * claim's gold items, or none (a negative example).
 */
function examplesOf(sets: readonly ClaimsWithGold[]): Example[] {
  return sets.flatMap((s, i) =>
    asMatchable(s.claims).flatMap((c) => {
      const g = s.gold.get(c.id);
      if (!g || SKIPPED_SECTION_KINDS.includes(c.sectionKind)) return [];
      return [{ text: c.text, items: [...g].sort(compareCodes), source: s.source ?? `#${i}` }];
    }),
  );
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

/** What {@link fitModelOn} learns besides the similarity and the term weights. */
export interface FitOptions {
  /** learn the examples signal from the known claims (their sentences become the examples) */
  examples?: boolean;
  /** how many nearest examples vote (default {@link DEFAULT_NEIGHBOURS}) */
  neighbours?: number;
  precisionFloor?: number;
  /** learn the decision over all signals (learned.ts; needs `examples`) */
  learned?: boolean;
  /** with `learned`: the text classifier (text-classifier.ts) is one of its signals (default true) */
  classifier?: boolean;
}

/**
 * Learns a model from known claims: the calibration from every known claim's top similarity
 * candidates, the thresholds that give the best F1 on those claims (combined, and similarity
 * alone), and — when `reviews` are given — the term weights from those decisions. With
 * `examples`, the known claims become the examples; each known claim's votes are computed
 * WITHOUT the examples of its own source (its own report), the vote calibration is fitted on
 * them, and the examples threshold is fitted given the similarity's, then the similarity's
 * again given the examples'.
 */
export function fitModelOn(
  items: readonly ChecklistItemDefinition[],
  sets: readonly ClaimsWithGold[],
  reviews: readonly ReviewedLink[] | null = null,
  options: FitOptions = {},
): MatcherModel {
  const precisionFloor = options.precisionFloor ?? PRECISION_FLOOR;
  const calibrationExamples: CalibrationExample[] = [];
  for (const s of sets) {
    for (const claim of s.claims) {
      const g = s.gold.get(claim.id);
      if (!g || SKIPPED_SECTION_KINDS.includes(claim.sectionKind)) continue;
      for (const sim of similaritiesOf(claim.text, items, true, DEFAULT_MAX_LINKS_PER_CLAIM)) {
        calibrationExamples.push({ score: sim.score, rank: sim.rank, positive: g.has(sim.itemCode) });
      }
    }
  }
  const calibration = calibrate(calibrationExamples);
  const termWeights = reviews ? estimateTermWeights(reviews) : {};
  const weigh = (links: ProposedLink[]) => weighRuleLinks(links, termWeights);
  const examples = options.examples ? examplesOf(sets) : [];
  const neighbours = options.neighbours ?? DEFAULT_NEIGHBOURS;
  const votes = sets.map((s, i) => (examples.length > 0 ? claimVotes(s.claims, items, { examples, neighbours }, s.source ?? `#${i}`) : []));
  const voteCalibration = calibrate(
    sets.flatMap((s, i) =>
      (votes[i] ?? []).flatMap(({ claimId, votes: list }) => {
        const g = s.gold.get(claimId);
        return g ? list.map((v) => ({ score: v.score, rank: v.rank, positive: g.has(v.itemCode) })) : [];
      }),
    ),
  );
  const prepared = sets.map((s, i) => {
    const rules = weigh(ruleLinksOf(s, items));
    const exCandidates = voteCandidates(votes[i] ?? [], voteCalibration);
    return {
      claims: s.claims,
      gold: s.gold,
      rules,
      candidates: similarityCandidates(s.claims, items, calibration, undefined, true),
      exCandidates,
      // combined, the examples speak only for claims no rule linked (as the product asks them)
      exUnlinked: onUnlinked(exCandidates, s.claims, rules),
    };
  });
  // thresholds are fitted on the links the product proposes (context included), and only
  // among thresholds whose precision on the training claims reaches the floor
  const best = (scoreAt: (threshold: number) => Score, floor = precisionFloor): number => {
    let found = { threshold: 1, f1: -1 };
    for (const threshold of [...THRESHOLD_GRID, 1]) {
      const fitted = scoreAt(threshold);
      if (threshold < 1 && (fitted.precision ?? 0) < floor) continue;
      if ((fitted.f1 ?? 0) > found.f1 + 1e-9) found = { threshold, f1: fitted.f1 ?? 0 };
    }
    return found.threshold;
  };
  const combinedAt = (simThreshold: number, exThreshold: number): Score =>
    sumScores(
      prepared.map((p) => {
        const links = combine(p.rules, [
          { candidates: p.exUnlinked, threshold: exThreshold },
          { candidates: p.candidates, threshold: simThreshold },
        ]);
        return scoreAgainstGold(withContext(p.claims, items, links, weigh, contextSimilarity(items, calibration, simThreshold)), p.gold);
      }),
    );
  const aloneAt = (pick: 'candidates' | 'exCandidates') => (threshold: number) =>
    sumScores(prepared.map((p) => scoreAgainstGold(combine([], [{ candidates: p[pick], threshold }]), p.gold)));
  let threshold = best((t) => combinedAt(t, 1));
  const model: MatcherModel = { calibration, threshold, aloneThreshold: best(aloneAt('candidates')), termWeights };
  if (examples.length === 0) return model;
  // the examples may add recall but must keep precision: at most EXAMPLES_PRECISION_COST below
  // the training precision without them (the absolute floor would switch them off whenever
  // the rules alone are under it, as they are on varied real reports)
  const without = combinedAt(threshold, 1).precision ?? 0;
  const exThreshold = best((t) => combinedAt(threshold, t), Math.min(precisionFloor, without - EXAMPLES_PRECISION_COST));
  threshold = best((t) => combinedAt(t, exThreshold));
  const fitted: MatcherModel = {
    ...model,
    threshold,
    examples: { examples, neighbours, calibration: voteCalibration, threshold: exThreshold, aloneThreshold: best(aloneAt('exCandidates')) },
  };
  if (!options.learned) return fitted;
  // the learned decision: every labelled claim × assessable item is a training row; its votes
  // come from the examples of the OTHER training reports (as computed above)
  // the text classifier (text-classifier.ts), learnt from the same examples: a training claim is
  // scored by the fold model that never saw its report, as its votes come from the other reports
  const classifier = options.classifier === false ? undefined : classifierOf(examples, [...assessableCodes(items)]);
  const training: TrainingClaim[] = [];
  sets.forEach((s, i) => {
    const p = prepared[i];
    if (!p) return;
    const signals = claimSignals(
      s.claims,
      withContext(s.claims, items, p.rules, weigh),
      p.candidates,
      votes[i] ?? [],
      items,
      classifier ? { classifier, source: s.source ?? `#${i}` } : undefined,
    );
    for (const [claimId, sig] of signals) {
      const gold = s.gold.get(claimId);
      if (gold) training.push({ signals: sig, gold, group: i });
    }
  });
  const decision = learnDecision(training, [...assessableCodes(items)], DEFAULT_MAX_LINKS_PER_CLAIM);
  return { ...fitted, examples: { ...(fitted.examples as ExamplesModel), decision } };
}

/** The text classifier of a fitted model's examples as its examples file stores it (none when its decision does not read one). */
export function storedClassifierOf(items: readonly ChecklistItemDefinition[], model: MatcherModel): ChecklistExamples['classifier'] {
  const use = classifierUse(model.examples, items, undefined);
  return use ? storeClassifier(use.classifier) : undefined;
}

/** {@link fitModelOn} for labelled reports; `fromReviews` replays their labels as reviews for the term weights. */
export function fitModel(
  items: readonly ChecklistItemDefinition[],
  training: readonly LabelledReport[],
  options: { fromReviews?: boolean } & Omit<FitOptions, 'precisionFloor'> = {},
): MatcherModel {
  const sets = training.map(claimsWithGold);
  return fitModelOn(items, sets, options.fromReviews ? goldAsReviews(items, sets) : null, options);
}

/**
 * Learning from reviewers for the examples signal and the learned decision (issue 12, item 4):
 * the reviewed claims of one checklist version (`reviewed`, one entry per report, its `source`
 * naming the report) become examples beside the version's shipped ones, and training rows of
 * its learned decision — each claim's signals as the product reads them (rule links weighed
 * by the model's term weights, context, similarity, the votes of every example but its own
 * report's), its reviewed items the truth — re-fitted ANCHORED on the shipped decision
 * (learned.ts `prior`): no reviews give the shipped decision back, more reviews move it further.
 * Always from the shipped examples and decision (never from an earlier re-estimate), so applying
 * twice learns the same. `model`: the version's model with its shipped examples (and decision);
 * null without shipped examples (the signal is off for that version). Pure.
 */
export function learnFromReviewedClaims(
  items: readonly ChecklistItemDefinition[],
  model: MatcherModel,
  reviewed: readonly ClaimsWithGold[],
): ReviewedLearning | null {
  const ex = model.examples;
  if (!ex) return null;
  const sources = reviewed.map((s, i) => s.source ?? `review#${i}`);
  const examples = examplesOf(reviewed.map((s, i) => ({ ...s, source: sources[i] })));
  const prior = ex.decision;
  if (!prior) return { examples };
  const merged = { examples: [...ex.examples, ...examples], neighbours: ex.neighbours };
  const weigh = (links: ProposedLink[]) => weighRuleLinks(links, model.termWeights);
  const training: TrainingClaim[] = [];
  reviewed.forEach((s, i) => {
    const claims = asMatchable(s.claims);
    const rules = weigh(matchClaims(claims, s.metrics, items));
    const signals = claimSignals(
      claims,
      withContext(claims, items, rules, weigh),
      similarityCandidates(claims, items, model.calibration),
      claimVotes(claims, items, merged, sources[i]),
      items,
      // the version's classifier (never learnt from the reviewed claims: they are scored as a new report's)
      classifierUse(ex, items, sources[i]),
    );
    for (const [claimId, sig] of signals) {
      const gold = s.gold.get(claimId);
      if (gold) training.push({ signals: sig, gold, group: i });
    }
  });
  return { examples, decision: learnDecision(training, [...assessableCodes(items)], DEFAULT_MAX_LINKS_PER_CLAIM, { prior }) };
}

/** The matcher before the examples signal: rules, similarity and context, fitted on the labelled reports it is given. */
export const combinedPipeline: MatchPipeline<MatcherModel> = {
  fit: (items, training) => fitModel(items, training),
  run: (items, report, model) => proposeLinks(report.claims, report.metrics, items, model, { excludeSource: sourceOf(report) }),
};

/**
 * The product's pipeline: rules, similarity and the examples signal, whose examples are the
 * training reports' labelled sentences. A report's own sentences are never its examples: leave-one-out and the
 * cross-fitted folds do not train on it, and `run` excludes its source as well (the tuning
 * figure, where it is trained on).
 */
export function examplesPipeline(neighbours = DEFAULT_NEIGHBOURS): MatchPipeline<MatcherModel> {
  return {
    fit: (items, training) => fitModel(items, training, { examples: true, neighbours }),
    run: (items, report, model) => proposeLinks(report.claims, report.metrics, items, model, { excludeSource: sourceOf(report) }),
  };
}

/** The product's pipeline with the learned decision making the combined links (learned.ts). */
export function learnedPipeline(neighbours = DEFAULT_NEIGHBOURS, classifier = true): MatchPipeline<MatcherModel> {
  return {
    fit: (items, training) => fitModel(items, training, { examples: true, neighbours, learned: true, classifier }),
    run: (items, report, model) => proposeLinks(report.claims, report.metrics, items, model, { excludeSource: sourceOf(report) }),
  };
}

/** The product's pipeline with term weights re-estimated from the training labels replayed as reviews. */
export const fromReviewsPipeline: MatchPipeline<MatcherModel> = {
  fit: (items, training) => fitModel(items, training, { fromReviews: true, examples: true }),
  run: (items, report, model) => proposeLinks(report.claims, report.metrics, items, model, { excludeSource: sourceOf(report) }),
};

/** The rule matcher alone: nothing is learnt; similarity proposes nothing. */
export const rulesOnlyPipeline: MatchPipeline<null> = {
  fit: () => null,
  run(items: readonly ChecklistItemDefinition[], report: LabelledReport): SignalLinks {
    const rules = matchClaims(report.claims, report.metrics, items);
    return { rules, similarity: [], examples: [], combined: rules };
  },
};
