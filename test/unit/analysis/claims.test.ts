import { analyzeReport, normaliseText, splitSentences } from '../../../src/reading';
import type { AnalysedClaim, ReportAnalysis } from '../../../src/reading';
import { at, seed } from './seed-reports';

function claimAt(a: ReportAnalysis, start: number): AnalysedClaim {
  const c = a.claims.find((x) => x.start === start);
  if (!c) throw new Error(`no claim starts at ${start}`);
  return c;
}

describe('claims of the real reports', () => {
  it('塘沽: a claim spans the PDF line break; its raw slice keeps it, its text joins 全过程记录', () => {
    const raw = seed('tanggu');
    const a = analyzeReport(raw);
    const start = at(raw, '坚持在推行行政执法公示形式上求全');
    const last = '在重大执法决定法制审核方法上求严。';
    const end = at(raw, last) + last.length;
    const c = claimAt(a, start);
    expect(c.end).toBe(end);
    expect(raw.slice(c.start, c.end)).toBe(
      '坚持在推行行政执法公示形式上求全，在行政执法全过程记\n\n录内容上求实，在重大执法决定法制审核方法上求严。',
    );
    expect(c.text).toBe('坚持在推行行政执法公示形式上求全，在行政执法全过程记录内容上求实，在重大执法决定法制审核方法上求严。');
    expect(c).toMatchObject({ sectionPath: '一/（二）', sectionKind: 'ACHIEVEMENT', polarity: 'POSITIVE' });
  });

  it('塘沽: the second line break (受理信/访) and the bold markers stay in the raw slice only', () => {
    const raw = seed('tanggu');
    const a = analyzeReport(raw);
    const petition = claimAt(a, at(raw, '推进诉源治理工作'));
    expect(raw.slice(petition.start, petition.end)).toContain('累计受理信\n\n访案件 326 件');
    expect(petition.text).toBe(
      '推进诉源治理工作，探索重点领域调解机制，规范街道社会矛盾纠纷调处化解中心建设，累计受理信访案件326件，调处矛盾纠纷213件。',
    );
    const bold = claimAt(a, at(raw, '二是**规范行政复议和行政应诉工作**'));
    expect(raw.slice(bold.start, bold.end)).toBe('二是**规范行政复议和行政应诉工作**。');
    expect(bold.text).toBe('二是规范行政复议和行政应诉工作。');
  });

  it('稷下: 一是/二是/三是 inside a paragraph are separate claims; the heading part before them is a claim of its own', () => {
    const raw = seed('jixia');
    const a = analyzeReport(raw);
    const inFirst = a.claims.filter((c) => c.sectionPath === '一/（一）').map((c) => c.text);
    expect(inFirst).toEqual(
      expect.arrayContaining([
        '一是完善依法决策机制，提升行政决策水平。',
        '二是完善行政执法制度，强化行政执法规范。',
        '三是完善法律顾问制度，强化法治保障作用。',
      ]),
    );
    // `（一）完善工作机制，提升行政效能。一是…`: the heading with its body on the line is the section's first sentence,
    // without its numbering
    expect(inFirst.findIndex((t) => t.startsWith('一是'))).toBe(1);
    const one = claimAt(a, at(raw, '一是完善依法决策机制'));
    expect(raw.slice(one.start, one.end)).toBe('一是完善依法决策机制，提升行政决策水平。');
    const heading = claimAt(a, at(raw, '完善工作机制，提升行政效能'));
    expect(raw.slice(heading.start, heading.end)).toBe('完善工作机制，提升行政效能。');
    expect(heading).toMatchObject({ sectionPath: '一/（一）', polarity: 'POSITIVE' });
    expect(inFirst[0]).toBe('完善工作机制，提升行政效能。');
    // neither the title nor the Word bookmark make a claim
    expect(a.claims.some((c) => c.text.includes('年度报告'))).toBe(false);
    expect(a.claims[0]?.text.startsWith('今年，在区委、区政府的坚强领导下')).toBe(true);
    expect(raw.slice(a.claims[0]?.start, (a.claims[0]?.start ?? NaN) + 2)).toBe('今年');
  });

  it("稷下: the missing 执法记录仪 is a negative claim, next year's work a plan claim", () => {
    const raw = seed('jixia');
    const a = analyzeReport(raw);
    const missing = a.claims.find((c) => c.text.includes('没有配备执法记录仪'))!;
    expect(missing).toMatchObject({ sectionPath: '三/（一）', sectionKind: 'SHORTCOMING', polarity: 'NEGATIVE' });
    expect(missing.text).toBe('街道执法办公室执法设施不全，没有配备执法记录仪等专业的执法设备；');
    const plan = a.claims.find((c) => c.text.includes('加大执法证的考取力度'))!;
    expect(plan).toMatchObject({ sectionPath: '四/（一）', sectionKind: 'PLAN', polarity: 'PLAN' });
    const bySection = (p: string): AnalysedClaim[] => a.claims.filter((c) => c.sectionPath.split('/')[0] === p);
    expect(bySection('三').length).toBeGreaterThan(0);
    expect(bySection('三').every((c) => c.polarity === 'NEGATIVE')).toBe(true);
    expect(bySection('四').every((c) => c.polarity === 'PLAN')).toBe(true);
    expect(bySection('一').every((c) => c.polarity === 'POSITIVE')).toBe(true);
  });

  it('万兴街: plan claims under 四 (2023) and negative claims under 二', () => {
    const a = analyzeReport(seed('wanxing'));
    const four = a.claims.filter((c) => c.sectionPath.startsWith('四'));
    const two = a.claims.filter((c) => c.sectionPath.startsWith('二'));
    expect(four.length).toBeGreaterThan(5);
    expect(four.every((c) => c.polarity === 'PLAN' && c.sectionKind === 'PLAN')).toBe(true);
    expect(two.length).toBeGreaterThan(1);
    expect(two.every((c) => c.polarity === 'NEGATIVE')).toBe(true);
    const court = a.claims.find((c) => c.text.includes('出庭应诉率达到100%'))!;
    expect(court).toMatchObject({ sectionPath: '一/（一）/1', polarity: 'POSITIVE' });
  });

  it('胡家园: a sentence without final punctuation ends at its paragraph; chrome and signature make no claims', () => {
    const raw = seed('hujiayuan');
    const a = analyzeReport(raw);
    const c = claimAt(a, at(raw, '2022年,街道公共法律服务中心组织律师值班服务37'));
    expect(c.end).toBe(at(raw, '提供坚强有力的法治护航') + '提供坚强有力的法治护航'.length);
    expect(c.text).toContain('律师值班服务37,各社区');
    expect(c.sectionPath).toBe('六/（六）');
    const blocked = a.sections.filter((s) => s.kind === 'CHROME' || s.kind === 'SIGNATURE');
    expect(blocked).toHaveLength(3);
    for (const claim of a.claims) {
      for (const s of blocked) expect(claim.end <= s.start || claim.start >= s.end).toBe(true);
    }
    expect(a.claims.some((x) => x.text.includes('扫一扫') || x.text.includes('工作委员会'))).toBe(false);
  });

  it('claims are numbered in document order and each raw slice normalises to its text', () => {
    for (const name of ['wanxing', 'wangdingdi', 'jixia', 'tanggu', 'hujiayuan'] as const) {
      const raw = seed(name);
      const a = analyzeReport(raw);
      a.claims.forEach((c, i) => {
        expect(c.id).toBe(`c${i + 1}`);
        if (i > 0) expect(c.start).toBeGreaterThanOrEqual(a.claims[i - 1]!.end);
        expect(normaliseText(raw.slice(c.start, c.end))).toBe(c.text);
        expect(raw.slice(c.start, c.end)).toBe(raw.slice(c.start, c.end).trim());
      });
    }
  });
});

