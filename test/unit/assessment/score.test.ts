import { computeScore, roundTo, scoreBothViews, statusFactor, type ScoringRules } from '../../../src/assessment/score';

const scoring: ScoringRules = {
  COVERED: 1,
  PARTIAL: 0.5,
  PLANNED_ONLY: 0.2,
  NEGATIVE_ONLY: 0,
  MISSING: 0,
};

describe('roundTo', () => {
  it('rounds half away from zero without binary float surprises', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(66.666666, 2)).toBe(66.67);
    expect(roundTo(0.1 + 0.2, 6)).toBe(0.3);
    expect(roundTo(-2.345, 2)).toBe(-2.35);
    expect(roundTo(1e-9, 2)).toBe(0);
  });
});

describe('statusFactor', () => {
  it('reads factors from the checklist rules; NOT_APPLICABLE is 0', () => {
    expect(statusFactor('PARTIAL', scoring)).toBe(0.5);
    expect(statusFactor('NOT_APPLICABLE', scoring)).toBe(0);
  });

  it('fails clearly when the rules lack a factor', () => {
    const broken = { ...scoring } as Partial<ScoringRules>;
    delete broken.PLANNED_ONLY;
    expect(() => statusFactor('PLANNED_ONLY', broken as ScoringRules)).toThrow('checklist scoring has no factor for status PLANNED_ONLY');
  });
});

describe('computeScore', () => {
  const items = [
    { points: 5, status: 'COVERED' as const }, // 5
    { points: 3, status: 'PARTIAL' as const }, // 1.5
    { points: 3, status: 'PLANNED_ONLY' as const }, // 0.6
    { points: 3, status: 'NEGATIVE_ONLY' as const }, // 0
    { points: 5, status: 'MISSING' as const }, // 0
    { points: 3, status: 'NOT_APPLICABLE' as const }, // not assessed
  ];

  it('sums points × factor over assessable items and normalises to 0–100 with 2 decimals', () => {
    expect(computeScore(items, scoring)).toEqual({ earned: 7.1, possible: 19, normalised: 37.37 });
  });

  it('follows the checklist factors: changing one changes the score', () => {
    expect(computeScore(items, { ...scoring, PARTIAL: 0.8, PLANNED_ONLY: 0 })).toEqual({
      earned: 7.4,
      possible: 19,
      normalised: 38.95,
    });
    expect(computeScore(items, { ...scoring, MISSING: 0.1 })).toEqual({ earned: 7.6, possible: 19, normalised: 40 });
  });

  it('is 0 of 0 when nothing is assessable', () => {
    expect(computeScore([{ points: 3, status: 'NOT_APPLICABLE' }], scoring)).toEqual({
      earned: 0,
      possible: 0,
      normalised: 0,
    });
    expect(computeScore([], scoring)).toEqual({ earned: 0, possible: 0, normalised: 0 });
  });

  it('keeps earned free of floating-point noise', () => {
    expect(computeScore([{ points: 3, status: 'PARTIAL' }], { ...scoring, PARTIAL: 0.3 })).toEqual({
      earned: 0.9,
      possible: 3,
      normalised: 30,
    });
  });
});

describe('scoreBothViews', () => {
  it('scores the confirmed status and the proposed status separately', () => {
    const items = [
      { points: 5, status: 'COVERED' as const, confirmedStatus: 'MISSING' as const },
      { points: 3, status: 'COVERED' as const, confirmedStatus: 'COVERED' as const },
    ];
    expect(scoreBothViews(items, scoring)).toEqual({
      confirmed: { earned: 3, possible: 8, normalised: 37.5 },
      proposed: { earned: 8, possible: 8, normalised: 100 },
    });
  });
});
