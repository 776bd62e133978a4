/**
 * Unit and year on the shapes real reports use (issue 12, part 5). Texts are written here
 * from the general shapes — titles with a government office or a party committee, a 镇 or 乡
 * government, a 街道 whose name ends in 街, a name only in the signature or a page's 来源
 * field, a district's own report — not copied from any report.
 */
import { analyzeReport } from '../../../src/reading';
import type { ReportAnalysis } from '../../../src/reading';

const BODY =
  '\n一、主要举措和成效\n（一）加强组织领导。召开专题会议3次，研究部署法治建设工作。\n' +
  '（二）严格规范执法。全年办理行政处罚案件12件，行政复议纠错率为0。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

function expectEvidenceSlicesRaw(raw: string, a: ReportAnalysis): void {
  for (const e of a.unit?.evidence ?? []) expect(raw.slice(e.start, e.end).replace(/\s/gu, '')).toBe(e.text);
}

describe('titles that name the author with its organ', () => {
  it.each([
    [
      'XX区人民政府XX街道办事处关于…',
      '城南区人民政府金山街道办事处关于2022年度法治政府建设情况的报告\n2022年，我街道认真贯彻落实上级部署。',
      '金山街道',
      'STREET',
      2022,
    ],
    ['XX镇人民政府关于…', '城关镇人民政府关于2021年法治政府建设工作情况的报告\n2021年，我镇坚持依法行政。', '城关镇', 'TOWN', 2021],
    ['XX乡…', '石桥乡2023年度法治政府建设情况报告\n今年以来，我乡深入推进法治政府建设。', '石桥乡', 'TOWN', 2023],
    [
      '中共XX街道工作委员会 XX街道办事处',
      '中共东湖街道工作委员会 东湖街道办事处关于2022年法治政府建设情况的报告\n2022年，我街道坚持依法行政。',
      '东湖街道',
      'STREET',
      2022,
    ],
    [
      'XX县XX镇人民政府',
      '安平县马店镇人民政府关于2020年度法治政府建设工作的报告\n2020年，在县委县政府领导下，我镇依法履职。',
      '马店镇',
      'TOWN',
      2020,
    ],
  ])('%s', (_shape, head, unit, level, year) => {
    const raw = head + BODY;
    const a = analyzeReport(raw);
    expect(a.unit).toMatchObject({ name: unit, level, known: false });
    expect(a.unit!.reason).toMatch(/^标题写明/u);
    expect(a.year?.value).toBe(year);
    expect(a.errors).toEqual([]);
    expectEvidenceSlicesRaw(raw, a);
  });

  it('the superior district in such a title is not the author', () => {
    const a = analyzeReport(`城南区人民政府金山街道办事处关于2022年度法治政府建设情况的报告\n2022年，我街道认真贯彻落实。${BODY}`);
    const district = a.unitCandidates.find((c) => c.name === '城南区');
    expect(district === undefined || district.confidence < a.unit!.confidence / 2).toBe(true);
  });

  it('a district report: XX区2022年度法治政府建设情况报告 and XX区人民政府关于…', () => {
    const plain = analyzeReport(
      `河西区2022年度法治政府建设情况报告\n2022年，河西区坚持以习近平法治思想为指导。我区全面推进依法行政。${BODY}`,
    );
    expect(plain.unit).toMatchObject({ name: '河西区', level: 'DISTRICT' });
    expect(plain.year?.value).toBe(2022);
    const gov = analyzeReport(
      `河西区人民政府关于2022年度法治政府建设情况的报告\n2022年，在市委、市政府的领导下，我区全面推进法治政府建设。${BODY}`,
    );
    expect(gov.unit).toMatchObject({ name: '河西区', level: 'DISTRICT' });
    expect(gov.year?.value).toBe(2022);
  });
});

