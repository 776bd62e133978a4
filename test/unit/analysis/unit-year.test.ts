import { analyzeReport, normaliseText } from '../../../src/reading';
import type { ReportAnalysis } from '../../../src/reading';
import { SeedName, seed } from './seed-reports';

const EXPECTED: Array<[SeedName, string, number]> = [
  ['wanxing', '万兴街', 2022],
  ['wangdingdi', '王顶堤街', 2023],
  ['jixia', '稷下街道', 2023],
  ['tanggu', '塘沽街道', 2021],
  ['hujiayuan', '胡家园街', 2022],
];

function expectEvidenceInRaw(raw: string, a: ReportAnalysis): void {
  for (const e of [...(a.unit?.evidence ?? []), ...(a.year?.evidence ?? [])]) {
    if (e.source === 'EXPLICIT') continue;
    expect(normaliseText(raw.slice(e.start, e.end))).toBe(e.text);
  }
}

describe('unit and year of the real reports', () => {
  it.each(EXPECTED)('%s → %s %d', (name, unit, year) => {
    const raw = seed(name);
    const a = analyzeReport(raw);
    expect(a.errors).toEqual([]);
    expect(a.unit?.name).toBe(unit);
    expect(a.unit?.level).toBe('STREET');
    expect(a.year?.value).toBe(year);
    expect(a.unitCandidates[0]).toBe(a.unit);
    expect(a.yearCandidates[0]).toBe(a.year);
    expectEvidenceInRaw(raw, a);
  });

  it('王顶堤街 is found from its only mention, a heading, not from 南开区 or 金冠里社区', () => {
    const raw = seed('wangdingdi');
    const a = analyzeReport(raw);
    expect(a.unit!.evidence).toHaveLength(1);
    expect(a.unit!.evidence[0]).toMatchObject({ source: 'HEADING', text: '王顶堤街' });
    expect(raw.slice(a.unit!.evidence[0]?.start, a.unit!.evidence[0]?.end)).toBe('王顶堤街');
    const names = a.unitCandidates.map((c) => c.name);
    expect(names).not.toContain('金冠里社区');
    expect(names.some((n) => n.includes('社区'))).toBe(false);
    const district = a.unitCandidates.find((c) => c.name === '南开区');
    if (district) expect(district.confidence).toBeLessThan(a.unit!.confidence);
  });

  it('胡家园街: 2022 from the title, opening and signature, not the 2023 publish date', () => {
    const raw = seed('hujiayuan');
    const a = analyzeReport(raw);
    expect(a.year!.value).toBe(2022);
    const sources = a.year!.evidence.map((e) => e.source);
    expect(sources).toEqual(expect.arrayContaining(['TITLE', 'OPENING', 'SIGNATURE']));
    const y2023 = a.yearCandidates.find((c) => c.value === 2023);
    expect(y2023 === undefined || y2023.confidence < a.year!.confidence).toBe(true);
    // the signature line names the street: 胡家园街道 is the same unit as 胡家园街
    expect(a.unit!.evidence.some((e) => e.source === 'SIGNATURE' && e.text === '胡家园街道')).toBe(true);
    // 滨海新区 is the superior, not the author
    expect(a.unitCandidates.findIndex((c) => c.name === '滨海新区')).toBeGreaterThan(0);
  });

  it('a plan heading for next year is no evidence of the report year (稷下 2024)', () => {
    const a = analyzeReport(seed('jixia'));
    expect(a.yearCandidates.map((c) => c.value)).not.toContain(2024);
  });

  it.each(['wanxing', 'jixia', 'tanggu', 'hujiayuan'] as SeedName[])(
    '%s cut after its first page (800 characters) still gives unit and year',
    (name) => {
      const expected = EXPECTED.find(([n]) => n === name)!;
      const a = analyzeReport(seed(name).slice(0, 800));
      expect(a.unit?.name).toBe(expected[1]);
      expect(a.year?.value).toBe(expected[2]);
    },
  );

  it('王顶堤街 cut after 800 characters: year found, the superior district is not taken for the author', () => {
    const a = analyzeReport(seed('wangdingdi').slice(0, 800));
    expect(a.year?.value).toBe(2023);
    expect(a.unit).toBeNull();
    expect(a.errors.map((e) => e.code)).toEqual(['UNIT_NOT_DETECTED']);
  });

  it('explicit unit and year win over detection', () => {
    const a = analyzeReport(seed('wanxing'), { unit: '某某街道', year: 2030 });
    expect(a.unit).toMatchObject({ name: '某某街道', level: 'STREET', confidence: 1 });
    expect(a.unit!.evidence[0]?.source).toBe('EXPLICIT');
    expect(a.year).toMatchObject({ value: 2030, confidence: 1 });
    expect(a.yearCandidates[0]?.evidence[0]?.source).toBe('EXPLICIT');
    // the detected ones stay listed after it
    expect(a.unitCandidates.map((c) => c.name)).toContain('万兴街');
    expect(a.yearCandidates.map((c) => c.value)).toContain(2022);
    expect(a.errors).toEqual([]);
  });

  it('explicit unit and year rescue a truncated report', () => {
    const a = analyzeReport(seed('wangdingdi').slice(0, 800), { unit: '王顶堤街道' });
    expect(a.errors).toEqual([]);
    expect(a.unit!.name).toBe('王顶堤街道');
  });

  it('registered units resolve aliases to the canonical name', () => {
    const known = [
      { name: '万兴街道', aliases: ['万兴街'] },
      { name: '稷下街', aliases: [] },
    ];
    expect(analyzeReport(seed('wanxing'), { knownUnits: known }).unit?.name).toBe('万兴街道');
    expect(analyzeReport(seed('jixia'), { knownUnits: known }).unit?.name).toBe('稷下街');
    expect(analyzeReport(seed('wanxing'), { unit: '万兴街', knownUnits: known }).unit?.name).toBe('万兴街道');
    // an unregistered unit is still found from the text
    expect(analyzeReport(seed('tanggu'), { knownUnits: known }).unit?.name).toBe('塘沽街道');
  });
});

