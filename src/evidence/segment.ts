import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Chinese word segmentation (`@node-rs/jieba`, with the dictionary shipped inside the npm
 * package). Loaded once, on first use (about 0.2 s), then fast.
 */

let jieba: Jieba | null = null;

function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
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
