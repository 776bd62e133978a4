/**
 * The section tree of a normalised report: web chrome, title, preamble, numbered sections
 * (一、 / （一） / (一) / 1. / 1、 / （1） / 第一部分; a 一、 or （一） also where it runs inline, inline-headings.ts) and the
 * signature block. All offsets here are into the NORMALISED text; the analyser maps them back to the raw text.
 */
import { HeadingMatch, STYLE_RANK, matchHeading } from './headings';
import { inlineHeadingBreaks } from './inline-headings';
import type { SectionKind } from './types';

/** What a line of the report is. */
type LineRole = 'CHROME' | 'TITLE' | 'HEADING' | 'BODY' | 'SIGNATURE';

/** One paragraph (line) of the normalised text. */
export interface DocLine {
  index: number;
  start: number;
  end: number;
  text: string;
  role: LineRole;
  heading: HeadingMatch | null;
  /** index into {@link DocumentStructure.sections} */
  section: number;
  /**
   * The line goes on from the one before it in the text: where a heading runs inline (`…35件。二、存在的问题`), the
   * physical line is read as two, the heading starting the second. Its sentences are the physical line's (claims.ts).
   */
  continues: boolean;
}

/** A section with normalised offsets. */
interface DocSection {
  path: string;
  heading: string;
  kind: SectionKind;
  level: number;
  start: number;
  end: number;
  /** index of the top-level section it belongs to (itself for top level) */
  top: number;
}

/** Lines and sections of a report. */
export interface DocumentStructure {
  lines: DocLine[];
  sections: DocSection[];
  /** index of the title line, if any (it may sit inside web chrome) */
  titleLine: number | null;
  /** index of the first body line (the opening sentence), if any */
  openingLine: number | null;
}

