import { displayValue, districtSeries, seriesPoint, seriesStats, type SeriesValue } from '../../../src/assessment/series';
import type { TargetDefinition } from '../../../src/checklist/types';

const RATE: TargetDefinition = { metric: 'COURT_APPEARANCE_RATE', op: '>=', threshold: 100, unit: '%' };
let nextId = 1;
function v(unitId: number, year: number, value: number, extra: Partial<SeriesValue> = {}): SeriesValue {
  const id = nextId++;
  return {
    unitId,
    year,
    claimId: `c${id}`,
    claimPosition: id,
    metricValueId: id,
    polarity: 'POSITIVE',
    value,
    unit: '%',
    qualifier: 'EXACT',
    ...extra,
  };
}

describe('seriesPoint', () => {
  it('counts only positive claims: a plan of 100% does not hide a reported 90%', () => {
    const values = [v(1, 2022, 100, { polarity: 'PLAN' }), v(1, 2022, 90), v(1, 2022, 100, { polarity: 'NEGATIVE' })];
    const p = seriesPoint(1, 2022, true, values, RATE);
    expect(p).toMatchObject({ value: 90, met: false, claimId: values[1]!.claimId, metricValueId: values[1]!.metricValueId });
  });

  it('keeps APPROX as such: about 100% does not prove >= 100%', () => {
    const p = seriesPoint(1, 2022, true, [v(1, 2022, 100, { qualifier: 'APPROX' })], RATE);
    expect(p).toMatchObject({ value: 100, qualifier: 'APPROX', met: false });
    expect(displayValue(p.value, p.unit, p.qualifier)).toBe('约100%');
    expect(displayValue(95, '分', 'AT_LEAST')).toBe('95分以上');
    expect(displayValue(null, null, null)).toBe('未报告');
  });

  it('prefers a value that proves the target, as the assessment does', () => {
    const values = [v(1, 2022, 98), v(1, 2022, 100)];
    expect(seriesPoint(1, 2022, true, values, RATE)).toMatchObject({ value: 100, met: true, claimId: values[1]!.claimId });
  });

  it('has no value and met null when nothing is reported, and met null without threshold', () => {
    expect(seriesPoint(1, 2022, true, [], RATE)).toMatchObject({ value: null, met: null, claimId: null });
    expect(seriesPoint(1, 2022, true, [v(1, 2022, 12, { unit: '件' })], { metric: 'PETITION_CASES', unit: '件' })).toMatchObject({
      value: 12,
      unit: '件',
      met: null,
    });
  });
});

describe('seriesStats and districtSeries', () => {
  it('gives min, median (even and odd counts) and max of the reported values only', () => {
    const points = [95, 100, 80, 90].map((value, i) => seriesPoint(i, 2022, true, [v(i, 2022, value)], RATE));
    expect(seriesStats(points)).toEqual({ count: 4, min: 80, median: 92.5, max: 100 });
    expect(seriesStats(points.slice(0, 3))).toEqual({ count: 3, min: 80, median: 95, max: 100 });
    expect(seriesStats([seriesPoint(9, 2022, false, [], RATE)])).toEqual({ count: 0, min: null, median: null, max: null });
  });

  it('finds the units below the target this year and those below two years running', () => {
    // unit 1: below both years; 2: below this year only; 3: below last year only; 4: no value last year; 5: no report
    const values = [v(1, 2021, 90), v(1, 2022, 95), v(2, 2021, 100), v(2, 2022, 99), v(3, 2021, 80), v(3, 2022, 100), v(4, 2022, 70)];
    const units = [1, 2, 3, 4, 5];
    const point = (id: number, year: number) =>
      seriesPoint(
        id,
        year,
        id !== 5,
        values.filter((x) => x.unitId === id && x.year === year),
        RATE,
      );
    const d = districtSeries(
      units.map((id) => point(id, 2022)),
      units.map((id) => point(id, 2021)),
    );
    expect(d.missingTarget).toEqual([1, 2, 4]);
    expect(d.missingTwoYears).toEqual([1]);
    expect(d.notReported).toEqual([]);
    expect(d.stats).toEqual({ count: 4, min: 70, median: 97, max: 100 });
  });
});
