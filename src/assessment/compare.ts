/**
 * Year-over-year comparison of two assessments of one unit (issue 6 `compare`).
 *
 * Per item (matched by code; items of `to` in order, then items only in `from`), in the
 * chosen view (default `proposed`, i.e. `ItemResult.status`):
 * - UNCHANGED: same status.
 * - NOT_COMPARABLE: the item is in only one assessment, or NOT_APPLICABLE on one side.
 * - NEW_EVIDENCE: no positive evidence before (PLANNED_ONLY, NEGATIVE_ONLY, MISSING),
 *   positive evidence now (COVERED, PARTIAL); LOST_EVIDENCE: the reverse.
 * - IMPROVED: PARTIAL → COVERED; DECLINED: COVERED → PARTIAL.
 * - CHANGED: any other move between PLANNED_ONLY, NEGATIVE_ONLY and MISSING.
 * Metric changes list every target metric of either side with its value then and now
 * (null when not reported) and the difference when both are known.
 */
import type { ItemStatus } from '../checklist/types';
import type { Qualifier } from '../reading/types';
import { roundTo } from './score';
import type { AssessmentResult, CoverageView, ItemResult, TargetCheck } from './types';

/** How an item's status moved between two years. */
export type ItemChange = 'NEW_EVIDENCE' | 'LOST_EVIDENCE' | 'IMPROVED' | 'DECLINED' | 'CHANGED' | 'UNCHANGED' | 'NOT_COMPARABLE';

/** One metric's reported value in both years. */
export interface MetricChange {
  metric: string;
  unit: string;
  from: number | null;
  fromQualifier: Qualifier | null;
  to: number | null;
  toQualifier: Qualifier | null;
  /** to − from when both are reported, else null */
  delta: number | null;
}

/** One item compared across two assessments. */
export interface ItemComparison {
  code: string;
  title: string;
  fromStatus: ItemStatus | null;
  toStatus: ItemStatus | null;
  change: ItemChange;
  metrics: MetricChange[];
}

/** A score in both years and its change (normalised points). */
export interface ScoreChange {
  from: number;
  to: number;
  delta: number;
}

/** Result of `compareAssessments`. */
export interface AssessmentComparison {
  view: CoverageView;
  items: ItemComparison[];
  score: { confirmed: ScoreChange; proposed: ScoreChange };
}

const hasEvidence = (status: ItemStatus): boolean => status === 'COVERED' || status === 'PARTIAL';

/** Classifies a status change (see the module comment); null means the item is absent. */
export function classifyChange(from: ItemStatus | null, to: ItemStatus | null): ItemChange {
  if (from === null || to === null) return 'NOT_COMPARABLE';
  if (from === to) return 'UNCHANGED';
  if (from === 'NOT_APPLICABLE' || to === 'NOT_APPLICABLE') return 'NOT_COMPARABLE';
  if (!hasEvidence(from) && hasEvidence(to)) return 'NEW_EVIDENCE';
  if (hasEvidence(from) && !hasEvidence(to)) return 'LOST_EVIDENCE';
  if (from === 'PARTIAL' && to === 'COVERED') return 'IMPROVED';
  if (from === 'COVERED' && to === 'PARTIAL') return 'DECLINED';
  return 'CHANGED';
}

function metricChanges(from: readonly TargetCheck[], to: readonly TargetCheck[]): MetricChange[] {
  const keys: string[] = [];
  for (const check of [...to, ...from]) if (!keys.includes(check.metric)) keys.push(check.metric);
  return keys.map((metric) => {
    const before = from.find((check) => check.metric === metric);
    const after = to.find((check) => check.metric === metric);
    const fromValue = before?.value ?? null;
    const toValue = after?.value ?? null;
    return {
      metric,
      unit: (after ?? before)?.unit ?? '',
      from: fromValue,
      fromQualifier: before?.qualifier ?? null,
      to: toValue,
      toQualifier: after?.qualifier ?? null,
      delta: fromValue !== null && toValue !== null ? roundTo(toValue - fromValue, 6) : null,
    };
  });
}

const statusIn = (item: ItemResult | undefined, view: CoverageView): ItemStatus | null =>
  item === undefined ? null : view === 'confirmed' ? item.confirmedStatus : item.status;

/** Compares two assessments of the same unit and checklist, item by item, in one view. */
export function compareAssessments(from: AssessmentResult, to: AssessmentResult, view: CoverageView = 'proposed'): AssessmentComparison {
  const fromByCode = new Map(from.items.map((item) => [item.code, item]));
  const toByCode = new Map(to.items.map((item) => [item.code, item]));
  const codes = [...to.items.map((item) => item.code)];
  for (const item of from.items) if (!toByCode.has(item.code)) codes.push(item.code);

  const items = codes.map((code): ItemComparison => {
    const before = fromByCode.get(code);
    const after = toByCode.get(code);
    const fromStatus = statusIn(before, view);
    const toStatus = statusIn(after, view);
    return {
      code,
      title: (after ?? before)?.title ?? '',
      fromStatus,
      toStatus,
      change: classifyChange(fromStatus, toStatus),
      metrics: metricChanges(before?.targets ?? [], after?.targets ?? []),
    };
  });

  const scoreChange = (a: number, b: number): ScoreChange => ({ from: a, to: b, delta: roundTo(b - a, 2) });
  return {
    view,
    items,
    score: {
      confirmed: scoreChange(from.score.confirmed.normalised, to.score.confirmed.normalised),
      proposed: scoreChange(from.score.proposed.normalised, to.score.proposed.normalised),
    },
  };
}
