import { assess } from '../../../src/assessment/assess';
import { classifyChange, compareAssessments } from '../../../src/assessment/compare';
import type { AssessmentInput, AssessmentMetric } from '../../../src/assessment/types';
import type { ChecklistDefinition, ChecklistItemDefinition } from '../../../src/checklist/types';
import { FLAG_CODES } from '../../../src/checklist/types';
import type { Polarity } from '../../../src/reading/types';

const match = { keywords: [], together: [], exclude: [], metrics: [] };
const item = (code: string, extra: Partial<ChecklistItemDefinition> = {}): ChecklistItemDefinition => ({
  code,
  parentCode: code.includes('.') ? (code.split('.')[0] ?? null) : null,
  title: `item ${code}`,
  text: '',
  assessable: code.includes('.'),
  points: 3,
  match,
  targets: [],
  ...extra,
});

const checklist: AssessmentInput['checklist'] = {
  scoring: { COVERED: 1, PARTIAL: 0.5, PLANNED_ONLY: 0.25, NEGATIVE_ONLY: 0, MISSING: 0 },
  flags: Object.fromEntries(FLAG_CODES.map((c) => [c, { enabled: true, severity: 'WARNING' }])) as ChecklistDefinition['flags'],
  items: [
    item('5'),
    item('5.5'),
    item('7'),
    item('7.3'),
    item('7.4', { points: 5, targets: [{ metric: 'COURT_APPEARANCE_RATE', op: '>=', threshold: 100, unit: '%' }] }),
    item('9'),
    item('9.1'),
    item('10'),
    item('10.5', {
      points: 5,
      targets: [
        { metric: 'LAW_EXAM_PARTICIPATION_RATE', op: '>=', threshold: 100, unit: '%' },
        { metric: 'LAW_EXAM_PASS_RATE', op: '>=', threshold: 100, unit: '%' },
        { metric: 'LAW_EXAM_AVG_SCORE', unit: '分' },
      ],
    }),
    item('10.8'),
    item('10.9'),
  ],
};

/** One claim per item: [item code, polarity], all links accepted. */
const year = (
  evidence: [string, Polarity][],
  metrics: AssessmentMetric[] = [],
  notApplicable: AssessmentInput['notApplicable'] = [],
): AssessmentInput => ({
  checklist,
  hasReport: true,
  claims: evidence.map(([code, polarity], i) => ({ id: `c${i + 1}`, polarity, sectionPath: '一', text: code })),
  links: evidence.map(([code], i) => ({ claimId: `c${i + 1}`, itemCode: code, state: 'ACCEPTED', method: 'MANUAL', confidence: 1 })),
  metrics,
  notApplicable,
});
const m = (claimId: string, metric: string, value: number, unit = '%'): AssessmentMetric => ({
  claimId,
  metric,
  value,
  unit,
  qualifier: 'EXACT',
});

const y2022 = assess(
  year(
    [
      ['5.5', 'POSITIVE'], // c1
      ['7.3', 'NEGATIVE'], // c2
      ['9.1', 'POSITIVE'], // c3
      ['10.5', 'POSITIVE'], // c4
      ['10.8', 'PLAN'], // c5
      ['10.9', 'PLAN'], // c6
    ],
    [m('c4', 'LAW_EXAM_PARTICIPATION_RATE', 100), m('c4', 'LAW_EXAM_AVG_SCORE', 88.5, '分')],
  ),
);
const y2023 = assess(
  year(
    [
      ['5.5', 'NEGATIVE'], // c1
      ['7.4', 'POSITIVE'], // c2
      ['10.5', 'POSITIVE'], // c3
      ['10.8', 'POSITIVE'], // c4
      ['10.9', 'PLAN'], // c5
    ],
    [
      m('c2', 'COURT_APPEARANCE_RATE', 100),
      m('c3', 'LAW_EXAM_PARTICIPATION_RATE', 100),
      m('c3', 'LAW_EXAM_PASS_RATE', 100),
      m('c3', 'LAW_EXAM_AVG_SCORE', 92.3, '分'),
    ],
    [{ itemCode: '9.1', justification: '2023年起由区级统一建设' }],
  ),
);

