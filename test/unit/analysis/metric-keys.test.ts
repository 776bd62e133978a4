import { METRIC_KEYS, findAllStatements, metricOfRateName, recogniseMetric } from '../../../src/reading/metric-keys';

describe('METRIC_KEYS', () => {
  it('holds the fourteen metric keys, once each, and names no checklist item', () => {
    expect(METRIC_KEYS.map((d) => d.key)).toEqual([
      'COURT_APPEARANCE_RATE',
      'MAJOR_DECISION_LEGAL_REVIEW_RATE',
      'LEGAL_ADVISER_CONSULTATIONS',
      'PENALTY_CASES',
      'FINES_TOTAL',
      'DISPUTES_MEDIATED',
      'PETITION_ON_TIME_RATE',
      'PETITION_CASES',
      'INFO_DISCLOSED',
      'LEADERSHIP_LAW_STUDY_SESSIONS',
      'LAW_EXAM_PARTICIPATION_RATE',
      'LAW_EXAM_PASS_RATE',
      'LAW_EXAM_AVG_SCORE',
      'LEGAL_PUBLICITY_EVENTS',
    ]);
    for (const d of METRIC_KEYS) expect(Object.keys(d)).not.toContain('itemCode');
  });

  it('gives rates the unit %, scores 分, money 元, and ends every rate cue in 率', () => {
    for (const d of METRIC_KEYS) {
      if (d.kind === 'RATE') {
        expect(d.units).toEqual(['%']);
        for (const cue of d.cues) expect(cue.source.endsWith('率')).toBe(true);
      }
      if (d.kind === 'SCORE') expect(d.units).toEqual(['分']);
      if (d.kind === 'MONEY') expect(d.units).toEqual(['元']);
      if (d.kind === 'COUNT') expect(d.units).not.toContain('%');
    }
  });

  it('patterns are not global (a shared g regex keeps state between calls)', () => {
    for (const d of METRIC_KEYS) {
      for (const re of [...d.cues, ...(d.after ?? []), ...(d.all ?? [])]) expect(re.global).toBe(false);
    }
  });
});

describe('recogniseMetric', () => {
  const q = (before: string, unit: string, claim = before, after = ''): string | null => recogniseMetric({ before, after, unit, claim });

  it('takes the cue nearest before the number', () => {
    expect(q('我街法律顾问2023年度进行法律咨询', '次')).toBe('LEGAL_ADVISER_CONSULTATIONS');
    expect(q('各社区的驻点法律顾问累计举办普法讲座', '场')).toBe('LEGAL_PUBLICITY_EVENTS');
  });

  it('keeps null when the nearest cue does not take the unit, or is too far', () => {
    expect(q('接待信访群众', '人次')).toBeNull();
    expect(q('调解金额累计', '元')).toBeNull();
    expect(q(`普法宣传活动${'的'.repeat(30)}`, '次')).toBeNull();
  });

  it('needs an exam for the LAW_EXAM_* keys and 信访 for PETITION_ON_TIME_RATE', () => {
    expect(q('平均成绩', '分', '营商环境评价平均成绩')).toBeNull();
    expect(q('平均成绩', '分', '学法考试平均成绩')).toBe('LAW_EXAM_AVG_SCORE');
    expect(q('按期办结率', '%', '12345热线按期办结率')).toBeNull();
    expect(q('按期办结率', '%', '信访事项按期办结率')).toBe('PETITION_ON_TIME_RATE');
  });

  it('uses a cue after the quantity only when none precedes it', () => {
    expect(q('对', '家', '对8家企业进行了行政处罚', '企业进行了行政处罚')).toBe('PENALTY_CASES');
    expect(q('对', '家', '对8家企业不予处罚', '企业不予处罚')).toBeNull();
  });
});

describe('metricOfRateName and findAllStatements', () => {
  it('names the rates of a list in an exam claim only', () => {
    expect(metricOfRateName('推动实现了参与率', '网上学法用法考试')).toBe('LAW_EXAM_PARTICIPATION_RATE');
    expect(metricOfRateName('合格率', '网上学法用法考试')).toBe('LAW_EXAM_PASS_RATE');
    expect(metricOfRateName('合格率', '产品抽检')).toBeNull();
    expect(metricOfRateName('考试率', '网上学法用法考试')).toBeNull();
  });

  it('finds 全部/均 statements with the span of the word', () => {
    const claim = '重大行政决策全部经合法性审查,没有未经合法性审查或者经合法性审查不合法的';
    expect(findAllStatements(claim)).toEqual([{ metric: 'MAJOR_DECISION_LEGAL_REVIEW_RATE', start: 6, end: 8 }]);
    expect(findAllStatements('罚没收入均通过非税平台全部上缴财政')).toEqual([]);
  });
});
