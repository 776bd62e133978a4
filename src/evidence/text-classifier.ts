import type { StoredClassifier } from '../checklist/types';
import type { Example } from './examples';
import { prepareMatchText } from './matcher';

/**
 * A discriminative text classifier learnt from the labelled sentences themselves (the examples):
 * one-vs-rest logistic regression per item over the Han-character 1-, 2- and 3-grams of the
 * sentence (present or not, scaled to unit length), L2-regularised, fitted by AdaGrad in a fixed,
 * seeded order (deterministic). Where the examples' nearest-neighbour vote asks "which labelled
 * sentences look like this one", the classifier learns which character sequences tell one item
 * from its neighbours and from sentences that evidence nothing — the learned decision's misses were
 * mostly items a signal proposed but did not separate from its siblings (docs/evaluation.md,
 * matcher9). It is one more signal of the learned decision (learned.ts `cls`), never a link by itself.
 *
 * Nothing is stored: it is re-learnt from an examples array (the shipped `seeds/examples.json`, or
 * those with a checklist version's reviewed claims) once per array and item list
 * ({@link classifierOf}), like the examples' index. It is cross-fitted: the examples' reports
 * (sources) are dealt into {@link FOLDS} folds and one model is learnt without each fold. A sentence
 * of a known source is scored by the model that never saw its report (so the learned decision's
 * training rows see the scores a new report would get, and a report's own sentences never speak
 * for it); any other sentence by the mean of the fold models. Pure.
 */

/** Folds of the examples' reports; also the number of models averaged for a new text. */
const FOLDS = 4;
/** Passes over the examples. */
const EPOCHS = 8;
/** AdaGrad's step. */
const STEP = 0.4;
/** L2 penalty per example seen. */
const L2 = 1e-4;
/** An item whose loss gradient on a row is smaller than this is not updated for that row. */
const MIN_GRADIENT = 1e-3;
/** A gram is a feature when at least this many examples contain it. */
const MIN_EXAMPLES = 2;

/** One fitted one-vs-rest model: per feature, the items' weights side by side; per item, its bias. */
interface Model {
  weights: Float32Array;
  bias: Float64Array;
}

export interface TextClassifier {
  items: readonly string[];
  /** gram ({@link gramsOf}) → feature number */
  features: Map<number, number>;
  /** source → the fold its examples are in (the model of that fold never saw them) */
  foldOf: Map<string, number>;
  folds: Model[];
  /** the fold models' mean: for texts of no known source */
  mean: Model;
  /** scratch space of one text's features (texts are scored one at a time) */
  seen: Uint8Array;
  /** {@link features} as an open-addressing hash table, built on first use ({@link gramTable}) */
  table?: GramTable;
}

/**
 * Gram → feature number in typed arrays: slot s holds a gram in `keys[s]` (0: empty; no gram is
 * 0) and its feature in `values[s]`; a gram's first slot is its Fibonacci hash, then the next
 * slots in turn. A lookup costs no map and no allocation.
 */
interface GramTable {
  keys: Int32Array;
  values: Int32Array;
  /** 32 − log2(slots) */
  shift: number;
  /** the features of the text being read, in order of first appearance */
  found: Int32Array;
}

function gramTable(classifier: Pick<TextClassifier, 'features' | 'table'>): GramTable {
  if (classifier.table) return classifier.table;
  let bits = 4;
  while (1 << bits < classifier.features.size * 2) bits += 1;
  const slots = 1 << bits;
  const keys = new Int32Array(slots);
  const values = new Int32Array(slots);
  const shift = 32 - bits;
  for (const [g, f] of classifier.features) {
    let s = Math.imul(g, 0x9e3779b1) >>> shift;
    while (keys[s] !== 0) s = (s + 1) & (slots - 1);
    keys[s] = g;
    values[s] = f;
  }
  const table = { keys, values, shift, found: new Int32Array(classifier.features.size) };
  classifier.table = table;
  return table;
}

/** A Han character of the basic plane as a number 1 … 28,160 (CJK unified ideographs, extension A, compatibility ideographs); 0 for any other. */
function hanNumber(c: number): number {
  if (c >= 0x3400 && c <= 0x9fff) return c - 0x3400 + 1;
  if (c >= 0xf900 && c <= 0xfaff) return c - 0xf900 + 0x6c01;
  return 0;
}

