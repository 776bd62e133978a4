/**
 * Text of a saved web page (.html/.htm), laid out like seed 004 (a page copied as text):
 * the breadcrumb, the title and the page metadata (发布日期, 来源, 字号 …) as lines before
 * the article, the article's paragraphs one per line, and the footer's recognisable lines
 * (link-list titles such as 全国各省市政府网站, 版权所有, ICP备 …) after it. The analyser
 * marks those lines as CHROME. Site menus, link lists, scripts and forms are left out.
 */
import { HTMLElement, NodeType, parse, type Node } from 'node-html-parser';
import { isChromeLine } from '../reading';
import { isFooterChromeLine } from '../reading/sections';
import type { UserErrorCode } from '../common/error-codes';
import { decodeReportBytes } from './decode';

/** The result of reading a web page. */
export type HtmlTextResult =
  { ok: true; text: string; encoding: string; warnings: string[] } | { ok: false; code: UserErrorCode; message: string };

/**
 * Reads a saved web page: decodes it (byte-order mark, then the page's `<meta charset>`,
 * then detection) and extracts its text. Never throws.
 */
export function extractHtmlText(bytes: Uint8Array, maxDepth = 400): HtmlTextResult {
  const decoded = decodeHtmlBytes(bytes);
  if (!decoded.ok) return decoded;
  const tooDeep = (depth: number | null): HtmlTextResult => ({
    ok: false as const,
    code: 'DOCUMENT_TOO_DEEP',
    message: `${depth === null ? `网页元素嵌套超过 ${maxDepth} 层` : `网页元素嵌套 ${depth} 层，超过上限 ${maxDepth}`}（MAX_HTML_DEPTH）：the page is nested too deeply to be a report`,
  });
  // before parsing: a cheap scan of the tags (elements that close themselves not counted)
  if (estimateTagDepth(decoded.text, maxDepth) > maxDepth) return tooDeep(null);
  const root = parseHtml(decoded.text);
  const depth = treeDepth(root);
  if (depth > maxDepth) return tooDeep(depth);
  const { text, warnings } = htmlToText(decoded.text, root);
  if (text.trim() === '') {
    return {
      ok: false,
      code: 'EMPTY_DOCUMENT',
      message: 'the web page has no text (an empty page, or one that loads its text with JavaScript)',
    };
  }
  return { ok: true, text, encoding: decoded.encoding, warnings: [...decoded.warnings, ...warnings] };
}

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/iu;

/** A decoded page, or why it could not be decoded. */
type HtmlDecodeResult =
  { ok: true; text: string; encoding: string; warnings: string[] } | { ok: false; code: UserErrorCode; message: string };

/** Decodes a page: a byte-order mark wins, then `<meta charset>`, then the plain-text detection. */
function decodeHtmlBytes(bytes: Uint8Array): HtmlDecodeResult {
  const hasBom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!hasBom) {
    const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
    const label = META_CHARSET.exec(head)?.[1]?.toLowerCase();
    if (label) {
      const encoding = /^(?:gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/u.test(label) ? 'gb18030' : label;
      try {
        const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
        const name = encoding === 'gb18030' ? 'GB18030' : encoding === 'utf8' ? 'UTF-8' : encoding.toUpperCase();
        return { ok: true, text, encoding: name, warnings: [] };
      } catch {
        const detected = decodeReportBytes(bytes);
        if (!detected.ok) return detected;
        return {
          ...detected,
          warnings: [...detected.warnings, `the page says it is ${label} but is not; it was read as ${detected.encoding}`],
        };
      }
    }
  }
  const detected = decodeReportBytes(bytes);
  return detected.ok ? { ok: true, text: detected.text, encoding: detected.encoding, warnings: detected.warnings } : detected;
}

// ── DOM to lines ──────────────────────────────────────────────────────────────────────

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'head',
  'title',
  'input',
  'button',
  'textarea',
  'img',
  'map',
  'audio',
  'video',
  'picture',
  'source',
  'track',
  'link',
  'meta',
]);
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
  'html',
  'option',
  'optgroup',
  'legend',
]);
const CELL = new Set(['td', 'th']);
/** Elements that may hold a whole article. */
const CONTAINER = new Set(['div', 'section', 'article', 'main', 'table', 'tbody', 'tr', 'td', 'center', 'form', 'span', 'font']);

