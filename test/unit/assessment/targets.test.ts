import type { ChecklistItemDefinition } from '../../../src/checklist/types';
import { checkTargets, provesTarget } from '../../../src/assessment/targets';
import type { AssessmentMetric } from '../../../src/assessment/types';

const item74: Pick<ChecklistItemDefinition, 'targets'> = {
  targets: [{ metric: 'COURT_APPEARANCE_RATE', op: '>=', threshold: 100, unit: '%' }],
};

const item105: Pick<ChecklistItemDefinition, 'targets'> = {
  targets: [
    { metric: 'LAW_EXAM_PARTICIPATION_RATE', op: '>=', threshold: 100, unit: '%' },
    { metric: 'LAW_EXAM_PASS_RATE', op: '>=', threshold: 100, unit: '%' },
    { metric: 'LAW_EXAM_AVG_SCORE', unit: '分' },
  ],
};

const metric = (
  claimId: string,
  key: string | null,
  value: number,
  qualifier: AssessmentMetric['qualifier'] = 'EXACT',
  unit = '%',
): AssessmentMetric => ({ claimId, metric: key, value, unit, qualifier });

describe('provesTarget', () => {
  it('compares EXACT values plainly', () => {
    expect(provesTarget(100, 'EXACT', '>=', 100)).toBe(true);
    expect(provesTarget(99.9, 'EXACT', '>=', 100)).toBe(false);
    expect(provesTarget(3, 'EXACT', '<=', 3)).toBe(true);
    expect(provesTarget(4, 'EXACT', '<=', 3)).toBe(false);
    expect(provesTarget(100, 'EXACT', '=', 100)).toBe(true);
    expect(provesTarget(99, 'EXACT', '=', 100)).toBe(false);
  });

  it('reads 95分以上 (AT_LEAST 95) as proving >= 95 but not >= 96, and never <= or =', () => {
    expect(provesTarget(95, 'AT_LEAST', '>=', 95)).toBe(true);
    expect(provesTarget(95, 'AT_LEAST', '>=', 90)).toBe(true);
    expect(provesTarget(95, 'AT_LEAST', '>=', 96)).toBe(false);
    expect(provesTarget(95, 'AT_LEAST', '<=', 100)).toBe(false);
    expect(provesTarget(95, 'AT_LEAST', '=', 95)).toBe(false);
  });

  it('lets an APPROX value prove a bound only when strictly beyond it', () => {
    expect(provesTarget(100, 'APPROX', '>=', 100)).toBe(false);
    expect(provesTarget(4000, 'APPROX', '>=', 3000)).toBe(true);
    expect(provesTarget(10, 'APPROX', '<=', 10)).toBe(false);
    expect(provesTarget(8, 'APPROX', '<=', 10)).toBe(true);
    expect(provesTarget(100, 'APPROX', '=', 100)).toBe(false);
  });
});

