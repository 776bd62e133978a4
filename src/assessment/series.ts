/**
 * Metric series (指标序列, docs/design.md): one metric's values for a unit over years, or
 * for a district's units in one year, beside the item's target. Pure: values in, points
 * and aggregates out.
 *
 * - Only values in POSITIVE claims of a unit's current report count (a plan's "力争100%"
 *   or a shortcoming's "仅80%" is not a reported result).
 * - One value per unit and year: the best one for the target, by the same rule as the
 *   assessment's target check (`checkTargets`): first a value that proves the target,
 *   then the most favourable, then the strongest qualifier, then document order.
 * - `met` is the target check's: APPROX 100% does not prove ≥ 100%; null when the target
 *   has no threshold or nothing was reported.
 * - "Missing the target" in a year: a value was reported and does not prove the threshold
 *   (met = false). A unit with a report but no value is `notReported`, not missing: the
 *   report does not say. "Two years running": missing the target in the year and in the
 *   year before.
 */
import type { TargetDefinition } from '../checklist/types';
import type { Polarity, Qualifier } from '../reading/types';
import { t } from '../i18n/messages';
import { checkTargets } from './targets';

/** One stored metric value with where it stands. */
export interface SeriesValue {
  unitId: number;
  year: number;
  claimId: string;
  /** the claim's position in its report (document order) */
  claimPosition: number;
  metricValueId: number;
  polarity: Polarity;
  value: number;
  unit: string;
  qualifier: Qualifier;
}

/** The value of one unit in one year. */
export interface SeriesPoint {
  unitId: number;
  year: number;
  /** the unit has a current report for the year */
  hasReport: boolean;
  value: number | null;
  unit: string | null;
  qualifier: Qualifier | null;
  claimId: string | null;
  metricValueId: number | null;
  /** true / false against the threshold; null without threshold or without value */
  met: boolean | null;
}

/** Min, median and max of the reported values (null when none). */
export interface SeriesStats {
  count: number;
  min: number | null;
  median: number | null;
  max: number | null;
}

/**
 * The point of one unit and year from its values (of any polarity: non-positive ones
 * are dropped here). `target`: the item's target for the metric, or one without threshold.
 */
export function seriesPoint(
  unitId: number,
  year: number,
  hasReport: boolean,
  values: readonly SeriesValue[],
  target: TargetDefinition,
): SeriesPoint {
  const positive = values
    .filter((v) => v.unitId === unitId && v.year === year && v.polarity === 'POSITIVE')
    .sort((a, b) => a.claimPosition - b.claimPosition || a.metricValueId - b.metricValueId);
  const claimIds = [...new Set(positive.map((v) => v.claimId))];
  // one target in, one check out
  const check = checkTargets(
    { targets: [target] },
    claimIds,
    positive.map((v) => ({ claimId: v.claimId, metric: target.metric, value: v.value, unit: v.unit, qualifier: v.qualifier })),
  )[0]!;
  const chosen =
    check.value === null
      ? undefined
      : positive.find((v) => v.claimId === check.claimId && v.value === check.value && v.qualifier === check.qualifier);
  return {
    unitId,
    year,
    hasReport,
    value: check.value,
    unit: chosen ? chosen.unit : null,
    qualifier: check.qualifier,
    claimId: check.claimId,
    metricValueId: chosen ? chosen.metricValueId : null,
    met: check.met,
  };
}

/** Min, median (mean of the two middle values for an even count) and max of the points' values. */
export function seriesStats(points: readonly SeriesPoint[]): SeriesStats {
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value])).sort((a, b) => a - b);
  if (values.length === 0) return { count: 0, min: null, median: null, max: null };
  const mid = Math.floor(values.length / 2);
  // values is not empty, so mid and mid - 1 (for an even count) are in range
  const median = values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
  return { count: values.length, min: values[0]!, median, max: values[values.length - 1]! };
}

/** Whether a point misses the target: a reported value that does not prove the threshold. */
function missesTarget(point: SeriesPoint | undefined): boolean {
  return point !== undefined && point.met === false;
}

/** A district's year: the points of its units, the statistics and who misses the target. */
export interface DistrictSeries {
  points: SeriesPoint[];
  /** the same units' points of the year before */
  previous: SeriesPoint[];
  stats: SeriesStats;
  /** units whose reported value does not prove the threshold this year */
  missingTarget: number[];
  /** of those, units that also missed it the year before */
  missingTwoYears: number[];
  /** units with a report this year but no value of the metric in a positive claim */
  notReported: number[];
}

/** Aggregates one year of a district, with the year before for the two-year rule. */
export function districtSeries(points: readonly SeriesPoint[], previous: readonly SeriesPoint[]): DistrictSeries {
  const before = new Map(previous.map((p) => [p.unitId, p]));
  const missingTarget = points.filter((p) => missesTarget(p)).map((p) => p.unitId);
  return {
    points: [...points],
    previous: [...previous],
    stats: seriesStats(points),
    missingTarget,
    missingTwoYears: missingTarget.filter((id) => missesTarget(before.get(id))),
    notReported: points.filter((p) => p.hasReport && p.value === null).map((p) => p.unitId),
  };
}

/** A value as a reader sees it: `100%`, `约100%` (APPROX), `95分以上` (AT_LEAST). */
export function displayValue(value: number | null, unit: string | null, qualifier: Qualifier | null): string {
  if (value === null) return t('value.notReported');
  const plain = `${value}${unit ?? ''}`;
  return qualifier === 'APPROX' || qualifier === 'AT_LEAST' ? t(`value.${qualifier}`, { value: plain }) : plain;
}
