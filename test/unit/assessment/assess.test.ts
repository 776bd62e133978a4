import { assess } from '../../../src/assessment/assess';
import * as core from '../../../src/assessment';
import type { AssessmentInput, AssessmentLink, AssessmentMetric } from '../../../src/assessment/types';
import type { ChecklistDefinition, ChecklistItemDefinition, FlagCode } from '../../../src/checklist/types';
import { FLAG_CODES } from '../../../src/checklist/types';
import { explanationInEnglish, inEnglish } from '../../helpers/english';

const match = { keywords: [], together: [], exclude: [], metrics: [] };
const item = (code: string, title: string, extra: Partial<ChecklistItemDefinition> = {}): ChecklistItemDefinition => {
  const part = !code.includes('.');
  return {
    code,
    parentCode: part ? null : (code.split('.')[0] ?? null),
    title,
    text: title,
    assessable: !part,
    points: part ? 0 : 3,
    match,
    targets: [],
    ...extra,
  };
};

const checklist: AssessmentInput['checklist'] = {
  scoring: { COVERED: 1, PARTIAL: 0.5, PLANNED_ONLY: 0.25, NEGATIVE_ONLY: 0, MISSING: 0 },
  flags: Object.fromEntries(
    FLAG_CODES.map((code) => [code, { enabled: true, severity: code === 'NO_EVIDENCE' ? 'ERROR' : 'WARNING' }]),
  ) as ChecklistDefinition['flags'],
  items: [
    item('5', '健全行政执法工作体系'),
    item('5.3', '重点领域执法', {
      targets: [
        { metric: 'PENALTY_CASES', unit: '起' },
        { metric: 'FINES_TOTAL', unit: '元' },
      ],
    }),
    item('5.5', '执法装备与非现场执法'),
    item('7', '健全社会矛盾纠纷行政预防调处化解体系'),
    item('7.3', '行政复议'),
    item('7.4', '行政机关负责人出庭应诉', {
      points: 5,
      targets: [{ metric: 'COURT_APPEARANCE_RATE', op: '>=', threshold: 100, unit: '%' }],
    }),
    item('9', '健全法治政府建设科技保障体系'),
    item('9.1', '数字法治政府'),
    item('10', '加强党的领导，完善法治政府建设推进机制'),
    item('10.5', '国家工作人员学法考法', {
      points: 5,
      targets: [
        { metric: 'LAW_EXAM_PARTICIPATION_RATE', op: '>=', threshold: 100, unit: '%' },
        { metric: 'LAW_EXAM_PASS_RATE', op: '>=', threshold: 100, unit: '%' },
        { metric: 'LAW_EXAM_AVG_SCORE', unit: '分' },
      ],
    }),
    item('10.7', '普法宣传活动'),
    item('10.8', '青少年法治教育'),
    item('10.9', '法治文化阵地与民主法治示范创建'),
  ],
};

const metric = (
  claimId: string,
  key: string,
  value: number,
  unit: string,
  qualifier: AssessmentMetric['qualifier'] = 'EXACT',
): AssessmentMetric => ({ claimId, metric: key, value, unit, qualifier });

const link = (claimId: string, itemCode: string, state: AssessmentLink['state']): AssessmentLink => ({
  claimId,
  itemCode,
  state,
  method: 'RULE',
  confidence: 0.9,
});

