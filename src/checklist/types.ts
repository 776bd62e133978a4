/** The checklist as defined in a human-editable file (seeds/checklist.yaml), after validation. */

export type Comparison = '>=' | '=' | '<=';

/** A quantitative requirement on an item (docs/design.md: Target). */
export interface TargetDefinition {
  /** metric key, e.g. COURT_APPEARANCE_RATE */
  metric: string;
  /** comparison and threshold; a count metric without threshold only collects values */
  op?: Comparison;
  threshold?: number;
  unit: string;
}

/** Rules that decide whether a claim is evidence of an item (see src/evidence/matcher.ts). */
export interface MatchRules {
  /** any one of these words in a claim proposes a link */
  keywords: string[];
  /** each group: all of its words must occur in the same claim */
  together: string[][];
  /** a claim containing any of these words is never linked to the item */
  exclude: string[];
  /** a claim carrying one of these metric keys is linked to the item */
  metrics: string[];
  /**
   * phrases blanked out of a claim before this item's keywords and groups are looked for:
   * slogans or longer words that merely contain a keyword (`中心组织` is not `中心组`,
   * `尊法学法守法用法` is not a study activity). Optional; none when absent.
   */
  ignore?: string[];
  /**
   * why each `exclude` / `ignore` term is there (term → reason). The checklist file must
   * give a general reason for every one of them; absent for checklists stored before reasons
   * were required.
   */
  reasons?: Record<string, string>;
}

export interface ChecklistItemDefinition {
  code: string;
  /** parent code, or null for a top-level part */
  parentCode: string | null;
  title: string;
  text: string;
  /** headings (the ten parts) are not assessable */
  assessable: boolean;
  points: number;
  match: MatchRules;
  targets: TargetDefinition[];
}

export type ItemStatus = 'COVERED' | 'PARTIAL' | 'PLANNED_ONLY' | 'NEGATIVE_ONLY' | 'MISSING' | 'NOT_APPLICABLE';

export const ITEM_STATUSES: readonly ItemStatus[] = ['COVERED', 'PARTIAL', 'PLANNED_ONLY', 'NEGATIVE_ONLY', 'MISSING', 'NOT_APPLICABLE'];

export type FlagCode =
  | 'NO_EVIDENCE'
  | 'ONLY_PLANNED'
  | 'SHORTCOMING_REPORTED'
  | 'TARGET_NOT_MET'
  | 'TARGET_NOT_REPORTED'
  | 'LINK_UNREVIEWED'
  | 'REPORT_MISSING'
  | 'LINK_SUSPECT'
  | 'REUSED_EVIDENCE';

export const FLAG_CODES: readonly FlagCode[] = [
  'NO_EVIDENCE',
  'ONLY_PLANNED',
  'SHORTCOMING_REPORTED',
  'TARGET_NOT_MET',
  'TARGET_NOT_REPORTED',
  'LINK_UNREVIEWED',
  'REPORT_MISSING',
  'LINK_SUSPECT',
  'REUSED_EVIDENCE',
];

export type Severity = 'ERROR' | 'WARNING' | 'INFO';

/** One flag's switch and severity. */
export interface FlagSetting {
  enabled: boolean;
  severity: Severity;
}

/**
 * Flags added after the first checklists were written: optional in a checklist file (and
 * absent from checklists stored before), with these settings when absent.
 */
export type OptionalFlagCode = 'LINK_SUSPECT' | 'REUSED_EVIDENCE';
export const OPTIONAL_FLAG_DEFAULTS: Record<OptionalFlagCode, FlagSetting> = {
  LINK_SUSPECT: { enabled: true, severity: 'WARNING' },
  REUSED_EVIDENCE: { enabled: true, severity: 'INFO' },
};

/** Per-code switch and severity of a checklist (the optional codes may be absent). */
export type FlagSettingsOf = Record<Exclude<FlagCode, OptionalFlagCode>, FlagSetting> & Partial<Record<OptionalFlagCode, FlagSetting>>;