describe('units never registered', () => {
  it('finds a 镇 from the title and the opening', () => {
    const raw =
      '青石镇2023年法治政府建设工作报告\n' +
      '2023年，青石镇在县委、县政府的坚强领导下，深入学习贯彻习近平法治思想。现将有关情况报告如下：\n' +
      '一、主要举措和成效\n我镇全年开展普法宣传活动12场次，在大杨村建立法治广场。\n' +
      '二、存在的问题\n执法力量不足。\n三、下一步工作计划\n2024年，我镇将继续加强法治建设。';
    const a = analyzeReport(raw);
    expect(a.unit).toMatchObject({ name: '青石镇', level: 'TOWN' });
    expect(a.year?.value).toBe(2023);
    expect(a.yearCandidates.map((c) => c.value)).not.toContain(2024);
  });

  it('finds a whole 区 when the district is the author', () => {
    const raw =
      '2022年，河东区坚持以习近平新时代中国特色社会主义思想为指导，在市委、市政府的坚强领导下，全面推进法治政府建设，' +
      '现将2022年度法治政府建设情况报告如下：\n一、主要举措\n我区行政机关负责人出庭应诉率达到100%。\n二、下一步打算\n继续推进。';
    const a = analyzeReport(raw);
    expect(a.unit).toMatchObject({ name: '河东区', level: 'DISTRICT' });
    expect(a.year?.value).toBe(2022);
  });

  it('finds a 乡 and ignores 城乡 / 乡村', () => {
    const raw = '2021年，红星乡围绕城乡统筹和乡村振兴，依法推进各项工作。\n一、主要成效\n我乡化解矛盾纠纷20件。';
    const a = analyzeReport(raw);
    expect(a.unit).toMatchObject({ name: '红星乡', level: 'TOWN' });
    expect(a.unitCandidates.map((c) => c.name)).toEqual(['红星乡']);
    expect(a.year?.value).toBe(2021);
  });

  it('takes the year from a signature date when the text names none', () => {
    const raw = '今年，新桥街道扎实推进法治政府建设，取得明显成效。\n一、主要举措\n全年开展培训3次。\n新桥街道办事处\n2021年12月20日';
    const a = analyzeReport(raw);
    expect(a.unit?.name).toBe('新桥街道');
    expect(a.year?.value).toBe(2021);
    expect(a.year!.evidence[0]?.source).toBe('SIGNATURE');
    const signed = analyzeReport(raw.replace('2021年12月20日', '2022年1月15日'));
    expect(signed.year?.value).toBe(2021);
  });

  it('a web page publish date alone is not enough for a year', () => {
    const raw = '发布日期: 2023-01-28 15:00\n今年，新桥街道扎实推进法治政府建设。\n一、主要举措\n全年开展培训3次。';
    const a = analyzeReport(raw);
    expect(a.year).toBeNull();
    expect(a.yearCandidates.every((c) => c.value !== 2023)).toBe(true);
    expect(a.errors.map((e) => e.code)).toEqual(['YEAR_NOT_DETECTED']);
  });

  it('reports both errors when neither unit nor year can be found', () => {
    const a = analyzeReport('今年我们做了很多工作。明年继续努力。');
    expect(a.unit).toBeNull();
    expect(a.year).toBeNull();
    expect(a.errors.map((e) => e.code).sort()).toEqual(['UNIT_NOT_DETECTED', 'YEAR_NOT_DETECTED']);
  });
});