const CHROME_START =
  /^[[【]?\s*(?:(?:您|你)?当前(?:所在)?位置|您的位置|你的位置|首页\s*[>＞»]|发布日期|发布时间|发文日期|成文日期|信息来源|来源[:：]|作者[:：]|浏览次数|访问量|点击数|阅读数|阅读次数|字号|【?字体|扫一扫|分享到|打印|关闭|索引号|主题分类|发文机关|发布机构|发布单位|文号[:：])/u;
/** Chrome wherever it stands in a line; a breadcrumb (首页 > …) also after a stray character a copy left before it. */
const CHROME_ANYWHERE =
  /扫一扫在手机打开当前页|【打印本页】|【关闭窗口】|打印本页|关闭窗口|字号[:：]\s*(?:大|中|小)|^[^\u3400-\u9fff]{1,4}首页\s*[>＞»›]/u;
const FOOTER_CHROME =
  /网站$|链接$|政府网站|网站地图|重点链接|友情链接|相关链接|联系我们|版权所有|Copyright|©|主办单位|承办单位|ICP备|公网安备|网站标识码|技术支持|返回顶部|打印本页|关闭窗口|【打印】|【关闭】|^首页$/iu;

/** A line of web-page navigation or metadata (breadcrumb, 发布日期, 字号, 扫一扫…). */
export function isChromeLine(text: string): boolean {
  const t = text.replace(/^[•·●▪■◆\-*\s]+/u, '');
  return CHROME_START.test(t) || CHROME_ANYWHERE.test(t);
}

/** A short footer line of a web page (link-list titles, copyright, registration numbers …). */
export function isFooterChromeLine(text: string, maxChars = 40): boolean {
  return [...text].length <= maxChars && !/[。]/u.test(text) && (FOOTER_CHROME.test(text) || isChromeLine(text));
}

const DATE_LINE =
  /^(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[〇○零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日|\d{4}[-./]\d{1,2}[-./]\d{1,2})$/u;
const ORG_LINE = /^(?:中共|中国共产党)|(?:委员会|党工委|工委|办事处|人民政府|政府|街道|街|镇|乡|区|县|局|办公室|司法所|中心)$/u;

/** A date on its own line: `2022年11月7日`, `2022年11月`, `二〇二二年十一月七日`, `2022-11-07`. */
function isDateLine(text: string): boolean {
  return DATE_LINE.test(text.trim());
}

function isOrgLine(text: string): boolean {
  const t = text.trim();
  return [...t].length <= 40 && !/[，,。；;：:]/u.test(t) && matchHeading(t) === null && ORG_LINE.test(t);
}

function isTitleLike(text: string): boolean {
  const n = [...text].length;
  return (
    n >= 6 &&
    n <= 80 &&
    !/[。；;]/u.test(text) &&
    matchHeading(text) === null &&
    !isChromeLine(text) &&
    // a title's words, or the first line of a title split before its last word (XX镇2025年法治政府建设 / 年度报告)
    (/报告|总结|情况|汇报|工作|年度|要点/u.test(text) || /(?:19|20)\d{2}\s*年.{0,6}(?:法治政府建设|法治建设|依法行政)$/u.test(text))
  );
}

/** A line that can only be a report's title: it ends in 报告/总结/汇报 and names a year or 法治. */
export function isStrongTitle(text: string): boolean {
  return isTitleLike(text) && /(?:报告|总结|汇报)$/u.test(text.trim()) && /(?:19|20)\d{2}|法治|依法行政/u.test(text);
}

/** A paragraph that is no report's opening: no year, no 今年, no 我/本/全 + level (a site's slogan). */
function isBanner(text: string): boolean {
  return !/(?:19|20)\d{2}|今年|[我本全](?:街道|街|镇|乡|区|县|市)/u.test(text);
}

/** How many lines past a paragraph above it (a site's slogan or banner) a title is still looked for. */
const TITLE_AFTER_BANNER_LINES = 4;

/** Heading words, checked in this order. A year in the heading never decides. */
const SHORTCOMING_WORDS = /不足|差距|短板|薄弱|存在(?:的)?(?:主要)?问题|问题(?:和|及|与)(?:不足|原因|差距|困难)|困难和问题|存在问题/u;
const PLAN_WORDS =
  /下一步|下步|主要安排|工作安排|计划|打算|(?<!创新)工作思路|设想|展望|努力方向|明年|来年|(?:\d{4}\s*年)[^，,。]{0,10}(?:工作重点|重点工作|安排|思路)/u;
const KIND_WORDS: Array<{ kind: SectionKind; re: RegExp }> = [
  { kind: 'RESPONSIBILITY', re: /第一责任人|主要负责人履行|负责人履职|履行推进法治建设/u },
  { kind: 'SHORTCOMING', re: SHORTCOMING_WORDS },
  { kind: 'PLAN', re: PLAN_WORDS },
];

/**
 * Kind of a top-level section from its heading wording: 第一责任人 → RESPONSIBILITY,
 * 不足/问题/差距 → SHORTCOMING, 下一步/主要安排/计划/打算/思路 → PLAN, anything else
 * (主要举措/成效/情况, topical headings) → ACHIEVEMENT. When several match, the earliest word wins.
 */
export function classifyHeading(heading: string): SectionKind {
  let best: { kind: SectionKind; at: number } | null = null;
  for (const { kind, re } of KIND_WORDS) {
    const m = re.exec(heading);
    if (m && (best === null || m.index < best.at)) best = { kind, at: m.index };
  }
  return best ? best.kind : 'ACHIEVEMENT';
}

/** Both a shortcoming and a plan in one heading (存在的问题及下一步打算). */
function isMixed(heading: string): boolean {
  return SHORTCOMING_WORDS.test(heading) && PLAN_WORDS.test(heading);
}

interface RawLine {
  start: number;
  end: number;
  text: string;
  /** the line goes on from the one before it: a heading runs inline there (one physical line read as two) */
  continues?: boolean;
}

function splitLines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i += 1) {
    if (i === text.length || text[i] === '\n') {
      if (i > start) lines.push({ start, end: i, text: text.slice(start, i) });
      start = i + 1;
    }
  }
  return lines;
}

