import { analyzeReport, classifyHeading, matchHeading } from '../../../src/reading';
import type { AnalysedSection } from '../../../src/reading';
import { at, seed } from './seed-reports';

const topKinds = (sections: AnalysedSection[]): Record<string, string> =>
  Object.fromEntries(sections.filter((s) => s.level === 1).map((s) => [s.path, s.kind]));

describe('section tree of the real reports', () => {
  it('万兴街: no title, 一 achievements, 二 shortcomings, 三 responsibility, 四 (2023) plan', () => {
    const a = analyzeReport(seed('wanxing'));
    expect(topKinds(a.sections)).toEqual({
      '0': 'PREAMBLE',
      一: 'ACHIEVEMENT',
      二: 'SHORTCOMING',
      三: 'RESPONSIBILITY',
      四: 'PLAN',
    });
    const paths = a.sections.map((s) => s.path);
    expect(paths).toContain('一/（三）/4');
    expect(paths).toContain('三/（二）/3');
    const sub = a.sections.find((s) => s.path === '一/（三）/2')!;
    expect(sub).toMatchObject({ level: 3, kind: 'ACHIEVEMENT', heading: '2.服务经济发展进步' });
    expect(a.sections.find((s) => s.path === '四/（二）')!.kind).toBe('PLAN');
  });

  it('王顶堤街: 四 says 2023 in a 2023 report and is still the plan', () => {
    const a = analyzeReport(seed('wangdingdi'));
    expect(topKinds(a.sections)).toEqual({
      '0': 'PREAMBLE',
      一: 'ACHIEVEMENT',
      二: 'SHORTCOMING',
      三: 'RESPONSIBILITY',
      四: 'PLAN',
    });
    expect(a.sections.find((s) => s.path === '四')!.heading).toBe('四、2023年推进法治政府建设的主要安排');
  });

  it('稷下街道: title in the preamble, 二 responsibility, 三 shortcomings, 四 plan; headings end at 。', () => {
    const raw = seed('jixia');
    const a = analyzeReport(raw);
    expect(topKinds(a.sections)).toEqual({
      '0': 'PREAMBLE',
      一: 'ACHIEVEMENT',
      二: 'RESPONSIBILITY',
      三: 'SHORTCOMING',
      四: 'PLAN',
    });
    const preamble = a.sections.find((s) => s.path === '0')!;
    expect(preamble.start).toBe(0);
    const first = a.sections.find((s) => s.path === '一/（一）')!;
    expect(first.heading).toBe('（一）完善工作机制，提升行政效能');
    expect(first.start).toBe(at(raw, '（一）完善工作机制'));
    expect(a.sections.find((s) => s.path === '三/（一）')!.kind).toBe('SHORTCOMING');
  });

  it('塘沽街道: numbering jumps from 一 to 三, no section 二', () => {
    const raw = seed('tanggu');
    const a = analyzeReport(raw);
    expect(topKinds(a.sections)).toEqual({ '0': 'PREAMBLE', 一: 'ACHIEVEMENT', 三: 'PLAN' });
    expect(a.sections.some((s) => s.path === '二' || s.path.startsWith('二/'))).toBe(false);
    const one = a.sections.find((s) => s.path === '一')!;
    const three = a.sections.find((s) => s.path === '三')!;
    expect(raw.slice(one.start, one.end).startsWith('一、主要举措')).toBe(true);
    expect(raw.slice(one.start, one.end).endsWith('衡量干部德才的重要标准。')).toBe(true);
    expect(raw.slice(three.start, three.end).startsWith('三、下一步打算')).toBe(true);
    expect(three.end).toBe(raw.length);
  });

  it('胡家园街: six topical sections are achievements, chrome and signature are marked, no plan', () => {
    const raw = seed('hujiayuan');
    const a = analyzeReport(raw);
    expect(topKinds(a.sections)).toEqual({
      'chrome-1': 'CHROME',
      '0': 'PREAMBLE',
      一: 'ACHIEVEMENT',
      二: 'ACHIEVEMENT',
      三: 'ACHIEVEMENT',
      四: 'ACHIEVEMENT',
      五: 'ACHIEVEMENT',
      六: 'ACHIEVEMENT',
      signature: 'SIGNATURE',
      'chrome-2': 'CHROME',
    });
    expect(a.sections.some((s) => s.kind === 'PLAN')).toBe(false);
    const header = a.sections.find((s) => s.path === 'chrome-1')!;
    expect(raw.slice(header.start, header.end)).toMatch(/^当前位置:胡家园街[\s\S]*扫一扫在手机打开当前页$/u);
    const signature = a.sections.find((s) => s.path === 'signature')!;
    expect(raw.slice(signature.start, signature.end)).toMatch(/^中共滨海新区胡家园街道工作委员会\s+2022年11月7日$/u);
    const footer = a.sections.find((s) => s.path === 'chrome-2')!;
    expect(raw.slice(footer.start, footer.end)).toMatch(/^全国各省市政府网站[\s\S]*重点链接$/u);
    // ASCII (一) becomes （一） in paths, the heading keeps its own text
    const sub = a.sections.find((s) => s.path === '二/（三）')!;
    expect(sub.heading).toBe('(三)强化依法治理,推进法治乡村建设');
  });

  it('sections are in document order and do not overlap at the top level', () => {
    for (const name of ['wanxing', 'wangdingdi', 'jixia', 'tanggu', 'hujiayuan'] as const) {
      const top = analyzeReport(seed(name)).sections.filter((s) => s.level === 1);
      for (let i = 1; i < top.length; i += 1) expect(top[i]?.start).toBeGreaterThanOrEqual(top[i - 1]!.end);
    }
  });
});

