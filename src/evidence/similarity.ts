import type { ChecklistItemDefinition } from '../checklist/types';
import { prepareMatchText } from './matcher';
import { segmentForSearch, vocabularySegmenter, type VocabularySegmenter } from './segment';
import { topPlaces } from './top-scores';

/**
 * The second signal beside the rules: lexical similarity between a claim and each item.
 *
 * An item's document is its title, text, keywords and together words, cut into words by
 * jieba's search mode (long words also give their parts: 执法记录仪 → 执法, 记录, 记录仪,
 * 执法记录仪); one-character words, numbers and punctuation are dropped. A claim is read for
 * the items' words only (a forward longest-match segmenter over that vocabulary, parts of a
 * long word included, {@link claimWordIds}): BM25 sums over the items' words, so a claim word
 * no item has could add nothing, and no claim needs jieba. A claim
 * is scored against every item with BM25 (k1 1.2, b 0.75) over the items as the documents:
 * a word many items share (法治, 建设) weighs little, so no report, labelled or not, shapes
 * the weights. (Tried on leave-one-report-out: the segmenter's general IDF table, and the
 * score divided by the claim's ceiling; both did worse.)
 * Calibration ({@link calibrate}) turns a claim's BM25 score for an item into the probability
 * that the item is evidenced, with a logistic fit on labelled claims. Pure and deterministic;
 * the item side is cached per checklist (per `items` array).
 */

const BM25_K1 = 1.2;
const BM25_B = 0.75;

interface ItemDoc {
  code: string;
  tf: Map<string, number>;
  length: number;
}

interface ItemIndex {
  docs: ItemDoc[];
  avgLength: number;
  /** word → number of item documents containing it */
  df: Map<string, number>;
  /** word → the documents containing it (in checklist order) with the word's BM25 part for each */
  postings: Map<string, Array<{ doc: number; part: number }>>;
  /** the items' words, for a claim ({@link claimWordIds}) */
  segmenter: VocabularySegmenter;
  /**
   * per word of the segmenter, its postings flat: `postingDoc/postingPart[postingStart[id] … postingStart[id + 1])`,
   * the documents containing it (in checklist order) and the word's BM25 part for each
   */
  postingStart: Int32Array;
  postingDoc: Int32Array;
  postingPart: Float64Array;
  last?: { text: string; ids: number[] };
  /** scratch of one text's scores ({@link scoreText}): per document its BM25 score */
  scores: Float64Array;
  /** scratch: per word of the segmenter, the text that last read it (a text's distinct words are read once) */
  stamp: Int32Array;
  query: number;
}

const indexCache = new WeakMap<readonly ChecklistItemDefinition[], ItemIndex>();

/** The words of a text as the similarity sees them, cut by jieba: what the items' and the examples' words are. */
export function similarityWords(text: string): string[] {
  return segmentForSearch(prepareMatchText(text)).filter((w) => [...w].length >= 2 && /\p{Script=Han}/u.test(w));
}

/**
 * A claim's words as the similarity sees them, without jieba: BM25 sums over the words of the
 * items' documents only, so a claim is read with a segmenter that knows just those words
 * ({@link vocabularySegmenter}, built once per checklist). A claim word outside that vocabulary
 * changes no score; what can differ from jieba is where words overlap (jieba knows its whole
 * dictionary, this segmenter only the items' words). The numbers are the words' places in
 * {@link ItemIndex.segmenter}. The last text's are kept: a claim's best score is asked for
 * before its similarities.
 */
function claimWordIds(index: ItemIndex, text: string): number[] {
  if (index.last?.text !== text) index.last = { text, ids: index.segmenter.ids(prepareMatchText(text)) };
  return index.last.ids;
}

/**
 * An item's own words, what the similarity signals (this BM25 over jieba words and bigram.ts's over
 * character pairs) index an item by: its title, text, rule words and `together` groups — the
 * checklist's wording, never a report's.
 */
export function itemOwnText(i: ChecklistItemDefinition): string {
  return [i.title, i.text, ...i.match.keywords, ...i.match.together.flat()].join('\n');
}

