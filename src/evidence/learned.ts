import type { LearnedDecision } from '../checklist/types';

/**
 * A learned decision over the matcher's signals (stacking): for every claim and assessable item,
 * an L2-regularised logistic regression gives the probability that the claim evidences the
 * item from what the other signals say about the pair — the item's own rule link, a rule link
 * inherited from the claim's lead clause or heading (context.ts), another item's rule link on
 * the claim, the similarity's BM25 score and rank, the labelled examples' vote, rank and the
 * cosine of the nearest example labelled with the item, and — for a claim of several clauses —
 * what the classifier and the bigrams say about its clauses ({@link ClauseSignal}). Each feature is there twice: shared by
 * every item and for the item alone, so an item's own weight is a deviation from the shared one
 * that the penalty shrinks towards 0 when the item has few labels ("per item with shrinkage").
 * The claim's words are NOT features: with them the decision memorised the training sentences
 * and lost 3–4 points of cross-fitted F1 (docs/evaluation.md).
 *
 * Trained on labelled claims (every assessable item of every labelled claim is a row: positive
 * when the labels give the item) by Newton's method — exact, so deterministic and independent
 * of row order. The threshold is chosen by cross-fitting inside the training data: the training
 * reports are split into {@link INNER_FOLDS} folds, each fold's claims are scored by a model
 * trained on the others, and the threshold with the best F1 on those out-of-fold scores is
 * kept. Pure.
 */

/** What one claim's signals say, per item, before the learned decision. */
export interface ClaimSignals {
  claimId: string;
  /** items the rules linked from the claim's own words */
  rule: ReadonlySet<string>;
  /** items inherited from the claim's lead clause or heading by rule */
  context: ReadonlySet<string>;
  /** item → the similarity's BM25 score and rank (top items only; the score, not a calibrated probability, so the decision does not depend on the calibration) */
  similarity: ReadonlyMap<string, { score: number; rank: number }>;
  /** item → the examples' vote score and rank, and the cosine of the nearest example labelled with it (top items only) */
  examples: ReadonlyMap<string, { score: number; rank: number; nearest: number }>;
  /** item → the character-bigram similarity's BM25 score and rank (top items only; absent: not computed) */
  bigram?: ReadonlyMap<string, { score: number; rank: number }>;
  /** item → the text classifier's probability and rank (text-classifier.ts; top items only; absent: not computed) */
  classifier?: ReadonlyMap<string, { score: number; rank: number }>;
  /**
   * item → what the signals say about the claim's clauses (clauses.ts), for a claim of two or more
   * clauses only (absent otherwise): the best classifier probability of a clause, and whether the
   * item is a clause's best by the classifier, by the similarity and by the character bigrams
   */
  clauses?: ReadonlyMap<string, ClauseSignal>;
  /** item → the text classifier's probability and rank on the claim's nearest section heading (top items only; absent: no heading or not computed) */
  heading?: ReadonlyMap<string, { score: number; rank: number }>;
  /** item → the best text-classifier probability of the claim's neighbours in its section (the claims before and after; top items only) */
  neighbour?: ReadonlyMap<string, number>;
  /** 1 when the claim's text is a slogan ({@link isSlogan}; absent: not computed) */
  slogan?: number;
}

/**
 * Whether a claim's text is a slogan (docs/design.md "Slogans are not evidence": `[]` whatever item it names) by its shape
 * alone: after its lead marker (`一是`, `（一）`, `一、`, `1.` …) at most {@link SLOGAN_HAN} Han characters (the labellers'
 * own candidate length when sets 1–23 were re-read against that boundary), with no count, no named document or name in
 * quotes, and no generic verb of work done. The learned decision's `slogan` feature, shared and per item, on the items a
 * signal names: cross-fitted sets 1–23 F1 +0.68 on the corrected labels (docs/evaluation.md, matcher21).
 */
export function isSlogan(text: string): boolean {
  const marker = LEAD_MARKER.exec(text);
  const body = marker ? text.slice(marker[0].length) : text;
  return (body.match(HAN) ?? []).length <= SLOGAN_HAN && !COUNT.test(body) && !ACT.test(body) && !NAMED.test(body);
}

