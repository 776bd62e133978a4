import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';

/**
 * Chinese word segmentation (`@node-rs/jieba`, with the dictionary shipped inside the npm
 * package). Loaded once, on first use (about 0.2 s), then fast.
 */

let jieba: Jieba | null = null;

/**
 * The package's dictionary file, read here and let go once jieba has built its own tables: the
 * package's `@node-rs/jieba/dict` module would keep it (5.1 MB) and the IDF file this project
 * never uses (6.2 MB) alive in every thread that loads jieba, as Buffers outside the JavaScript
 * heap — 11 MB of RSS in each analysis worker (pipeline18).
 */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
  return jieba;
}

/** Loads the dictionary now rather than at the first text (an analysis worker starting up). */
export function loadSegmenter(): void {
  segmenter();
}

/** A word of a text with its offsets into that text. */
export interface Token {
  word: string;
  start: number;
  end: number;
}

/** The words of a text, in order, with offsets (the segmenter's precise mode, HMM on). */
export function segment(text: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  for (const word of segmenter().cut(text, true)) {
    const start = text.indexOf(word, at);
    if (start < 0) continue; // never expected: the words of a cut are the text in order
    out.push({ word, start, end: start + word.length });
    at = start + word.length;
  }
  return out;
}

/**
 * Whether a hit [start, end) of a rule word is a fragment of two other words: a word of the
 * text starts before the hit and ends inside it AND another starts inside it and ends after
 * it ("中心组" in "服务中心组织" = 服务中心/组织; "办案" in "承办案件"). A hit cut at one end
 * only is kept: compounds are often cut at their last part (法治宣传 in 法治/宣传教育).
 */
export function cutsThroughWord(tokens: readonly Token[], start: number, end: number): boolean {
  const acrossStart = tokens.some((t) => t.start < start && start < t.end && t.end < end);
  const acrossEnd = tokens.some((t) => start < t.start && t.start < end && end < t.end);
  return acrossStart && acrossEnd;
}

/** The words of a text in the segmenter's search mode: long words also give their parts. */
export function segmentForSearch(text: string): string[] {
  return segmenter().cutForSearch(text, true);
}

/**
 * The words of a vocabulary as a trie over UTF-16 code units, its edges in an open-addressing
 * hash table of typed arrays: slot s is the edge from node `from[s]` (-1: an empty slot) by code
 * unit `unit[s]` to node `to[s]` (the root is node 0); `ends[node]` is the number of the word
 * ending there (-1: none). A step costs no map lookup and no allocation.
 */
export interface Trie {
  from: Int32Array;
  unit: Int32Array;
  to: Int32Array;
  mask: number;
  ends: Int32Array;
}

function slotOf(node: number, unit: number, mask: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca77)) & mask;
}

/** The node after `node` by code unit `unit`, or -1. */
export function step(trie: Trie, node: number, unit: number): number {
  const { from, mask } = trie;
  for (let s = slotOf(node, unit, mask); ; s = (s + 1) & mask) {
    const f = from[s] as number;
    if (f === -1) return -1;
    if (f === node && trie.unit[s] === unit) return trie.to[s] as number;
  }
}

/** The trie of a list of distinct words (`ends[node]`: the word's place in the list). */
export function trieOf(words: readonly string[]): Trie {
  let edges = 0;
  for (const w of words) edges += w.length;
  let size = 16;
  while (size < edges * 2) size *= 2;
  const trie: Trie = {
    from: new Int32Array(size).fill(-1),
    unit: new Int32Array(size),
    to: new Int32Array(size),
    mask: size - 1,
    ends: new Int32Array(0),
  };
  const ends: number[] = [-1];
  words.forEach((w, id) => {
    let node = 0;
    for (let i = 0; i < w.length; i += 1) {
      const unit = w.charCodeAt(i);
      let to = step(trie, node, unit);
      if (to < 0) {
        to = ends.length;
        ends.push(-1);
        let s = slotOf(node, unit, trie.mask);
        while (trie.from[s] !== -1) s = (s + 1) & trie.mask;
        trie.from[s] = node;
        trie.unit[s] = unit;
        trie.to[s] = to;
      }
      node = to;
    }
    ends[node] = id;
  });
  trie.ends = Int32Array.from(ends);
  return trie;
}

/** A segmenter that knows only the words of a vocabulary ({@link vocabularySegmenter}). */
export interface VocabularySegmenter {
  /** the vocabulary, without repeats: a word's number is its place here */
  words: readonly string[];
  /** the numbers of the text's words, in order */
  ids(text: string): number[];
  /** the text's words, in order */
  cut(text: string): string[];
}

/**
 * A segmenter that knows only the words of a vocabulary (its trie built once per vocabulary):
 * the vocabulary's words in a text, without jieba. Overlaps are settled as a forward
 * longest-match segmenter would: from the left, the longest word starting at each point is
 * taken and the text goes on after it; and, like jieba's search mode, a taken word also gives
 * the vocabulary's words inside it (执法记录仪 → 执法, 记录, 记录仪, 执法记录仪). A word of the
 * vocabulary that straddles two taken words is not a word of the text (中心组 in 服务中心组织
 * when 服务中心 is taken). In order: per taken word, its parts (by start, shorter first), then
 * the word.
 */
export function vocabularySegmenter(vocabulary: Iterable<string>): VocabularySegmenter {
  const words = [...new Set(vocabulary)].filter((w) => w !== '');
  const trie = trieOf(words);
  const { ends } = trie;
  const ids = (text: string): number[] => {
    const out: number[] = [];
    for (let at = 0; at < text.length;) {
      // the longest word starting here
      let node = 0;
      let end = 0;
      let taken = -1;
      for (let i = at; i < text.length; i += 1) {
        const to = step(trie, node, text.charCodeAt(i));
        if (to < 0) break;
        node = to;
        const id = ends[to] as number;
        if (id >= 0) {
          end = i + 1;
          taken = id;
        }
      }
      if (taken < 0) {
        at += 1;
        continue;
      }
      // the words inside it
      for (let start = at; start < end; start += 1) {
        node = 0;
        for (let i = start; i < end; i += 1) {
          const to = step(trie, node, text.charCodeAt(i));
          if (to < 0) break;
          node = to;
          const id = ends[to] as number;
          if (id >= 0 && id !== taken) out.push(id);
        }
      }
      out.push(taken);
      at = end;
    }
    return out;
  };
  return { words, ids, cut: (text) => ids(text).map((id) => words[id] ?? '') };
}
