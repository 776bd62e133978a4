/**
 * The pure report analyser: raw text in, sections, claims, numbers, unit and year out, every
 * offset into the raw text. Expected failures are returned as `errors`; it never throws.
 */
import { extractClaimSpans, polarityOf } from './claims';
import { NormalisedText, normaliseReport, toRawRange } from './normalise';
import { extractNumbers } from './numbers';
import { buildStructure, headingsOfPath } from './sections';
import type { AnalysedClaim, AnalysedMetric, AnalysedSection, AnalysisError, AnalyzeOptions, ReportAnalysis } from './types';
import { detectUnitYear } from './unit-year';

/** Share of control characters / replacement characters above which input is not text. */
const MAX_BINARY_SHARE = 0.02;

/**
 * Checks that the input looks like text: a string without NUL bytes and with few control or
 * replacement characters (a binary file read as UTF-8). Returns the error, or null when fine.
 */
export function checkText(raw: unknown): AnalysisError | null {
  if (typeof raw !== 'string') return { code: 'NOT_TEXT', message: 'the input is not text' };
  if (raw.includes('\u0000')) return { code: 'NOT_TEXT', message: 'the input contains NUL bytes: not a text file' };
  let bad = 0;
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x0b) || c === 0xfffd) bad += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = raw.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
      else bad += 1;
    } else if (c >= 0xdc00 && c <= 0xdfff) bad += 1;
  }
  if (bad > 0 && bad / raw.length > MAX_BINARY_SHARE) {
    return { code: 'NOT_TEXT', message: 'the input has too many control or undecodable characters: not a text file' };
  }
  return null;
}

function emptyAnalysis(errors: AnalysisError[]): ReportAnalysis {
  return {
    unit: null,
    unitCandidates: [],
    year: null,
    yearCandidates: [],
    sections: [],
    claims: [],
    metrics: [],
    errors,
  };
}

/** extractNumbers belongs to another module: a failure there must not break the analysis. */
function numbersIn(text: string): ReturnType<typeof extractNumbers> {
  try {
    const found = extractNumbers(text);
    return Array.isArray(found) ? found : [];
  } catch {
    return [];
  }
}

/** The numbers of a claim, pushed onto `out`; the claim's text is `norm.text` from `nStart` on. */
function metricsOf(norm: NormalisedText, claim: AnalysedClaim, nStart: number, out: AnalysedMetric[]): void {
  const text = claim.text;
  for (const f of numbersIn(text)) {
    if (!f || !Number.isInteger(f.start) || !Number.isInteger(f.end)) continue;
    let s = Math.max(0, f.start);
    let e = Math.min(text.length, f.end);
    while (s < e && /\s/u.test(text.charAt(s))) s += 1;
    while (e > s && /\s/u.test(text.charAt(e - 1))) e -= 1;
    if (e <= s || typeof f.value !== 'number' || !Number.isFinite(f.value)) continue;
    const r = toRawRange(norm, nStart + s, nStart + e);
    out.push({
      claimId: claim.id,
      metric: f.metric ?? null,
      value: f.value,
      unit: f.unit,
      qualifier: f.qualifier,
      start: r.start,
      end: r.end,
      text: text.slice(s, e),
    });
  }
}

/**
 * Analyses one report: normalisation, section tree, unit and year, claims, and the numbers in
 * each claim (via `extractNumbers`), all with raw offsets. Options: an explicit `unit` /
 * `year` wins over detection; `knownUnits` resolve aliases. Never throws: empty, binary or
 * undetectable input gives `errors` (EMPTY_TEXT, NOT_TEXT, UNIT_NOT_DETECTED, YEAR_NOT_DETECTED).
 */
export function analyzeReport(raw: string, opts: AnalyzeOptions = {}): ReportAnalysis {
  const notText = checkText(raw);
  if (notText) return emptyAnalysis([notText]);
  const norm = normaliseReport(raw);
  if (norm.text.trim() === '') {
    return emptyAnalysis([{ code: 'EMPTY_TEXT', message: 'the report is empty' }]);
  }
  const doc = buildStructure(norm.text);
  const who = detectUnitYear(norm, doc, opts ?? {});

  const sections: AnalysedSection[] = doc.sections.map((s) => {
    const r = toRawRange(norm, s.start, s.end);
    return { path: s.path, heading: s.heading, kind: s.kind, level: s.level, start: r.start, end: r.end };
  });

  const headingByPath = new Map(doc.sections.map((s) => [s.path, s.heading]));
  // a section's headings read once for all its claims (each claim gets its own copy)
  const headingsOfSection = new Map<number, readonly string[]>();
  const headingsOf = (index: number, path: string): string[] => {
    let headings = headingsOfSection.get(index);
    if (!headings) headingsOfSection.set(index, (headings = headingsOfPath(headingByPath, path)));
    return headings.slice();
  };
  const claims: AnalysedClaim[] = [];
  const metrics: AnalysedMetric[] = [];
  for (const span of extractClaimSpans(norm.text, doc)) {
    const section = doc.sections[span.section];
    if (!section) continue; // claim spans are only made inside sections
    const r = toRawRange(norm, span.start, span.end);
    const claim: AnalysedClaim = {
      id: `c${claims.length + 1}`,
      sectionPath: section.path,
      sectionKind: section.kind,
      polarity: polarityOf(section.kind),
      start: r.start,
      end: r.end,
      text: norm.text.slice(span.start, span.end),
      headings: headingsOf(span.section, section.path),
    };
    claims.push(claim);
    metricsOf(norm, claim, span.start, metrics);
  }

  return {
    unit: who.unit,
    unitCandidates: who.unitCandidates,
    year: who.year,
    yearCandidates: who.yearCandidates,
    sections,
    claims,
    metrics,
    errors: who.errors,
  };
}
