/**
 * Normalisation of report text with an offset map back to the raw text.
 *
 * Rules (all one-to-one or deletions, never NFKC, so offsets hold):
 * - full-width ASCII forms fold to half-width (digits, letters, ％ ＋ ． － ／ …), except the
 *   Chinese punctuation ，；：（）！？ which stays as written;
 * - runs of two or more `*` (markdown bold) and Word artefacts such as `[bookmark: _GoBack]`
 *   are removed, so are zero-width characters;
 * - whitespace runs are removed next to a wide (CJK) character and collapse to one space
 *   between narrow ones; runs at the start or end disappear;
 * - a line break is either a paragraph break (kept as one `\n`) or a soft break inside a
 *   sentence (PDF conversion, `全过程记\n\n录`), which is treated like whitespace: removed, or
 *   one space between two ASCII letters/digits.
 *
 * - traditional characters are converted to simplified ones with OpenCC (`opencc-js`, tw → cn,
 *   with its phrase tables), keeping the offset map exact (see {@link toSimplifiedText}). Only a text
 *   holding at least one traditional character is converted; the check is one Set lookup per
 *   character.
 *
 * {@link normaliseReport} decides which line breaks are paragraph breaks; {@link normaliseText}
 * normalises a fragment that lies inside one paragraph (a claim), where every break is soft.
 */
import { Converter, Locale } from 'opencc-js';

/** Normalised text and, for each of its characters, the raw range it comes from. */
export interface NormalisedText {
  /** the raw text as received */
  raw: string;
  /** the normalised text; paragraphs separated by a single `\n` */
  text: string;
  /** raw start offset of each normalised character */
  starts: number[];
  /** raw end offset (exclusive) of each normalised character */
  ends: number[];
}

/** A raw half-open range. */
export interface RawRange {
  start: number;
  end: number;
}

/** Kept characters are folded; whitespace is typed; removed characters do not appear. */
interface Item {
  ch: string;
  start: number;
  end: number;
  kind: 'CHAR' | 'SPACE' | 'NEWLINE';
}

/** Chinese punctuation in the full-width block that stays full-width. */
const KEEP_FULL_WIDTH = new Set(['，', '；', '：', '（', '）', '！', '？']);

/** Zero-width and invisible characters that are dropped. */
const INVISIBLE = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u200f']);

const WORD_ARTEFACT = /\[(?:bookmark|_?toc|_?ref)[:：][^\]\n]{0,120}\]/giu;

/** Folds one full-width ASCII form to half-width; other characters are returned unchanged. */
function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code >= 0xff01 && code <= 0xff5e && !KEEP_FULL_WIDTH.has(ch)) {
    return String.fromCharCode(code - 0xfee0);
  }
  return ch;
}

function isNewline(ch: string): boolean {
  return ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029' || ch === '\u000b' || ch === '\u000c';
}

function isSpace(ch: string): boolean {
  if (ch === ' ' || ch === '\t' || ch === '\u00a0' || ch === '\u3000' || ch === '\u202f' || ch === '\u205f') {
    return true;
  }
  const code = ch.charCodeAt(0);
  if (code >= 0x2000 && code <= 0x200a) return true;
  // other C0 controls and DEL behave as whitespace
  return code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0);
}

/** A wide character: CJK, full-width forms, general and CJK punctuation. */
function isWide(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code >= 0x2000 || code === 0xb7;
}

function isAsciiLetter(ch: string): boolean {
  return /^[A-Za-z]$/.test(ch);
}

