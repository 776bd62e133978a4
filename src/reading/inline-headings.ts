/**
 * Headings that run inline: a web page that lost its line breaks runs `二、存在的问题和不足` or `（二）严格规范执法。` into
 * the paragraph before it (`…35件。二、存在的问题和不足一是…`, `…报告如下:一、主要措施和成效(一)强化组织引领,…`). The
 * structure (sections.ts) reads headings at the start of a line only; this finds where such a heading starts inside a
 * line, so the line can be read as if it were broken there. Offsets are into the line's text (a line of the NORMALISED
 * text).
 *
 * Strict on purpose — numbers in sentences are far more common than headings run inline. A top-level `一、`…`十、` or a
 * `（一）`…`（十）` is a heading run inline only where
 * - it starts a sentence: after 。！？ or a colon (with any closing quote or bracket after them), after white space, or
 *   — a `（一）` — right after its parent's heading text (`一、主要措施和成效(一)…`);
 * - it is next in sequence with its siblings: `二、` after a `一、` (on a line of its own or inline), `（二）` after a
 *   `（一）` of the same parent; a `一、` / `（一）` needs its child right after its heading text or its `二、` / `（二）`
 *   later. A numbering that starts again (a list `一、…；二、…` under a heading `一、`) is no heading, nor is anything of
 *   that list after it;
 * - a `一、` is followed by heading-like text: 2–30 characters up to 。！？, white space, its first `（一）` or `一是`, a
 *   colon or the line's end — not to a `；` (an item of a list) and not over 30 characters (a numbered sentence).
 * `一是`/`二是` are clauses, never headings; `第一、` and `2、` are not read here; `统一、` `第二、三批` `一、二等奖` do not
 * start a sentence.
 */
import { matchHeading } from './headings';

const NUMERALS = '一二三四五六七八九十';
/** `一、`…`十、` (not `十一、`: no numeral before it) or `（一）`…`（十）`; group 1 the top-level numeral, group 2 the other. */
const MARKER = /(?<![一二三四五六七八九十第])([一二三四五六七八九十])、|[（(]([一二三四五六七八九十])[）)]/gu;
/** A cheap test: a line without any of these holds no marker. */
const MAY_HOLD_MARKER = /[一二三四五六七八九十][、）)]/u;
/** Before a sentence's start: sentence-final punctuation or a colon, then any closing quotes or brackets. */
const SENTENCE_END_BEFORE = /[。！？!?：:][”’」』"')）]*$/u;
/** Where a top-level heading's text ends: sentence punctuation, white space, its first child, a 一是 clause. */
const TOP_HEADING_END = /[。！？!?；;：:]|\s|[（(][一二三四五六七八九十][）)]|[一二三四五六七八九十]是/u;
/** Where a sub-heading's text ends when no 。 ends it first: white space or a 一是 clause. */
const SUB_HEADING_END = /[。！？!?；;]|\s|[一二三四五六七八九十]是/u;
/** A top-level heading's numbering at a line's start, as {@link matchHeading} reads it. */
const CN_MARKER_AT_START = /^[一二三四五六七八九十]{1,3}\s*[、．.，,]\s*/u;
/** The longest a top-level heading's text is; longer, it is a numbered sentence. */
const MAX_TOP_HEADING_CHARS = 30;

type Level = 'TOP' | 'SUB';

/** The body's lines: their texts, and which are read for nothing (the title, chrome) — asked only of a line with a marker. */
export interface BodyLines {
  texts: readonly string[];
  skip: (line: number) => boolean;
}

/** A numbering in document order: a heading at a line's start, or a marker inside a line. */
interface Mark {
  line: number;
  at: number;
  level: Level;
  ordinal: number;
  inline: boolean;
  /** where the heading's text ends (its body starts after white space, a 一是 or its child); -1: at 。 or unknown */
  textEnd: number;
  /** a sub-heading's marker right after its parent's heading text */
  afterParent: boolean;
  /** an inline marker starting a sentence, with heading-like text for a top-level one */
  candidate: boolean;
}

const ordinalOf = (numeral: string): number => NUMERALS.indexOf(numeral) + 1;

/** Where the heading text of a marker ending at `from` ends in `text`: the terminator's index, or -1 (over the limit). */
function headingTextEnd(text: string, from: number, level: Level): { end: number; stop: string } {
  let start = from;
  while (start < text.length && /\s/u.test(text.charAt(start))) start += 1;
  const rest = text.slice(start);
  const m = (level === 'TOP' ? TOP_HEADING_END : SUB_HEADING_END).exec(rest);
  const end = m ? start + m.index : text.length;
  return { end: [...text.slice(start, end)].length <= MAX_TOP_HEADING_CHARS && end > start ? end : -1, stop: m?.[0] ?? '' };
}

/** The numberings of the body lines: headings at line starts (from {@link matchHeading}) and markers inside lines. */
function marksOf(lines: BodyLines): Mark[] {
  const marks: Mark[] = [];
  for (const [line, text] of lines.texts.entries()) {
    if (lines.skip(line)) continue;
    const head = matchHeading(text);
    let parentTextFrom = -1;
    if (head && (head.style === 'CN' || head.style === 'PAREN_CN' || head.style === 'DI')) {
      const level: Level = head.style === 'PAREN_CN' ? 'SUB' : 'TOP';
      const ordinal = head.style === 'DI' ? 0 : ordinalOf(head.label.replace(/[（）]/gu, ''));
      marks.push({ line, at: 0, level, ordinal, inline: false, textEnd: -1, afterParent: false, candidate: false });
      if (head.style === 'CN') parentTextFrom = CN_MARKER_AT_START.exec(text)?.[0].length ?? -1;
    }
    if (!MAY_HOLD_MARKER.test(text)) continue;
    for (const m of text.matchAll(MARKER)) {
      const at = m.index;
      if (at === 0) continue; // a line's own heading, read above
      const level: Level = m[1] ? 'TOP' : 'SUB';
      const ordinal = ordinalOf(m[1] ?? m[2] ?? '');
      const end = at + m[0].length;
      const before = text.slice(0, at);
      const startsSentence = SENTENCE_END_BEFORE.test(before) || /\s$/u.test(before);
      const last = marks.at(-1);
      // a （一） right after the heading text of the 一、 just before it, on this line
      const parentFrom =
        last && last.line === line && last.level === 'TOP' && last.ordinal > 0 ? (last.inline ? last.at + 2 : parentTextFrom) : -1;
      const afterParent = level === 'SUB' && parentFrom >= 0 && headingTextEnd(text, parentFrom, 'TOP').end === at;
      const { end: textEnd, stop } = headingTextEnd(text, end, level);
      // an item of a list ends at ；, not at 。
      const listItem = /^[^。！？!?；;]*[；;]/u.test(text.slice(end));
      const headingLike = !listItem && (level === 'SUB' || textEnd >= 0);
      marks.push({
        line,
        at,
        level,
        ordinal,
        inline: true,
        textEnd: textEnd >= 0 && !/[。！？!?；;：:]/u.test(stop) && textEnd < text.length ? textEnd : -1,
        afterParent,
        candidate: (startsSentence || afterParent) && headingLike,
      });
    }
  }
  return marks;
}

/**
 * Whether a line may hold a heading run inline: a marker inside it that starts a sentence, or a `（一）` inside a line
 * starting with a `一、` (the cheap test before reading the body's numberings; most lines hold none).
 */
function mayRunInline(text: string): boolean {
  if (!MAY_HOLD_MARKER.test(text)) return false;
  const topLine = CN_MARKER_AT_START.test(text);
  for (const m of text.matchAll(MARKER)) {
    if (m.index === 0) continue;
    if (
      (topLine && m[2]) ||
      SENTENCE_END_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index)) ||
      /\s/u.test(text.charAt(m.index - 1))
    )
      return true;
  }
  return false;
}

