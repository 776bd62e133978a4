import type { ChecklistItemDefinition, MatchRules } from '../../../src/checklist/types';
import { confidenceOf, keywordConfidence, matchClaims, prepareMatchText, type MatchableClaim } from '../../../src/evidence/matcher';
import type { AnalysedMetric, SectionKind } from '../../../src/reading/types';

/** How each rule of the file works, on tiny synthetic checklists. */

function item(code: string, match: Partial<MatchRules>, assessable = true): ChecklistItemDefinition {
  return {
    code,
    parentCode: assessable ? (code.split('.')[0] ?? null) : null,
    title: `item ${code}`,
    text: `item ${code}`,
    assessable,
    points: assessable ? 3 : 0,
    match: { keywords: [], together: [], exclude: [], metrics: [], ...match },
    targets: [],
  };
}

function claim(id: string, text: string, sectionKind: SectionKind = 'ACHIEVEMENT'): MatchableClaim {
  return {
    id,
    text,
    polarity: sectionKind === 'PLAN' ? 'PLAN' : sectionKind === 'SHORTCOMING' ? 'NEGATIVE' : 'POSITIVE',
    sectionKind,
    sectionPath: '一',
  };
}

function metric(claimId: string, key: string | null): AnalysedMetric {
  return { claimId, metric: key, value: 1, unit: '次', qualifier: 'EXACT', start: 0, end: 1, text: '1次' };
}

describe('prepareMatchText', () => {
  it('folds full-width forms, drops whitespace and markdown bold, blanks document names', () => {
    expect(prepareMatchText('出庭应诉率达到 １００％， **规范行政复议**')).toBe('出庭应诉率达到100%,规范行政复议');
    expect(prepareMatchText('全过程记\n\n录')).toBe('全过程记录');
    expect(prepareMatchText('学习《行政复议法》和《南开区关于贯彻落实<天津市纲要>工作任务清单》')).toBe('学习《》和《》');
    expect(prepareMatchText('《外《内》外》后')).toBe('《》后');
    expect(prepareMatchText('未闭合《名称')).toBe('未闭合《名称');
  });
});