/** Lines at the top that are web chrome (with the short lines between them, e.g. a title). */
function headerChromeEnd(lines: RawLine[]): number {
  let last = -1;
  for (let i = 0; i < lines.length && i < 15; i += 1) {
    const t = lines[i]!.text; // i < lines.length
    if (isChromeLine(t)) {
      last = i;
      continue;
    }
    const short = [...t].length <= 60 && !/[。]/u.test(t) && matchHeading(t) === null;
    if (!short) break;
  }
  return last + 1;
}

/** Trailing footer chrome lines (link lists), counted from the end. */
function footerChromeStart(lines: RawLine[], from: number): number {
  let i = lines.length;
  while (i > from && isFooterChromeLine(lines[i - 1]?.text ?? '')) i -= 1;
  return i;
}

/** The signature block just before `end`: up to three organisation lines and a date line. */
function signatureStart(lines: RawLine[], from: number, end: number): number {
  let i = end;
  if (i > from && isDateLine(lines[i - 1]?.text ?? '')) i -= 1;
  let orgs = 0;
  while (i > from && orgs < 3 && isOrgLine(lines[i - 1]?.text ?? '')) {
    i -= 1;
    orgs += 1;
  }
  // an organisation line alone is a signature only when something precedes it
  if (i === end || i === from) return end;
  return i;
}

/** The title: a short title-like line before the first heading and the first body paragraph (`null`: none). */
export function findTitleLine(lines: readonly RawLine[], headerEnd: number, signStart: number): number | null {
  // a paragraph above the title (a site's slogan) does not end the search for a title that can only
  // be one (…的报告), a few lines further; a weaker title-like line is taken only before any paragraph
  let paragraphAt = -1;
  for (let i = 0; i < signStart; i += 1) {
    const t = lines[i]!.text; // signStart <= lines.length
    if (matchHeading(t) !== null) break;
    if (i >= headerEnd && /[。]/u.test(t)) {
      if (paragraphAt >= 0 || !isBanner(t)) break;
      paragraphAt = i;
      continue;
    }
    if (paragraphAt >= 0) {
      if (i - paragraphAt > TITLE_AFTER_BANNER_LINES) break;
      if (isStrongTitle(t)) return i;
      continue;
    }
    if (isTitleLike(t)) return i;
  }
  return null;
}

/** Section paths are unique: a path seen before gets `~2`, `~3`, … (the first free one). */
export function uniquePaths(): (path: string) => string {
  const used = new Set<string>();
  const nextSuffix = new Map<string, number>();
  return (path) => {
    let unique = path;
    if (used.has(path)) {
      let k = nextSuffix.get(path) ?? 2;
      while (used.has(`${path}~${k}`)) k += 1;
      nextSuffix.set(path, k + 1);
      unique = `${path}~${k}`;
    }
    used.add(unique);
    return unique;
  };
}

/**
 * The kind of a section under a heading: a top-level section's from its own wording; a sub-section's from its top
 * section, unless that top heading is mixed (存在的问题及下一步打算) and its own wording says shortcoming or plan.
 */
export function sectionKind(headingText: string, topHeading: { heading: string; kind: SectionKind } | null): SectionKind {
  if (!topHeading) return classifyHeading(headingText);
  if (isMixed(topHeading.heading)) {
    const own = classifyHeading(headingText);
    if (own === 'SHORTCOMING' || own === 'PLAN') return own;
  }
  return topHeading.kind;
}

/** The sections added so far, in document order, and the ways to add one. */
class SectionList {
  readonly sections: DocSection[] = [];
  private chromeCount = 0;

  constructor(private readonly lines: DocLine[]) {}

  add(s: Omit<DocSection, 'top'>, top?: number): number {
    const { path, heading, kind, level, start, end } = s;
    this.sections.push({ path, heading, kind, level, start, end, top: top ?? this.sections.length });
    return this.sections.length - 1;
  }