/** Whether a `二、` / `（二）` follows the first one at `k` (before a numbering of its level starts again, or its parent). */
function secondFollows(marks: readonly Mark[], k: number): boolean {
  const first = marks[k]!; // k < marks.length
  for (let j = k + 1; j < marks.length; j += 1) {
    const m = marks[j]!; // j < marks.length
    if (first.level === 'SUB' && m.level === 'TOP' && (!m.inline || m.candidate)) return false;
    if (m.level !== first.level || (m.inline && !m.candidate)) continue;
    return m.ordinal === 2;
  }
  return false;
}

/**
 * Per body line, where headings that run inline start in it (sorted offsets into its text, never 0), and where the body
 * after such a heading starts when white space, a `一是` or its child ends the heading rather than a 。. Lines without any
 * are left out.
 */
export function inlineHeadingBreaks(lines: BodyLines): Map<number, number[]> {
  if (!lines.texts.some((text, line) => mayRunInline(text) && !lines.skip(line))) return new Map();
  const marks = marksOf(lines);
  const breaks = new Map<number, number[]>();
  const add = (line: number, at: number): void => {
    const list = breaks.get(line);
    if (list) list.push(at);
    else breaks.set(line, [at]);
  };
  const last: Record<Level, number> = { TOP: 0, SUB: 0 };
  const list: Record<Level, boolean> = { TOP: false, SUB: false };
  let previousAccepted = false;
  for (const [k, m] of marks.entries()) {
    // a （一） read after its parent's heading text only where that parent is a heading
    const afterParent = m.afterParent && previousAccepted;
    previousAccepted = !m.inline;
    if (!m.inline) {
      last[m.level] = m.ordinal;
      list[m.level] = false;
      if (m.level === 'TOP') {
        last.SUB = 0;
        list.SUB = false;
      }
      continue;
    }
    if (!m.candidate) continue;
    const next = m.ordinal === last[m.level] + 1;
    const child = marks[k + 1];
    const accepted =
      !list[m.level] &&
      next &&
      (!m.afterParent || afterParent) &&
      (m.ordinal > 1 || afterParent || (child?.afterParent === true && child.candidate) || secondFollows(marks, k));
    if (!accepted) {
      // a numbering that starts again under a heading of the same level is a list: nothing of it is a heading
      if (m.ordinal === 1 && last[m.level] > 0) list[m.level] = true;
      continue;
    }
    previousAccepted = true;
    last[m.level] = m.ordinal;
    if (m.level === 'TOP') {
      last.SUB = 0;
      list.SUB = false;
    }
    add(m.line, m.at);
    if (m.textEnd >= 0) {
      let body = m.textEnd;
      const text = lines.texts[m.line]!; // marks are of lines
      while (body < text.length && /\s/u.test(text.charAt(body))) body += 1;
      if (body < text.length) add(m.line, body);
    }
  }
  for (const [line, at] of breaks)
    breaks.set(
      line,
      [...new Set(at)].sort((a, b) => a - b),
    );
  return breaks;
}