/** The setting of `code` in `flags`, or its default for an optional code; null when absent. */
export function flagSetting(flags: Partial<Record<FlagCode, FlagSetting>>, code: FlagCode): FlagSetting | null {
  return flags[code] ?? (OPTIONAL_FLAG_DEFAULTS as Partial<Record<FlagCode, FlagSetting>>)[code] ?? null;
}

export interface ChecklistDefinition {
  /** stable key of the checklist edition, e.g. `demo-district-2021` */
  key: string;
  name: string;
  issuer: string;
  yearFrom: number;
  yearTo: number;
  version: number;
  /** status → factor applied to an item's points (COVERED 1, PARTIAL 0.5 …) */
  scoring: Record<Exclude<ItemStatus, 'NOT_APPLICABLE'>, number>;
  /** flag code → enabled and severity (LINK_SUSPECT and REUSED_EVIDENCE optional, see OPTIONAL_FLAG_DEFAULTS) */
  flags: FlagSettingsOf;
  /**
   * REUSED_EVIDENCE: a claim "repeats last year's claim nearly verbatim" when at least
   * `threshold` (0.5..1) of its text is found in a claim of the unit's previous report.
   * Optional; {@link DEFAULT_REUSE_THRESHOLD} when absent.
   */
  reuse?: { threshold: number };
  items: ChecklistItemDefinition[];
  /**
   * the similarity signal's starting calibration (see src/evidence/similarity.ts): BM25 score
   * → probability, and the probability from which a similarity link is proposed. Absent: the
   * similarity proposes nothing until reviews have been learnt from.
   */
  matching?: { similarity: SimilaritySettings };
  /**
   * labelled example sentences of this checklist's items (src/evidence/examples.ts), shipped as
   * data (`seeds/examples.json`, src/checklist/examples-file.ts) and attached when the version
   * is loaded, not part of the checklist file. Absent: the examples signal is off.
   */
  examples?: ChecklistExamples;
}

/** Labelled example sentences and how their votes become links (the examples signal). */
export interface ChecklistExamples {
  /** what the examples are and where they come from (identifies them: the workers keep them by it) */
  key: string;
  /** how many nearest examples vote */
  neighbours: number;
  /** vote score → probability: p = σ(intercept + slope · vote + top · [best-voted item]) */
  calibration: { intercept: number; slope: number; top: number };
  /** an examples link is proposed beside the rules from this probability; 1 switches it off */
  threshold: number;
  /** the same for the examples alone (evaluation only) */
  aloneThreshold: number;
  examples: Array<{ text: string; items: string[]; source: string }>;
  /**
   * the learned decision over all signals (src/evidence/learned.ts): a logistic regression's
   * feature names and weights and its threshold; present: it makes the combined links
   */
  decision?: LearnedDecision;
  /**
   * the text classifier over the examples (src/evidence/text-classifier.ts) as stored: absent, it is
   * learnt from `examples` when a decision reads it
   */
  classifier?: StoredClassifier;
}

/**
 * A one-vs-rest linear text classifier as stored (src/evidence/text-classifier.ts): the character
 * grams it knows, and per gram the items' weights in thousandths, little-endian 16-bit integers
 * in base64 (gram-major, items side by side), with each item's bias.
 */
export interface StoredClassifier {
  items: string[];
  /** the grams' numbers (text-classifier.ts `gramsOf`), in feature order */
  grams: number[];
  /** base64 of an Int16Array of grams × items weights, each × 1,000 */
  weights: string;
  bias: number[];
}

/** A learned decision: p = σ(Σ weight · feature) for a (claim, item) pair; linked from `threshold`. */
export interface LearnedDecision {
  /** feature name → weight (features not named weigh 0) */
  weights: Record<string, number>;
  threshold: number;
}

/** Calibration of the similarity signal: p = σ(intercept + slope · score + top · [best item]); links from `threshold`. */
export interface SimilaritySettings {
  intercept: number;
  slope: number;
  top: number;
  threshold: number;
}

/** The REUSED_EVIDENCE threshold of a checklist that does not set `reuse.threshold`. */
export const DEFAULT_REUSE_THRESHOLD = 0.9;

/** A validation problem in a checklist file: names the file, the item and the field. */
export interface ChecklistFileError {
  file: string;
  itemCode: string | null;
  field: string;
  message: string;
}
