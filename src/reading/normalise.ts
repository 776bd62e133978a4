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

/**
 * Step 1's output, one entry per kept raw UTF-16 unit (a structure of arrays, not an object per
 * character): its folded code unit (`\n` for a line break, a space for whitespace), its raw
 * offset (each comes from exactly one raw unit: `end` is `at + 1`) and its kind.
 */
interface Items {
  length: number;
  code: Uint16Array;
  at: Int32Array;
  kind: Uint8Array;
}

const CHAR = 0;
const SPACE = 1;
const NEWLINE = 2;

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

/** Step 1: fold, type whitespace, drop artefacts. Deterministic on any substring boundary. */
function toItems(raw: string): Items {
  const removed = new Uint8Array(raw.length);
  if (raw.includes('[')) {
    for (const m of raw.matchAll(WORD_ARTEFACT)) {
      const at = m.index ?? 0;
      removed.fill(1, at, at + m[0].length);
    }
  }
  // runs of two or more asterisks (markdown bold), full-width ones included
  let i = 0;
  while (i < raw.length) {
    if (isAsterisk(raw.charCodeAt(i))) {
      let j = i;
      while (j < raw.length && isAsterisk(raw.charCodeAt(j))) j += 1;
      if (j - i >= 2) removed.fill(1, i, j);
      i = j;
    } else {
      i += 1;
    }
  }
  const items: Items = { length: 0, code: new Uint16Array(raw.length), at: new Int32Array(raw.length), kind: new Uint8Array(raw.length) };
  const { kindOf, codeOf } = unitTable();
  const { at, code, kind: kinds } = items;
  let n = 0; // counted in a local, written once
  for (let k = 0; k < raw.length; k += 1) {
    if (removed[k]) continue;
    const unit = raw.charCodeAt(k);
    const kind = kindOf[unit] as number;
    if (kind === INVISIBLE_UNIT) continue;
    at[n] = k;
    code[n] = codeOf[unit] as number;
    kinds[n] = kind;
    n += 1;
  }
  items.length = n;
  return items;
}

/** {@link unitTable}'s kind of a code unit that is dropped ({@link INVISIBLE}). */
const INVISIBLE_UNIT = 0xff;
let units: { kindOf: Uint8Array; codeOf: Uint16Array } | undefined;

/**
 * What step 1 makes of each UTF-16 code unit, as two tables built once from the predicates
 * ({@link INVISIBLE}, {@link isNewline}, {@link isSpace}, {@link foldChar}): its kind
 * (INVISIBLE_UNIT, NEWLINE, SPACE or CHAR) and its code — no string and no set lookup per character.
 */
function unitTable(): { kindOf: Uint8Array; codeOf: Uint16Array } {
  if (units) return units;
  const kindOf = new Uint8Array(0x10000);
  const codeOf = new Uint16Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit += 1) {
    const ch = String.fromCharCode(unit);
    if (INVISIBLE.has(ch)) kindOf[unit] = INVISIBLE_UNIT;
    else if (isNewline(ch)) {
      kindOf[unit] = NEWLINE;
      codeOf[unit] = 0x0a;
    } else if (isSpace(ch)) {
      kindOf[unit] = SPACE;
      codeOf[unit] = 0x20;
    } else {
      kindOf[unit] = CHAR;
      codeOf[unit] = foldChar(ch).charCodeAt(0);
    }
  }
  units = { kindOf, codeOf };
  return units;
}

/** `*` or its full-width form (what {@link foldChar} folds to `*`). */
function isAsterisk(code: number): boolean {
  return code === 0x2a || code === 0xff0a;
}

/** Decides, for a whitespace run containing a line break, whether it is a paragraph break. */
type BreakDecider = (lineBefore: number, lineAfter: number) => boolean;
/** Builds the decider from all lines of the text (to learn a PDF's wrap width). */
type DeciderFactory = (lines: string[]) => BreakDecider;

/** Step 2: whitespace runs and line breaks. */
function assemble(raw: string, items: Items, makeDecider: DeciderFactory | null): NormalisedText {
  const out = new Uint16Array(items.length);
  const starts: number[] = [];
  const ends: number[] = [];
  let n = 0;
  const push = (code: number, start: number): void => {
    out[n] = code;
    n += 1;
    starts.push(start);
    ends.push(start + 1);
  };
  const lines = makeDecider ? lineTexts(items) : null;
  const decide = makeDecider && lines ? makeDecider(lines.texts) : null;
  const { code, at, kind } = items;
  let i = 0;
  while (i < items.length) {
    if (kind[i] === CHAR) {
      push(code[i]!, at[i]!); // i < items.length
      i += 1;
      continue;
    }
    let j = i;
    let newline = -1;
    while (j < items.length && kind[j] !== CHAR) {
      if (kind[j] === NEWLINE && newline < 0) newline = j;
      j += 1;
    }
    const prev = n > 0 ? out[n - 1]! : -1; // n - 1 < n <= out.length
    const next = j < items.length ? code[j]! : -1;
    if (prev >= 0 && next >= 0 && prev !== 0x0a) {
      // The whitespace kept for a run maps to one raw whitespace character of it (a
      // newline when it is a line break), never across markup removed inside the run.
      // lineOf has an entry per item, and j < items.length here (next is an item)
      if (newline >= 0 && lines && decide && decide(lines.lineOf[i]!, lines.lineOf[j]!)) {
        push(0x0a, at[newline]!);
      } else if (newline >= 0) {
        if (isAsciiLetterCode(prev) && isAsciiLetterCode(next)) push(0x20, at[i]!);
      } else if (!isWideCode(prev) && !isWideCode(next)) {
        push(0x20, at[i]!);
      }
    }
    i = j;
  }
  return { raw, text: fromCodes(out, n), starts, ends };
}

