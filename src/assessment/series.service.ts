/**
 * Storage side of the metric series (pure core: series.ts): reads the metric values of
 * current reports for some units and years in one query per 500 units, and finds the
 * checklist item whose target uses the metric.
 */
import { In, type DataSource } from 'typeorm';
import type { LoadedChecklist } from '../checklist/checklist.service';
import type { TargetDefinition } from '../checklist/types';
import { METRIC_KEYS } from '../reading/metric-keys';
import type { Polarity, Qualifier } from '../reading/types';
import { Report } from '../reports/report.entity';
import { districtSeries, seriesPoint, type DistrictSeries, type SeriesPoint, type SeriesValue } from './series';

const CHUNK = 500;

/** The item whose target uses a metric, with that target (threshold or none). */
export interface MetricTarget {
  itemCode: string | null;
  itemTitle: string | null;
  target: TargetDefinition;
}

/** Whether `metric` is a metric key the analyser recognises or a checklist target uses. */
export function isKnownMetric(metric: string, loaded: LoadedChecklist | null): boolean {
  return (
    METRIC_KEYS.some((k) => k.key === metric) || (loaded?.definition.items.some((i) => i.targets.some((t) => t.metric === metric)) ?? false)
  );
}

/** The first assessable item of the checklist with a target on `metric`; else a bare target. */
export function targetOfMetric(loaded: LoadedChecklist, metric: string): MetricTarget {
  for (const item of loaded.definition.items) {
    const target = item.targets.find((t) => t.metric === metric);
    if (item.assessable && target) return { itemCode: item.code, itemTitle: item.title, target };
  }
  const known = METRIC_KEYS.find((k) => k.key === metric);
  return { itemCode: null, itemTitle: null, target: { metric, unit: known?.units[0] ?? '' } };
}

/** Units (of `unitIds`) with a current report, per year. */
async function reportedUnits(ds: DataSource, unitIds: readonly number[], years: readonly number[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < unitIds.length; i += CHUNK) {
    const rows = await ds.getRepository(Report).find({
      select: ['unitId', 'year'],
      where: { unitId: In(unitIds.slice(i, i + CHUNK)), year: In([...years]), state: 'CURRENT' },
    });
    for (const r of rows) out.add(`${r.unitId}:${r.year}`);
  }
  return out;
}

/** The values of `metric` in current reports of the units and years, any polarity (the pure core filters). */
async function loadSeriesValues(
  ds: DataSource,
  unitIds: readonly number[],
  years: readonly number[],
  metric: string,
): Promise<SeriesValue[]> {
  const out: SeriesValue[] = [];
  if (unitIds.length === 0 || years.length === 0) return out;
  for (let i = 0; i < unitIds.length; i += CHUNK) {
    const rows = await ds
      .createQueryBuilder()
      .select([
        'm.id AS "id"',
        'm.claimId AS "claimId"',
        'm.value AS "value"',
        'm.unit AS "unit"',
        'm.qualifier AS "qualifier"',
        'c.polarity AS "polarity"',
        'c.position AS "position"',
        'r.unitId AS "unitId"',
        'r.year AS "year"',
      ])
      .from('metric_value', 'm')
      .innerJoin('report', 'r', 'r.id = m."reportId"')
      .innerJoin('claim', 'c', 'c.id = m."claimId"')
      .where('m.metric = :metric', { metric })
      .andWhere('r.state = :state', { state: 'CURRENT' })
      .andWhere('r."unitId" IN (:...units)', { units: unitIds.slice(i, i + CHUNK) })
      .andWhere('r.year IN (:...years)', { years: [...years] })
      .getRawMany<{
        id: number;
        claimId: number;
        value: number;
        unit: string;
        qualifier: Qualifier;
        polarity: Polarity;
        position: number;
        unitId: number;
        year: number;
      }>();
    for (const r of rows) {
      out.push({
        unitId: Number(r.unitId),
        year: Number(r.year),
        claimId: String(r.claimId),
        claimPosition: Number(r.position),
        metricValueId: Number(r.id),
        polarity: r.polarity,
        value: Number(r.value),
        unit: r.unit,
        qualifier: r.qualifier,
      });
    }
  }
  return out;
}

/** One unit's points for the years (ascending), against `target`. */
export async function unitSeries(
  ds: DataSource,
  unitId: number,
  years: readonly number[],
  target: TargetDefinition,
): Promise<SeriesPoint[]> {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const values = await loadSeriesValues(ds, [unitId], sorted, target.metric);
  const reported = await reportedUnits(ds, [unitId], sorted);
  return sorted.map((year) => seriesPoint(unitId, year, reported.has(`${unitId}:${year}`), values, target));
}

/** The district aggregate of `year` for the units (with the year before for the two-year rule). */
export async function unitsSeries(
  ds: DataSource,
  unitIds: readonly number[],
  year: number,
  target: TargetDefinition,
): Promise<DistrictSeries> {
  const years = [year - 1, year];
  const values = await loadSeriesValues(ds, unitIds, years, target.metric);
  const reported = await reportedUnits(ds, unitIds, years);
  const byKey = new Map<string, SeriesValue[]>();
  for (const v of values) byKey.set(`${v.unitId}:${v.year}`, [...(byKey.get(`${v.unitId}:${v.year}`) ?? []), v]);
  const pointsOf = (y: number) =>
    unitIds.map((id) => seriesPoint(id, y, reported.has(`${id}:${y}`), byKey.get(`${id}:${y}`) ?? [], target));
  return districtSeries(pointsOf(year), pointsOf(year - 1));
}