/** A line of the page with what is known about where it came from. */
interface PageLine {
  text: string;
  /** characters inside links */
  linkChars: number;
  /** the first option of a drop-down list (a link list's title, e.g. 全国各省市政府网站) */
  select: boolean;
  /** where the line lies relative to the article */
  region: 'BEFORE' | 'CONTENT' | 'AFTER';
}

/** Sentence punctuation that marks running text (paragraphs of the article). */
const PROSE = /[。；，！？]/u;

/**
 * Extracts the report text of an HTML page (pure; exported for tests): see the module
 * comment. The article is the deepest container (div, section, article, main, table …)
 * holding at least 85% of the page's running text (lines with sentence punctuation,
 * outside links).
 */
export function htmlToText(html: string, parsed?: HTMLElement): { text: string; warnings: string[] } {
  const root = parsed ?? parseHtml(html);
  const body = root.querySelector('body') ?? root;
  const content = findContent(body);
  const lines = pageLines(body, content);
  const kept: string[] = [];
  for (const line of lines) {
    const share = line.text.length ? line.linkChars / [...line.text].length : 0;
    if (line.region === 'CONTENT') kept.push(line.text);
    else if (line.region === 'BEFORE' && (share < 0.5 || isBreadcrumb(line.text) || isChromeLine(line.text))) kept.push(line.text);
    else if (line.region === 'AFTER' && (line.select || isFooterLine(line.text))) kept.push(line.text);
  }
  const title = pageTitle(root);
  const warnings: string[] = [];
  if (title && !kept.some((l) => l.includes(title))) kept.unshift(title);
  if (content === body && lines.length > 0 && !lines.some((l) => PROSE.test(l.text))) {
    warnings.push('no article text was recognised on the page; all of its text was kept');
  }
  return { text: kept.join('\n'), warnings };
}

function parseHtml(html: string): HTMLElement {
  return parse(html, { comment: false, blockTextElements: { script: false, noscript: false, style: false, pre: true } });
}

/** Elements whose end tag may be left out, and void elements: not counted by the pre-parse scan. */
const SELF_CLOSING = new Set([
  ...['p', 'li', 'td', 'th', 'tr', 'dt', 'dd', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'rb', 'rt', 'rp'],
  ...['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param'],
]);

/**
 * Nesting of the page's tags as written (linear scan, no tree), stopping once past `stop`:
 * lets a 10,000-level page be refused before it is parsed.
 */
export function estimateTagDepth(html: string, stop: number): number {
  const tag = /<(\/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(\/?)>/g;
  let depth = 0;
  let max = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const name = (m[2] ?? '').toLowerCase();
    if (SELF_CLOSING.has(name) || m[3] === '/') continue;
    depth = m[1] === '/' ? Math.max(0, depth - 1) : depth + 1;
    if (depth > max) {
      max = depth;
      if (max > stop) return max;
    }
  }
  return max;
}

/** Depth of the parsed tree, walked without recursion. */
export function treeDepth(root: Node): number {
  let max = 0;
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Node, number];
    if (depth > max) max = depth;
    for (const child of node.childNodes) stack.push([child, depth + 1]);
  }
  return max;
}

/** The page's <title> without the site or column names after `_`, `|` or `-`, when it names a report. */
function pageTitle(root: HTMLElement): string | null {
  let title = root.querySelector('title')?.text.replace(/\s+/gu, ' ').trim() ?? '';
  // "…工作报告_政务公开_某某区人民政府": drop trailing names that are not the report's
  for (let m = SITE_SUFFIX.exec(title); m && !/报告|总结|情况/u.test(m[2] ?? ''); m = SITE_SUFFIX.exec(title)) title = m[1] ?? '';
  return title && /报告|总结|情况|工作/u.test(title) ? title : null;
}

const SITE_SUFFIX = /^(.*\S)\s*[_|｜—–-]\s*([^_|｜—–-]{2,40})$/u;

function isBreadcrumb(text: string): boolean {
  return /^(?:当前位置|您的位置|你的位置|所在位置|您现在的位置|现在的位置)/u.test(text) || /\S\s*[>＞»›]\s*\S.*[>＞»›]/u.test(text);
}