/** Whether typed arrays hold their units little-endian (x86, ARM): then a Buffer reads them as UTF-16LE. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The string of the first `n` UTF-16 units of `codes`, unit for unit (lone surrogates and a U+FEFF
 * included): on a little-endian machine the units' bytes read as UTF-16LE by a Buffer over the same
 * memory — one copy, not `fromCharCode` per 8,192 units (a report's text 20–30 → 1–2 µs).
 */
function fromCodes(codes: Uint16Array, n: number): string {
  if (LITTLE_ENDIAN) return Buffer.from(codes.buffer, codes.byteOffset, n * 2).toString('utf16le');
  let s = '';
  // `apply` over the typed array: no iterator as a spread would use
  for (let k = 0; k < n; k += 8192) s += String.fromCharCode.apply(null, codes.subarray(k, Math.min(n, k + 8192)) as unknown as number[]);
  return s;
}

function isAsciiLetterCode(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** {@link isWide} of one UTF-16 unit. */
function isWideCode(code: number): boolean {
  return code >= 0x2000 || code === 0xb7;
}

/** The line (its characters and spaces) that each item belongs to. */
function lineTexts(items: Items): { lineOf: Int32Array; texts: string[] } {
  const lineOf = new Int32Array(items.length);
  const texts: string[] = [];
  let from = 0;
  for (let k = 0; k < items.length; k += 1) {
    lineOf[k] = texts.length;
    if (items.kind[k] === NEWLINE) {
      texts.push(fromCodes(items.code.subarray(from, k), k - from));
      from = k + 1;
    }
  }
  texts.push(fromCodes(items.code.subarray(from, items.length), items.length - from));
  return { lineOf, texts };
}

const SENTENCE_END = /[。！？；;!?：:….]$/u;
const HEADING_START =
  /^(?:[一二三四五六七八九十]{1,3}\s*[、．.，,]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|\d{1,2}\s*[.．、](?!\d)|第[一二三四五六七八九十]{1,3}(?:部分|章|节|篇)|[一二三四五六七八九十]{1,2}是|\d{4}\s*年\s*\d{1,2}\s*月)/u;
const MID_PUNCTUATION = /[，,。、；;]/u;
/** A web page's metadata field ([ 发布机构 ] …, 索引号：…): a line of its own, never a wrapped paragraph's part. */
const METADATA_START =
  /^[[【]?\s*(?:索引号|发布机构|发文机关|发文机构|发布单位|发布日期|发布时间|成文日期|发文日期|发文字号|主题分类|体裁分类|信息来源|有效性)\s*(?:[:：\]】]|$)/u;

/**
 * A unit's name broken before its level word or inside it (a Word or PDF title or signature: `石门` / `镇人民政府关于…`,
 * `郭家` / `沱街道办事处`): a short line of characters only, not itself ending in an organ or a level word …
 */
const NAME_HEAD_LINE = /^[\u3400-\u9fff]{1,8}$(?<![委府处道镇乡区县市旗])/u;
/** … and a next line starting with the rest of the name, its level word and an organ. */
const LEVEL_AND_ORGAN_START = /^[\u3400-\u9fff]{0,3}?(?:街道|镇|乡|区|县)(?:办事处|人民政府|政府|党工委|党委|工作委员会|委员会)/u;

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
 * an enumeration (一是) or a date, nor a web page's metadata line ([ 发布机构 ] …) with its neighbours. Otherwise it joins
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
  if (NAME_HEAD_LINE.test(prev) && LEVEL_AND_ORGAN_START.test(next)) return false;
  if (SENTENCE_END.test(prev)) return true;
  if (HEADING_START.test(next)) return true;
  if (METADATA_START.test(prev) || METADATA_START.test(next)) return true;
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

/** {@link traditionalSet}'s characters of one UTF-16 unit, as a table indexed by the unit. */
let traditionalUnits: Uint8Array | null = null;

function traditionalTable(): Uint8Array {
  if (traditionalUnits) return traditionalUnits;
  const table = new Uint8Array(0x10000);
  for (const ch of traditionalSet()) if (ch.length === 1) table[ch.charCodeAt(0)] = 1;
  traditionalUnits = table;
  return table;
}

/** Whether a text holds a character that OpenCC converts from traditional to simplified. */
export function hasTraditional(text: string): boolean {
  const table = traditionalTable();
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      // a character outside the BMP: looked up whole (a lone surrogate is a character of its own)
      const ch = String.fromCodePoint(text.codePointAt(i) ?? code);
      if (traditionalSet().has(ch)) return true;
      i += ch.length - 1;
    } else if (table[code]) return true;
  }
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
