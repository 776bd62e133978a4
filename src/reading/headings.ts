/**
 * Heading numbering styles of Chinese reports and the split of a heading line into its
 * heading part and the body text that may follow it on the same line.
 */

/** Numbering styles, from the most to the least significant. */
export type HeadingStyle = 'DI' | 'CN' | 'PAREN_CN' | 'ARABIC' | 'PAREN_ARABIC';

/** Canonical order of styles: a smaller rank is a higher level. */
export const STYLE_RANK: Record<HeadingStyle, number> = {
  DI: 0,
  CN: 1,
  PAREN_CN: 2,
  ARABIC: 3,
  PAREN_ARABIC: 4,
};

/** A heading found at the start of a (normalised) line. */
export interface HeadingMatch {
  style: HeadingStyle;
  /** the numbering as written, normalised: `一`, `（三）`, `2`, `（1）`, `第一` */
  label: string;
  /** end of the heading part in the line (trailing 。 excluded) */
  headingEnd: number;
  /** where the body text on the same line starts (the line length when there is none) */
  bodyStart: number;
  /** where the heading's own words start, after its numbering (`（一）强化组织领导。…` → 3) */
  textStart: number;
}

const NUMERAL = '[一二三四五六七八九十]';
const PATTERNS: Array<{ style: HeadingStyle; re: RegExp; label: (m: RegExpExecArray) => string }> = [
  {
    style: 'DI',
    re: new RegExp(`^第(${NUMERAL}{1,3})(?:部分|章|节|篇)\\s*[、，,．.：:]?\\s*`, 'u'),
    label: (m) => `第${m[1]}`,
  },
  { style: 'DI', re: new RegExp(`^第(${NUMERAL}{1,3})\\s*[、．.]\\s*`, 'u'), label: (m) => `第${m[1]}` },
  { style: 'CN', re: new RegExp(`^(${NUMERAL}{1,3})\\s*[、．.，,]\\s*`, 'u'), label: (m) => m[1] ?? '' },
  {
    style: 'PAREN_CN',
    re: new RegExp(`^[（(]\\s*(${NUMERAL}{1,3})\\s*[）)]\\s*[、．.]?\\s*`, 'u'),
    label: (m) => `（${m[1]}）`,
  },
  { style: 'PAREN_ARABIC', re: /^[（(]\s*(\d{1,2})\s*[）)]\s*[、．.]?\s*/u, label: (m) => `（${m[1]}）` },
  { style: 'ARABIC', re: /^(\d{1,2})\s*[.．、](?![\d%％])\s*/u, label: (m) => m[1] ?? '' },
];

/** Sentence-final punctuation that ends the heading part of a line. */
const FINAL = /[。！？；;!?]/u;
/** A heading part longer than this is a numbered paragraph, not a heading. */
const MAX_HEADING_CHARS = 60;

/**
 * Recognises a heading at the start of a normalised line: `一、` `（一）` `(一)` `1.` `1、`
 * `（1）` `第一部分`. A line like `（一）完善工作机制，提升行政效能。一是…` has the heading
 * part up to the first 。 and body text after it; a long numbered paragraph keeps only its
 * numbering as heading. `一是` is not a heading (it is a claim).
 */
export function matchHeading(line: string): HeadingMatch | null {
  for (const p of PATTERNS) {
    const m = p.re.exec(line);
    if (!m) continue;
    const markerEnd = m[0].length;
    const rest = line.slice(markerEnd);
    if (!rest || !/[\u3400-\u9fffA-Za-z0-9]/u.test(rest)) {
      return { style: p.style, label: p.label(m), headingEnd: line.length, bodyStart: line.length, textStart: markerEnd };
    }
    const fin = FINAL.exec(rest);
    const afterFinal = fin ? rest.slice(fin.index + 1) : '';
    const hasBodyAfter = fin !== null && /[\u3400-\u9fffA-Za-z0-9]/u.test(afterFinal);
    if (!hasBodyAfter) {
      const text = fin ? rest.slice(0, fin.index) : rest;
      if ([...text].length <= MAX_HEADING_CHARS) {
        return {
          style: p.style,
          label: p.label(m),
          headingEnd: markerEnd + text.length,
          bodyStart: line.length,
          textStart: markerEnd,
        };
      }
      return { style: p.style, label: p.label(m), headingEnd: trimEnd(line, markerEnd), bodyStart: markerEnd, textStart: markerEnd };
    }
    const first = rest.slice(0, fin!.index);
    if ([...first].length <= MAX_HEADING_CHARS) {
      return {
        style: p.style,
        label: p.label(m),
        headingEnd: markerEnd + fin!.index,
        bodyStart: markerEnd + fin!.index + 1,
        textStart: markerEnd,
      };
    }
    return { style: p.style, label: p.label(m), headingEnd: trimEnd(line, markerEnd), bodyStart: markerEnd, textStart: markerEnd };
  }
  return null;
}

function trimEnd(line: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/u.test(line.charAt(e - 1))) e -= 1;
  return e;
}
