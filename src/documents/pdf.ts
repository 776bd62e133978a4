/**
 * Text of a PDF with a text layer (pdfjs-dist): text items are joined into lines by their
 * baseline, lines into paragraphs by the layout (a line that fills the measure and a next
 * line that starts at the left margin, not indented, at the normal line distance, belong
 * to one paragraph: the break is a wrap, even inside a word), running headers and footers
 * repeated on the pages and page numbers are dropped. Paragraphs are separated by one line
 * break, as in the plain-text reports the analyser reads.
 */
import { dirname, join } from 'node:path';

/** The result of reading a PDF. */
export type PdfTextResult =
  | { ok: true; text: string; pages: number; warnings: string[] }
  | { ok: false; code: 'NO_TEXT_LAYER' | 'UNREADABLE_TEXT' | 'ENCRYPTED' | 'CORRUPT_DOCUMENT' | 'DOCUMENT_TOO_LARGE'; message: string };

/** A line of text on a page, in PDF user space (y grows upwards). */
interface PdfLine {
  page: number;
  text: string;
  /** left and right edge */
  x: number;
  right: number;
  /** baseline */
  y: number;
  /** font size (text height) */
  size: number;
}

/** A text item as pdfjs returns it (only the fields used here). */
export interface PdfTextItem {
  str: string;
  /** [a, b, c, d, e, f]: e, f = position; |d| ≈ font size for horizontal text */
  transform: number[];
  width: number;
  height: number;
}

/** One page's text items and its box. */
export interface PdfPageText {
  items: PdfTextItem[];
  /** [x0, y0, x1, y1] */
  view: number[];
}

// ── reading with pdfjs ────────────────────────────────────────────────────────────────

interface PdfJsPage {
  view: number[];
  getTextContent(): Promise<{ items: Array<PdfTextItem | { type: string }> }>;
  cleanup(): void;
}
interface PdfJsDocument {
  numPages: number;
  getPage(n: number): Promise<PdfJsPage>;
  destroy(): Promise<void>;
}
interface PdfJs {
  getDocument(source: Record<string, unknown>): { promise: Promise<PdfJsDocument>; destroy(): Promise<void> };
}

let pdfjs: PdfJs | null = null;

/**
 * pdfjs-dist, loaded on first use. Loading it prints warnings about the optional `canvas`
 * package (only needed to render pages, not to read text): they are silenced.
 */
function loadPdfJs(): PdfJs {
  if (pdfjs) return pdfjs;
  const { log, warn } = console;
  console.log = () => undefined;
  console.warn = () => undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    pdfjs = require('pdfjs-dist/legacy/build/pdf.js') as PdfJs;
  } finally {
    console.log = log;
    console.warn = warn;
  }
  return pdfjs;
}

function pdfjsAssets(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = join(dirname(require.resolve('pdfjs-dist/legacy/build/pdf.js')), '..', '..');
  return { cMapUrl: `${join(root, 'cmaps')}/`, standardFontDataUrl: `${join(root, 'standard_fonts')}/` };
}

/**
 * Reads the text of a PDF. A PDF without any text (a scan) is `NO_TEXT_LAYER`; one whose
 * text cannot be mapped to characters is `UNREADABLE_TEXT`; password-protected and broken
 * files are refused with their own codes. Never throws.
 */
export async function extractPdfText(
  bytes: Uint8Array,
  limits: PdfLimits = { maxPages: 500, maxTextChars: 5 * 1024 * 1024 },
): Promise<PdfTextResult> {
  let pages: PdfPageText[];
  try {
    pages = await readPages(bytes, limits);
  } catch (e) {
    if (e instanceof PdfTooLarge) return { ok: false, code: 'DOCUMENT_TOO_LARGE', message: e.message };
    const name = (e as { name?: string }).name ?? '';
    if (name === 'PasswordException') {
      return { ok: false, code: 'ENCRYPTED', message: 'the PDF is password-protected: save an unprotected copy first' };
    }
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, code: 'CORRUPT_DOCUMENT', message: `the PDF cannot be read (${reason})` };
  }
  return pdfTextFromPages(pages);
}