describe('classifyChange', () => {
  it('names each kind of move', () => {
    expect(classifyChange('MISSING', 'COVERED')).toBe('NEW_EVIDENCE');
    expect(classifyChange('PLANNED_ONLY', 'PARTIAL')).toBe('NEW_EVIDENCE');
    expect(classifyChange('COVERED', 'NEGATIVE_ONLY')).toBe('LOST_EVIDENCE');
    expect(classifyChange('PARTIAL', 'COVERED')).toBe('IMPROVED');
    expect(classifyChange('COVERED', 'PARTIAL')).toBe('DECLINED');
    expect(classifyChange('NEGATIVE_ONLY', 'MISSING')).toBe('CHANGED');
    expect(classifyChange('MISSING', 'MISSING')).toBe('UNCHANGED');
    expect(classifyChange('COVERED', 'NOT_APPLICABLE')).toBe('NOT_COMPARABLE');
    expect(classifyChange(null, 'COVERED')).toBe('NOT_COMPARABLE');
    expect(classifyChange('NOT_APPLICABLE', 'NOT_APPLICABLE')).toBe('UNCHANGED');
  });
});

describe('compareAssessments', () => {
  const comparison = compareAssessments(y2022, y2023);

  it('compares every item year over year', () => {
    expect(comparison.view).toBe('proposed');
    expect(comparison.items.map((i) => [i.code, i.fromStatus, i.toStatus, i.change])).toEqual([
      ['5.5', 'COVERED', 'NEGATIVE_ONLY', 'LOST_EVIDENCE'],
      ['7.3', 'NEGATIVE_ONLY', 'MISSING', 'CHANGED'],
      ['7.4', 'MISSING', 'COVERED', 'NEW_EVIDENCE'],
      ['9.1', 'COVERED', 'NOT_APPLICABLE', 'NOT_COMPARABLE'],
      ['10.5', 'PARTIAL', 'COVERED', 'IMPROVED'],
      ['10.8', 'PLANNED_ONLY', 'COVERED', 'NEW_EVIDENCE'],
      ['10.9', 'PLANNED_ONLY', 'PLANNED_ONLY', 'UNCHANGED'],
    ]);
  });

  it('lists metric changes from → to with the difference', () => {
    expect(comparison.items.find((i) => i.code === '10.5')?.metrics).toEqual([
      { metric: 'LAW_EXAM_PARTICIPATION_RATE', unit: '%', from: 100, fromQualifier: 'EXACT', to: 100, toQualifier: 'EXACT', delta: 0 },
      { metric: 'LAW_EXAM_PASS_RATE', unit: '%', from: null, fromQualifier: null, to: 100, toQualifier: 'EXACT', delta: null },
      { metric: 'LAW_EXAM_AVG_SCORE', unit: '分', from: 88.5, fromQualifier: 'EXACT', to: 92.3, toQualifier: 'EXACT', delta: 3.8 },
    ]);
    expect(comparison.items.find((i) => i.code === '7.4')?.metrics).toEqual([
      { metric: 'COURT_APPEARANCE_RATE', unit: '%', from: null, fromQualifier: null, to: 100, toQualifier: 'EXACT', delta: null },
    ]);
    expect(comparison.items.find((i) => i.code === '5.5')?.metrics).toEqual([]);
  });

  it('gives the normalised score change in both views', () => {
    // 2022: 5.5 3 + 9.1 3 + 10.5 2.5 + 10.8 0.75 + 10.9 0.75 = 10 of 25 → 40
    // 2023 (9.1 not applicable): 7.4 5 + 10.5 5 + 10.8 3 + 10.9 0.75 = 13.75 of 22 → 62.5
    expect(comparison.score.proposed).toEqual({ from: 40, to: 62.5, delta: 22.5 });
    expect(comparison.score.confirmed).toEqual({ from: 40, to: 62.5, delta: 22.5 });
  });

  it('can compare the confirmed view, and lists items present in one year only', () => {
    const withProposed = assess({
      ...year([['7.4', 'POSITIVE']], [m('c1', 'COURT_APPEARANCE_RATE', 100)]),
      links: [{ claimId: 'c1', itemCode: '7.4', state: 'PROPOSED', method: 'RULE', confidence: 0.7 }],
    });
    const confirmed = compareAssessments(y2022, withProposed, 'confirmed');
    expect(confirmed.items.find((i) => i.code === '7.4')).toMatchObject({
      fromStatus: 'MISSING',
      toStatus: 'MISSING',
      change: 'UNCHANGED',
    });
    expect(compareAssessments(y2022, withProposed).items.find((i) => i.code === '7.4')?.change).toBe('NEW_EVIDENCE');

    const fewer = { ...y2023, items: y2023.items.filter((i) => i.code !== '5.5') };
    const partial = compareAssessments(y2022, fewer);
    expect(partial.items.map((i) => i.code)).toEqual(['7.3', '7.4', '9.1', '10.5', '10.8', '10.9', '5.5']);
    expect(partial.items.at(-1)).toMatchObject({ code: '5.5', fromStatus: 'COVERED', toStatus: null, change: 'NOT_COMPARABLE' });
  });
});