/** A lead marker: 一是, 第一，, （一）, (1), 一、, 1. / 1、 */
const LEAD_MARKER =
  /^\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、：:]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、．.]|\d+[、．.](?!\d))/u;
/** A count: a digit, or a Chinese numeral before a measure word. */
const COUNT = /\d|[一二三四五六七八九十百千万两]+(?:次|件|个|场|项|期|份|名|人|家|篇|条|部|批|起|轮|类)/u;
/** A named thing: a document in 《》 or a name in quotes. */
const NAMED = /[《“"「]/u;
/** Generic administrative verbs of work done (组织 not as the noun of 组织领导, 组织保障 …). */
const ACT =
  /开展|组织(?!领导|保障|体系|建设|机构)|召开|举办|举行|制定|印发|出台|修订|完成|办理|受理|审查|审议|成立|建立|调整|参加|培训|发布|聘请|编制/u;
/** A slogan has at most this many Han characters after its lead marker. */
const SLOGAN_HAN = 20;
const HAN = /\p{Script=Han}/gu;

/** What the signals say about one item on the clauses of a claim (see {@link ClaimSignals.clauses}). */
export interface ClauseSignal {
  /** the highest classifier probability of the item on a clause (0: among no clause's top items) */
  cls: number;
  /** 1 when the item is the classifier's best on some clause */
  cls1: number;
  /** 1 when the item is the character bigrams' best on some clause */
  bi1: number;
  /** where the clause that named the item best lies in the claim's text (exact offsets; not a feature) */
  start: number;
  end: number;
}

/** A learned decision model (the shape stored and shipped with a checklist version's examples). */
export type LearnedModel = LearnedDecision;

/** Training settings (defaults chosen by leave-one-report-out and cross-fitted figures, docs/evaluation.md). */
export interface LearnOptions {
  /** Newton iterations at most */
  iterations?: number;
  /** the L2 penalty (on the summed log-loss) */
  l2?: number;
  /**
   * a decision learnt before (the one a checklist version ships): the penalty pulls the weights
   * towards its weights instead of towards 0, with strength {@link LearnOptions.priorStrength},
   * so the claims given only adjust it (no claims: the prior itself), and its threshold is kept
   * (re-choosing it on reviewed claims cost precision on other districts' reports: docs/evaluation.md)
   */
  prior?: LearnedModel;
  /** the penalty towards the prior's weights */
  priorStrength?: number;
}

const DEFAULTS: Required<Omit<LearnOptions, 'prior'>> = {
  iterations: 12,
  priorStrength: 30,
  l2: 1,
};
/** Folds of the training reports for choosing the threshold. */
const INNER_FOLDS = 4;
/** Thresholds tried. */
const GRID: readonly number[] = Array.from({ length: 17 }, (_, i) => Math.round((0.1 + i * 0.05) * 100) / 100);

/**
 * Calls `visit` with the shared name and the value of each feature of one (claim, item) pair, in
 * their order; each is a feature twice, as `name` and as `item|name` ({@link pairFeatures}).
 */
function visitPairFeatures(s: ClaimSignals, item: string, visit: (name: string, v: number) => void): void {
  visit('bias', 1);
  const both = (name: string, v: number) => {
    if (v !== 0) visit(name, v);
  };
  both('rule', s.rule.has(item) ? 1 : 0);
  both('context', s.context.has(item) && !s.rule.has(item) ? 1 : 0);
  const sim = s.similarity.get(item);
  if (sim) {
    both('sim', Math.log1p(sim.score));
    both('sim1', sim.rank === 1 ? 1 : 0);
  }
  const ex = s.examples.get(item);
  if (ex) {
    both('ex', ex.score);
    both('ex1', ex.rank === 1 ? 1 : 0);
    both('exNear', ex.nearest);
  }
  if (s.rule.size > 0 && !s.rule.has(item)) visit('otherRule', 1);
  const bi = s.bigram?.get(item);
  if (bi) {
    both('bi', Math.log1p(bi.score));
    both('bi1', bi.rank === 1 ? 1 : 0);
  }
  const cls = s.classifier?.get(item);
  if (cls) {
    both('cls', cls.score);
    both('cls1', cls.rank === 1 ? 1 : 0);
  }
  const clause = s.clauses?.get(item);
  if (clause) {
    both('clsC', clause.cls);
    both('clsC1', clause.cls1);
    both('biC1', clause.bi1);
  }
  const head = s.heading?.get(item);
  if (head) {
    both('clsH', head.score);
    both('clsH1', head.rank === 1 ? 1 : 0);
  }
  both('clsN', s.neighbour?.get(item) ?? 0);
  // a slogan's shape speaks only where a signal names the item (an unnamed item's probability stays one per model)
  if (s.slogan && isNamed(s, item)) both('slogan', s.slogan);
}

/** Whether any signal names the item on the claim. */
function isNamed(signals: ClaimSignals, itemCode: string): boolean {
  return (
    signals.rule.has(itemCode) ||
    signals.context.has(itemCode) ||
    signals.similarity.has(itemCode) ||
    signals.examples.has(itemCode) ||
    signals.bigram?.has(itemCode) === true ||
    signals.classifier?.has(itemCode) === true ||
    signals.clauses?.has(itemCode) === true ||
    signals.heading?.has(itemCode) === true ||
    signals.neighbour?.has(itemCode) === true
  );
}

/** The feature names and values of one (claim, item) pair: each shared feature, then the item's own. */
export function pairFeatures(s: ClaimSignals, item: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  visitPairFeatures(s, item, (name, v) => out.push([name, v], [`${item}|${name}`, v]));
  return out;
}

/** One training claim: its signals, its true items and the training report (fold group) it comes from. */
export interface TrainingClaim {
  signals: ClaimSignals;
  gold: ReadonlySet<string>;
  group: number;
}

interface Row {
  at: Int32Array;
  value: Float64Array;
  y: number;
  claim: number;
  item: string;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS): minimises
 * Σ log-loss + l2/2 · |w|² exactly, so the result does not depend on the order of the rows.
 * The features are few (a handful per item), so the dense Hessian is small.
 */
function train(all: readonly Row[], dim: number, penalty: Float64Array, iterations: number, centre?: Float64Array): Float64Array {
  // identical rows (most pairs: an item no signal names) are counted once with their number
  const merged = new Map<string, { at: Int32Array; value: Float64Array; y: number; count: number }>();
  for (const r of all) {
    const key = `${r.y}|${r.at.join(',')}|${r.value.join(',')}`;
    const known = merged.get(key);
    if (known) known.count += 1;
    else merged.set(key, { at: r.at, value: r.value, y: r.y, count: 1 });
  }
  const rows = [...merged.values()];
  const w = centre ? Float64Array.from(centre) : new Float64Array(dim);
  for (let iter = 0; iter < iterations; iter += 1) {
    const grad = new Float64Array(dim);
    const hessian = new Float64Array(dim * dim);
    for (const row of rows) {
      let z = 0;
      for (let i = 0; i < row.at.length; i += 1) z += (w[row.at[i] as number] as number) * (row.value[i] as number);
      const p = sigmoid(z);
      const r = (p - row.y) * row.count;
      const curvature = p * (1 - p) * row.count;
      for (let i = 0; i < row.at.length; i += 1) {
        const a = row.at[i] as number;
        const va = row.value[i] as number;
        grad[a] = (grad[a] as number) + r * va;
        for (let j = 0; j < row.at.length; j += 1) {
          const at = a * dim + (row.at[j] as number);
          hessian[at] = (hessian[at] as number) + curvature * va * (row.value[j] as number);
        }
      }
    }
    for (let f = 0; f < dim; f += 1) {
      const l2 = penalty[f] as number;
      grad[f] = (grad[f] as number) + l2 * ((w[f] as number) - (centre ? (centre[f] as number) : 0));
      hessian[f * dim + f] = (hessian[f * dim + f] as number) + l2;
    }
    const step = solveCholesky(hessian, grad, dim);
    let largest = 0;
    for (let f = 0; f < dim; f += 1) {
      w[f] = (w[f] as number) - (step[f] as number);
      largest = Math.max(largest, Math.abs(step[f] as number));
    }
    if (largest < 1e-4) break;
  }
  return w;
}

/** Solves A x = b for a symmetric positive definite A (dense, row-major) by Cholesky. */
function solveCholesky(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = a[i * n + j] as number;
      for (let k = 0; k < j; k += 1) sum -= (l[i * n + k] as number) * (l[j * n + k] as number);
      l[i * n + j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / (l[j * n + j] as number);
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k += 1) sum -= (l[i * n + k] as number) * (y[k] as number);
    y[i] = sum / (l[i * n + i] as number);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = y[i] as number;
    for (let k = i + 1; k < n; k += 1) sum -= (l[k * n + i] as number) * (x[k] as number);
    x[i] = sum / (l[i * n + i] as number);
  }
  return x;
}