function indexOf(items: readonly ChecklistItemDefinition[]): ItemIndex {
  const cached = indexCache.get(items);
  if (cached) return cached;
  const docs = items
    .filter((i) => i.assessable)
    .map((i) => {
      const words = similarityWords(itemOwnText(i));
      const tf = new Map<string, number>();
      for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
      return { code: i.code, tf, length: words.length };
    });
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d.tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const index: ItemIndex = {
    docs,
    avgLength: docs.reduce((n, d) => n + d.length, 0) / Math.max(1, docs.length),
    df,
    postings: new Map(),
    segmenter: vocabularySegmenter([]),
    postingStart: new Int32Array(1),
    postingDoc: new Int32Array(0),
    postingPart: new Float64Array(0),
    scores: new Float64Array(docs.length),
    stamp: new Int32Array(0),
    query: 0,
  };
  // a word's part of a document's score depends on the word and the document only: computed once
  docs.forEach((doc, at) => {
    for (const [w, tf] of doc.tf) {
      const part = (wordIdf(index, w) * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * doc.length) / index.avgLength));
      const list = index.postings.get(w) ?? [];
      list.push({ doc: at, part });
      index.postings.set(w, list);
    }
  });
  index.segmenter = vocabularySegmenter(index.postings.keys());
  const { words } = index.segmenter;
  const lists = words.map((w) => index.postings.get(w) ?? []);
  index.postingStart = new Int32Array(words.length + 1);
  lists.forEach((list, id) => (index.postingStart[id + 1] = (index.postingStart[id] as number) + list.length));
  index.postingDoc = Int32Array.from(lists.flat(), (p) => p.doc);
  index.postingPart = Float64Array.from(lists.flat(), (p) => p.part);
  index.stamp = new Int32Array(words.length);
  indexCache.set(items, index);
  return index;
}

/** A new number for a text's reading of {@link ItemIndex.stamp}. */
function nextQuery(index: ItemIndex): number {
  if (index.query === 0x7fffffff) {
    index.stamp.fill(0);
    index.query = 0;
  }
  index.query += 1;
  return index.query;
}

/**
 * The text's BM25 score of every item document, in the index's `scores` (scratch, valid until the
 * next text): per document, the parts of the text's distinct words it contains, summed from 0 in
 * the order the words first appear — the one order every score here is taken in.
 */
function scoreText(index: ItemIndex, text: string): Float64Array {
  const { scores, stamp, postingStart, postingDoc, postingPart } = index;
  scores.fill(0);
  const query = nextQuery(index);
  for (const id of claimWordIds(index, text)) {
    if (stamp[id] === query) continue;
    stamp[id] = query;
    const end = postingStart[id + 1] as number;
    for (let p = postingStart[id] as number; p < end; p += 1) {
      const doc = postingDoc[p] as number;
      scores[doc] = (scores[doc] as number) + (postingPart[p] as number);
    }
  }
  return scores;
}

/**
 * The best item's BM25 score for the text (0: none), as {@link similarities} sums it, without
 * listing the items: lets the matcher skip the claims no item can be similar enough to.
 */
export function bestSimilarity(text: string, items: readonly ChecklistItemDefinition[]): number {
  let max = 0;
  for (const score of scoreText(indexOf(items), text)) if (score > max) max = score;
  return max;
}

/**
 * The text's best item by BM25 and its score, as {@link similarities}' first (the earliest of
 * equal scores, in checklist order); none when no item scores above 0. Lists no other item.
 */
export function bestSimilarItem(text: string, items: readonly ChecklistItemDefinition[]): { itemCode: string; score: number } | undefined {
  const index = indexOf(items);
  const scores = scoreText(index, text);
  const [best] = topPlaces(scores, 1, 0);
  return best === undefined ? undefined : { itemCode: (index.docs[best] as ItemDoc).code, score: scores[best] as number };
}

/** BM25's IDF of a word over the items as documents: a word many items use tells little. */
function wordIdf(index: ItemIndex, w: string): number {
  const df = index.df.get(w) ?? 0;
  return Math.log(1 + (index.docs.length - df + 0.5) / (df + 0.5));
}

/** One item's similarity to one claim: BM25 score and the words that matched, best first. */
export interface ItemSimilarity {
  itemCode: string;
  score: number;
  /** 1 for the claim's best-scoring item, 2 for the next … */
  rank: number;
  words: string[];
}

/**
 * Every item with a positive BM25 score for the text, best first (ties in checklist order);
 * the text's words are the items' words found in it ({@link claimWordIds}).
 */
export function similarities(text: string, items: readonly ChecklistItemDefinition[]): ItemSimilarity[] {
  return topSimilarities(text, items, Number.POSITIVE_INFINITY);
}

/**
 * The first `top` of {@link similarities} (the same scores, order, ranks and words), without
 * listing or sorting the other items: the documents are ranked by score, then checklist order,
 * and only the chosen ones' words are gathered.
 */
