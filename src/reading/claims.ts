/**
 * Claims: sentences and enumerated clauses (一是…/二是…) of the body text, with their section.
 * Offsets here are into the NORMALISED text.
 */
import { type HeadingMatch, matchHeading } from './headings';
import type { DocumentStructure } from './sections';
import type { Polarity, SectionKind } from './types';

/** A claim span in the normalised text and the index of its (deepest) section. */
export interface ClaimSpan {
  start: number;
  end: number;
  section: number;
}

/**
 * What a UTF-16 code unit is to the splitter, one bit a class in a table indexed by the unit: the text is read by
 * `charCodeAt`, no string and no set lookup per character.
 */
const FINAL = 1;
const CLOSER = 2;
const BEFORE_ENUMERATOR = 4;
const CLASS_OF = new Uint8Array(0x10000);
const mark = (chars: readonly string[], bit: number): void => {
  for (const c of chars) CLASS_OF[c.charCodeAt(0)]! |= bit; // a code unit < 0x10000
};
mark(['。', '！', '？', '；', ';', '!', '?'], FINAL);
mark(['”', '’', '」', '』', '）', ')', '》', '】', '"', "'", '。', '！', '？', '…'], CLOSER);
mark(['，', ',', '、', '：', ':'], BEFORE_ENUMERATOR);
/** Whether the unit at `i` of `text` is of the class `bit` (no unit there: of none). */
const is = (text: string, i: number, bit: number): boolean => ((CLASS_OF[text.charCodeAt(i)] ?? 0) & bit) !== 0;
const ENUMERATOR =
  /^(?:[一二三四五六七八九十]{1,2}是|其[一二三四五六七八九十][，,、是]|第[一二三四五六七八九十]{1,2}[，,、]|另一方面|一方面)/u;
const LEAD_TRIM = /[\s，,、：:]/u;
const TAIL_TRIM = /[\s，,、]/u;
const CONTENT = /[\u3400-\u9fffA-Za-z0-9]/u;

/**
 * Splits `text[from, to)` into sentences on 。！？； (and ASCII ; ! ?), keeping closing
 * quotes with their sentence, and before an enumerator (一是, 二是, 其一, 第一，, 一方面) that
 * follows a comma. Sentences without final punctuation end at `to`. Returns trimmed spans.
 */
export function splitSentences(text: string, from: number, to: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const push = (a: number, b: number): void => {
    let s = a;
    let e = b;
    while (s < e && LEAD_TRIM.test(text.charAt(s))) s += 1;
    while (e > s && TAIL_TRIM.test(text.charAt(e - 1))) e -= 1;
    if (e > s && CONTENT.test(text.slice(s, e))) spans.push([s, e]);
  };
  let start = from;
  let i = from;
  while (i < to) {
    if (is(text, i, FINAL)) {
      let e = i + 1;
      while (e < to && is(text, e, CLOSER | FINAL)) e += 1;
      push(start, e);
      start = e;
      i = e;
      continue;
    }
    if (i > start && is(text, i - 1, BEFORE_ENUMERATOR) && ENUMERATOR.test(text.slice(i, Math.min(to, i + 4)))) {
      push(start, i);
      start = i;
    }
    i += 1;
  }
  push(start, to);
  return spans;
}

/**
 * Where the claims of a heading line of `length` units start. A heading whose body follows on its line
 * (`（一）强化组织领导。区委…`, `2.提升政务服务水平。…`) is a sentence of it: its words after the numbering are a claim of
 * the section it opens, as the labellers read it. A heading alone on its line (`一、主要工作开展情况`, a short numbered
 * line `1.加强学习，…。`) is no claim. A long numbered paragraph's claims start after its numbering (headings.ts).
 */
function headingLineClaimsFrom(heading: HeadingMatch, length: number): number {
  return heading.bodyStart < length ? heading.textStart : heading.bodyStart;
}

/**
 * All claims of a normalised report (`text` is the text `doc` was built from): body lines of every section except web chrome and the signature;
 * the title line and a heading alone on its line are not claims; a heading with body text after it on the same line is
 * read as the line's first sentence (without its numbering), the body text as the sentences after it.
 */
export function extractClaimSpans(text: string, doc: DocumentStructure): ClaimSpan[] {
  const claims: ClaimSpan[] = [];
  const { lines } = doc;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!; // i < lines.length
    const kind = doc.sections[line.section]?.kind; // section -1: outside every section
    if (kind === undefined) continue;
    if (kind === 'CHROME' || kind === 'SIGNATURE') continue;
    if (line.role !== 'BODY' && line.role !== 'HEADING') continue;
    if (lines[i + 1]?.continues === true) {
      i = physicalLineClaims(text, lines, i, claims);
      continue;
    }
    const from = line.role === 'HEADING' && line.heading ? line.start + headingLineClaimsFrom(line.heading, line.text.length) : line.start;
    for (const [start, end] of splitSentences(text, from, line.end)) {
      claims.push({ start, end, section: line.section });
    }
  }
  return claims;
}

/**
 * The claims of a physical line read as several where headings run inline in it (sections.ts), from its line `first`:
 * the sentences of the whole line, as a line without them gives (a heading run inline is text of its sentence, and a
 * sentence may run on over it), each in the section where it ends (`…报告如下:一、强化责任落实(一)加强组织领导,落实第一责任。`
 * under （一）; `二、存在的问题和不足一是…。` under 二). A heading at the line's start is read as on any line
 * (`headingLineClaimsFrom`). Returns the index of the line's last part.
 */
function physicalLineClaims(text: string, lines: DocumentStructure['lines'], first: number, claims: ClaimSpan[]): number {
  let last = first;
  while (lines[last + 1]?.continues === true) last += 1;
  const start = lines[first]!.start; // first < lines.length
  const end = lines[last]!.end; // last < lines.length
  const head = lines[first]!.role === 'HEADING' ? matchHeading(text.slice(start, end)) : null;
  let part = first;
  for (const [s, e] of splitSentences(text, head ? start + headingLineClaimsFrom(head, end - start) : start, end)) {
    while (part < last && lines[part + 1]!.start < e) part += 1; // part < last < lines.length
    claims.push({ start: s, end: e, section: lines[part]!.section });
  }
  return last;
}

/** SHORTCOMING → NEGATIVE, PLAN → PLAN, everything else → POSITIVE. */
export function polarityOf(kind: SectionKind): Polarity {
  if (kind === 'SHORTCOMING') return 'NEGATIVE';
  if (kind === 'PLAN') return 'PLAN';
  return 'POSITIVE';
}