/** Step 1: fold, type whitespace, drop artefacts. Deterministic on any substring boundary. */
function toItems(raw: string): Item[] {
  const removed = new Uint8Array(raw.length);
  for (const m of raw.matchAll(WORD_ARTEFACT)) {
    const at = m.index ?? 0;
    removed.fill(1, at, at + m[0].length);
  }
  // runs of two or more asterisks (markdown bold), full-width ones included
  let i = 0;
  while (i < raw.length) {
    if (foldChar(raw.charAt(i)) === '*') {
      let j = i;
      while (j < raw.length && foldChar(raw.charAt(j)) === '*') j += 1;
      if (j - i >= 2) removed.fill(1, i, j);
      i = j;
    } else {
      i += 1;
    }
  }
  const items: Item[] = [];
  for (let k = 0; k < raw.length; k += 1) {
    if (removed[k]) continue;
    const ch = raw.charAt(k);
    if (INVISIBLE.has(ch)) continue;
    if (isNewline(ch)) items.push({ ch: '\n', start: k, end: k + 1, kind: 'NEWLINE' });
    else if (isSpace(ch)) items.push({ ch: ' ', start: k, end: k + 1, kind: 'SPACE' });
    else items.push({ ch: foldChar(ch), start: k, end: k + 1, kind: 'CHAR' });
  }
  return items;
}

/** Decides, for a whitespace run containing a line break, whether it is a paragraph break. */
type BreakDecider = (lineBefore: number, lineAfter: number) => boolean;
/** Builds the decider from all lines of the text (to learn a PDF's wrap width). */
type DeciderFactory = (lines: string[]) => BreakDecider;

/** Step 2: whitespace runs and line breaks. */
function assemble(raw: string, items: Item[], makeDecider: DeciderFactory | null): NormalisedText {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (ch: string, start: number, end: number): void => {
    out.push(ch);
    starts.push(start);
    ends.push(end);
  };
  const lines = makeDecider ? lineTexts(items) : null;
  const decide = makeDecider && lines ? makeDecider(lines.texts) : null;
  let i = 0;
  // items[i] and items[j] are read only below items.length
  while (i < items.length) {
    const item = items[i]!;
    if (item.kind === 'CHAR') {
      push(item.ch, item.start, item.end);
      i += 1;
      continue;
    }
    let j = i;
    let hasNewline = false;
    while (j < items.length && items[j]!.kind !== 'CHAR') {
      if (items[j]!.kind === 'NEWLINE') hasNewline = true;
      j += 1;
    }
    const prev = out.at(-1) ?? null;
    const next = items[j]?.ch ?? null;
    if (prev !== null && next !== null && prev !== '\n') {
      // The whitespace kept for a run maps to one raw whitespace character of it (a
      // newline when it is a line break), never across markup removed inside the run.
      const newline = items.slice(i, j).find((it) => it.kind === 'NEWLINE') ?? item;
      // lineOf has an entry per item, and j < items.length here (next is an item)
      if (hasNewline && lines && decide && decide(lines.lineOf[i]!, lines.lineOf[j]!)) {
        push('\n', newline.start, newline.end);
      } else if (hasNewline) {
        if (isAsciiLetter(prev) && isAsciiLetter(next)) push(' ', item.start, item.end);
      } else if (!isWide(prev) && !isWide(next)) {
        push(' ', item.start, item.end);
      }
    }
    i = j;
  }
  return { raw, text: out.join(''), starts, ends };
}

/** The line (its characters and spaces) that each item belongs to. */
function lineTexts(items: Item[]): { lineOf: Int32Array; texts: string[] } {
  const lineOf = new Int32Array(items.length);
  const texts: string[] = [];
  let chars: string[] = [];
  for (let k = 0; k < items.length; k += 1) {
    lineOf[k] = texts.length;
    const item = items[k]!; // k < items.length
    if (item.kind === 'NEWLINE') {
      texts.push(chars.join(''));
      chars = [];
    } else {
      chars.push(item.ch);
    }
  }
  texts.push(chars.join(''));
  return { lineOf, texts };
}

