import type { ChecklistItemDefinition } from '../checklist/types';
import { prepareMatchText } from './matcher';
import { itemOwnText } from './similarity';
import { topPlaces } from './top-scores';
import { isHan } from './han';
import { intTable, lookupInt, type IntTable } from './int-table';

/**
 * Character-bigram similarity between a claim and each item: BM25 over the Han-character
 * bigrams of the item's title, text, keywords and together words (items as the documents), so
 * words jieba cuts differently still meet (普法宣传 / 法宣, 学法用法 / 学法). Pure; the item side
 * is cached per checklist (per `items` array).
 */

const K1 = 1.2;
const B = 0.75;

/**
 * The items' bigrams, packed for reading claims: every Han character of an item's bigram has a
 * number 1 … n (`charId` for the basic plane, `supplementary` beyond it; 0: in no item's bigram,
 * so no bigram of the claim with it can score), a bigram of numbers (a, b) is the small integer
 * a · width + b, and its postings — the documents and their BM25 parts, in document order — are
 * `postingDoc/postingPart[postingStart[slot] … postingStart[slot + 1])` of its slot.
 */
interface BigramIndex {
  codes: string[];
  charId: Uint16Array;
  supplementary: Map<number, number>;
  width: number;
  /** bigram a · width + b → its slot */
  slotOf: IntTable;
  postingStart: Int32Array;
  postingDoc: Int32Array;
  postingPart: Float64Array;
  /** per slot, the query that last read it (scratch: a claim's distinct bigrams are read once) */
  stamp: Int32Array;
  query: number;
  /** scratch of one query: per document its score */
  scores: Float64Array;
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

/**
 * {@link bigramsOf} as numbers, without a string per bigram: the pair of code points (a, b) is
 * a · 0x110000 + b (below 2^53, so distinct pairs are distinct numbers), in the same order.
 */
function bigramKeysOf(text: string): number[] {
  const t = prepareMatchText(text);
  const out: number[] = [];
  let prev = -1; // the Han character before, or -1
  for (let i = 0; i < t.length;) {
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
  const charId = new Uint16Array(0x10000);
  const supplementary = new Map<number, number>();
  let chars = 0;
  const idOf = (cp: number): number => {
    let id = cp < 0x10000 ? (charId[cp] as number) : (supplementary.get(cp) ?? 0);
    if (id === 0) {
      id = ++chars;
      if (chars > 0xffff) throw new Error('bigram index: more than 65,535 distinct characters');
      if (cp < 0x10000) charId[cp] = id;
      else supplementary.set(cp, id);
    }
    return id;
  };
  const pairs = [...lists.keys()].map((g): [number, number] => [idOf(Math.floor(g / 0x110000)), idOf(g % 0x110000)]);
  const width = chars + 1;
  const slots: Array<[number, number]> = [];
  const postingStart = new Int32Array(lists.size + 1);
  const postingDoc: number[] = [];
  const postingPart: number[] = [];
  [...lists.values()].forEach((list, slot) => {
    const [a, b] = pairs[slot] as [number, number];
    slots.push([a * width + b, slot]);
    for (const p of list) {
      postingDoc.push(p.doc);
      postingPart.push(p.part);
    }
    postingStart[slot + 1] = postingDoc.length;
  });
  const index: BigramIndex = {
    codes: docs.map((d) => d.code),
    charId,
    supplementary,
    width,
    slotOf: intTable(slots),
    postingStart,
    postingDoc: Int32Array.from(postingDoc),
    postingPart: Float64Array.from(postingPart),
    stamp: new Int32Array(lists.size),
    query: 0,
    scores: new Float64Array(docs.length),
  };
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
  const { charId, supplementary, width, slotOf, postingStart, postingDoc, postingPart, stamp, scores } = index;
  scores.fill(0);
  if (index.query === 0x7fffffff) {
    stamp.fill(0);
    index.query = 0;
  }
  const query = ++index.query;
  // the claim's bigrams as bigramKeysOf reads them, each distinct one once in order of first
  // appearance (a character in no item's bigram ends a run as a non-Han one does: no bigram with it scores)
  const t = prepareMatchText(text);
  let prev = 0;
  for (let i = 0; i < t.length;) {
    const cp = t.codePointAt(i) as number;
    i += cp > 0xffff ? 2 : 1;
    const id = cp < 0x10000 ? (charId[cp] as number) : (supplementary.get(cp) ?? 0);
    if (id !== 0 && prev !== 0) {
      const slot = lookupInt(slotOf, prev * width + id);
      if (slot >= 0 && stamp[slot] !== query) {
        stamp[slot] = query;
        const end = postingStart[slot + 1] as number;
        for (let p = postingStart[slot] as number; p < end; p += 1) {
          const doc = postingDoc[p] as number;
          scores[doc] = (scores[doc] as number) + (postingPart[p] as number);
        }
      }
    }
    prev = id;
  }
  return topPlaces(scores, top, 0).map((d, i) => ({ itemCode: index.codes[d] as string, score: scores[d] as number, rank: i + 1 }));
}
