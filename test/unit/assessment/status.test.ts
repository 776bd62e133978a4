import { collectEvidence, decideStatus, indexClaims, linkCounts, notApplicableJustification } from '../../../src/assessment/status';
import type { AssessmentClaim, AssessmentLink, TargetCheck } from '../../../src/assessment/types';

const claims: AssessmentClaim[] = [
  { id: 'c1', polarity: 'POSITIVE', sectionPath: '一/（四）', text: '行政机关负责人出庭应诉率达100%。' },
  { id: 'c2', polarity: 'POSITIVE', sectionPath: '一/（四）', text: '严格落实行政机关负责人出庭应诉制度。' },
  { id: 'c3', polarity: 'NEGATIVE', sectionPath: '三', text: '没有配备执法记录仪。' },
  { id: 'c4', polarity: 'PLAN', sectionPath: '四', text: '推动法治进校园。' },
];
const index = indexClaims(claims);

const link = (claimId: string, itemCode: string, state: AssessmentLink['state']): AssessmentLink => ({
  claimId,
  itemCode,
  state,
  method: 'RULE',
  confidence: 0.8,
});

const met: TargetCheck = {
  metric: 'COURT_APPEARANCE_RATE',
  op: '>=',
  threshold: 100,
  unit: '%',
  value: 100,
  qualifier: 'EXACT',
  claimId: 'c1',
  met: true,
};
const none = { positiveClaimIds: [], planClaimIds: [], negativeClaimIds: [] };

describe('linkCounts', () => {
  it('counts ACCEPTED in both views, PROPOSED only in proposed, REJECTED never', () => {
    expect(linkCounts('ACCEPTED', 'confirmed')).toBe(true);
    expect(linkCounts('ACCEPTED', 'proposed')).toBe(true);
    expect(linkCounts('PROPOSED', 'confirmed')).toBe(false);
    expect(linkCounts('PROPOSED', 'proposed')).toBe(true);
    expect(linkCounts('REJECTED', 'confirmed')).toBe(false);
    expect(linkCounts('REJECTED', 'proposed')).toBe(false);
  });
});

describe('collectEvidence', () => {
  const links = [
    link('c2', '7.4', 'PROPOSED'),
    link('c1', '7.4', 'ACCEPTED'),
    link('c1', '7.4', 'PROPOSED'), // duplicate link of the same claim
    link('c3', '7.4', 'REJECTED'),
    link('c4', '10.8', 'ACCEPTED'),
    link('c99', '7.4', 'ACCEPTED'), // unknown claim
  ];

  it('splits linked claims by the polarity of the claim, in document order, per view', () => {
    expect(collectEvidence('7.4', links, index, 'proposed')).toEqual({
      positiveClaimIds: ['c1', 'c2'],
      planClaimIds: [],
      negativeClaimIds: [],
    });
    expect(collectEvidence('7.4', links, index, 'confirmed')).toEqual({
      positiveClaimIds: ['c1'],
      planClaimIds: [],
      negativeClaimIds: [],
    });
    expect(collectEvidence('10.8', links, index, 'confirmed')).toEqual({
      positiveClaimIds: [],
      planClaimIds: ['c4'],
      negativeClaimIds: [],
    });
  });

  it('never counts a rejected link', () => {
    const only = collectEvidence('5.5', [link('c3', '5.5', 'REJECTED')], index, 'proposed');
    expect(only).toEqual(none);
  });
});

describe('notApplicableJustification', () => {
  it('excludes only with a non-blank justification', () => {
    expect(notApplicableJustification('5.5', [{ itemCode: '5.5', justification: '街道无行政执法权' }])).toBe('街道无行政执法权');
    expect(notApplicableJustification('5.5', [{ itemCode: '5.5', justification: '   ' }])).toBeNull();
    expect(notApplicableJustification('5.5', [{ itemCode: '5.5', justification: '' }])).toBeNull();
    expect(notApplicableJustification('5.5', [{ itemCode: '7.4', justification: '无' }])).toBeNull();
  });
});

describe('decideStatus', () => {
  it('is NOT_APPLICABLE when excluded, whatever the evidence', () => {
    expect(decideStatus({ ...none, positiveClaimIds: ['c1'] }, [met], true)).toBe('NOT_APPLICABLE');
  });

  it('is COVERED with positive evidence and every threshold met, or no targets', () => {
    expect(decideStatus({ ...none, positiveClaimIds: ['c1'] }, [met], false)).toBe('COVERED');
    expect(decideStatus({ ...none, positiveClaimIds: ['c1'] }, [], false)).toBe('COVERED');
    const countOnly: TargetCheck = { ...met, metric: 'PENALTY_CASES', op: null, threshold: null, met: null, value: null };
    expect(decideStatus({ ...none, positiveClaimIds: ['c1'] }, [countOnly], false)).toBe('COVERED');
  });

  it('is PARTIAL when a threshold target is not met or not reported', () => {
    expect(decideStatus({ ...none, positiveClaimIds: ['c1'] }, [{ ...met, value: 95, met: false }], false)).toBe('PARTIAL');
    expect(
      decideStatus({ ...none, positiveClaimIds: ['c2'] }, [{ ...met, value: null, qualifier: null, claimId: null, met: null }], false),
    ).toBe('PARTIAL');
  });

  it('prefers positive evidence over shortcomings and plans', () => {
    expect(decideStatus({ positiveClaimIds: ['c1'], planClaimIds: ['c4'], negativeClaimIds: ['c3'] }, [], false)).toBe('COVERED');
  });

  it('is PLANNED_ONLY with plan evidence only, also when a shortcoming is reported too', () => {
    expect(decideStatus({ ...none, planClaimIds: ['c4'] }, [], false)).toBe('PLANNED_ONLY');
    expect(decideStatus({ ...none, planClaimIds: ['c4'], negativeClaimIds: ['c3'] }, [], false)).toBe('PLANNED_ONLY');
  });

  it('is NEGATIVE_ONLY with shortcomings only, MISSING with nothing', () => {
    expect(decideStatus({ ...none, negativeClaimIds: ['c3'] }, [], false)).toBe('NEGATIVE_ONLY');
    expect(decideStatus(none, [], false)).toBe('MISSING');
  });
});
