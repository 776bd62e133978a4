/** Inputs and results of the pure assessment core (status, coverage, score, flags). */
import type { ChecklistDefinition, FlagCode, ItemStatus, Severity } from '../checklist/types';
import type { LinkMethod, LinkState } from '../evidence/types';
import type { LocalText } from '../i18n/messages';
import type { Polarity, Qualifier } from '../reading/types';

export interface AssessmentClaim {
  id: string;
  polarity: Polarity;
  sectionPath: string;
  text: string;
}

export interface AssessmentMetric {
  claimId: string;
  metric: string | null;
  value: number;
  unit: string;
  qualifier: Qualifier;
}

export interface AssessmentLink {
  /** stored link id when there is one */
  id?: string;
  claimId: string;
  itemCode: string;
  method: LinkMethod;
  state: LinkState;
  confidence: number;
}

export interface NotApplicableMark {
  itemCode: string;
  justification: string;
}

export interface AssessmentInput {
  checklist: Pick<ChecklistDefinition, 'items' | 'scoring' | 'flags' | 'reuse'>;
  /** false when the unit has no report for the year: every item MISSING, flag REPORT_MISSING */
  hasReport: boolean;
  claims: AssessmentClaim[];
  metrics: AssessmentMetric[];
  links: AssessmentLink[];
  notApplicable: NotApplicableMark[];
  /**
   * Claims of the report that repeat a claim of the unit's report of the year before, with
   * the share of their text found there (src/reports/reuse); absent: none known.
   */
  reusedClaims?: ReusedClaim[];
}

/** A claim that repeats a claim of the unit's previous report. */
export interface ReusedClaim {
  claimId: string;
  previousClaimId: string;
  /** the year of the previous report */
  year: number;
  /** share of the claim's text found in the previous claim, 0..1 */
  similarity: number;
}

/** Which links count: `confirmed` = accepted only; `proposed` = accepted + proposed. Rejected never. */
export type CoverageView = 'confirmed' | 'proposed';

export interface TargetCheck {
  metric: string;
  op: string | null;
  threshold: number | null;
  unit: string;
  /** best reported value from positive claims, null when not reported */
  value: number | null;
  qualifier: Qualifier | null;
  claimId: string | null;
  /** true / false, or null when no threshold or not reported */
  met: boolean | null;
}

export interface FlagResult {
  code: FlagCode;
  severity: Severity;
  /** null for report-level flags (REPORT_MISSING) */
  itemCode: string | null;
  /** the message in Chinese (the default locale) */
  message: string;
  /** the message by catalogue key and parameters, for other locales (absent in results stored before it existed) */
  text?: LocalText;
  /** the claims that explain it */
  claimIds: string[];
}

export interface ItemResult {
  code: string;
  title: string;
  /** code of the top-level part (1 … 10) */
  partCode: string;
  points: number;
  /** status counting accepted + proposed links */
  status: ItemStatus;
  /** status counting accepted links only */
  confirmedStatus: ItemStatus;
  /** factor from the checklist's scoring rules for `status` */
  factor: number;
  /** points × factor (proposed view) */
  score: number;
  confirmedScore: number;
  evidenceClaimIds: string[];
  planClaimIds: string[];
  negativeClaimIds: string[];
  targets: TargetCheck[];
  flags: FlagResult[];
  /** one sentence saying why the item has this status, in Chinese (the default locale) */
  explanation: string;
  /** the same by catalogue key and parameters (absent in results stored before it existed) */
  explanationText?: LocalText;
}

export interface CoverageCount {
  /** items with status COVERED */
  covered: number;
  /** items with status PARTIAL (positive evidence, a target not met or not reported); not in `covered` */
  partial: number;
  /** assessable items minus those marked not applicable with a justification */
  assessable: number;
  /** covered / assessable, 0 when nothing is assessable */
  ratio: number;
}

export interface PartCoverage {
  partCode: string;
  title: string;
  confirmed: CoverageCount;
  proposed: CoverageCount;
}

export interface ScoreResult {
  earned: number;
  possible: number;
  /** earned / possible × 100, rounded to 2 decimals */
  normalised: number;
}

export interface AssessmentResult {
  items: ItemResult[];
  coverage: { confirmed: CoverageCount; proposed: CoverageCount; byPart: PartCoverage[] };
  score: { confirmed: ScoreResult; proposed: ScoreResult };
  flags: FlagResult[];
}