  /** A block of chrome or the signature: lines `from` to `to` (exclusive) take its role. */
  addBlock(from: number, to: number, kind: 'CHROME' | 'SIGNATURE'): void {
    if (to <= from) return;
    const path = kind === 'CHROME' ? `chrome-${(this.chromeCount += 1)}` : 'signature';
    const start = this.lines[from]?.start ?? 0;
    const idx = this.add({ path, heading: '', kind, level: 1, start, end: this.lines[to - 1]?.end ?? 0 });
    for (const line of this.lines.slice(from, to)) {
      line.role = kind;
      line.section = idx;
    }
  }
}

/** A heading section still open for sub-sections, with its heading style's rank. */
interface OpenSection {
  section: number;
  rank: number;
}

/**
 * Opens the section a heading line starts: closes the open sections of the same or a lower rank, names it under its
 * parent and marks the line. Returns the new section's index.
 */
function openHeadingSection(
  list: SectionList,
  stack: OpenSection[],
  uniquePath: (path: string) => string,
  line: DocLine,
  heading: HeadingMatch,
): number {
  const rank = STYLE_RANK[heading.style];
  const same = stack.findIndex((o) => o.rank === rank);
  if (same >= 0) stack.length = same;
  else while ((stack.at(-1)?.rank ?? -Infinity) >= rank) stack.pop();
  const open = stack.at(-1);
  const parent = open ? list.sections[open.section]! : null; // stack holds indexes of added sections
  const path = uniquePath(parent ? `${parent.path}/${heading.label}` : heading.label);
  const headingText = line.text.slice(0, heading.headingEnd).trim();
  const topSection = parent ? list.sections[parent.top]! : null; // top is an added section
  const kind = sectionKind(headingText, topSection);
  const level = stack.length + 1;
  const section = list.add({ path, heading: headingText, kind, level, start: line.start, end: line.end }, parent?.top);
  stack.push({ section, rank });
  line.role = 'HEADING';
  line.heading = heading;
  line.section = section;
  return section;
}

/**
 * The body between the header chrome and the signature: a preamble, then numbered sections. Gives each line its
 * section and role; returns the opening line (the first body text, or the first heading with text after it).
 */
function readBody(lines: DocLine[], list: SectionList, from: number, to: number, titleLine: number | null): number | null {
  const stack: OpenSection[] = [];
  const uniquePath = uniquePaths();
  let current = -1;
  let openingLine: number | null = null;
  for (let i = from; i < to; i += 1) {
    const line = lines[i]!; // to <= lines.length
    const heading = i === titleLine ? null : matchHeading(line.text);
    if (heading) {
      current = openHeadingSection(list, stack, uniquePath, line, heading);
      if (heading.bodyStart < line.text.length && openingLine === null) openingLine = i;
      continue;
    }
    if (current < 0) {
      current = list.add({ path: '0', heading: '', kind: 'PREAMBLE', level: 1, start: line.start, end: line.end });
    }
    line.section = current;
    if (i === titleLine) line.role = 'TITLE';
    else if (isChromeLine(line.text)) line.role = 'CHROME';
    else if (openingLine === null) openingLine = i;
  }
  return openingLine;
}

/** Body section ends: up to the next section at the same or a higher level, else the last body line. */
function setBodySectionEnds(lines: DocLine[], sections: DocSection[], lastBodyLine: number): void {
  const body = sections.filter((s) => s.kind !== 'CHROME' && s.kind !== 'SIGNATURE');
  for (const [k, s] of body.entries()) {
    let endLine = lastBodyLine;
    let next: DocSection | undefined;
    for (let j = k + 1; j < body.length && !next; j += 1) if (body[j]!.level <= s.level || s.path === '0') next = body[j]; // j < body.length
    if (next) endLine = lineBefore(lines, next.start);
    const end = lines[endLine];
    if (end) s.end = Math.max(s.start, end.end);
  }
}

/**
 * Builds the section tree of a normalised report. Never throws; a text without headings is
 * one preamble.
 */
