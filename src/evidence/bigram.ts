import type { ChecklistItemDefinition } from '../checklist/types';
import { prepareMatchText } from './matcher';
import { itemOwnText } from './similarity';

/**
 * Character-bigram similarity between a claim and each item: BM25 over the Han-character
 * bigrams of the item's title, text, keywords and together words (items as the documents), so
 * words jieba cuts differently still meet (普法宣传 / 法宣, 学法用法 / 学法). Pure; the item side
 * is cached per checklist (per `items` array).
 */

const K1 = 1.2;
const B = 0.75;

interface BigramIndex {
  codes: string[];
  /** bigram ({@link bigramKeysOf}) → its documents and their BM25 parts, in document order */
  postings: Map<number, { docs: Int32Array; parts: Float64Array }>;
}

const cache = new WeakMap<readonly ChecklistItemDefinition[], BigramIndex>();

/** The Han-character bigrams of a text (its runs of Han characters, each pair of neighbours). */
export function bigramsOf(text: string): string[] {
  const out: string[] = [];
  for (const run of prepareMatchText(text).match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i += 1) out.push(`${chars[i] as string}${chars[i + 1] as string}`);
  }
  return out;
}

/** Whether each code unit of the basic plane is a Han character (`\p{Script=Han}`), built on first use. */
let hanTable: Uint8Array | undefined;
const HAN = /^\p{Script=Han}$/u;

function isHan(cp: number): boolean {
  if (cp < 0x10000) {
    if (!hanTable) {
      hanTable = new Uint8Array(0x10000);
      for (let c = 0; c < 0x10000; c += 1) if (c < 0xd800 || c > 0xdfff) hanTable[c] = HAN.test(String.fromCharCode(c)) ? 1 : 0;
    }
    return hanTable[cp] === 1;
  }
  return HAN.test(String.fromCodePoint(cp));
}

/**
 * {@link bigramsOf} as numbers, without a string per bigram: the pair of code points (a, b) is
 * a · 0x110000 + b (below 2^53, so distinct pairs are distinct numbers), in the same order.
 */
function bigramKeysOf(text: string): number[] {
  const t = prepareMatchText(text);
  const out: number[] = [];
  let prev = -1; // the Han character before, or -1
  for (let i = 0; i < t.length; ) {
    const cp = t.codePointAt(i) as number;
    i += cp > 0xffff ? 2 : 1;
    if (!isHan(cp)) {
      prev = -1;
      continue;
    }
    if (prev >= 0) out.push(prev * 0x110000 + cp);
    prev = cp;
  }
  return out;
}

function indexOf(items: readonly ChecklistItemDefinition[]): BigramIndex {
  const known = cache.get(items);
  if (known) return known;
  const docs = items
    .filter((i) => i.assessable)
    .map((i) => {
      const tf = new Map<number, number>();
      const grams = bigramKeysOf(itemOwnText(i));
      for (const g of grams) tf.set(g, (tf.get(g) ?? 0) + 1);
      return { code: i.code, tf, length: grams.length };
    });
  const avg = docs.reduce((n, d) => n + d.length, 0) / Math.max(1, docs.length);
  const df = new Map<number, number>();
  for (const d of docs) for (const g of d.tf.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const lists = new Map<number, Array<{ doc: number; part: number }>>();
  docs.forEach((d, at) => {
    for (const [g, tf] of d.tf) {
      const n = df.get(g) ?? 0;
      const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
      const part = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * d.length) / avg));
      const list = lists.get(g) ?? [];
      list.push({ doc: at, part });
      lists.set(g, list);
    }
  });
  const postings = new Map<number, { docs: Int32Array; parts: Float64Array }>();
  for (const [g, list] of lists) {
    postings.set(g, { docs: Int32Array.from(list, (p) => p.doc), parts: Float64Array.from(list, (p) => p.part) });
  }
  const index = { codes: docs.map((d) => d.code), postings };
  cache.set(items, index);
  return index;
}

/** Every item with a positive bigram BM25 score for the text, best first, at most `top`. */
export function bigramSimilarities(
  text: string,
  items: readonly ChecklistItemDefinition[],
  top: number,
): Array<{ itemCode: string; score: number; rank: number }> {
  const index = indexOf(items);
  const scores = new Float64Array(index.codes.length);
  for (const g of new Set(bigramKeysOf(text))) {
    const posting = index.postings.get(g);
    if (!posting) continue;
    const { docs, parts } = posting;
    for (let i = 0; i < docs.length; i += 1) {
      const doc = docs[i] as number;
      scores[doc] = (scores[doc] as number) + (parts[i] as number);
    }
  }
  const order = [...scores.keys()].filter((d) => (scores[d] ?? 0) > 0).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  return order.slice(0, top).map((d, i) => ({ itemCode: index.codes[d] as string, score: scores[d] as number, rank: i + 1 }));
}