describe('section tree of other layouts', () => {
  it('a heading with both shortcomings and plans lets its sub-sections say which they are', () => {
    const raw =
      '2022年，甲街道扎实推进法治政府建设。\n一、主要成效\n开展培训3次。\n二、存在的问题及下一步打算\n' +
      '（一）存在问题\n执法力量不足。\n（二）下一步打算\n加强执法队伍建设。\n（三）其他\n继续努力。';
    const a = analyzeReport(raw);
    const kinds = Object.fromEntries(a.sections.map((s) => [s.path, s.kind]));
    expect(kinds).toMatchObject({ 二: 'SHORTCOMING', '二/（一）': 'SHORTCOMING', '二/（二）': 'PLAN', '二/（三）': 'SHORTCOMING' });
    expect(a.claims.find((c) => c.text === '加强执法队伍建设。')!.polarity).toBe('PLAN');
    expect(a.claims.find((c) => c.text === '执法力量不足。')!.polarity).toBe('NEGATIVE');
  });

  it('Windows line ends change nothing but the offsets', () => {
    const lf = seed('wanxing');
    const crlf = lf.replace(/\n/gu, '\r\n');
    const a = analyzeReport(lf);
    const b = analyzeReport(crlf);
    expect(b.sections.map((s) => [s.path, s.kind, s.heading])).toEqual(a.sections.map((s) => [s.path, s.kind, s.heading]));
    expect(b.claims.map((c) => c.text)).toEqual(a.claims.map((c) => c.text));
    expect([b.unit?.name, b.year?.value]).toEqual(['万兴街', 2022]);
    for (const c of b.claims) expect(crlf.slice(c.start, c.end)).not.toMatch(/^[\r\n]|[\r\n]$/u);
  });

  it('numbered sub-levels without a 一、 level start at the top', () => {
    const a = analyzeReport('（一）学法\n1.领导学法。开展学法6次。\n（二）普法\n开展宣传。');
    expect(a.sections.map((s) => [s.path, s.level])).toEqual([
      ['（一）', 1],
      ['（一）/1', 2],
      ['（二）', 1],
    ]);
  });

  it('a signature with a month but no day is still a signature', () => {
    const a = analyzeReport('2022年，甲镇推进法治建设。\n一、主要成效\n开展培训3次。\n甲镇人民政府\n2022年12月');
    expect(a.sections.map((s) => s.kind)).toEqual(['PREAMBLE', 'ACHIEVEMENT', 'SIGNATURE']);
    expect(a.claims.map((c) => c.text)).toEqual(['2022年，甲镇推进法治建设。', '开展培训3次。']);
  });
});

describe('classifyHeading', () => {
  it.each([
    ['一、2022年推进法治政府建设的主要举措和成效', 'ACHIEVEMENT'],
    ['二、党政主要负责人履行推进法治建设第一责任人职责情况', 'RESPONSIBILITY'],
    ['三、推进法治政府建设存在的不足和原因', 'SHORTCOMING'],
    ['二、存在问题', 'SHORTCOMING'],
    ['四、2024 年推进法治政府建设的主要计划安排', 'PLAN'],
    ['三、下一步打算', 'PLAN'],
    ['五、2024年工作思路', 'PLAN'],
    ['四、2023年推进法治政府建设的主要安排', 'PLAN'],
    ['五、依法化解矛盾纠纷、维护辖区安全稳定', 'ACHIEVEMENT'],
    ['五、聚焦群众急难愁盼问题，提升服务水平', 'ACHIEVEMENT'],
    ['三、创新工作思路，提升执法水平', 'ACHIEVEMENT'],
    ['四、明年工作重点', 'PLAN'],
  ])('%s → %s', (heading, kind) => {
    expect(classifyHeading(heading)).toBe(kind);
  });
});

describe('matchHeading', () => {
  it('reads every numbering style and normalises ASCII parentheses', () => {
    expect(matchHeading('一、主要举措')).toMatchObject({ style: 'CN', label: '一' });
    expect(matchHeading('(一)提高政治站位,深入践行')).toMatchObject({ style: 'PAREN_CN', label: '（一）' });
    expect(matchHeading('（三）公正文明执法')).toMatchObject({ style: 'PAREN_CN', label: '（三）' });
    expect(matchHeading('1.领导干部带头学。我街认真学习')).toMatchObject({ style: 'ARABIC', label: '1' });
    expect(matchHeading('2、依法推进')).toMatchObject({ style: 'ARABIC', label: '2' });
    expect(matchHeading('(2)具体做法')).toMatchObject({ style: 'PAREN_ARABIC', label: '（2）' });
    expect(matchHeading('第二部分 主要做法')).toMatchObject({ style: 'DI', label: '第二' });
  });

  it('does not take clauses, dates or numbers for headings', () => {
    expect(matchHeading('一是道路治理规范化。')).toBeNull();
    expect(matchHeading('2022年，万兴街在区委')).toBeNull();
    expect(matchHeading('4.15全民国家安全教育日')).toBeNull();
    expect(matchHeading('12·4国家宪法日')).toBeNull();
  });

  it('splits a heading from the body on the same line at the first 。', () => {
    const line = '（一）完善工作机制，提升行政效能。一是完善依法决策机制。';
    const h = matchHeading(line)!;
    expect(line.slice(0, h.headingEnd)).toBe('（一）完善工作机制，提升行政效能');
    expect(line.slice(h.bodyStart)).toBe('一是完善依法决策机制。');
    const whole = '（二）扎实推进法治政府建设，提高依法行政水平。';
    const w = matchHeading(whole)!;
    expect(whole.slice(0, w.headingEnd)).toBe('（二）扎实推进法治政府建设，提高依法行政水平');
    expect(w.bodyStart).toBe(whole.length);
  });
});