/** A street report in the shape of 万兴街 2022: achievements, shortcomings (三), plans (四). */
const base: AssessmentInput = {
  checklist,
  hasReport: true,
  claims: [
    { id: 'c1', polarity: 'POSITIVE', sectionPath: '一/（二）', text: '开展安全生产检查，立案查处576起，罚款47450元。' },
    { id: 'c2', polarity: 'POSITIVE', sectionPath: '一/（五）', text: '办理行政复议案件3件。' },
    { id: 'c3', polarity: 'POSITIVE', sectionPath: '一/（五）', text: '行政机关负责人出庭应诉率达100%。' },
    { id: 'c4', polarity: 'POSITIVE', sectionPath: '一/（六）', text: '组织参加网上学法用法考试，参考率100%，平均分95分以上。' },
    { id: 'c5', polarity: 'POSITIVE', sectionPath: '一/（七）', text: '建成法治文化公园一处。' },
    { id: 'c6', polarity: 'NEGATIVE', sectionPath: '三', text: '没有配备执法记录仪，非现场执法手段不足。' },
    { id: 'c7', polarity: 'NEGATIVE', sectionPath: '三', text: '普法宣传形式较为单一。' },
    { id: 'c8', polarity: 'PLAN', sectionPath: '四', text: '配备执法记录仪等执法装备。' },
    { id: 'c9', polarity: 'PLAN', sectionPath: '四', text: '推动法治进校园，开展青少年法治教育。' },
  ],
  metrics: [
    metric('c1', 'PENALTY_CASES', 576, '起'),
    metric('c1', 'FINES_TOTAL', 47450, '元'),
    metric('c3', 'COURT_APPEARANCE_RATE', 100, '%'),
    metric('c4', 'LAW_EXAM_PARTICIPATION_RATE', 100, '%'),
    metric('c4', 'LAW_EXAM_AVG_SCORE', 95, '分', 'AT_LEAST'),
  ],
  links: [
    link('c1', '5.3', 'ACCEPTED'),
    link('c2', '7.3', 'PROPOSED'),
    link('c3', '7.4', 'ACCEPTED'),
    link('c4', '10.5', 'ACCEPTED'),
    link('c5', '10.9', 'REJECTED'),
    link('c6', '5.5', 'PROPOSED'),
    link('c7', '10.7', 'ACCEPTED'),
    link('c8', '5.5', 'ACCEPTED'),
    link('c9', '10.8', 'ACCEPTED'),
  ],
  notApplicable: [{ itemCode: '9.1', justification: '街道不承担信息化平台建设职责（区级统一建设）' }],
};

const statuses = (input: AssessmentInput): Record<string, [string, string]> =>
  Object.fromEntries(assess(input).items.map((i) => [i.code, [i.status, i.confirmedStatus]]));
const flagList = (input: AssessmentInput): [string | null, FlagCode, string[]][] =>
  assess(input).flags.map((flag) => [flag.itemCode, flag.code, flag.claimIds]);

