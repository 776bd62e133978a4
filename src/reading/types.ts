/**
 * Types of the pure report analyser (no database). Every offset (`start`, `end`) is a
 * half-open range into the RAW text as received: `raw.slice(start, end)` gives the exact
 * original characters.
 */

/** Kind of a top-level section, decided from its heading wording (never from a year). */
export type SectionKind = 'PREAMBLE' | 'ACHIEVEMENT' | 'RESPONSIBILITY' | 'SHORTCOMING' | 'PLAN' | 'CHROME' | 'SIGNATURE';

export const SECTION_KINDS: readonly SectionKind[] = [
  'PREAMBLE',
  'ACHIEVEMENT',
  'RESPONSIBILITY',
  'SHORTCOMING',
  'PLAN',
  'CHROME',
  'SIGNATURE',
];

/** What a claim can be used for: past work, a reported shortcoming, or next year's plan. */
export type Polarity = 'POSITIVE' | 'NEGATIVE' | 'PLAN';
export const POLARITIES: readonly Polarity[] = ['POSITIVE', 'NEGATIVE', 'PLAN'];

/** `APPROX` for 余/多/近, `AT_LEAST` for 以上/不低于, `EXACT` otherwise. */
export type Qualifier = 'EXACT' | 'APPROX' | 'AT_LEAST';
export const QUALIFIERS: readonly Qualifier[] = ['EXACT', 'APPROX', 'AT_LEAST'];

export type UnitLevel = 'PROVINCE' | 'CITY' | 'DISTRICT' | 'STREET' | 'TOWN';
export const UNIT_LEVELS: readonly UnitLevel[] = ['PROVINCE', 'CITY', 'DISTRICT', 'STREET', 'TOWN'];

export interface AnalysedSection {
  /** e.g. `一`, `一/（三）`, `一/（三）/2`; the preamble is `0`, chrome blocks `chrome-1` … */
  path: string;
  /** heading text as normalised (empty for a preamble) */
  heading: string;
  /** kind of the top-level section this section belongs to */
  kind: SectionKind;
  /** 1 for top level, 2 for （一）, 3 for 1. … */
  level: number;
  /** raw offsets of the whole section (heading + body) */
  start: number;
  end: number;
}

export interface AnalysedClaim {
  /** stable within one analysis: `c1`, `c2`, … in document order */
  id: string;
  sectionPath: string;
  sectionKind: SectionKind;
  polarity: Polarity;
  start: number;
  end: number;
  /** the normalised text of raw.slice(start, end) (line breaks inside words joined, ** removed, full-width folded) */
  text: string;
  /**
   * the headings of the sections the claim lies in, nearest first (`（一）强化组织领导` before
   * `一、主要举措和成效`); empty headings left out. The matcher reads them as the claim's context
   * (src/evidence/context.ts). Claims read back from storage get them again from the stored sections
   * (src/evidence/matcher-input.store.ts).
   */
  headings?: string[];
}

export interface AnalysedMetric {
  claimId: string;
  /** a metric key (e.g. `COURT_APPEARANCE_RATE`; docs/design.md lists the demo checklist's) or null when unrecognised */
  metric: string | null;
  value: number;
  /** `%`, `分`, `元`, or the measure word (`次`, `件`, `起` …) */
  unit: string;
  qualifier: Qualifier;
  start: number;
  end: number;
  /** normalised text of raw.slice(start, end) */
  text: string;
}

/** `SOURCE` is a scraped page's `来源:` / `信息来源:` field. */
export type EvidenceSource = 'EXPLICIT' | 'TITLE' | 'OPENING' | 'HEADING' | 'SIGNATURE' | 'SOURCE' | 'BODY' | 'PUBLISH_DATE';

/** Why the analyser believes a unit or a year: the text and where it is. */
export interface DetectionEvidence {
  source: EvidenceSource;
  text: string;
  start: number;
  end: number;
}

export interface UnitCandidate {
  name: string;
  level: UnitLevel | null;
  confidence: number;
  /** why this name is taken for the author, in Chinese (标题写明“…”, 署名“…”, 与登记单位一致 …) */
  reason: string;
  /** whether the name is a registered unit (resolved through `knownUnits`) */
  known: boolean;
  /**
   * a low-confidence reading (below 0.4: inferred from how the text speaks of itself, or named only weakly): ingest does
   * not store a report under it unless the caller gives the unit
   */
  tentative: boolean;
  evidence: DetectionEvidence[];
}

export interface YearCandidate {
  value: number;
  confidence: number;
  /** a low-confidence reading (below 0.3: only a signature date early in the next year, a plan's title, running text) */
  tentative: boolean;
  evidence: DetectionEvidence[];
}

export interface AnalysisError {
  code: 'EMPTY_TEXT' | 'UNIT_NOT_DETECTED' | 'YEAR_NOT_DETECTED' | 'NOT_TEXT';
  message: string;
}

export interface KnownUnit {
  name: string;
  aliases: string[];
}

export interface AnalyzeOptions {
  /** explicit unit name: wins over detection */
  unit?: string;
  /** explicit report year: wins over detection */
  year?: number;
  /** registered units, to resolve aliases (万兴街道 → 万兴街) */
  knownUnits?: KnownUnit[];
}

export interface ReportAnalysis {
  /** best unit candidate, or null when none (then `errors` says so) */
  unit: UnitCandidate | null;
  unitCandidates: UnitCandidate[];
  year: YearCandidate | null;
  yearCandidates: YearCandidate[];
  sections: AnalysedSection[];
  claims: AnalysedClaim[];
  metrics: AnalysedMetric[];
  /** expected failures as data; the analyser never throws */
  errors: AnalysisError[];
}