describe('more title and signature shapes', () => {
  it.each([
    [
      'a party title over two lines',
      '中共东湖街道工作委员会\n东湖街道办事处\n关于2022年度法治政府建设情况的报告\n2022年，我街道坚持依法行政。',
      '东湖街道',
      2022,
    ],
    [
      'city, district and street in one title',
      '江州市城南区金山街道2021年法治政府建设工作总结\n2021年，我街道坚持依法行政。',
      '金山街道',
      2021,
    ],
    ['an office line above the title', '桂花镇人民政府\n2022年法治政府建设工作报告\n2022年，我镇坚持依法行政。', '桂花镇', 2022],
    [
      '党工委 and 办事处 sharing one name',
      '中共金山街道党工委 办事处关于2022年度法治政府建设情况的报告\n2022年，我街道坚持依法行政。',
      '金山街道',
      2022,
    ],
    ['a 民族乡', '红星民族乡人民政府关于2022年法治政府建设情况的报告\n2022年，我乡坚持依法行政。', '红星民族乡', 2022],
    ['names with 门, 建, 政, 农', '石门镇人民政府关于2022年法治政府建设情况的报告\n2022年，我镇坚持依法行政。', '石门镇', 2022],
    ['建华街道', '建华街道2022年法治政府建设工作总结\n2022年，我街道坚持依法行政。', '建华街道', 2022],
    ['兴农镇', '兴农镇2022年度法治政府建设情况报告\n2022年，我镇坚持依法行政。', '兴农镇', 2022],
    [
      '王集镇 (集 ends generic words elsewhere)',
      '王集镇人民政府关于2022年法治政府建设情况的报告\n2022年，我镇坚持依法行政。',
      '王集镇',
      2022,
    ],
    ['新市镇 (市 before 镇)', '新市镇2022年度法治政府建设情况报告\n2022年，我镇坚持依法行政。', '新市镇', 2022],
    ['古城镇', '古城镇人民政府关于2022年法治政府建设情况的报告\n2022年，我镇坚持依法行政。', '古城镇', 2022],
  ])('%s', (_shape, head, unit, year) => {
    const a = analyzeReport(head + BODY);
    expect(a.unit?.name).toBe(unit);
    expect(a.year?.value).toBe(year);
  });

  it('a signature dated in Chinese numerals gives the year (二〇二二年十二月二十日)', () => {
    const raw = `关于法治政府建设情况的报告\n今年以来，我镇坚持依法行政。${BODY}\n中共桂花镇委员会\n桂花镇人民政府\n二〇二二年十二月二十日`;
    const a = analyzeReport(raw);
    expect(a.unit?.name).toBe('桂花镇');
    expect(a.year?.value).toBe(2022);
    expect(a.year!.evidence[0]).toMatchObject({ source: 'SIGNATURE', text: '二〇二二年十二月二十日' });
    // signed in the first half of the next year: the report is for the year before
    expect(analyzeReport(raw.replace('二〇二二年十二月二十日', '二〇二三年一月十日')).year?.value).toBe(2022);
  });

  it('a district website in the 来源 field does not make a street report the district’s', () => {
    const raw = `2022年法治政府建设年度报告\n发布时间：2023-02-10 来源：城南区人民政府\n2022年，我街道坚持依法行政。${BODY}`;
    const a = analyzeReport(raw);
    expect(a.unit).toBeNull();
    expect(a.year?.value).toBe(2022);
  });

  it('a neighbour named once with its government in running text is not the author', () => {
    const raw = `关于2022年度法治政府建设情况的报告\n2022年，我们坚持依法行政。\n一、主要举措\n协助青石镇人民政府开展联合执法。\n二、下一步打算\n继续推进。`;
    expect(analyzeReport(raw).unit).toBeNull();
  });
});