describe('assess', () => {
  const result = assess(base);

  it('assesses only assessable items, in checklist order, with their part', () => {
    expect(result.items.map((i) => [i.code, i.partCode])).toEqual([
      ['5.3', '5'],
      ['5.5', '5'],
      ['7.3', '7'],
      ['7.4', '7'],
      ['9.1', '9'],
      ['10.5', '10'],
      ['10.7', '10'],
      ['10.8', '10'],
      ['10.9', '10'],
    ]);
  });

  it('gives every status, in both views', () => {
    expect(statuses(base)).toEqual({
      '5.3': ['COVERED', 'COVERED'],
      '5.5': ['PLANNED_ONLY', 'PLANNED_ONLY'],
      '7.3': ['COVERED', 'MISSING'],
      '7.4': ['COVERED', 'COVERED'],
      '9.1': ['NOT_APPLICABLE', 'NOT_APPLICABLE'],
      '10.5': ['PARTIAL', 'PARTIAL'],
      '10.7': ['NEGATIVE_ONLY', 'NEGATIVE_ONLY'],
      '10.8': ['PLANNED_ONLY', 'PLANNED_ONLY'],
      '10.9': ['MISSING', 'MISSING'],
    });
  });

  it('lists evidence, plan and negative claims of the proposed view', () => {
    const i55 = result.items.find((i) => i.code === '5.5');
    expect(i55).toMatchObject({ evidenceClaimIds: [], planClaimIds: ['c8'], negativeClaimIds: ['c6'] });
    const i109 = result.items.find((i) => i.code === '10.9');
    expect(i109).toMatchObject({ evidenceClaimIds: [], planClaimIds: [], negativeClaimIds: [] });
  });

  it('collects count metrics without a threshold and flags nothing for them', () => {
    const i53 = result.items.find((i) => i.code === '5.3');
    expect(i53?.targets.map((t) => [t.metric, t.value, t.unit, t.claimId, t.met])).toEqual([
      ['PENALTY_CASES', 576, '起', 'c1', null],
      ['FINES_TOTAL', 47450, '元', 'c1', null],
    ]);
    expect(i53?.flags).toEqual([]);
  });

  it('raises the flags of each item in checklist order, each explained by claims', () => {
    expect(flagList(base)).toEqual([
      ['5.5', 'ONLY_PLANNED', ['c8']],
      ['5.5', 'SHORTCOMING_REPORTED', ['c6']],
      ['7.3', 'LINK_UNREVIEWED', ['c2']],
      ['10.5', 'TARGET_NOT_REPORTED', ['c4']],
      ['10.7', 'SHORTCOMING_REPORTED', ['c7']],
      ['10.8', 'ONLY_PLANNED', ['c9']],
      ['10.9', 'NO_EVIDENCE', []],
    ]);
    expect(inEnglish(result.items.find((i) => i.code === '10.9')?.flags)).toEqual([
      {
        code: 'NO_EVIDENCE',
        severity: 'ERROR',
        itemCode: '10.9',
        message: '10.9: no evidence in the report (no accepted or proposed link).',
        claimIds: [],
      },
    ]);
  });

  it('computes coverage in both views with raw counts, overall and per part', () => {
    expect(result.coverage.confirmed).toEqual({ covered: 2, partial: 1, assessable: 8, ratio: 0.25 });
    expect(result.coverage.proposed).toEqual({ covered: 3, partial: 1, assessable: 8, ratio: 0.375 });
    expect(
      result.coverage.byPart.map((p) => [p.partCode, p.confirmed.covered, p.proposed.covered, p.proposed.partial, p.proposed.assessable]),
    ).toEqual([
      ['5', 1, 1, 0, 2],
      ['7', 1, 2, 0, 2],
      ['9', 0, 0, 0, 0],
      ['10', 0, 0, 1, 4],
    ]);
  });

  it('scores points × checklist factor in both views, normalised to 0–100', () => {
    // proposed: 5.3 3 + 7.3 3 + 7.4 5 + 10.5 5×0.5 + 5.5 3×0.25 + 10.8 3×0.25 = 15 of 28
    expect(result.score.proposed).toEqual({ earned: 15, possible: 28, normalised: 53.57 });
    // confirmed: 7.3 falls to MISSING → 12 of 28
    expect(result.score.confirmed).toEqual({ earned: 12, possible: 28, normalised: 42.86 });
    expect(result.items.find((i) => i.code === '10.5')).toMatchObject({ factor: 0.5, score: 2.5, confirmedScore: 2.5 });
    expect(result.items.find((i) => i.code === '7.3')).toMatchObject({ factor: 1, score: 3, confirmedScore: 0 });
    expect(result.items.find((i) => i.code === '9.1')).toMatchObject({ factor: 0, score: 0, confirmedScore: 0 });
  });

  it('changes the score when the checklist changes a factor', () => {
    const cheaperPlans = { ...base, checklist: { ...checklist, scoring: { ...checklist.scoring, PLANNED_ONLY: 0, PARTIAL: 0.6 } } };
    // 3 + 3 + 5 + 5×0.6 = 14 of 28
    expect(assess(cheaperPlans).score.proposed).toEqual({ earned: 14, possible: 28, normalised: 50 });
  });

  it('explains in Chinese by default (the stored text and the default locale)', () => {
    const item = (code: string) => result.items.find((i) => i.code === code);
    expect(item('7.4')?.explanation).toBe('7.4 已覆盖：正面佐证见表述 c3；COURT_APPEARANCE_RATE 100%（表述 c3），达到 >= 100%。');
    expect(item('5.5')?.explanation).toBe('5.5 仅有计划：没有正面佐证，只有计划表述 c8；不足见表述 c6。');
    expect(item('7.3')?.explanation).toBe('7.3 已覆盖：正面佐证见表述 c2；只计已采纳的链接：缺失。');
    expect(item('10.9')?.flags.map((f) => f.message)).toEqual(['10.9：报告中没有佐证（没有已采纳或待审核的链接）。']);
  });

  it('explains each status in one sentence citing claims and target values', () => {
    const explanation = (code: string): string | undefined => explanationInEnglish(result.items.find((i) => i.code === code));
    expect(explanation('7.4')).toBe('7.4 is COVERED: positive evidence in claim c3; COURT_APPEARANCE_RATE 100% (claim c3) meets >= 100%.');
    expect(explanation('10.5')).toBe(
      '10.5 is PARTIAL: positive evidence in claim c4; LAW_EXAM_PARTICIPATION_RATE 100% (claim c4) meets >= 100%; ' +
        'LAW_EXAM_PASS_RATE not reported (target >= 100%); LAW_EXAM_AVG_SCORE at least 95分 (claim c4).',
    );
    expect(explanation('5.5')).toBe('5.5 is PLANNED_ONLY: no positive evidence, only plan claim c8; shortcoming reported in claim c6.');
    expect(explanation('10.7')).toBe('10.7 is NEGATIVE_ONLY: no positive evidence or plan, only shortcoming claim c7.');
    expect(explanation('7.3')).toBe('7.3 is COVERED: positive evidence in claim c2; accepted links only: MISSING.');
    expect(explanation('10.9')).toBe('10.9 is MISSING: no claim is linked to it by an accepted or proposed link.');
    expect(explanation('9.1')).toBe('9.1 is NOT_APPLICABLE (not assessed): 街道不承担信息化平台建设职责（区级统一建设）.');
  });

  it('never counts rejected links, in either view', () => {
    const allRejected = { ...base, links: base.links.map((l) => ({ ...l, state: 'REJECTED' as const })) };
    const r = assess(allRejected);
    expect(r.items.filter((i) => i.status !== 'NOT_APPLICABLE').map((i) => [i.status, i.confirmedStatus])).toEqual(
      Array(8).fill(['MISSING', 'MISSING']),
    );
    expect(r.coverage.proposed).toEqual({ covered: 0, partial: 0, assessable: 8, ratio: 0 });
    expect(r.flags.map((f) => f.code)).toEqual(Array(8).fill('NO_EVIDENCE'));
  });

  it('marks PARTIAL with TARGET_NOT_MET when 出庭应诉率 is 95%', () => {
    const input = { ...base, metrics: [metric('c3', 'COURT_APPEARANCE_RATE', 95, '%')] };
    const i74 = assess(input).items.find((i) => i.code === '7.4');
    expect(i74?.status).toBe('PARTIAL');
    expect(inEnglish(i74?.flags)).toEqual([
      {
        code: 'TARGET_NOT_MET',
        severity: 'WARNING',
        itemCode: '7.4',
        message: '7.4: COURT_APPEARANCE_RATE 95% (claim c3) misses >= 100%.',
        claimIds: ['c3'],
      },
    ]);
  });

  it('does not let an APPROX 100% prove >= 100%, but lets an AT_LEAST 95分 prove >= 95分', () => {
    const approx = { ...base, metrics: [metric('c3', 'COURT_APPEARANCE_RATE', 100, '%', 'APPROX')] };
    const i74 = assess(approx).items.find((i) => i.code === '7.4');
    expect(i74?.status).toBe('PARTIAL');
    expect(inEnglish(i74?.flags)?.map((f) => f.message)).toEqual([
      '7.4: COURT_APPEARANCE_RATE about 100% (claim c3) does not prove >= 100%.',
    ]);

    const withScoreTarget = {
      ...base,
      checklist: {
        ...checklist,
        items: checklist.items.map((i) =>
          i.code === '10.5' ? { ...i, targets: [{ metric: 'LAW_EXAM_AVG_SCORE', op: '>=' as const, threshold: 95, unit: '分' }] } : i,
        ),
      },
    };
    expect(assess(withScoreTarget).items.find((i) => i.code === '10.5')?.status).toBe('COVERED');
  });

  it('differs between views when only a proposed link carries the evidence', () => {
    const proposedRate = {
      ...base,
      links: base.links.map((l) => (l.claimId === 'c3' ? { ...l, state: 'PROPOSED' as const } : l)),
    };
    const r = assess(proposedRate);
    expect(statuses(proposedRate)['7.4']).toEqual(['COVERED', 'MISSING']);
    expect(r.items.find((i) => i.code === '7.4')?.flags.map((f) => [f.code, f.claimIds])).toEqual([['LINK_UNREVIEWED', ['c3']]]);
    expect(r.score.confirmed).toEqual({ earned: 7, possible: 28, normalised: 25 });
  });

  it('excludes a not-applicable item only with a justification', () => {
    const blank = { ...base, notApplicable: [...base.notApplicable, { itemCode: '10.9', justification: '  ' }] };
    expect(statuses(blank)['10.9']).toEqual(['MISSING', 'MISSING']);
    expect(assess(blank).coverage.proposed.assessable).toBe(8);
    expect(flagList(blank)).toContainEqual(['10.9', 'NO_EVIDENCE', []]);

    const justified = { ...base, notApplicable: [...base.notApplicable, { itemCode: '10.9', justification: '辖区无法治文化阵地' }] };
    const r = assess(justified);
    expect(statuses(justified)['10.9']).toEqual(['NOT_APPLICABLE', 'NOT_APPLICABLE']);
    expect(r.coverage.proposed).toEqual({ covered: 3, partial: 1, assessable: 7, ratio: 3 / 7 });
    expect(r.score.proposed).toEqual({ earned: 15, possible: 25, normalised: 60 });
    expect(r.flags.some((f) => f.itemCode === '10.9')).toBe(false);
  });

  it('honours flags switched off in the checklist without changing statuses', () => {
    const off = {
      ...base,
      checklist: {
        ...checklist,
        flags: {
          ...checklist.flags,
          ONLY_PLANNED: { enabled: false, severity: 'WARNING' as const },
          SHORTCOMING_REPORTED: { enabled: false, severity: 'INFO' as const },
        },
      },
    };
    expect(statuses(off)).toEqual(statuses(base));
    expect(flagList(off)).toEqual([
      ['7.3', 'LINK_UNREVIEWED', ['c2']],
      ['10.5', 'TARGET_NOT_REPORTED', ['c4']],
      ['10.9', 'NO_EVIDENCE', []],
    ]);
  });

  it('without a report: one REPORT_MISSING flag, every item MISSING, no NO_EVIDENCE per item', () => {
    const none = { ...base, hasReport: false };
    const r = assess(none);
    expect(inEnglish(r.flags)).toEqual([
      {
        code: 'REPORT_MISSING',
        severity: 'WARNING',
        itemCode: null,
        message: 'No report for this unit and year: all 8 assessable items are MISSING.',
        claimIds: [],
      },
    ]);
    expect(r.items.filter((i) => i.code !== '9.1').every((i) => i.status === 'MISSING' && i.confirmedStatus === 'MISSING')).toBe(true);
    expect(r.items.find((i) => i.code === '9.1')?.status).toBe('NOT_APPLICABLE');
    expect(explanationInEnglish(r.items.find((i) => i.code === '7.4'))).toBe('7.4 is MISSING: the unit has no report for this year.');
    expect(r.coverage.proposed).toEqual({ covered: 0, partial: 0, assessable: 8, ratio: 0 });
    expect(r.score.proposed).toEqual({ earned: 0, possible: 28, normalised: 0 });
  });

  it('is deterministic: the order of links and metrics does not matter', () => {
    const shuffled = { ...base, links: [...base.links].reverse(), metrics: [...base.metrics].reverse() };
    expect(assess(shuffled)).toEqual(result);
  });

  it('is exported, with the rest of the core, from the assessment index', () => {
    expect(core.assess).toBe(assess);
    expect(Object.keys(core).sort()).toEqual(
      [
        'assess',
        'checkTargets',
        'classifyChange',
        'collectEvidence',
        'compareAssessments',
        'computeCoverage',
        'computeScore',
        'countCoverage',
        'decideStatus',
        'describeCheck',
        'explainItem',
        'formatClaims',
        'formatRule',
        'formatValue',
        'hasThreshold',
        'indexClaims',
        'itemFlags',
        'linkCounts',
        'notApplicableJustification',
        'partCodeOf',
        'provesTarget',
        'rankUnits',
        'reportMissingFlags',
        'roundTo',
        'scoreBothViews',
        'statusFactor',
        'unmetTargets',
        'unreviewedClaimIds',
      ].sort(),
    );
  });
});