/**
 * Calls `visit` with each Han-character 1-, 2- and 3-gram of a text (as the matcher prepares it;
 * repeats included), each as one small integer: a character below 2^15, a pair a · 2^15 + b (below
 * 2^30), a triple a hash into the negative numbers (distinct triples may rarely share one: harmless
 * for a classifier, and deterministic). Small integers keep the lookups cheap.
 */
function visitGrams(text: string, visit: (gram: number) => void): void {
  const t = prepareMatchText(text);
  let a = 0;
  let b = 0;
  for (let i = 0; i < t.length; i += 1) {
    const c = hanNumber(t.charCodeAt(i));
    if (c === 0) {
      a = 0;
      b = 0;
      continue;
    }
    visit(c);
    if (b !== 0) visit(b * 32768 + c);
    if (a !== 0) {
      let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d);
      h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
      visit(-1 - ((h ^ (h >>> 13)) & 0x3fffffff));
    }
    a = b;
    b = c;
  }
}

/** The distinct Han-character 1-, 2- and 3-grams of a text ({@link visitGrams}). */
export function gramsOf(text: string): number[] {
  const out = new Set<number>();
  visitGrams(text, (g) => out.add(g));
  return [...out];
}

/**
 * A text's feature numbers (known grams, each once, in order of first appearance: the order of
 * {@link visitGrams}), written into the table's `found`; returns how many.
 */
function featuresOf(classifier: Pick<TextClassifier, 'features' | 'seen' | 'table'>, text: string): number {
  const { keys, values, shift, found } = gramTable(classifier);
  const { seen } = classifier;
  const mask = keys.length - 1;
  let count = 0;
  const visit = (g: number): void => {
    let s = Math.imul(g, 0x9e3779b1) >>> shift;
    for (;;) {
      const key = keys[s] as number;
      if (key === g) break;
      if (key === 0) return;
      s = (s + 1) & mask;
    }
    const f = values[s] as number;
    if (seen[f] === 0) {
      seen[f] = 1;
      found[count++] = f;
    }
  };
  visitGrams(text, visit);
  for (let i = 0; i < count; i += 1) seen[found[i] as number] = 0;
  return count;
}