describe('a 街道 whose own name ends in 街', () => {
  it('新华路街街道 is read whole, never cut to 新华路街', () => {
    const a = analyzeReport(`新华路街街道2022年法治政府建设情况报告\n2022年，新华路街街道在区委区政府领导下依法履职。${BODY}`);
    expect(a.unit).toMatchObject({ name: '新华路街街道', level: 'STREET' });
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('新华路街');
  });

  it('the short form in the text and the full name in the signature are one unit', () => {
    const raw = `关于2022年法治政府建设情况的报告\n2022年，新华路街在区委区政府领导下，全街依法履职。${BODY}\n新华路街街道办事处\n2022年12月20日`;
    const a = analyzeReport(raw);
    expect(a.unit).toMatchObject({ name: '新华路街街道', level: 'STREET' });
    expect(a.unitCandidates.filter((c) => c.name.startsWith('新华路'))).toHaveLength(1);
    expect(a.unit!.evidence.map((e) => e.source)).toEqual(expect.arrayContaining(['OPENING', 'SIGNATURE']));
  });

  it('a one-character name before 街 (南街街道) is read whole too', () => {
    const a = analyzeReport(`中共南街街道工作委员会 南街街道办事处关于2021年法治政府建设工作情况的报告\n2021年，我街道依法履职。${BODY}`);
    expect(a.unit).toMatchObject({ name: '南街街道', level: 'STREET' });
  });

  it('a registered 新华路街 resolves 新华路街街道 in the text', () => {
    const a = analyzeReport(`新华路街街道2022年法治政府建设情况报告\n2022年，我街道依法履职。${BODY}`, {
      knownUnits: [{ name: '新华路街', aliases: [] }],
    });
    expect(a.unit).toMatchObject({ name: '新华路街', known: true });
    expect(a.unit!.reason).toContain('与登记单位一致');
  });
});

describe('names given only outside the body', () => {
  it('only in the signature block', () => {
    const raw = `关于2022年法治政府建设情况的报告\n2022年，在区委、区政府的坚强领导下，我镇认真贯彻落实法治政府建设各项部署。${BODY}\n桂花镇人民政府\n2022年12月30日`;
    const a = analyzeReport(raw);
    expect(a.unit).toMatchObject({ name: '桂花镇', level: 'TOWN' });
    expect(a.unit!.evidence.map((e) => e.source)).toEqual(['SIGNATURE']);
    expect(a.unit!.reason).toMatch(/^署名写明“桂花镇”/u);
    expect(a.year?.value).toBe(2022);
    expectEvidenceSlicesRaw(raw, a);
  });

  it("only in a scraped page's 来源 field", () => {
    const raw =
      '当前位置：首页 > 政务公开\n关于2022年度法治政府建设情况的报告\n发布时间：2023-01-10 来源：红旗乡人民政府 浏览次数：12\n' +
      `2022年，我乡在县委县政府的领导下，推进依法行政。${BODY}`;
    const a = analyzeReport(raw);
    expect(a.unit).toMatchObject({ name: '红旗乡', level: 'TOWN' });
    expect(a.unit!.evidence[0]).toMatchObject({ source: 'SOURCE', text: '红旗乡' });
    expect(raw.slice(a.unit!.evidence[0]?.start, a.unit!.evidence[0]?.end)).toBe('红旗乡');
    expect(a.year?.value).toBe(2022);
  });
});