function predictRow(w: Float64Array, row: Row): number {
  let z = 0;
  for (let i = 0; i < row.at.length; i += 1) z += (w[row.at[i] as number] as number) * (row.value[i] as number);
  return sigmoid(z);
}

/** Links of scored pairs at a threshold: per claim the best {@link cap} at or above it. */
function decide<T extends { claim: number; item: string; p: number }>(scored: readonly T[], threshold: number, cap: number): T[] {
  const byClaim = new Map<number, T[]>();
  for (const s of scored) {
    if (s.p < threshold) continue;
    const list = byClaim.get(s.claim) ?? [];
    list.push(s);
    byClaim.set(s.claim, list);
  }
  const out: T[] = [];
  for (const list of byClaim.values()) out.push(...list.sort((a, b) => b.p - a.p).slice(0, cap));
  return out;
}

/**
 * Learns the decision from training claims of `items` (assessable item codes): the weights on
 * every claim, the threshold from out-of-fold scores (folds of training reports). `cap`: at
 * most that many links per claim.
 */
export function learnDecision(
  claims: readonly TrainingClaim[],
  items: readonly string[],
  cap: number,
  options: LearnOptions = {},
): LearnedModel {
  const o = { ...DEFAULTS, ...options };
  const ids = new Map<string, number>();
  // a prior's features are kept even where no claim given has them
  for (const name of Object.keys(o.prior?.weights ?? {})) ids.set(name, ids.size);
  const rows: Row[] = [];
  claims.forEach((c, claim) => {
    for (const item of items) {
      const f = pairFeatures(c.signals, item);
      const at = new Int32Array(f.length);
      const value = new Float64Array(f.length);
      f.forEach(([name, v], i) => {
        let id = ids.get(name);
        if (id === undefined) {
          id = ids.size;
          ids.set(name, id);
        }
        at[i] = id;
        value[i] = v;
      });
      rows.push({ at, value, y: c.gold.has(item) ? 1 : 0, claim, item });
    }
  });
  const dim = ids.size;
  const penalty = new Float64Array(dim);
  penalty.fill(o.prior ? o.priorStrength : o.l2);
  let centre: Float64Array | undefined;
  if (o.prior) {
    centre = new Float64Array(dim);
    for (const [name, id] of ids) centre[id] = o.prior.weights[name] ?? 0;
  }
  // the threshold: out-of-fold scores over folds of training reports (a prior's is kept)
  const groups = [...new Set(claims.map((c) => c.group))].sort((a, b) => a - b);
  const foldOf = new Map(groups.map((g, i) => [g, i % INNER_FOLDS]));
  const scored: { claim: number; item: string; p: number; y: number }[] = [];
  if (groups.length >= INNER_FOLDS && !o.prior) {
    for (let k = 0; k < INNER_FOLDS; k += 1) {
      const inFold = (r: Row) => foldOf.get((claims[r.claim] as TrainingClaim).group) === k;
      const w = train(
        rows.filter((r) => !inFold(r)),
        dim,
        penalty,
        o.iterations,
      );
      for (const r of rows) if (inFold(r)) scored.push({ claim: r.claim, item: r.item, p: predictRow(w, r), y: r.y });
    }
  }
  let threshold = o.prior ? o.prior.threshold : 0.5;
  if (scored.length > 0) {
    const positives = scored.reduce((n, s) => n + s.y, 0);
    let best = -1;
    for (const t of GRID) {
      const linked = decide(scored, t, cap);
      const tp = linked.reduce((n, s) => n + s.y, 0);
      const f1 = linked.length + positives === 0 ? 0 : (2 * tp) / (linked.length + positives);
      if (f1 > best + 1e-9) {
        best = f1;
        threshold = t;
      }
    }
  }
  const w = train(rows, dim, penalty, o.iterations, centre);
  const weights: Record<string, number> = {};
  for (const [name, id] of [...ids.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const v = Math.round((w[id] as number) * 1e4) / 1e4;
    if (v !== 0) weights[name] = v;
  }
  return { weights, threshold };
}

/** Per model and item: a feature's shared name → its weight and the item's own (absent: 0), read from the model once. */
const weightMemo = new WeakMap<LearnedModel, Map<string, Map<string, [number, number]>>>();

function itemWeights(model: LearnedModel, item: string): Map<string, [number, number]> {
  let byItem = weightMemo.get(model);
  if (!byItem) {
    byItem = new Map();
    weightMemo.set(model, byItem);
  }
  let weights = byItem.get(item);
  if (!weights) {
    weights = new Map();
    byItem.set(item, weights);
  }
  return weights;
}

/**
 * The probability the model gives a (claim, item) pair: Σ weight × value over {@link pairFeatures}
 * in their order (the weights looked up once per model, item and feature, no name built per pair).
 */
export function pairProbability(model: LearnedModel, signals: ClaimSignals, item: string): number {
  const weights = itemWeights(model, item);
  let z = 0;
  visitPairFeatures(signals, item, (name, v) => {
    let w = weights.get(name);
    if (!w) {
      w = [model.weights[name] ?? 0, model.weights[`${item}|${name}`] ?? 0];
      weights.set(name, w);
    }
    z += w[0] * v;
    z += w[1] * v;
  });
  return sigmoid(z);
}

/** The model's links for one claim: items at or above the threshold, best first, at most `cap`. */
export function decideClaim(
  model: LearnedModel,
  signals: ClaimSignals,
  items: readonly string[],
  cap: number,
): { itemCode: string; probability: number }[] {
  const out: { itemCode: string; probability: number }[] = [];
  for (const itemCode of items) {
    // an item no signal names has the same probability on every claim: computed once per model
    const probability = isNamed(signals, itemCode)
      ? pairProbability(model, signals, itemCode)
      : unnamedProbability(model, itemCode, signals.rule.size > 0);
    if (probability >= model.threshold) out.push({ itemCode, probability });
  }
  return out.sort((a, b) => b.probability - a.probability).slice(0, cap);
}

const unnamedMemo = new WeakMap<LearnedModel, Map<string, number>>();
const NO_SIGNAL: ClaimSignals = { claimId: '', rule: new Set(), context: new Set(), similarity: new Map(), examples: new Map() };
const OTHER_RULE: ClaimSignals = { ...NO_SIGNAL, rule: new Set(['\u0000']) };

/** {@link pairProbability} of an item no signal names on the claim (only whether another item's rule fired matters). */
function unnamedProbability(model: LearnedModel, item: string, otherRule: boolean): number {
  let memo = unnamedMemo.get(model);
  if (!memo) {
    memo = new Map();
    unnamedMemo.set(model, memo);
  }
  const key = `${otherRule ? 1 : 0}${item}`;
  let p = memo.get(key);
  if (p === undefined) {
    p = pairProbability(model, otherRule ? OTHER_RULE : NO_SIGNAL, item);
    memo.set(key, p);
  }
  return p;
}