describe('matchClaims rules', () => {
  it('links on any keyword, and says which words fired', () => {
    const links = matchClaims(
      [claim('c1', '配备执法记录仪和移动执法终端')],
      [],
      [item('5.5', { keywords: ['执法记录仪', '移动执法终端', '非现场执法'] })],
    );
    expect(links).toEqual([
      { claimId: 'c1', itemCode: '5.5', method: 'RULE', confidence: 0.8, rule: 'keyword', matched: ['执法记录仪', '移动执法终端'] },
    ]);
  });

  it('links a together group only when all its words occur', () => {
    const rules = [item('1.1', { together: [['习近平法治思想', '学习研讨']] })];
    expect(matchClaims([claim('c1', '深入学习贯彻习近平法治思想')], [], rules)).toEqual([]);
    expect(matchClaims([claim('c2', '围绕习近平法治思想进行学习研讨')], [], rules)).toMatchObject([
      { itemCode: '1.1', rule: 'together', confidence: 0.85, matched: ['习近平法治思想+学习研讨'] },
    ]);
  });

  it('vetoes an item with an exclude word, whatever else fired', () => {
    const rules = [item('8.1', { keywords: ['公开'], exclude: ['村务公开'], metrics: ['INFO_DISCLOSED'] })];
    expect(matchClaims([claim('c1', '深化落实村务公开制度')], [metric('c1', 'INFO_DISCLOSED')], rules)).toEqual([]);
  });

  it('links a claim carrying a metric of the item, ignoring unrecognised numbers', () => {
    const rules = [item('7.4', { metrics: ['COURT_APPEARANCE_RATE'] })];
    const claims = [claim('c1', '负责人出庭率100%'), claim('c2', '共计100次')];
    const links = matchClaims(claims, [metric('c1', 'COURT_APPEARANCE_RATE'), metric('c2', null)], rules);
    expect(links).toEqual([
      { claimId: 'c1', itemCode: '7.4', method: 'RULE', confidence: 0.95, rule: 'metric', matched: ['COURT_APPEARANCE_RATE'] },
    ]);
  });

  it('never matches inside a document name, but a rule may ask for a named document with 《》', () => {
    const rules = [item('7.3', { keywords: ['行政复议'] }), item('10.7', { keywords: ['《》宣传'] })];
    expect(matchClaims([claim('c1', '组织执法人员学习《行政复议法》')], [], rules)).toEqual([]);
    expect(matchClaims([claim('c2', '开展《反有组织犯罪法》宣传工作')], [], rules).map((l) => l.itemCode)).toEqual(['10.7']);
  });

  it('does not count a keyword inside a longer keyword of another item', () => {
    const rules = [item('10.6', { keywords: ['谁执法谁普法'] }), item('10.7', { keywords: ['普法'] })];
    expect(matchClaims([claim('c1', '落实“谁执法谁普法”责任制')], [], rules).map((l) => l.itemCode)).toEqual(['10.6']);
    expect(matchClaims([claim('c2', '落实“谁执法谁普法”责任制，开展普法活动')], [], rules).map((l) => l.itemCode)).toEqual([
      '10.6',
      '10.7',
    ]);
  });

  it("blanks an item's ignore phrases before looking for its words", () => {
    const rules = [item('10.4', { together: [['中心组', '法律']], ignore: ['中心组织'] })];
    expect(matchClaims([claim('c1', '公共法律服务中心组织律师值班')], [], rules)).toEqual([]);
    expect(matchClaims([claim('c2', '党工委中心组学习法律法规')], [], rules).map((l) => l.itemCode)).toEqual(['10.4']);
  });

  it('skips PREAMBLE, CHROME and SIGNATURE claims but links PLAN and SHORTCOMING ones', () => {
    const rules = [item('10.8', { keywords: ['法治进校园'] })];
    const claims = (['PREAMBLE', 'CHROME', 'SIGNATURE', 'ACHIEVEMENT', 'PLAN', 'SHORTCOMING'] as SectionKind[]).map((k, i) =>
      claim(`c${i}`, '推进法治进校园', k),
    );
    expect(matchClaims(claims, [], rules).map((l) => l.claimId)).toEqual(['c3', 'c4', 'c5']);
    expect(matchClaims(claims, [], rules, { skipSectionKinds: [] })).toHaveLength(6);
  });

  it('never links a heading (part)', () => {
    expect(matchClaims([claim('c1', '执法记录仪')], [], [item('5', { keywords: ['执法记录仪'] }, false)])).toEqual([]);
  });

  it('keeps at most three links per claim, the most confident, output in checklist order', () => {
    const rules = [
      item('1.1', { keywords: ['甲乙'] }),
      item('2.1', { keywords: ['丙丁戊己'] }),
      item('3.1', { together: [['庚', '辛']] }),
      item('4.1', { keywords: ['壬癸'] }),
      item('5.1', { metrics: ['M'] }),
    ];
    const links = matchClaims([claim('c1', '甲乙，丙丁戊己，庚辛，壬癸')], [metric('c1', 'M')], rules);
    expect(links.map((l) => [l.itemCode, l.confidence])).toEqual([
      ['2.1', 0.75],
      ['3.1', 0.85],
      ['5.1', 0.95],
    ]);
    expect(matchClaims([claim('c1', '甲乙，丙丁戊己，庚辛，壬癸')], [metric('c1', 'M')], rules, { maxLinksPerClaim: 5 })).toHaveLength(5);
  });

  it('is deterministic: claims in input order, items in checklist order', () => {
    const rules = [item('7.2', { keywords: ['信访'] }), item('7.1', { keywords: ['调解'] })];
    const claims = [claim('b', '信访和调解'), claim('a', '调解')];
    expect(matchClaims(claims, [], rules).map((l) => `${l.claimId}:${l.itemCode}`)).toEqual(['b:7.2', 'b:7.1', 'a:7.1']);
  });
});

describe('confidence', () => {
  it('grows with keyword length and with more distinct hits, capped', () => {
    expect([keywordConfidence('普法'), keywordConfidence('述职述'), keywordConfidence('出庭应诉')]).toEqual([0.5, 0.65, 0.75]);
    expect(confidenceOf({ keywords: ['普法', '宪法日'], together: [], metrics: [] }).confidence).toBe(0.7);
    expect(
      confidenceOf({ keywords: ['出庭应诉', '负责人出庭', '行政应诉', '应诉工作', '出庭'], together: [], metrics: [] }).confidence,
    ).toBe(0.9);
  });

  it('is the strongest rule plus a little per further kind of rule, below 1', () => {
    expect(confidenceOf({ keywords: ['出庭应诉'], together: [['a', 'b']], metrics: ['X'] })).toEqual({ confidence: 0.99, rule: 'metric' });
    expect(confidenceOf({ keywords: ['出庭应诉'], together: [['a', 'b']], metrics: [] })).toEqual({ confidence: 0.87, rule: 'together' });
    expect(confidenceOf({ keywords: [], together: [], metrics: [] })).toEqual({ confidence: 0, rule: 'none' });
  });
});

describe('matchClaims words', () => {
  it('takes a rule word only where it does not cut through a word of the text', () => {
    const rules = [item('10.4', { together: [['中心组', '法律']] }), item('7.6', { keywords: ['律师值班'] })];
    // 中心组织 is 中心/组织: no 中心组 there
    expect(matchClaims([claim('c1', '街道公共法律服务中心组织律师值班服务')], [], rules).map((l) => l.itemCode)).toEqual(['7.6']);
    expect(matchClaims([claim('c2', '党工委中心组集中学习法律法规')], [], rules).map((l) => l.itemCode)).toEqual(['10.4']);
  });
});