describe("a page's other fields", () => {
  it('发布机构 in a 政府信息公开 header', () => {
    const raw = `索引号：11510112/2023-00012 发布机构：金山街道办事处 成文日期：2023-01-05\n2022年度法治政府建设情况报告\n2022年，我街道坚持依法行政。${BODY}`;
    const a = analyzeReport(raw);
    expect(a.unit).toMatchObject({ name: '金山街道', level: 'STREET' });
    expect(a.unit!.evidence[0]?.source).toBe('SOURCE');
    expect(a.year?.value).toBe(2022);
  });

  it('a breadcrumb step naming the unit, weaker than a title', () => {
    const a = analyzeReport(`当前位置：首页 > 乡镇街道 > 桂花镇 > 政务公开\n2022年法治政府建设工作报告\n2022年，我镇坚持依法行政。${BODY}`);
    expect(a.unit).toMatchObject({ name: '桂花镇', level: 'TOWN', confidence: 0.3 });
  });

  it("a district's breadcrumb does not make a street report the district's", () => {
    const a = analyzeReport(`首页 > 城南区人民政府 > 信息公开\n关于2022年度法治政府建设情况的报告\n2022年，我街道坚持依法行政。${BODY}`);
    expect(a.unit).toBeNull();
    const titled = analyzeReport(
      `首页 > 城南区人民政府 > 信息公开\n金山街道关于2022年度法治政府建设情况的报告\n2022年，坚持依法行政。${BODY}`,
    );
    expect(titled.unit?.name).toBe('金山街道');
  });
});

describe('no false unit from a verb and 镇/乡', () => {
  it.each([
    ['加大镇街执法力度', '进一步加大镇街执法力度，扩大乡村法治宣传覆盖面。'],
    ['加大镇…投入 / 扩大乡…', '今年加大镇级财政对法治建设的投入，扩大乡贤参与调解。'],
    ['one 镇 in running text', '与青石镇开展联合调解。'],
    ['generic words in running text', '推进新型城镇化和特色小镇建设，打造古城镇旅游品牌，服务全镇集镇居民。'],
  ])('%s', (_what, sentence) => {
    const raw = `关于2022年度法治政府建设情况的报告\n2022年，我们认真贯彻落实法治政府建设各项部署。\n一、主要举措\n${sentence}\n二、下一步打算\n继续推进。`;
    const a = analyzeReport(raw);
    expect(a.unit).toBeNull();
    expect(a.year?.value).toBe(2022);
    expect(a.errors.map((e) => e.code)).toEqual(['UNIT_NOT_DETECTED']);
    expect(a.errors[0]?.message).toMatch(/^未能确定报告单位/u);
  });

  it('a name seen once in running text is listed with the reason it was not chosen', () => {
    const a = analyzeReport('关于2022年度法治政府建设情况的报告\n2022年，我们认真贯彻落实。\n一、主要举措\n与青石镇开展联合调解。');
    const qingshi = a.unitCandidates.find((c) => c.name === '青石镇');
    expect(qingshi).toBeDefined();
    expect(qingshi!.reason).toContain('不足以认定为报告单位');
    expect(a.errors[0]?.message).toContain('青石镇');
  });

  it('a name repeated in running text with the matching 我镇 is credible', () => {
    const body = '一、主要举措\n青石镇司法所全年调解纠纷20件。我镇开展普法活动。青石镇综合执法队查处案件5件。青石镇法律顾问审核合同8份。';
    const a = analyzeReport(`关于2022年度法治政府建设情况的报告\n2022年，我们认真贯彻落实。\n${body}`);
    expect(a.unit).toMatchObject({ name: '青石镇', level: 'TOWN' });
  });
});

describe('when the unit cannot be determined', () => {
  it('year, sections, claims and numbers are still reported, with unit null and a Chinese reason', () => {
    const raw = `关于2022年度法治政府建设情况的报告\n2022年，我们认真贯彻落实法治政府建设各项部署。${BODY}`;
    const a = analyzeReport(raw);
    expect(a.unit).toBeNull();
    expect(a.errors).toEqual([{ code: 'UNIT_NOT_DETECTED', message: expect.stringMatching(/^未能确定报告单位：.*请指定单位$/u) }]);
    expect(a.year?.value).toBe(2022);
    expect(a.sections.map((s) => s.kind)).toEqual(expect.arrayContaining(['ACHIEVEMENT', 'SHORTCOMING', 'PLAN']));
    expect(a.claims.length).toBeGreaterThanOrEqual(4);
    expect(a.metrics.map((m) => m.value)).toEqual(expect.arrayContaining([3, 12]));
  });
});