describe('checkTargets', () => {
  it('meets 7.4 with an exact 100% 出庭应诉率 from a positive claim', () => {
    expect(checkTargets(item74, ['c3'], [metric('c3', 'COURT_APPEARANCE_RATE', 100)])).toEqual([
      {
        metric: 'COURT_APPEARANCE_RATE',
        op: '>=',
        threshold: 100,
        unit: '%',
        value: 100,
        qualifier: 'EXACT',
        claimId: 'c3',
        met: true,
      },
    ]);
  });

  it('misses the target with 95%, and reports null (not reported) without a value', () => {
    expect(checkTargets(item74, ['c3'], [metric('c3', 'COURT_APPEARANCE_RATE', 95)])[0]).toMatchObject({
      value: 95,
      claimId: 'c3',
      met: false,
    });
    expect(checkTargets(item74, ['c3'], [])[0]).toEqual({
      metric: 'COURT_APPEARANCE_RATE',
      op: '>=',
      threshold: 100,
      unit: '%',
      value: null,
      qualifier: null,
      claimId: null,
      met: null,
    });
  });

  it('treats APPROX 100% as not proving >= 100%', () => {
    expect(checkTargets(item74, ['c3'], [metric('c3', 'COURT_APPEARANCE_RATE', 100, 'APPROX')])[0]).toMatchObject({
      value: 100,
      qualifier: 'APPROX',
      met: false,
    });
  });

  it('ignores metrics of claims that are not positive evidence and metrics with another key', () => {
    const checks = checkTargets(
      item74,
      ['c1'],
      [
        metric('c9', 'COURT_APPEARANCE_RATE', 100), // a plan claim: not passed as positive
        metric('c1', 'REVIEW_CORRECTION_RATE', 100), // a rate of something else
        metric('c1', null, 100),
      ],
    );
    expect(checks[0]).toMatchObject({ value: null, claimId: null, met: null });
  });

  it('picks a proving value over a higher unproving one, then EXACT over weaker qualifiers', () => {
    const proving = checkTargets(
      item74,
      ['c1', 'c2'],
      [metric('c1', 'COURT_APPEARANCE_RATE', 100, 'APPROX'), metric('c2', 'COURT_APPEARANCE_RATE', 100)],
    );
    expect(proving[0]).toMatchObject({ value: 100, qualifier: 'EXACT', claimId: 'c2', met: true });

    const tie = checkTargets(
      item74,
      ['c1', 'c2'],
      [metric('c2', 'COURT_APPEARANCE_RATE', 100, 'AT_LEAST'), metric('c1', 'COURT_APPEARANCE_RATE', 100)],
    );
    expect(tie[0]).toMatchObject({ qualifier: 'EXACT', claimId: 'c1', met: true });

    const none = checkTargets(
      item74,
      ['c1', 'c2'],
      [metric('c1', 'COURT_APPEARANCE_RATE', 90), metric('c2', 'COURT_APPEARANCE_RATE', 97.5)],
    );
    expect(none[0]).toMatchObject({ value: 97.5, claimId: 'c2', met: false });
  });

  it('picks the lowest value for a <= target and the closest for =', () => {
    const le = checkTargets(
      { targets: [{ metric: 'X', op: '<=', threshold: 5, unit: '起' }] },
      ['c1', 'c2'],
      [metric('c1', 'X', 7, 'EXACT', '起'), metric('c2', 'X', 6, 'EXACT', '起')],
    );
    expect(le[0]).toMatchObject({ value: 6, claimId: 'c2', met: false });
    const eq = checkTargets(
      { targets: [{ metric: 'X', op: '=', threshold: 5, unit: '起' }] },
      ['c1', 'c2'],
      [metric('c1', 'X', 9), metric('c2', 'X', 4)],
    );
    expect(eq[0]).toMatchObject({ value: 4, met: false });
  });

  it('breaks full ties by the order of the positive claims (document order)', () => {
    const checks = checkTargets(
      item74,
      ['c2', 'c1'],
      [metric('c1', 'COURT_APPEARANCE_RATE', 100), metric('c2', 'COURT_APPEARANCE_RATE', 100)],
    );
    expect(checks[0]?.claimId).toBe('c2');
  });

  it('checks 10.5: rates against 100%, the average score collected with met null', () => {
    const checks = checkTargets(
      item105,
      ['c7'],
      [
        metric('c7', 'LAW_EXAM_PARTICIPATION_RATE', 100),
        metric('c7', 'LAW_EXAM_PASS_RATE', 98),
        metric('c7', 'LAW_EXAM_AVG_SCORE', 92.3, 'EXACT', '分'),
        metric('c7', 'LAW_EXAM_AVG_SCORE', 95, 'AT_LEAST', '分'),
      ],
    );
    expect(checks.map((check) => [check.metric, check.value, check.qualifier, check.met])).toEqual([
      ['LAW_EXAM_PARTICIPATION_RATE', 100, 'EXACT', true],
      ['LAW_EXAM_PASS_RATE', 98, 'EXACT', false],
      ['LAW_EXAM_AVG_SCORE', 95, 'AT_LEAST', null],
    ]);
    expect(checks[2]).toMatchObject({ op: null, threshold: null, unit: '分' });
  });
});