export function buildStructure(text: string): DocumentStructure {
  const physical = splitLines(text);
  const physicalHeaderEnd = headerChromeEnd(physical);
  const physicalFooterStart = Math.max(physicalHeaderEnd, footerChromeStart(physical, physicalHeaderEnd));
  const physicalSignStart = Math.max(physicalHeaderEnd, signatureStart(physical, physicalHeaderEnd, physicalFooterStart));
  const physicalTitle = findTitleLine(physical, physicalHeaderEnd, physicalSignStart);
  const { raw, lineOf } = withInlineHeadingsBroken(physical, physicalHeaderEnd, physicalSignStart, physicalTitle);
  // the fields written out, not spread: a spread of each line was a twentieth of reading (its own loop, in the profile)
  const lines: DocLine[] = raw.map((l, index) => ({
    start: l.start,
    end: l.end,
    text: l.text,
    index,
    role: 'BODY',
    heading: null,
    section: -1,
    continues: l.continues === true,
  }));
  const list = new SectionList(lines);

  const headerEnd = lineOf(physicalHeaderEnd);
  const footerStart = lineOf(physicalFooterStart);
  const signStart = lineOf(physicalSignStart);
  const titleLine = physicalTitle === null ? null : lineOf(physicalTitle);

  // sections are added in document order: header chrome, body, signature, footer chrome
  list.addBlock(0, headerEnd, 'CHROME');
  const openingLine = readBody(lines, list, headerEnd, signStart, titleLine);
  // a title inside the header chrome keeps its role for detection
  if (titleLine !== null && titleLine < headerEnd) {
    const title = lines[titleLine];
    if (title) title.role = 'TITLE';
  }
  list.addBlock(signStart, footerStart, 'SIGNATURE');
  list.addBlock(footerStart, lines.length, 'CHROME');

  setBodySectionEnds(lines, list.sections, signStart - 1);
  return { lines, sections: list.sections, titleLine, openingLine };
}

/**
 * The lines with the body's lines broken where a heading runs inline ({@link inlineHeadingBreaks}: `…35件。二、存在的问题`
 * is read as `…35件。` and a line `二、存在的问题`), and the index in them of each physical line's first part (of
 * `lines.length`: their length). The header chrome, the title, the signature and the footer are read on the physical
 * lines and keep them; without a heading run inline the lines are the physical ones.
 */
function withInlineHeadingsBroken(
  lines: RawLine[],
  headerEnd: number,
  signStart: number,
  titleLine: number | null,
): { raw: RawLine[]; lineOf: (physical: number) => number } {
  const texts = lines.slice(headerEnd, signStart).map((l) => l.text);
  const breaks = inlineHeadingBreaks({ texts, skip: (k) => headerEnd + k === titleLine || isChromeLine(texts[k] ?? '') });
  if (breaks.size === 0) return { raw: lines, lineOf: (physical) => physical };
  const raw: RawLine[] = [];
  const first: number[] = [];
  for (const [i, line] of lines.entries()) {
    first.push(raw.length);
    const at = breaks.get(i - headerEnd) ?? [];
    for (const [k, from] of [0, ...at].entries()) {
      const to = at[k] ?? line.text.length; // the part up to the next break, the last one to the line's end
      const part = line.text.slice(from, to).trimEnd();
      if (part.trim() === '') continue;
      raw.push({ start: line.start + from, end: line.start + from + part.length, text: part, continues: raw.length > first.at(-1)! });
    }
  }
  first.push(raw.length);
  return { raw, lineOf: (physical) => first[physical] ?? raw.length };
}

/** Index of the last line starting before `start` (binary search), or -1. */
function lineBefore(lines: DocLine[], start: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]!.start < start)
      lo = mid + 1; // lo <= mid < hi <= lines.length
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The headings of a section and its ancestors, nearest first (paths are `一/（一）/1`), empty
 * headings left out — what a claim carries as `headings`. Used by the analyser and by the matcher's
 * input read back from stored sections, so a stored report is matched with the same context.
 */
export function headingsOfPath(headingByPath: ReadonlyMap<string, string>, path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => headingByPath.get(parts.slice(0, parts.length - i).join('/')) ?? '').filter((h) => h.trim() !== '');
}
