/**
 * Unit names whose own shape the suffix reading used to cut or refuse: a 街道 named after its part of town (东区街道)
 * as the subject of a title-less opening, autonomous counties and ethnic townships (XX苗族土家族自治县, XX回族乡),
 * districts whose own name starts with 市 or is a one-character area word after their city (市中区, 市北区, 郊区), and
 * verb phrases before an organ that end in 县 (严格执行县委…) that are no name, and banners (XX旗, XX自治旗). Every text is
 * invented.
 */
import { analyzeReport } from '../../../src/reading';

const body =
  '一、主要举措\n（一）加强组织领导\n严格执行县委理论学习中心组学法制度，全年集体学法6次。\n' +
  '（二）推进依法行政\n全年审核规范性文件12件，办理行政复议案件8件。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('a 街道 named after its part of town, as the subject of a title-less opening', () => {
  it('reads 西区街道 from `2023年，西区街道坚持…` and its later mentions', () => {
    const a = analyzeReport(
      '2023年，西区街道坚持以习近平法治思想为指导，扎实推进法治政府建设。\n' +
        '一、主要举措\n（一）加强组织领导\n成立西区街道依法治街领导小组，由党工委书记任组长。\n' +
        '（二）推进依法行政\n制定西区街道2023年依法行政工作要点，细化分工。\n二、存在的不足\n执法力量不足。',
    );
    expect(a.unit).toMatchObject({ name: '西区街道', level: 'STREET' });
    expect(a.year?.value).toBe(2023);
  });

  it('reads 北市镇 in a title', () => {
    const a = analyzeReport(`北市镇人民政府关于2024年度法治政府建设情况的报告\n2024年，北市镇坚持依法行政。\n${body}`);
    expect(a.unit).toMatchObject({ name: '北市镇', level: 'TOWN' });
  });

  it('never takes a determiner and 区 before 街道 (全区街道, 我区街道) for a name', () => {
    const a = analyzeReport('2023年，全区街道坚持以习近平法治思想为指导，我区街道综合执法队伍不断壮大。\n一、主要举措\n推进依法行政。');
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('全区街道');
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('我区街道');
  });
});

describe('autonomous counties and ethnic townships', () => {
  it('reads a county of two peoples named in its title, not a verb phrase before 县委', () => {
    const a = analyzeReport(`云岭苗族土家族自治县人民政府2023年度法治政府建设情况报告\n${body}`);
    expect(a.unit).toMatchObject({ name: '云岭苗族土家族自治县', level: 'DISTRICT' });
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('严格执行县');
  });

  it('reads a county of four peoples, after its autonomous prefecture', () => {
    const a = analyzeReport(`湘岭土家族苗族自治州双河拉祜族佤族布朗族傣族自治县2023年法治政府建设工作报告\n${body}`);
    expect(a.unit).toMatchObject({ name: '双河拉祜族佤族布朗族傣族自治县', level: 'DISTRICT' });
  });

  it('reads a county named after 自治区 (a province), not the 自治区 as a district', () => {
    const a = analyzeReport(`广西壮族自治区云山县人民政府关于2023年度法治政府建设情况的报告\n${body}`);
    expect(a.unit).toMatchObject({ name: '云山县', level: 'DISTRICT' });
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('广西壮族自治区');
  });

  it('reads an ethnic township with its people in its name', () => {
    const a = analyzeReport(
      '大营子满族蒙古族乡人民政府关于2023年度法治政府建设情况的报告\n2023年，我乡坚持依法行政。\n一、主要举措\n推进依法行政。',
    );
    expect(a.unit).toMatchObject({ name: '大营子满族蒙古族乡', level: 'TOWN' });
  });

  it('takes no verb phrase ending in 县 for a county, even as the only name', () => {
    const a = analyzeReport(`2023年，县人民政府坚持依法行政。\n${body}`);
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('严格执行县');
    expect(a.unit).toBeNull();
  });
});

describe('districts whose own name holds a 市 or 区 word', () => {
  it('reads 市中区 after its city in the title, and in the opening', () => {
    const a = analyzeReport(
      `江州市市中区2024年度法治政府建设情况报告\n2024年，市中区坚持依法行政，统筹推进法治政府建设。现将有关情况报告如下。\n${body}`,
    );
    expect(a.unit).toMatchObject({ name: '市中区', level: 'DISTRICT', tentative: false });
  });

  it('reads 市北区 from a signature', () => {
    const a = analyzeReport(
      `关于2023年度法治政府建设情况的报告\n2023年，我区坚持依法行政。\n${body}\n\n海州市市北区人民政府\n2024年1月10日`,
    );
    expect(a.unit).toMatchObject({ name: '市北区', level: 'DISTRICT' });
  });

  it('reads 郊区 right after its city where a title names the author', () => {
    const a = analyzeReport(`山阳市郊区人民政府关于2023年度法治政府建设情况的报告\n2023年，区政府坚持依法行政。\n${body}`);
    expect(a.unit).toMatchObject({ name: '郊区', level: 'DISTRICT' });
  });

  it('never reads 城区 or 郊区 in running text as a district', () => {
    const a = analyzeReport(
      `青禾街道关于2023年度法治政府建设情况的报告\n2023年，青禾街道推进城区、郊区道路整治，老城区改造有序推进。\n${body}`,
    );
    expect(a.unit).toMatchObject({ name: '青禾街道' });
    expect(a.unitCandidates.map((c) => c.name)).not.toEqual(expect.arrayContaining(['城区', '郊区']));
  });

  it('still reads a 新区 after its city', () => {
    const a = analyzeReport(`江州市滨江新区管理委员会2023年法治政府建设情况报告\n2023年，滨江新区坚持依法行政。\n${body}`);
    expect(a.unit).toMatchObject({ name: '滨江新区', level: 'DISTRICT' });
  });
});

describe('banners (旗), the county-level units of Inner Mongolia', () => {
  it('reads a 旗 named in its title, speaking as 我旗, and never the pair of level words 苏木镇', () => {
    const a = analyzeReport(
      '青格尔旗人民政府2024年度法治政府建设情况报告\n主任、各位副主任、委员：\n现将我旗2024年法治政府建设情况报告如下：\n' +
        '2024年，全旗各级人民政府及其部门坚持依法行政。\n一、重点工作开展情况\n旗委常委会研究苏木镇赋权等重点工作，旗、苏木镇两级述法全覆盖。',
    );
    expect(a.unit).toMatchObject({ name: '青格尔旗', level: 'DISTRICT', tentative: false });
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('苏木镇');
  });

  it('reads an autonomous banner after its league (盟)', () => {
    const a = analyzeReport(`锡林盟莫力达斡尔族自治旗人民政府关于2023年度法治政府建设情况的报告\n${body}`);
    expect(a.unit).toMatchObject({ name: '莫力达斡尔族自治旗', level: 'DISTRICT' });
  });

  it('never reads a flag in running text (旗帜, 红旗, 党旗) as a banner', () => {
    const a = analyzeReport(
      '青禾街道关于2023年度法治政府建设情况的报告\n2023年，青禾街道高举伟大旗帜，弘扬红旗渠精神，让党旗在基层阵地高高飘扬。\n' + body,
    );
    expect(a.unit).toMatchObject({ name: '青禾街道' });
    expect(a.unitCandidates.filter((c) => c.name.endsWith('旗'))).toEqual([]);
  });
});
