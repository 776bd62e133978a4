import { prepareMatchText } from './matcher';
import { vocabularySegmenter, type VocabularySegmenter } from './segment';
import { probability, type Calibration } from './similarity';

/**
 * The third signal beside the rules and the similarity: labelled examples. Sentences people
 * labelled with the items they evidence (a sentence labelled `[]` evidences none: a negative
 * example) are indexed once per example set (their words cut by jieba, {@link similarityWords});
 * a claim is compared with every example by TF-IDF cosine over its words, and its k nearest
 * examples vote for their items. A claim's words are the examples' words found in it
 * ({@link ExampleIndex.idsOf}): the cosine and the claim's norm are taken over the examples'
 * words only, so a claim word no example has changes nothing, and the claim needs no jieba. Pure and deterministic; the index is built once per
 * `examples` array.
 *
 * An item's score for a claim ({@link exampleVotes}) is the cosine-weighted share of the k
 * nearest examples labelled with it, shrunk towards 0 when the neighbours are not close:
 * Σ cos(j ∈ item) / (Σ cos(j) + {@link VOTE_SHRINK}). A calibration (the similarity's logistic
 * form, {@link probability}) turns it into the probability that the item is evidenced.
 * The link names the nearest example that voted for the item, so a reviewer can judge it.
 */

/** A labelled sentence: the items it evidences (none: a negative example) and where it comes from. */
export interface Example {
  text: string;
  items: readonly string[];
  /** the report it was labelled in: examples of the report being matched are never used for it */
  source: string;
}

/** Neighbours that vote for a claim's items. */
export const DEFAULT_NEIGHBOURS = 20;
/** Added to the neighbours' total weight: a vote of distant neighbours counts less. */
const VOTE_SHRINK = 0.5;
/** Examples sharing no word at least this rare with the claim are not neighbours (keeps queries cheap). */
const MAX_DOCUMENT_SHARE = 0.5;

export interface ExampleIndex {
  examples: readonly Example[];
  /** the examples' words (jieba's, {@link similarityWords}), without repeats: a word's number is its place here */
  words: readonly string[];
  /** word → its number */
  wordId: Map<string, number>;
  /** per word number, its IDF; NaN for a word in more than the maximum share of the examples (never a query word) */
  idf: Float64Array;
  /**
   * the inverted index, flat: the postings of word w are `postingAt/postingWeight[postingStart[w] …
   * postingStart[w + 1])` — the examples containing it, in example order, and the word's weight in
   * each example's unit vector
   */
  postingStart: Int32Array;
  postingAt: Int32Array;
  postingWeight: Float64Array;
  /** the numbers of a claim's words as the examples see them: the examples' words found in it ({@link vocabularySegmenter}) */
  idsOf: (text: string) => number[];
  /** per example, the number of its source */
  sourceOf: Int32Array;
  /**
   * the examples' item codes, numbered in order of first appearance; example e's items are
   * `itemCodes[itemOf[itemStart[e] … itemStart[e + 1])]`, in its order (a vote reads typed arrays, not the examples)
   */
  itemCodes: readonly string[];
  itemStart: Int32Array;
  itemOf: Int32Array;
  /** scratch of one vote: per item number, its place among the votes + 1 (0 between votes) */
  votePlace: Int32Array;
  sources: Map<string, number>;
  /** scratch space of one query, all 0 between queries (queries run one at a time: JavaScript is single-threaded here) */
  scratch: Float64Array;
  /** a query's k best so far, examples and cosines (scratch, as `scratch`; grown for a larger k) */
  bestAt: Int32Array;
  bestCosine: Float64Array;
  /** per word number, its count in the query being read (0 between queries) */
  counts: Int32Array;
  /** the query's distinct word numbers in order of first appearance, and their weights */
  distinct: Int32Array;
  queryWeight: Float64Array;
}

const indexCache = new WeakMap<readonly Example[], ExampleIndex>();