export function topSimilarities(text: string, items: readonly ChecklistItemDefinition[], top: number): ItemSimilarity[] {
  const index = indexOf(items);
  const scores = scoreText(index, text);
  const chosen = topPlaces(scores, top, 0);
  if (chosen.length === 0) return [];
  // per chosen document, the parts of the query words it contains, in query order, then sorted by part (stable)
  const parts = new Map<number, Array<[string, number]>>(chosen.map((d) => [d, []]));
  const { stamp } = index;
  const query = nextQuery(index);
  for (const id of claimWordIds(index, text)) {
    if (stamp[id] === query) continue;
    stamp[id] = query;
    const w = index.segmenter.words[id] ?? '';
    const end = index.postingStart[id + 1] as number;
    for (let p = index.postingStart[id] as number; p < end; p += 1)
      parts.get(index.postingDoc[p] as number)?.push([w, index.postingPart[p] as number]);
  }
  return chosen.map((d, i) => {
    const contributions = (parts.get(d) ?? []).sort((a, b) => b[1] - a[1]);
    return { itemCode: (index.docs[d] as ItemDoc).code, score: scores[d] as number, rank: i + 1, words: contributions.map(([w]) => w) };
  });
}

/** Logistic calibration: p = σ(intercept + slope · score + top · [rank = 1]). */
export interface Calibration {
  intercept: number;
  slope: number;
  top: number;
}

/** Calibrated probability that the item is evidenced by the claim. */
export function probability(c: Calibration, s: Pick<ItemSimilarity, 'score' | 'rank'>): number {
  return 1 / (1 + Math.exp(-(c.intercept + c.slope * s.score + c.top * (s.rank === 1 ? 1 : 0))));
}

/** A labelled example for calibration: one claim × item similarity and whether the item is gold. */
type Vec3 = [number, number, number];
type Mat3 = [Vec3, Vec3, Vec3];
type Row4 = [number, number, number, number];
const AXES = [0, 1, 2] as const;
const COLUMNS = [0, 1, 2, 3] as const;

export interface CalibrationExample {
  score: number;
  rank: number;
  positive: boolean;
}

/**
 * Fits the calibration by logistic regression (Newton's method, a small ridge penalty so that
 * separable data still gives finite weights). Deterministic. With no examples, or only one
 * class, returns a calibration that never reaches 0.5.
 */
export function calibrate(examples: readonly CalibrationExample[], ridge = 0.01): Calibration {
  const positives = examples.filter((e) => e.positive).length;
  if (positives === 0 || positives === examples.length) return { intercept: -5, slope: 0, top: 0 };
  let w: Vec3 = [0, 0, 0];
  const x = examples.map((e): Vec3 => [1, e.score, e.rank === 1 ? 1 : 0]);
  const y = examples.map((e) => (e.positive ? 1 : 0));
  for (let iter = 0; iter < 50; iter += 1) {
    const g: Vec3 = [0, 0, 0];
    const h: Mat3 = [
      [ridge, 0, 0],
      [0, ridge, 0],
      [0, 0, ridge],
    ];
    for (const [i, xi] of x.entries()) {
      const yi = y[i] ?? 0;
      const p = 1 / (1 + Math.exp(-(w[0] * xi[0] + w[1] * xi[1] + w[2] * xi[2])));
      for (const a of AXES) {
        g[a] += (p - yi) * xi[a];
        for (const b of AXES) h[a][b] += p * (1 - p) * xi[a] * xi[b];
      }
    }
    for (const a of AXES) g[a] += ridge * w[a];
    const step = solve3(h, g);
    w = [w[0] - step[0], w[1] - step[1], w[2] - step[2]];
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  const round = (v: number) => Math.round(v * 10000) / 10000;
  return { intercept: round(w[0]), slope: round(w[1]), top: round(w[2]) };
}

/** Solves a 3 × 3 linear system (Gaussian elimination with partial pivoting). */
function solve3(a: Mat3, b: Vec3): Vec3 {
  const m: [Row4, Row4, Row4] = [
    [...a[0], b[0]],
    [...a[1], b[1]],
    [...a[2], b[2]],
  ];
  for (const c of AXES) {
    let p: (typeof AXES)[number] = c;
    for (const r of AXES) if (r > c && Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    if (Math.abs(m[c][c]) < 1e-12) return [0, 0, 0];
    for (const r of AXES) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (const k of COLUMNS) if (k >= c) m[r][k] -= f * m[c][k];
    }
  }
  return [m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]];
}