/** Budgets for one PDF: pages (MAX_PDF_PAGES) and characters of text items (MAX_REPORT_BYTES). */
export interface PdfLimits {
  maxPages: number;
  maxTextChars: number;
}

class PdfTooLarge extends Error {}

async function readPages(bytes: Uint8Array, limits: PdfLimits): Promise<PdfPageText[]> {
  const lib = loadPdfJs();
  const task = lib.getDocument({
    data: new Uint8Array(bytes), // pdfjs takes ownership of the buffer
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    cMapPacked: true,
    ...pdfjsAssets(),
  });
  const doc = await task.promise;
  try {
    if (doc.numPages > limits.maxPages) {
      throw new PdfTooLarge(`PDF 有 ${doc.numPages} 页，超过上限 ${limits.maxPages}（MAX_PDF_PAGES）`);
    }
    const pages: PdfPageText[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.filter((i): i is PdfTextItem => typeof (i as PdfTextItem).str === 'string');
      for (const item of items) chars += item.str.length;
      if (chars > limits.maxTextChars) {
        throw new PdfTooLarge(`PDF 的文字超过 ${limits.maxTextChars} 个字符（MAX_REPORT_BYTES），在第 ${n} 页停止读取`);
      }
      pages.push({ view: page.view, items });
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

// ── pure layout analysis ──────────────────────────────────────────────────────────────

/** Share of private-use or replacement characters above which the text layer is not readable. */
const MAX_UNMAPPED_SHARE = 0.1;

/**
 * The text of a PDF from its pages' text items (pure; exported for tests): lines,
 * headers/footers and page numbers removed, paragraphs rebuilt.
 */
export function pdfTextFromPages(pages: PdfPageText[]): PdfTextResult {
  const perPage = pages.map((p, index) => toLines(p.items, index + 1));
  const withText = perPage.filter((lines) => lines.some((l) => l.text.trim() !== '')).length;
  if (withText === 0) {
    return {
      ok: false,
      code: 'NO_TEXT_LAYER',
      message: `this PDF has no text layer (${pages.length} page${pages.length === 1 ? '' : 's'} of images only); it is probably scanned — run OCR first`,
    };
  }
  const warnings: string[] = [];
  const empty = perPage.map((lines, i) => (lines.length === 0 ? i + 1 : 0)).filter((n) => n > 0);
  if (empty.length > 0) {
    warnings.push(
      `page${empty.length === 1 ? '' : 's'} ${empty.join(', ')} of ${pages.length} ha${empty.length === 1 ? 's' : 've'} no text layer (scanned?): their content is missing — run OCR on them`,
    );
  }
  const body = removePageFurniture(
    perPage,
    pages.map((p) => p.view),
  );
  const text = joinParagraphs(body.flat());
  const chars = [...text.replace(/\s/gu, '')];
  const unmapped = chars.filter((c) => /[\ue000-\uf8ff\ufffd]/u.test(c)).length;
  if (chars.length > 0 && unmapped / chars.length > MAX_UNMAPPED_SHARE) {
    return {
      ok: false,
      code: 'UNREADABLE_TEXT',
      message:
        'the PDF has a text layer but its fonts do not map to characters (the text reads as garbage); run OCR on it or export it again from the original',
    };
  }
  if (text.trim() === '') {
    return {
      ok: false,
      code: 'NO_TEXT_LAYER',
      message: 'this PDF has no text besides page numbers and headers; it is probably scanned — run OCR first',
    };
  }
  return { ok: true, text, pages: pages.length, warnings };
}

/** Groups a page's items into lines by baseline, left to right, with spaces where there are gaps. */
function toLines(items: PdfTextItem[], page: number): PdfLine[] {
  const placed = items
    .filter((i) => i.str !== '')
    .map((i) => {
      const [, , c = 0, d = 0, x = 0, y = 0] = i.transform;
      const size = Math.abs(d) || Math.hypot(c, d) || i.height || 10;
      return { str: i.str, x, y, width: i.width, size };
    })
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: Array<typeof placed> = [];
  for (const item of placed) {
    const last = groups.at(-1);
    const head = last?.[0];
    if (last && head && Math.abs(head.y - item.y) <= 0.4 * Math.max(head.size, item.size)) last.push(item);
    else groups.push([item]);
  }
  const lines: PdfLine[] = [];
  for (const group of groups) {
    group.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    for (const item of group) {
      const gap = item.x - end;
      if (text !== '' && gap > 0.3 * item.size && !/\s$/u.test(text) && !/^\s/u.test(item.str)) text += ' ';
      text += item.str;
      end = Math.max(end, item.x + item.width);
    }
    const trimmed = text.replace(/\s+$/u, '').replace(/^\s+/u, '');
    const first = group[0];
    if (trimmed === '' || !first) continue;
    const size = Math.max(...group.map((g) => g.size));
    lines.push({ page, text: trimmed, x: Math.min(...group.map((g) => g.x)), right: end, y: first.y, size });
  }
  return lines;
}

const PAGE_NUMBER = [
  /^[-—–_~·•\s]*\d{1,4}[-—–_~·•\s]*$/u, // 3, - 3 -, — 3 —
  /^第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?$/u, // 第 3 页, 第 3 页 共 5 页
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/u, // 3/5
  /^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/iu, // Page 3 of 5
  /^共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页$/u,
];

/** A page number as printed in a header or footer. */
export function isPageNumber(text: string): boolean {
  const t = text.trim();
  return PAGE_NUMBER.some((re) => re.test(t));
}

/** Band at the top and bottom of a page where running headers and footers sit (share of the height). */
const FURNITURE_BAND = 0.12;

/**
 * Drops running headers and footers: lines among the first or last two of a page, inside
 * the top or bottom band, that are page numbers or that repeat (digits aside) on at
 * least two pages.
 */
function removePageFurniture(pages: PdfLine[][], views: number[][]): PdfLine[][] {
  const keyOf = (t: string): string => t.replace(/\d+/gu, '#').replace(/\s+/gu, '');
  const candidates = pages.map((lines, p) => {
    const [, y0 = 0, , y1 = 842] = views[p] ?? [];
    const band = (y1 - y0) * FURNITURE_BAND;
    return lines.map((line, i) => (i < 2 && line.y >= y1 - band) || (i >= lines.length - 2 && line.y <= y0 + band));
  });
  const pagesWithKey = new Map<string, Set<number>>();
  pages.forEach((lines, p) =>
    lines.forEach((line, i) => {
      if (!candidates[p]?.[i]) return;
      const key = keyOf(line.text);
      pagesWithKey.set(key, (pagesWithKey.get(key) ?? new Set()).add(p));
    }),
  );
  return pages.map((lines, p) =>
    lines.filter((line, i) => {
      if (!candidates[p]?.[i]) return true;
      if (isPageNumber(line.text)) return false;
      return (pagesWithKey.get(keyOf(line.text))?.size ?? 0) < 2;
    }),
  );
}

const SENTENCE_END = /[。！？；：:!?;]$/u;
const HEADING_START =
  /^(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|\d{1,2}\s*[.．、](?!\d)|第[一二三四五六七八九十]{1,3}(?:部分|章|节|篇))/u;

/** Closing punctuation that may not start a line; opening punctuation that may not end one. */
const NO_LINE_START = /[”’」』）》】〉〕，。、；：！？…·%)\]}>,.;:!?]/u;
const NO_LINE_END = /[“‘「『（《【〈〔([{<]/u;

/** Estimated advance of a character: a wide (CJK) one is one em, a narrow one about half. */
function charWidth(ch: string, size: number): number {
  const code = ch.codePointAt(0) ?? 0;
  return code >= 0x2000 || code === 0xb7 ? size : 0.55 * size;
}

/**
 * Width of what the layout would have had to fit at the end of the line before for `text`
 * to start there: its first character, an opening mark with the character after it, the
 * closing marks that follow (a closing quote with the character after it), or a whole
 * Latin word or number.
 */
export function leadingChunkWidth(text: string, size: number): number {
  const chars = [...text];
  const first = chars[0];
  if (first === undefined) return 0;
  let n = 1;
  if (/[A-Za-z0-9]/u.test(first)) {
    while (n < chars.length && /[A-Za-z0-9.%]/u.test(chars[n]!)) n += 1;
  } else if (NO_LINE_END.test(first) && chars.length > 1) {
    n = 2;
  }
  // chars[n] is in range: n < chars.length is tested first
  while (n < chars.length && NO_LINE_START.test(chars[n]!)) {
    // a closing quote also holds on to the character after it (no break on either side of a quote)
    n += /[”’」』]/u.test(chars[n]!) && n + 1 < chars.length ? 2 : 1;
  }
  return chars.slice(0, n).reduce((w, ch) => w + charWidth(ch, size), 0);
}

/** Left margin and right end of the measure of each page (from its own lines when it has enough). */
function pageMeasures(lines: PdfLine[]): Map<number, { left: number; end: number }> {
  const all = measure(lines);
  const byPage = new Map<number, PdfLine[]>();
  for (const l of lines) byPage.set(l.page, [...(byPage.get(l.page) ?? []), l]);
  const out = new Map<number, { left: number; end: number }>();
  for (const [page, own] of byPage) out.set(page, own.length >= 6 ? measure(own) : all);
  return out;
}

/**
 * The left margin is the smallest x at which at least two lines start (paragraphs may be
 * indented, wrapped lines are not; a stray line further left is not the margin); the
 * measure ends at the rightmost line end.
 */
function measure(lines: PdfLine[]): { left: number; end: number } {
  const counts = new Map<number, number>();
  for (const l of lines) counts.set(Math.round(l.x), (counts.get(Math.round(l.x)) ?? 0) + 1);
  const shared = [...counts.entries()].filter(([, n]) => n >= 2).map(([x]) => x);
  const left = shared.length ? Math.min(...shared) : Math.min(...counts.keys());
  return { left, end: Math.max(...lines.map((l) => l.right)) };
}

/**
 * Rebuilds paragraphs from lines in reading order. A line break is a wrap (the lines are
 * joined, with no space between Chinese characters) when the start of the next line would
 * not have fitted at the end of the line before, the next line starts at the left margin
 * (not indented, not centred), has the same font size and follows at the normal line
 * distance (or starts the next page); and not when a finished sentence is followed by a
 * heading (一、 （一） 1.).
 */
function joinParagraphs(lines: PdfLine[]): string {
  const first = lines[0];
  if (first === undefined) return '';
  const measures = pageMeasures(lines);
  const pitches: number[] = [];
  // lines[i - 1] and lines[i] are in range in both loops: 1 <= i < lines.length
  for (let i = 1; i < lines.length; i += 1) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.page === b.page && Math.abs(a.size - b.size) < 0.5 && a.y > b.y) pitches.push(a.y - b.y);
  }
  const pitch = pitches.length ? median(pitches) : first.size * 1.5;

  const out: string[] = [first.text];
  for (let i = 1; i < lines.length; i += 1) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    const here = measures.get(a.page)!;
    const there = measures.get(b.page)!;
    const full = a.right + leadingChunkWidth(b.text, b.size) > here.end - 0.5 * a.size;
    const atMargin = Math.abs(b.x - there.left) <= 0.5 * b.size;
    const sameSize = Math.abs(a.size - b.size) <= 0.2 * a.size;
    const nextLine = b.page !== a.page || (a.y > b.y && a.y - b.y <= pitch + 0.3 * b.size);
    const headingAfterSentence = SENTENCE_END.test(a.text) && HEADING_START.test(b.text);
    const wrap = full && atMargin && sameSize && nextLine && !headingAfterSentence;
    if (!wrap) {
      out.push('\n', b.text);
      continue;
    }
    const last = out.at(-1) ?? '';
    out.push(/[A-Za-z]$/u.test(last) && /^[A-Za-z]/u.test(b.text) ? ' ' : '', b.text);
  }
  return out.join('');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