describe('heading lines (made-up texts)', () => {
  const text = [
    '某街道2023年法治政府建设情况报告',
    '一、主要工作开展情况',
    '（一）强化组织领导。街道党工委召开专题会议3次。',
    '1.加强学习，提高认识，落实责任。',
    '2.提升政务服务水平。全面推行一网通办。',
    '二、存在的问题',
    '（一）普法宣传不够深入。部分群众法治意识不强。',
    '三、下一步工作打算',
    '（一）深化依法决策。严格落实重大行政决策程序。',
  ].join('\n');
  const a = analyzeReport(text);
  const texts = a.claims.map((c) => c.text);

  it('a heading with its body on the line is a claim of the section it opens, without its numbering, at exact offsets', () => {
    expect(texts).toEqual([
      '强化组织领导。',
      '街道党工委召开专题会议3次。',
      '提升政务服务水平。',
      '全面推行一网通办。',
      '普法宣传不够深入。',
      '部分群众法治意识不强。',
      '深化依法决策。',
      '严格落实重大行政决策程序。',
    ]);
    for (const c of a.claims) expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(a.claims[0]).toMatchObject({ sectionPath: '一/（一）', start: text.indexOf('强化组织领导') });
    // the heading stays the context of its section's claims, its own claim included
    expect(a.claims[2]).toMatchObject({
      sectionPath: '一/（一）/2',
      headings: ['2.提升政务服务水平', '（一）强化组织领导', '一、主要工作开展情况'],
    });
  });

  it('a heading alone on its line is no claim, nor a short numbered line', () => {
    expect(texts.some((t) => t.includes('主要工作开展情况') || t.includes('存在的问题') || t.includes('下一步'))).toBe(false);
    expect(texts.some((t) => t.includes('加强学习'))).toBe(false);
  });

  it("a shortcoming or plan heading part takes its section's polarity", () => {
    expect(a.claims.find((c) => c.text === '普法宣传不够深入。')).toMatchObject({ sectionKind: 'SHORTCOMING', polarity: 'NEGATIVE' });
    expect(a.claims.find((c) => c.text === '深化依法决策。')).toMatchObject({ sectionKind: 'PLAN', polarity: 'PLAN' });
  });

  it('a heading at the start of a line where headings run inline is read the same way', () => {
    const runOn =
      '某镇2023年法治政府建设情况报告\n一、主要措施和成效(一)强化组织引领。镇党委召开会议2次。二、存在的问题和不足。一是学法不够深入。';
    const b = analyzeReport(runOn);
    expect(b.claims.map((c) => [c.text, c.polarity])).toEqual([
      ['主要措施和成效(一)强化组织引领。', 'POSITIVE'],
      ['镇党委召开会议2次。', 'POSITIVE'],
      ['二、存在的问题和不足。', 'NEGATIVE'],
      ['一是学法不够深入。', 'NEGATIVE'],
    ]);
    for (const c of b.claims) expect(runOn.slice(c.start, c.end)).toBe(c.text);
  });
});

describe('splitSentences', () => {
  const split = (t: string): string[] => splitSentences(t, 0, t.length).map(([s, e]) => t.slice(s, e));

  it('splits on 。！？； and keeps closing quotes with the sentence', () => {
    expect(split('甲。乙！丙？丁；戊')).toEqual(['甲。', '乙！', '丙？', '丁；', '戊']);
    expect(split('他说“好。”然后走了。')).toEqual(['他说“好。”', '然后走了。']);
  });

  it('starts a claim at 二是 after a comma, not at 是 inside a word', () => {
    expect(split('一是加强学习，二是规范执法，三是强化监督。')).toEqual(['一是加强学习', '二是规范执法', '三是强化监督。']);
    expect(split('坚持统一是关键。')).toEqual(['坚持统一是关键。']);
  });

  it('skips empty and punctuation-only pieces', () => {
    expect(split('。。；  ')).toEqual([]);
    expect(split('')).toEqual([]);
  });
});