/** A footer line the analyser recognises as web chrome (link-list titles, copyright, registration). */
function isFooterLine(text: string): boolean {
  return isFooterChromeLine(text, 60);
}

/**
 * The article: the deepest container holding at least 85% of the page's running text,
 * measured per element bottom up as the length of its lines with sentence punctuation
 * (links left out).
 */
function findContent(body: HTMLElement): HTMLElement {
  const prose = new Map<HTMLElement, number>();
  const visit = (el: HTMLElement): number => {
    let own = 0;
    let run = '';
    const flushRun = (): void => {
      const t = run.replace(/\s+/gu, '');
      if (t.length >= 15 && PROSE.test(t)) own += t.length;
      run = '';
    };
    for (const child of el.childNodes) {
      if (child.nodeType === NodeType.TEXT_NODE) run += child.text;
      else if (child instanceof HTMLElement) {
        const tag = child.rawTagName?.toLowerCase() ?? '';
        if (SKIP.has(tag) || tag === 'a' || tag === 'select') continue;
        if (BLOCK.has(tag) || CELL.has(tag) || tag === 'br') {
          flushRun();
          own += visit(child);
        } else {
          // inline element: its text joins the current run
          run += inlineText(child);
        }
      }
    }
    flushRun();
    prose.set(el, own);
    return own;
  };
  const total = visit(body);
  if (total === 0) return body;
  let best = body;
  for (;;) {
    const next = best.children.find((c) => (prose.get(c) ?? 0) >= 0.85 * total);
    // a container, never a single paragraph: the lines around it (a signature, a date) belong to the article
    if (!next || !CONTAINER.has(next.rawTagName?.toLowerCase() ?? '')) return best;
    best = next;
  }
}

/** Text of an inline element without links, scripts and nested blocks' structure. */
function inlineText(el: HTMLElement): string {
  let out = '';
  for (const child of el.childNodes) {
    if (child.nodeType === NodeType.TEXT_NODE) out += child.text;
    else if (child instanceof HTMLElement) {
      const tag = child.rawTagName?.toLowerCase() ?? '';
      if (!SKIP.has(tag) && tag !== 'a') out += inlineText(child);
    }
  }
  return out;
}

/** Walks the page in document order and produces its lines. */
function pageLines(body: HTMLElement, content: HTMLElement): PageLine[] {
  const lines: PageLine[] = [];
  let region: PageLine['region'] = content === body ? 'CONTENT' : 'BEFORE';
  let buffer = '';
  let linkChars = 0;
  const flush = (select = false): void => {
    for (const [i, part] of buffer.split('\n').entries()) {
      const text = part
        .replace(/[ \u00a0]+/gu, ' ')
        .replace(/ ?\t ?/gu, '\t')
        .replace(/^[\s\u3000]+|[\s\u3000]+$/gu, '');
      if (text) lines.push({ text, linkChars: i === 0 ? linkChars : 0, select, region });
    }
    buffer = '';
    linkChars = 0;
  };
  const append = (text: string, inLink: boolean, pre: boolean): void => {
    const t = pre ? text.replace(/\r\n?/gu, '\n') : text.replace(/[ \t\r\n\f]+/gu, ' ');
    buffer += t;
    if (inLink) linkChars += [...t.replace(/\s/gu, '')].length;
  };
  const walk = (node: Node, inLink: boolean, pre: boolean): void => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      append(node.text, inLink, pre);
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    const tag = node.rawTagName?.toLowerCase() ?? '';
    if (SKIP.has(tag)) return;
    if (node === content) {
      flush();
      region = 'CONTENT';
    }
    if (tag === 'br') {
      flush();
    } else if (tag === 'select') {
      flush();
      const first = node.querySelector('option');
      if (first) {
        append(first.text, false, false);
        flush(true);
      }
    } else if (CELL.has(tag)) {
      if (buffer.trim() !== '') buffer += '\t';
      for (const child of node.childNodes) walk(child, inLink, pre);
    } else if (BLOCK.has(tag)) {
      flush();
      for (const child of node.childNodes) walk(child, inLink, pre || tag === 'pre');
      flush();
    } else {
      for (const child of node.childNodes) walk(child, inLink || tag === 'a', pre);
    }
    if (node === content) {
      flush();
      region = 'AFTER';
    }
  };
  walk(body, false, false);
  flush();
  return lines;
}