/** A deterministic order of 0 … n−1 for one epoch (a linear congruential generator, seeded). */
function permutation(n: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let s = (seed * 2654435761) >>> 0 || 1;
  for (let i = n - 1; i > 0; i -= 1) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Fits one one-vs-rest model on rows (feature numbers, item numbers that are true). */
function fit(rows: ReadonlyArray<{ at: Int32Array; truth: ReadonlySet<number> }>, dim: number, items: number, seed: number): Model {
  const weights = new Float32Array(dim * items);
  const squares = new Float32Array(dim * items);
  const bias = new Float64Array(items);
  const biasSquares = new Float64Array(items);
  const z = new Float64Array(items);
  const active = new Int32Array(items);
  const grads = new Float64Array(items);
  for (let epoch = 0; epoch < EPOCHS; epoch += 1) {
    for (const r of permutation(rows.length, seed * 131 + epoch)) {
      const row = rows[r as number];
      if (!row) continue;
      const v = row.at.length === 0 ? 0 : 1 / Math.sqrt(row.at.length);
      z.set(bias);
      for (const f of row.at) {
        const base = f * items;
        for (let j = 0; j < items; j += 1) z[j] = (z[j] as number) + (weights[base + j] as number) * v;
      }
      // only the items whose loss this row still moves are updated (with their weights' L2 share):
      // most items are confidently negative on most rows after the first epoch
      let moving = 0;
      for (let j = 0; j < items; j += 1) {
        const g = sigmoid(z[j] as number) - (row.truth.has(j) ? 1 : 0);
        biasSquares[j] = (biasSquares[j] as number) + g * g;
        bias[j] = (bias[j] as number) - (STEP * g) / Math.sqrt(biasSquares[j] as number);
        if (Math.abs(g) >= MIN_GRADIENT) {
          active[moving] = j;
          grads[moving] = g;
          moving += 1;
        }
      }
      for (const f of row.at) {
        const base = f * items;
        for (let m = 0; m < moving; m += 1) {
          const at = base + (active[m] as number);
          const w = weights[at] as number;
          const grad = (grads[m] as number) * v + L2 * w;
          const sq = (squares[at] as number) + grad * grad;
          squares[at] = sq;
          weights[at] = w - (STEP * grad) / Math.sqrt(sq);
        }
      }
    }
  }
  return { weights, bias };
}

/**
 * Learns the classifier from labelled examples for `items` (assessable item codes; an example's
 * other items are ignored, an example with none is a negative for every item).
 */
export function trainClassifier(examples: readonly Example[], items: readonly string[]): TextClassifier {
  const itemAt = new Map(items.map((code, j) => [code, j]));
  const grams = examples.map((e) => gramsOf(e.text));
  const df = new Map<number, number>();
  for (const list of grams) for (const g of list) df.set(g, (df.get(g) ?? 0) + 1);
  const features = new Map<number, number>();
  for (const [g, n] of [...df.entries()].sort(([a], [b]) => a - b)) if (n >= MIN_EXAMPLES) features.set(g, features.size);
  const foldOf = new Map<string, number>();
  for (const e of examples) if (!foldOf.has(e.source)) foldOf.set(e.source, foldOf.size % FOLDS);
  const rows = examples.map((e, i) => ({
    at: Int32Array.from(
      (grams[i] ?? [])
        .map((g) => features.get(g))
        .filter((f): f is number => f !== undefined)
        .sort((a, b) => a - b),
    ),
    truth: new Set(e.items.map((code) => itemAt.get(code)).filter((j): j is number => j !== undefined)),
    fold: foldOf.get(e.source) ?? 0,
  }));
  const dim = features.size;
  const folds: Model[] = [];
  for (let k = 0; k < FOLDS; k += 1)
    folds.push(
      fit(
        rows.filter((r) => r.fold !== k),
        dim,
        items.length,
        k + 1,
      ),
    );
  // the mean, in the stored precision (thousandths, 16 bits; the bias to 6 places): the model a new
  // text is scored with is the one the checklist's examples file stores, exactly
  const mean: Model = { weights: new Float32Array(dim * items.length), bias: new Float64Array(items.length) };
  for (let i = 0; i < mean.weights.length; i += 1) {
    let sum = 0;
    for (const m of folds) sum += m.weights[i] as number;
    mean.weights[i] = thousandths(sum / FOLDS) / 1000;
  }
  for (let j = 0; j < items.length; j += 1) {
    let sum = 0;
    for (const m of folds) sum += m.bias[j] as number;
    mean.bias[j] = Math.round((sum / FOLDS) * 1e6) / 1e6;
  }
  return { items, features, foldOf, folds, mean, seen: new Uint8Array(dim) };
}

/** A weight in thousandths, within 16 bits. */
function thousandths(w: number): number {
  return Math.max(-32767, Math.min(32767, Math.round(w * 1000)));
}

/** The classifier as a checklist's examples file stores it: the mean model (what a new text is scored with). */
export function storeClassifier(c: TextClassifier): StoredClassifier {
  const grams = new Array<number>(c.features.size);
  for (const [g, f] of c.features) grams[f] = g;
  const ints = Int16Array.from(c.mean.weights, (w) => thousandths(w));
  return {
    items: [...c.items],
    grams,
    weights: Buffer.from(ints.buffer, ints.byteOffset, ints.byteLength).toString('base64'),
    bias: Array.from(c.mean.bias),
  };
}

const loaded = new WeakMap<StoredClassifier, TextClassifier>();

/** A stored classifier, ready to score (once per stored object): every text is scored with its one model. */
export function loadClassifier(stored: StoredClassifier): TextClassifier {
  const known = loaded.get(stored);
  if (known) return known;
  const bytes = Buffer.from(stored.weights, 'base64');
  const ints = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const mean: Model = { weights: Float32Array.from(ints, (v) => v / 1000), bias: Float64Array.from(stored.bias) };
  const c: TextClassifier = {
    items: stored.items,
    features: new Map(stored.grams.map((g, f) => [g, f])),
    foldOf: new Map(),
    folds: [],
    mean,
    seen: new Uint8Array(stored.grams.length),
  };
  loaded.set(stored, c);
  return c;
}

const memo = new WeakMap<readonly Example[], Map<string, TextClassifier>>();

/** {@link trainClassifier}, once per examples array and item list. */
export function classifierOf(examples: readonly Example[], items: readonly string[]): TextClassifier {
  let byItems = memo.get(examples);
  if (!byItems) {
    byItems = new Map();
    memo.set(examples, byItems);
  }
  const key = items.join('\u0000');
  let c = byItems.get(key);
  if (!c) {
    c = trainClassifier(examples, items);
    byItems.set(key, c);
  }
  return c;
}

/**
 * The log-odds of each item (in the classifier's item order) for a text; a text of a known
 * source is scored by the model that never saw that source's examples.
 */
export function classifyText(classifier: TextClassifier, text: string, source?: string): Float64Array {
  const fold = source === undefined ? undefined : classifier.foldOf.get(source);
  const model = fold === undefined ? classifier.mean : (classifier.folds[fold] as Model);
  const items = classifier.items.length;
  const { weights, bias } = model;
  const z = new Float64Array(items);
  const count = featuresOf(classifier, text);
  const found = (classifier.table as GramTable).found;
  const v = count === 0 ? 0 : 1 / Math.sqrt(count);
  // item by item, each item's sum from its bias in the features' order (the same sums as feature by feature, every
  // item at once), eight items at a time in locals — no load and store of z per feature and item, about twice as
  // fast; the last eight overlap the block before when the items are not a multiple of eight (an item summed twice
  // gets the same sum twice), and fewer than eight items are summed one at a time
  for (let at = 0; at < items; at += 8) {
    const j = items < 8 ? at : Math.min(at, items - 8);
    const width = Math.min(8, items - j);
    if (width < 8) {
      for (let k = j; k < j + width; k += 1) {
        let zk = bias[k] as number;
        for (let i = 0; i < count; i += 1) zk += (weights[(found[i] as number) * items + k] as number) * v;
        z[k] = zk;
      }
      continue;
    }
    let z0 = bias[j] as number;
    let z1 = bias[j + 1] as number;
    let z2 = bias[j + 2] as number;
    let z3 = bias[j + 3] as number;
    let z4 = bias[j + 4] as number;
    let z5 = bias[j + 5] as number;
    let z6 = bias[j + 6] as number;
    let z7 = bias[j + 7] as number;
    for (let i = 0; i < count; i += 1) {
      const base = (found[i] as number) * items + j;
      z0 += (weights[base] as number) * v;
      z1 += (weights[base + 1] as number) * v;
      z2 += (weights[base + 2] as number) * v;
      z3 += (weights[base + 3] as number) * v;
      z4 += (weights[base + 4] as number) * v;
      z5 += (weights[base + 5] as number) * v;
      z6 += (weights[base + 6] as number) * v;
      z7 += (weights[base + 7] as number) * v;
    }
    z[j] = z0;
    z[j + 1] = z1;
    z[j + 2] = z2;
    z[j + 3] = z3;
    z[j + 4] = z4;
    z[j + 5] = z5;
    z[j + 6] = z6;
    z[j + 7] = z7;
  }
  return z;
}

/** A text's best `top` items by the classifier: code, log-odds and rank (1 = best; ties in item order). */
export function topItems(
  classifier: TextClassifier,
  text: string,
  top: number,
  source?: string,
): { itemCode: string; score: number; rank: number }[] {
  const z = classifyText(classifier, text, source);
  const best: number[] = [];
  for (let j = 0; j < z.length; j += 1) {
    let at = best.length;
    while (at > 0 && (z[best[at - 1] as number] as number) < (z[j] as number)) at -= 1;
    if (at < top) {
      best.splice(at, 0, j);
      if (best.length > top) best.pop();
    }
  }
  return best.map((j, i) => ({ itemCode: classifier.items[j] as string, score: z[j] as number, rank: i + 1 }));
}