const SENTENCE_END = /[。！？；;!?：:….]$/u;
const HEADING_START =
  /^(?:[一二三四五六七八九十]{1,3}\s*[、．.，,]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|\d{1,2}\s*[.．、](?!\d)|第[一二三四五六七八九十]{1,3}(?:部分|章|节|篇)|[一二三四五六七八九十]{1,2}是|\d{4}\s*年\s*\d{1,2}\s*月)/u;
const MID_PUNCTUATION = /[，,。、；;]/u;

/** Display width: 2 for a wide (CJK) character, 1 for a narrow one. */
function visualWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += isWide(ch) ? 2 : 1;
  return w;
}

/**
 * The width at which a PDF conversion hard-wrapped its lines (in {@link visualWidth} units),
 * when most long lines share one width (±2); null for text whose lines are paragraphs.
 */
export function wrapWidth(lines: readonly string[]): number | null {
  const lengths = lines.map((l) => visualWidth(l.trimEnd())).filter((n) => n >= 30);
  if (lengths.length < 6) return null;
  const counts = new Map<number, number>();
  for (const n of lengths) counts.set(n, (counts.get(n) ?? 0) + 1);
  let mode = 0;
  let best = 0;
  for (const n of counts.keys()) {
    let near = 0;
    for (let d = -2; d <= 2; d += 1) near += counts.get(n + d) ?? 0;
    if (near > best || (near === best && n > mode)) {
      best = near;
      mode = n;
    }
  }
  return best / lengths.length >= 0.4 ? mode : null;
}

/**
 * A line break inside a paragraph (PDF conversion) joins the lines; everything else is a
 * paragraph break. Never joined: a line ending a sentence, or a next line starting a heading,
 * an enumeration (一是) or a date. Otherwise it joins
 * - in text hard-wrapped at `width`: after a full-width line, or after the short tail of a
 *   wrapped paragraph (`earlier`, the line before, is full width and runs on) when the next
 *   line is body text (full width or punctuated);
 * - in any text: after a long body line (≥ 40 characters, with punctuation) when the next
 *   line is body text too (starts with a character or digit, is long or punctuated).
 */
function isParagraphBreak(before: string, after: string, width: number | null = null, earlier: string | null = null): boolean {
  const prev = before.trim();
  const next = after.trim();
  if (!prev || !next) return true;
  if (SENTENCE_END.test(prev)) return true;
  if (HEADING_START.test(next)) return true;
  if (width !== null) {
    const full = (line: string): boolean => Math.abs(visualWidth(line.trimEnd()) - width) <= 2;
    if (full(before)) return false;
    const bodyNext = full(after) || MID_PUNCTUATION.test(next);
    if (earlier !== null && full(earlier) && !SENTENCE_END.test(earlier.trim()) && bodyNext) return false;
  }
  if ([...prev].length < 40 || !MID_PUNCTUATION.test(prev)) return true;
  if (!/^[\u3400-\u9fff\d]/u.test(next)) return true;
  if ([...next].length < 40 && !MID_PUNCTUATION.test(next)) return true;
  return false;
}

/** Normalises a whole report: paragraph breaks kept as `\n`, with the offset map to the raw text. */
export function normaliseReport(raw: string): NormalisedText {
  return toSimplifiedText(normaliseLayout(raw));
}

function normaliseLayout(raw: string): NormalisedText {
  return assemble(raw, toItems(raw), (lines) => {
    const width = wrapWidth(lines);
    // the nearest non-blank line before each line
    const earlier = new Int32Array(lines.length).fill(-1);
    let last = -1;
    for (let k = 0; k < lines.length; k += 1) {
      earlier[k] = last;
      if (lines[k]!.trim()) last = k; // k < lines.length
    }
    // i and j are line numbers of the text (lineOf), so lines[i] and lines[j] are there
    return (i, j) => isParagraphBreak(lines[i] ?? '', lines[j] ?? '', width, lines[earlier[i] ?? -1] ?? null);
  });
}

