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
  /** bigram → (document, BM25 part) */
  postings: Map<string, Array<{ doc: number; part: number }>>;
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

function indexOf(items: readonly ChecklistItemDefinition[]): BigramIndex {
  const known = cache.get(items);
  if (known) return known;
  const docs = items
    .filter((i) => i.assessable)
    .map((i) => {
      const tf = new Map<string, number>();
      const grams = bigramsOf(itemOwnText(i));
      for (const g of grams) tf.set(g, (tf.get(g) ?? 0) + 1);
      return { code: i.code, tf, length: grams.length };
    });
  const avg = docs.reduce((n, d) => n + d.length, 0) / Math.max(1, docs.length);
  const df = new Map<string, number>();
  for (const d of docs) for (const g of d.tf.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const postings = new Map<string, Array<{ doc: number; part: number }>>();
  docs.forEach((d, at) => {
    for (const [g, tf] of d.tf) {
      const n = df.get(g) ?? 0;
      const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
      const part = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * d.length) / avg));
      const list = postings.get(g) ?? [];
      list.push({ doc: at, part });
      postings.set(g, list);
    }
  });
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
  for (const g of new Set(bigramsOf(text)))
    for (const { doc, part } of index.postings.get(g) ?? []) scores[doc] = (scores[doc] ?? 0) + part;
  const order = [...scores.keys()].filter((d) => (scores[d] ?? 0) > 0).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  return order.slice(0, top).map((d, i) => ({ itemCode: index.codes[d] as string, score: scores[d] as number, rank: i + 1 }));
}