/** The index of an example set (built once per array): TF-IDF unit vectors, inverted. */
export function indexExamples(
  examples: readonly Example[],
  wordsOf: (text: string) => readonly string[],
  maxDocumentShare = MAX_DOCUMENT_SHARE,
): ExampleIndex {
  const cached = indexCache.get(examples);
  if (cached) return cached;
  const bags = examples.map((e) => {
    const tf = new Map<string, number>();
    for (const w of wordsOf(e.text)) tf.set(w, (tf.get(w) ?? 0) + 1);
    return tf;
  });
  const df = new Map<string, number>();
  for (const bag of bags) for (const w of bag.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = Math.max(1, examples.length);
  const idf = new Map<string, number>();
  for (const [w, d] of df) if (d / n <= maxDocumentShare) idf.set(w, Math.log(1 + n / d));
  // the words numbered as the claims' segmenter numbers them (the vocabulary in first-seen order)
  const segmenter = vocabularySegmenter(df.keys());
  const { words } = segmenter;
  const wordId = new Map(words.map((w, id) => [w, id]));
  const idfOf = new Float64Array(words.length).fill(Number.NaN);
  for (const [w, i] of idf) {
    const id = wordId.get(w);
    if (id !== undefined) idfOf[id] = i;
  }
  const lists: Array<{ at: number[]; weight: number[] }> = words.map(() => ({ at: [], weight: [] }));
  const sources = new Map<string, number>();
  const sourceOf = new Int32Array(examples.length);
  examples.forEach((example, at) => {
    const weights: Array<[string, number]> = [];
    for (const [w, tf] of bags[at] ?? new Map<string, number>()) {
      const i = idf.get(w);
      if (i !== undefined) weights.push([w, (1 + Math.log(tf)) * i]);
    }
    const norm = Math.sqrt(weights.reduce((sum, [, v]) => sum + v * v, 0)) || 1;
    for (const [w, v] of weights) {
      const list = lists[wordId.get(w) ?? -1];
      if (!list) continue; // '' : no text has it
      list.at.push(at);
      list.weight.push(v / norm);
    }
    let source = sources.get(example.source);
    if (source === undefined) {
      source = sources.size;
      sources.set(example.source, source);
    }
    sourceOf[at] = source;
  });
  const itemNumber = new Map<string, number>();
  const itemStart = new Int32Array(examples.length + 1);
  const itemOf: number[] = [];
  examples.forEach((example, at) => {
    for (const code of example.items) {
      let n = itemNumber.get(code);
      if (n === undefined) {
        n = itemNumber.size;
        itemNumber.set(code, n);
      }
      itemOf.push(n);
    }
    itemStart[at + 1] = itemOf.length;
  });
  const postingStart = new Int32Array(words.length + 1);
  lists.forEach((list, id) => (postingStart[id + 1] = (postingStart[id] as number) + list.at.length));
  const postingAt = new Int32Array(postingStart[words.length] as number);
  const postingWeight = new Float64Array(postingAt.length);
  lists.forEach((list, id) => {
    postingAt.set(list.at, postingStart[id]);
    postingWeight.set(list.weight, postingStart[id]);
  });
  const index: ExampleIndex = {
    examples,
    words,
    wordId,
    idf: idfOf,
    postingStart,
    postingAt,
    postingWeight,
    idsOf: idsReader(segmenter),
    sourceOf,
    sources,
    itemCodes: [...itemNumber.keys()],
    itemStart,
    itemOf: Int32Array.from(itemOf),
    votePlace: new Int32Array(itemNumber.size),
    scratch: new Float64Array(examples.length),
    bestAt: new Int32Array(DEFAULT_NEIGHBOURS),
    bestCosine: new Float64Array(DEFAULT_NEIGHBOURS),
    counts: new Int32Array(words.length),
    distinct: new Int32Array(words.length),
    queryWeight: new Float64Array(words.length),
  };
  indexCache.set(examples, index);
  return index;
}

/**
 * A claim's word numbers as the examples' segmenter reads them. Made here, not as a closure inside
 * {@link indexExamples}: V8 keeps one context for all the closures of a function, so a closure
 * made there would keep every variable any of them uses — the examples' word bags, the postings
 * lists before they are packed, the document frequencies — alive with the index: 13.7 MB of heap
 * in every thread that matches (pipeline18).
 */
function idsReader(segmenter: VocabularySegmenter): (text: string) => number[] {
  return (text) => segmenter.ids(prepareMatchText(text));
}

/** A neighbour of a claim: an example and its cosine similarity to the claim. */
export interface Neighbour {
  example: Example;
  cosine: number;
}

/**
 * The k examples nearest to a claim's words (cosine, best first; ties in example order),
 * never one of `excludeSource` (the report being matched). Words no example has are ignored.
 */
export function nearestExamples(index: ExampleIndex, words: readonly string[], k: number, excludeSource?: string): Neighbour[] {
  const ids: number[] = [];
  for (const w of words) {
    const id = index.wordId.get(w);
    if (id !== undefined) ids.push(id);
  }
  return nearestOfIds(index, ids, k, excludeSource);
}

/** {@link nearestExamples} of a claim's text: its words as the examples see them ({@link ExampleIndex.idsOf}). */
export function nearestExamplesOf(index: ExampleIndex, text: string, k: number, excludeSource?: string): Neighbour[] {
  return nearestOfIds(index, index.idsOf(text), k, excludeSource);
}

/**
 * The k nearest examples of a query given as word numbers. The query's TF-IDF vector (words in
 * order of first appearance, its norm summed in that order) and each example's cosine (summed
 * over the query's words in that order) are computed in typed arrays, without a map or a string.
 */
function nearestOfIds(index: ExampleIndex, ids: readonly number[], k: number, excludeSource?: string): Neighbour[] {
  const found = kNearest(index, ids, k, excludeSource);
  const { bestAt, bestCosine } = index;
  const out: Neighbour[] = [];
  for (let i = 0; i < found; i += 1) out.push({ example: index.examples[bestAt[i] as number] as Example, cosine: bestCosine[i] as number });
  return out;
}

/**
 * {@link nearestOfIds} in the index's scratch: the k nearest examples' numbers and cosines in
 * `bestAt` and `bestCosine` (best first), returns how many.
 */
function kNearest(index: ExampleIndex, ids: readonly number[], k: number, excludeSource?: string): number {
  const { idf, counts, distinct, queryWeight } = index;
  let size = 0;
  for (const id of ids) {
    if (Number.isNaN(idf[id] as number)) continue;
    const before = counts[id] as number;
    if (before === 0) distinct[size++] = id;
    counts[id] = before + 1;
  }
  let sum = 0;
  for (let i = 0; i < size; i += 1) {
    const id = distinct[i] as number;
    const v = (1 + Math.log(counts[id] as number)) * (idf[id] as number);
    counts[id] = 0;
    queryWeight[i] = v;
    sum += v * v;
  }
  if (size === 0 || k <= 0) return 0;
  const norm = Math.sqrt(sum) || 1;
  const excluded = excludeSource === undefined ? -1 : (index.sources.get(excludeSource) ?? -1);
  const { scratch: scores, postingStart, postingAt, postingWeight, sourceOf } = index;
  // every weight is positive: an example sharing a word with the claim scores above 0 from its first posting on;
  // the postings are in example order, so the examples reached lie in [first, last]
  let first = scores.length;
  let last = -1;
  // the word whose postings give the floor below (the heaviest of those in k examples or more)
  let floorWord = -1;
  let floorWordWeight = 0;
  for (let w = 0; w < size; w += 1) {
    const id = distinct[w] as number;
    const q = (queryWeight[w] as number) / norm;
    const start = postingStart[id] as number;
    const end = postingStart[id + 1] as number;
    if (start === end) continue;
    if (end - start >= k && q > floorWordWeight) {
      floorWord = id;
      floorWordWeight = q;
    }
    first = Math.min(first, postingAt[start] as number);
    last = Math.max(last, postingAt[end - 1] as number);
    // two postings at a time, both scores read before either is written (a word's postings are distinct examples):
    // the same sums, about a tenth less of the query's time than one at a time
    let i = start;
    for (; i + 1 < end; i += 2) {
      const a = postingAt[i] as number;
      const b = postingAt[i + 1] as number;
      const sumA = (scores[a] as number) + q * (postingWeight[i] as number);
      const sumB = (scores[b] as number) + q * (postingWeight[i + 1] as number);
      scores[a] = sumA;
      scores[b] = sumB;
    }
    if (i < end) {
      const a = postingAt[i] as number;
      scores[a] = (scores[a] as number) + q * (postingWeight[i] as number);
    }
  }
  // the k best, kept sorted by (cosine, best first; then example order) — read in example order, an example
  // tying the k-th best comes after it, so only a higher cosine enters: one comparison with a floor (0 until k are
  // found) for most examples, and no list of the examples reached (whose every test was a branch the processor
  // could not foresee); every score is reset for the next query
  if (index.bestAt.length < k) {
    index.bestAt = new Int32Array(k);
    index.bestCosine = new Float64Array(k);
  }
  const { bestAt, bestCosine } = index;
  // a floor none of the k nearest is under: the k-th best score among k or more distinct examples (one word's
  // postings), each not excluded — at least k examples score that much. Until k are found, only an example scoring at
  // least that enters (fewer of the scan's tests fail, fewer examples are put in and pushed out again); the k nearest,
  // ties included, are the same
  const lowest = floorWord < 0 ? 0 : kthBest(index, floorWord, k, excluded);
  let found = 0;
  let floor = 0;
  let at = first;
  if (lowest > 0) {
    for (; at <= last && found < k; at += 1) {
      while (at <= last && !((scores[at] as number) >= lowest)) at += 1;
      if (at > last) break;
      const cosine = scores[at] as number;
      if (sourceOf[at] === excluded) continue;
      placeBest(bestAt, bestCosine, found++, at, cosine);
    }
    if (found === k) floor = bestCosine[k - 1] as number;
  }
  for (; at <= last; at += 1) {
    // the next example above the floor, in a loop of its own (most examples are under it)
    while (at <= last && !((scores[at] as number) > floor)) at += 1;
    if (at > last) break;
    const cosine = scores[at] as number;
    if (sourceOf[at] === excluded) continue;
    placeBest(bestAt, bestCosine, found < k ? found++ : k - 1, at, cosine);
    if (found === k) floor = bestCosine[k - 1] as number;
  }
  if (first <= last) scores.fill(0, first, last + 1);
  return found;
}

/** Example `at` of score `cosine` put into the k best from place `from` up, past every lower score (an equal one stays before it). */
function placeBest(bestAt: Int32Array, bestCosine: Float64Array, from: number, at: number, cosine: number): void {
  let i = from;
  while (i > 0) {
    const prev = bestCosine[i - 1] as number;
    if (prev >= cosine) break;
    bestCosine[i] = prev;
    bestAt[i] = bestAt[i - 1] as number;
    i -= 1;
  }
  bestCosine[i] = cosine;
  bestAt[i] = at;
}

/**
 * The k-th best score (summed in `scratch`) among the examples of word `word`'s postings that are not of source
 * `excluded`, or 0 when fewer than k are; sorted in `bestCosine` and `bestAt`, which the query fills again after.
 */
function kthBest(index: ExampleIndex, word: number, k: number, excluded: number): number {
  const { scratch: scores, postingStart, postingAt, sourceOf, bestAt, bestCosine } = index;
  let n = 0;
  const end = postingStart[word + 1] as number;
  for (let p = postingStart[word] as number; p < end; p += 1) {
    const at = postingAt[p] as number;
    if (sourceOf[at] === excluded) continue;
    const score = scores[at] as number;
    if (n === k && !(score > (bestCosine[k - 1] as number))) continue;
    placeBest(bestAt, bestCosine, n < k ? n++ : k - 1, at, score);
  }
  return n === k ? (bestCosine[k - 1] as number) : 0;
}

/** One item's vote from a claim's nearest examples. */
export interface ExampleVote {
  itemCode: string;
  /** Σ cosine of the neighbours labelled with the item / (Σ cosine of all k + shrink), 0..1 */
  score: number;
  /** 1 for the claim's best-voted item, 2 for the next … */
  rank: number;
  /** the nearest neighbour labelled with the item */
  nearest: Neighbour;
}

/** The items a claim's nearest examples vote for, best first (ties by item code order of first vote). */
export function exampleVotes(neighbours: readonly Neighbour[]): ExampleVote[] {
  const total = neighbours.reduce((s, n) => s + n.cosine, 0) + VOTE_SHRINK;
  // the items in order of first vote (a claim's neighbours name a few: a list, not a map)
  const out: ExampleVote[] = [];
  for (const n of neighbours) {
    for (const code of n.example.items) {
      const v = out.find((o) => o.itemCode === code);
      if (v) v.score += n.cosine;
      else out.push({ itemCode: code, score: n.cosine, rank: 0, nearest: n });
    }
  }
  return ranked(out, total);
}

/**
 * {@link exampleVotes} of {@link nearestExamplesOf}: the same votes (the same sums in the same
 * order), read from the index's typed arrays — the neighbours' items by number, not from the
 * example objects — so a vote touches no example but the one each item names as its nearest.
 */
export function nearestVotes(index: ExampleIndex, text: string, k: number, excludeSource?: string): ExampleVote[] {
  const found = kNearest(index, index.idsOf(text), k, excludeSource);
  const { bestAt, bestCosine, itemStart, itemOf, itemCodes, votePlace } = index;
  let total = 0;
  for (let i = 0; i < found; i += 1) total += bestCosine[i] as number;
  total += VOTE_SHRINK;
  const out: ExampleVote[] = [];
  for (let i = 0; i < found; i += 1) {
    const at = bestAt[i] as number;
    const cosine = bestCosine[i] as number;
    let nearest: Neighbour | undefined;
    for (let j = itemStart[at] as number; j < (itemStart[at + 1] as number); j += 1) {
      const item = itemOf[j] as number;
      const place = votePlace[item] as number;
      if (place > 0) (out[place - 1] as ExampleVote).score += cosine;
      else {
        nearest ??= { example: index.examples[at] as Example, cosine };
        out.push({ itemCode: itemCodes[item] as string, score: cosine, rank: 0, nearest });
        votePlace[item] = out.length;
      }
    }
  }
  for (let i = 0; i < found; i += 1) {
    const at = bestAt[i] as number;
    for (let j = itemStart[at] as number; j < (itemStart[at + 1] as number); j += 1) votePlace[itemOf[j] as number] = 0;
  }
  return ranked(out, total);
}

/** Votes' sums as shares of the neighbours' total, best first (a stable sort: ties in order of first vote), ranked. */
function ranked(out: ExampleVote[], total: number): ExampleVote[] {
  for (const v of out) v.score /= total;
  out.sort((a, b) => b.score - a.score);
  out.forEach((v, i) => {
    v.rank = i + 1;
  });
  return out;
}

/** The calibrated probability of an item's vote (the similarity's logistic form over the vote score). */
export function voteProbability(c: Calibration, v: Pick<ExampleVote, 'score' | 'rank'>): number {
  return probability(c, v);
}

/** A short quote of an example for a link's reason: at most `max` characters, whitespace folded. */
function exampleQuote(text: string, max = 24): string {
  const flat = text.replace(/\s+/gu, '');
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max).join('')}…`;
}

const reasons = new WeakMap<Example, string>();

/** Why an examples link was proposed, in Chinese: the nearest example that voted for the item (once per example). */
export function exampleReason(v: Pick<ExampleVote, 'nearest'>): string {
  const { example } = v.nearest;
  let reason = reasons.get(example);
  if (reason === undefined) {
    reason = `与已标注例句相近：「${exampleQuote(example.text)}」`;
    reasons.set(example, reason);
  }
  return reason;
}