/**
 * Normalises a fragment lying inside one paragraph (a claim or a number): the same rules as
 * {@link normaliseReport}, with every line break soft. For a claim's raw range,
 * `normaliseText(raw.slice(start, end))` equals the claim's text.
 */
export function normaliseText(s: string): string {
  return normaliseFragment(s).text;
}

/** {@link normaliseText} with the offset map to the fragment (search highlights map matches back with it). */
export function normaliseFragment(s: string): NormalisedText {
  return toSimplifiedText(assemble(s, toItems(s), null));
}

/**
 * Characters that OpenCC's traditional → simplified dictionaries change, read once from the
 * library's own dictionary data (no converter is built for a text without any of them).
 */
let traditionalChars: Set<string> | null = null;
let converter: ((s: string) => string) | null = null;

function traditionalSet(): Set<string> {
  if (traditionalChars) return traditionalChars;
  const set = new Set<string>();
  // the standard traditional → simplified tables (t2s): a traditional text holds many of these
  for (const group of Locale.configs?.t2s?.conversionChain ?? []) {
    for (const dict of group) {
      const entries = typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ')) : dict.map(([k, v]) => [k, ...v.split(' ')]);
      for (const [key, first] of entries) {
        if (key && first && key !== first && [...key].length === 1) set.add(key);
      }
    }
  }
  traditionalChars = set;
  return set;
}

/**
 * OpenCC's Taiwan-standard traditional → mainland simplified conversion (`tw` → `cn`): the
 * standard traditional characters, Taiwan's variants and the phrase tables (瞭解 → 了解,
 * 著力 → 着力, 回覆 → 回复).
 */
function toSimplified(s: string): string {
  if (!converter) converter = Converter({ from: 'tw', to: 'cn' });
  return converter(s);
}

/** Whether a text holds a character that OpenCC converts from traditional to simplified. */
export function hasTraditional(text: string): boolean {
  const set = traditionalSet();
  for (const ch of text) if (set.has(ch)) return true;
  return false;
}

const isSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdfff;

/**
 * Step 3: traditional → simplified, keeping the offset map exact. The whole text is converted
 * with OpenCC's phrase tables; when that keeps every UTF-16 unit in place (the usual case)
 * the map is unchanged, otherwise each character is converted on its own and a character
 * whose simplified form has another length maps every unit of it to the raw character.
 * Returns the input unchanged when it has no traditional character.
 */
function toSimplifiedText(n: NormalisedText): NormalisedText {
  if (!hasTraditional(n.text)) return n;
  const whole = toSimplified(n.text);
  let aligned = whole.length === n.text.length;
  for (let i = 0; aligned && i < whole.length; i += 1) {
    if (isSurrogate(whole.charCodeAt(i)) !== isSurrogate(n.text.charCodeAt(i))) aligned = false;
  }
  if (aligned) return { raw: n.raw, text: whole, starts: n.starts, ends: n.ends };
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  for (const ch of n.text) {
    const width = ch.length;
    const converted = toSimplified(ch) || ch;
    out.push(converted);
    // starts and ends have an entry per UTF-16 unit of n.text, and i + width <= n.text.length
    for (let k = 0; k < converted.length; k += 1) {
      const same = converted.length === width;
      starts.push(n.starts[same ? i + k : i]!);
      ends.push(n.ends[same ? i + k : i + width - 1]!);
    }
    i += width;
  }
  return { raw: n.raw, text: out.join(''), starts, ends };
}

/** Maps a normalised half-open range back to the raw range covering exactly its characters. */
export function toRawRange(n: NormalisedText, start: number, end: number): RawRange {
  const len = n.text.length;
  const a = Math.max(0, Math.min(start, len));
  const b = Math.max(a, Math.min(end, len));
  // starts and ends have an entry per unit of n.text: a < b <= len
  if (b > a) return { start: n.starts[a]!, end: n.ends[b - 1]! };
  const at = n.starts[a] ?? n.ends[len - 1] ?? 0;
  return { start: at, end: at };
}
