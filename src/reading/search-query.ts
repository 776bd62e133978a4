/**
 * Claim search, the pure part: which tokens index a claim, how a query becomes tokens and
 * literal substrings, and where the matched words are in a claim.
 *
 * Chinese is written without spaces and most words are two characters long, so a claim is
 * indexed by every overlapping pair of Chinese characters (出庭应诉 → 出庭 庭应 应诉) plus its
 * Latin words and numbers (lower case). A query term is cut into consecutive pairs
 * (应诉出庭 → 应诉 出庭; an odd last character pairs with the one before it), and a claim must
 * hold every pair, in any order: `应诉出庭` finds what `出庭应诉` finds. A term with other
 * characters (`100%`, `a_b`) must also occur as written (a LIKE with `%`, `_` and `\` escaped).
 * Single Chinese characters are matched as substrings. (SQLite's trigram tokenizer cannot
 * match the two-character words most Chinese queries consist of, hence the pairs.)
 */
import { normaliseText } from './normalise';

/** Longest query accepted, in characters (after trimming). */
export const MAX_SEARCH_QUERY_CHARS = 100;
/** Most terms (separated by spaces) in one query. */
export const MAX_SEARCH_TERMS = 10;

const CJK_RUN = /\p{Script=Han}+/gu;
const WORD_RUN = /[\p{L}\p{N}]+/gu;

export interface ParsedQuery {
  /** the terms as typed (normalised) */
  terms: string[];
  /** index tokens every result must hold (pairs of Chinese characters, Latin words, numbers) */
  tokens: string[];
  /** substrings every result must contain as written (lower case): terms with symbols, single Chinese characters */
  literals: string[];
  /** what to highlight in a result: tokens and literals, longest first */
  pieces: string[];
  /** per term: the term and its pieces (a term found as written is highlighted whole, else its pieces) */
  termPieces: Array<{ term: string; pieces: string[] }>;
}

export type QueryProblem = { code: 'EMPTY' } | { code: 'TOO_LONG'; length: number } | { code: 'TOO_MANY_TERMS'; count: number };

/** Pairs of a Chinese run: consecutive, the last character of an odd run paired with the one before. */
function queryPairs(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return [];
  const pairs: string[] = [];
  // i + 1 < chars.length, and an odd run here has at least three characters
  for (let i = 0; i + 1 < chars.length; i += 2) pairs.push(chars[i]! + chars[i + 1]!);
  if (chars.length % 2 === 1) pairs.push(chars.slice(-2).join(''));
  return pairs;
}

/** Parses a search query, or says why it cannot be searched. */
export function parseSearchQuery(query: string): { ok: true; value: ParsedQuery } | { ok: false; problem: QueryProblem } {
  const trimmed = query.trim();
  if ([...trimmed].length > MAX_SEARCH_QUERY_CHARS) return { ok: false, problem: { code: 'TOO_LONG', length: [...trimmed].length } };
  // split first: normalising joins the spaces between Chinese characters (a PDF's soft breaks)
  const terms = trimmed
    .split(/[\s\u3000]+/u)
    .map((t) => normaliseText(t).toLowerCase())
    .filter((t) => t.length > 0);
  if (terms.length === 0) return { ok: false, problem: { code: 'EMPTY' } };
  if (terms.length > MAX_SEARCH_TERMS) return { ok: false, problem: { code: 'TOO_MANY_TERMS', count: terms.length } };
  const tokens = new Set<string>();
  const literals = new Set<string>();
  const termPieces: ParsedQuery['termPieces'] = [];
  for (const term of terms) {
    const own = new Set<string>();
    for (const run of term.match(CJK_RUN) ?? []) {
      const pairs = queryPairs(run);
      if (pairs.length === 0) {
        literals.add(run);
        own.add(run);
      }
      for (const pair of pairs) {
        tokens.add(pair);
        own.add(pair);
      }
    }
    for (const word of term.replace(CJK_RUN, ' ').match(WORD_RUN) ?? []) {
      tokens.add(word);
      own.add(word);
    }
    // symbols carry meaning (100%, a_b): the non-Chinese parts must occur as written
    for (const part of term.split(CJK_RUN)) {
      if (/[^\p{L}\p{N}]/u.test(part) && /\S/u.test(part)) {
        literals.add(part);
        own.add(part);
      }
    }
    termPieces.push({ term, pieces: [...own].sort((a, b) => b.length - a.length) });
  }
  const pieces = [...new Set([...tokens, ...literals])].sort((a, b) => b.length - a.length);
  return { ok: true, value: { terms, tokens: [...tokens], literals: [...literals], pieces, termPieces } };
}

/** The index tokens of a claim's (normalised) text: overlapping Chinese pairs, Latin words and numbers. */
export function claimTokens(text: string): string[] {
  const lower = text.toLowerCase();
  const tokens = new Set<string>();
  for (const run of lower.match(CJK_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i += 1) tokens.add(chars[i]! + chars[i + 1]!); // i + 1 < chars.length
  }
  for (const word of lower.replace(CJK_RUN, ' ').match(WORD_RUN) ?? []) tokens.add(word);
  return [...tokens];
}

/** A LIKE pattern for a literal substring, with `\`, `%` and `_` escaped (ESCAPE '\'). */
export function likePattern(literal: string): string {
  return `%${literal.replace(/[\\%_]/gu, (ch) => `\\${ch}`)}%`;
}

/**
 * Where the pieces of a query occur in a text: half-open [start, end) ranges in the text
 * (UTF-16 offsets), sorted and merged where they overlap or touch.
 */
function matchRanges(text: string, pieces: readonly string[]): Array<[number, number]> {
  const lower = text.toLowerCase();
  const ranges: Array<[number, number]> = [];
  for (const piece of pieces) {
    if (!piece) continue;
    for (let at = lower.indexOf(piece); at >= 0; at = lower.indexOf(piece, at + 1)) ranges.push([at, at + piece.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * The words of a query in a result's text: each term where it occurs as written, else the
 * pieces it was cut into (应诉出庭 in a claim saying 出庭应诉 highlights 出庭应诉), merged.
 */
export function highlightRanges(text: string, query: Pick<ParsedQuery, 'termPieces'>): Array<[number, number]> {
  const lower = text.toLowerCase();
  const wanted = query.termPieces.flatMap(({ term, pieces }) => (lower.includes(term) ? [term] : pieces));
  return matchRanges(text, wanted);
}
