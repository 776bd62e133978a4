/**
 * Unit and year on general shapes seen in real reports (issue 12, part 5): names containing
 * 镇/乡/街, a verb before 区委 in running text, city reports, a unit named only in the body
 * (我县 … XX县), a publish-year sentence naming the previous year, an addressee line and an
 * author header above the title. Every text here is invented for its shape; none is copied
 * from a report.
 */
import { analyzeReport } from '../../../src/reading';

const BODY =
  '\n一、主要举措和成效\n（一）加强组织领导。召开专题会议3次，研究部署法治建设工作。\n' +
  '（二）严格规范执法。全年办理行政处罚案件12件，行政复议纠错率为0。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('names that contain 镇, 乡 or 街', () => {
  it.each([
    [
      'a district whose name starts with 镇',
      '2021年江州市镇远区人民政府法治政府建设工作报告\n2021年，镇远区坚持依法行政。',
      '镇远区',
      'DISTRICT',
    ],
    [
      'a county whose name starts with 乡',
      '乡平县人民政府关于2021年度法治政府建设情况的报告\n2021年，我县坚持依法行政。',
      '乡平县',
      'DISTRICT',
    ],
    ['a town whose name starts with 街', '街口镇人民政府关于2021年度法治政府建设情况的报告\n2021年，我镇坚持依法行政。', '街口镇', 'TOWN'],
    [
      'a city whose name starts with 镇',
      '镇川市人民政府关于2021年度法治政府建设情况的报告\n2021年，镇川市坚持依法行政。',
      '镇川市',
      'CITY',
    ],
    [
      'a district whose name ends like 山区 in a title',
      '青山区人民政府关于2021年度法治政府建设情况的报告\n2021年，区政府坚持依法行政。',
      '青山区',
      'DISTRICT',
    ],
  ])('%s', (_shape, head, unit, level) => {
    const a = analyzeReport(head + BODY);
    expect(a.unit).toMatchObject({ name: unit, level });
    expect(a.year?.value).toBe(2021);
  });

  it('the generic words made of them are still no names (各乡镇街道, 城乡, 各镇街道, 邻近镇街, 县城区)', () => {
    const phrases = '指导各乡镇街道和城乡社区开展普法，督促各镇街道落实责任，邻近镇街联动，各镇乡开展整治，县城区环境整治。';
    const a = analyzeReport(`2021年，我区坚持依法行政。\n一、主要举措\n${phrases}${phrases}${phrases}\n二、下一步工作计划\n继续推进。`);
    expect(a.unitCandidates.map((c) => c.name)).toEqual([]);
  });
});

describe('a verb before 区/镇 in running text is not a name', () => {
  const text =
    '2022年，区政府坚持依法行政，紧紧围绕市委部署，聚焦区委“三个重点”，推动法治政府建设提质增效。现将有关情况报告如下：' +
    '\n一、主要举措和成效\n成立青阳区法治政府建设领导小组，研究制定《青阳区行政执法公示办法》，办理区级征求意见30件。' +
    '\n二、下一步工作计划\n继续推进。';

  it('takes the district the body names, not 聚焦区', () => {
    const a = analyzeReport(text);
    expect(a.unit).toMatchObject({ name: '青阳区', level: 'DISTRICT' });
    // it speaks as a 区 and heads its own document (《青阳区行政执法公示办法》): read, not guessed (units8)
    expect(a.unit!.reason).toMatch(/本级文件名的开头/u);
    const verb = a.unitCandidates.find((c) => c.name === '聚焦区');
    expect(verb === undefined || verb.confidence < 0.1).toBe(true);
    expect(a.unitCandidates.some((c) => c.name === '办理区')).toBe(false);
  });
});

describe('city reports', () => {
  it.each([
    ['XX市人民政府关于…', '江州市人民政府关于2022年度推进法治政府建设情况的报告\n\n2022年，江州市认真贯彻落实上级部署。', 2022],
    ['XX市YYYY年…报告', '江州市2023年法治政府建设情况的报告\n\n2023年，在省委、省政府的领导下，江州市坚持依法行政。', 2023],
    [
      'a 来源 field naming the city',
      '关于2023年度法治政府建设情况的报告\n来源：江州市司法局 发布日期：2024-01-20\n2023年，江州坚持依法行政。',
      2023,
    ],
  ])('%s', (_shape, head, year) => {
    const a = analyzeReport(head + BODY);
    expect(a.unit).toMatchObject({ name: '江州市', level: 'CITY' });
    expect(a.year?.value).toBe(year);
  });

  it('a city before its district in a title is the superior', () => {
    const a = analyzeReport(`2021年江州市城南区人民政府法治政府建设工作报告\n2021年，城南区坚持依法行政。${BODY}`);
    expect(a.unit).toMatchObject({ name: '城南区', level: 'DISTRICT' });
    const city = a.unitCandidates.find((c) => c.name === '江州市');
    expect(city === undefined || city.confidence < a.unit!.confidence / 2).toBe(true);
  });

  it('城市, 市场 and 全市 in running text are no cities', () => {
    const a = analyzeReport(`2021年，我街道推进城市管理和市场监管，全市排名第一。${BODY}`);
    expect(a.unitCandidates.filter((c) => c.level === 'CITY')).toEqual([]);
  });

  it('an addressee line (市委、市政府：) does not make a district report a city one', () => {
    const a = analyzeReport(`市委、市政府：\n2022年，江州市城南区坚持依法行政。现将具体情况报告如下：\n城南区严格落实责任。${BODY}`);
    expect(a.unit).toMatchObject({ name: '城南区', level: 'DISTRICT' });
  });
});

describe('a unit named only in the body', () => {
  it('我县 and one county that recurs in the body (once inside a verb phrase)', () => {
    const raw =
      '2022年，我县认真学习贯彻上级精神，为全县发展提供法治保障。现将我县推进法治政府建设情况报如下：\n一、主要举措和成效\n' +
      '研究解决青川县法治政府建设有关问题，出台《青川县人民政府重大行政决策程序规定》。我县高度重视合法性审查工作。';
    const a = analyzeReport(raw);
    expect(a.unit).toMatchObject({ name: '青川县', level: 'DISTRICT' });
    expect(a.unit!.confidence).toBeLessThan(0.5);
    expect(a.year?.value).toBe(2022);
  });

  it('我镇 and a town named twice after function words (在…镇落地, 列入…镇委党校)', () => {
    const raw =
      '2022年，我镇坚持依法行政。现就我镇2022年度法治政府建设情况报告如下：\n一、主要举措和成效\n' +
      '我镇深入学习，让上级精神在石桥镇落地生根。把法治思想列入石桥镇委党校培训课程。全镇开展培训3次。';
    expect(analyzeReport(raw).unit).toMatchObject({ name: '石桥镇', level: 'TOWN' });
  });

  it("an abbreviation of the opening's name merges into it (印制 before the name)", () => {
    const raw =
      '一、主要举措和成效\n全镇法治政府建设工作坚持依法行政。我镇把法治建设纳入议事日程。\n' +
      '2022年石桥镇组织开展行政执法培训。印制石桥镇公共服务中心办事指南，我镇群众满意。';
    expect(analyzeReport(raw).unit).toMatchObject({ name: '石桥镇', level: 'TOWN' });
  });

  it('no name of the level the text speaks as: no unit', () => {
    const raw =
      '2022年，我镇在县委的领导下依法行政。按照《青川县法治政府建设规定》要求，现将我镇2022年法治政府建设情况报告如下。\n一、主要举措\n我镇开展培训3次。';
    const a = analyzeReport(raw);
    expect(a.unit).toBeNull();
    expect(a.year?.value).toBe(2022);
  });

  it('two towns recurring equally: no unit', () => {
    const raw = '2022年，我镇坚持依法行政。\n一、主要举措\n学习石桥镇经验，与红旗镇联合执法。石桥镇、红旗镇干部参加培训。我镇开展培训3次。';
    expect(analyzeReport(raw).unit).toBeNull();
  });
});

describe('the year a report-as sentence names', () => {
  it('现将我镇YYYY年…报告如下 wins over 在YYYY-1年工作基础上', () => {
    const raw =
      '在县委的领导下，我镇持续深化法治政府建设，在2023年工作基础上稳步提升。现将我镇2024年法治政府建设情况报告如下。\n一、压实责任\n开展培训3次。';
    expect(analyzeReport(raw).year?.value).toBe(2024);
  });
});

describe('an author header above the title and an abbreviated name', () => {
  it('XX市XX区人民政府YY街道办事处 above the title; the body abbreviates the name', () => {
    const raw =
      '江州市城南区人民政府东华门外街道办事处\n2020年法治政府建设年度情况报告\n区委、区政府：\n' +
      '2020年，东外街道在区委、区政府的领导下依法行政，不断提高东外街道依法行政水平。现将工作报告如下：\n' +
      '一、主要举措\n东外街道开展培训3次。东外街道法律顾问参与审查合同12份。';
    const a = analyzeReport(raw);
    expect(a.unit).toMatchObject({ name: '东华门外街道', level: 'STREET' });
    expect(a.year?.value).toBe(2020);
  });
});

describe('a 街道 whose own name ends in 乡 or 镇, named where the text names its author', () => {
  it.each([
    ['乡 before 街道 in a city + district + office title', '江州市青浦区东乡街道办事处关于2022年法治政府建设的报告', '东乡街道'],
    ['镇 before 街道 with the office', '北镇街道办事处关于2022年度法治政府建设情况的报告', '北镇街道'],
  ])('%s', (_shape, title, unit) => {
    const a = analyzeReport(`${title}\n2022年，我街道坚持依法行政，形成街道、部门、社区三级联动格局。${BODY}`);
    expect(a.unit).toMatchObject({ name: unit, level: 'STREET' });
    expect(a.year?.value).toBe(2022);
  });

  it('a verb before 街道 in running text is no name (形成街道、社区两级…)', () => {
    const a = analyzeReport(`2022年，我街道坚持依法行政，形成街道、社区两级工作格局。${BODY}`);
    expect(a.unit).toBeNull();
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('形成街道');
  });

  it('still no name where a determiner comes before the level word (各镇街道办事处)', () => {
    const a = analyzeReport(`各镇街道办事处关于2022年法治政府建设的报告\n2022年，我街道坚持依法行政。${BODY}`);
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('各镇街道');
  });
});

describe('a county report addressed to its superior, its name only in its own documents', () => {
  it('县委、县政府 as the subject makes the text speak as a county; the county its documents name is taken, weakly', () => {
    const text =
      '中共江州市委、江州市人民政府：\n2025年，县委、县政府坚持依法行政，扎实推进法治政府建设，现将工作开展情况报告如下。' +
      '\n一、主要做法和成效\n（一）加强领导。印发《青禾县党政主要负责人述法办法》《青禾县法治建设考核办法》等文件，' +
      '制定《青禾县行政执法公示实施细则》。' +
      BODY;
    const a = analyzeReport(text);
    expect(a.unit).toMatchObject({ name: '青禾县', level: 'DISTRICT' });
    expect(a.unit!.confidence).toBeLessThan(0.5);
    expect(a.year?.value).toBe(2025);
  });
});

describe('shapes of frozen set 5 (fixed after its single read; invented texts)', () => {
  const opening = (subject: string, year: number, extra = '') =>
    `\n${year}年，${subject}坚持以习近平新时代中国特色社会主义思想为指导，${extra}推进法治政府建设。现将有关情况报告如下：${BODY}`;

  it('a district of a municipality that says 本市 for the municipality is still the author', () => {
    const a = analyzeReport(
      `江州市青山区人民政府2022年度法治政府建设情况报告${opening('青山区', 2022, '按照国家、本市法治政府建设纲要要求，')}`,
    );
    expect(a.unit).toMatchObject({ name: '青山区', level: 'DISTRICT' });
  });

  it('a county + town title split before its last words (…2025年法治政府建设 / 年度报告) names the town', () => {
    const a = analyzeReport(`青河县龙山镇2025年法治政府建设\n年度报告${opening('龙山镇', 2025)}`);
    expect(a.unit).toMatchObject({ name: '龙山镇', level: 'TOWN' });
    expect(a.year?.value).toBe(2025);
  });

  it("a title below a site's slogan paragraph and section line is still the title", () => {
    const a = analyzeReport(
      `• 坚定信心、真抓实干，奋力谱写新篇章。\n\n司法信息\n\n江州市人民政府关于2025年法治政府建设情况的报告\n\n时间:2026-02-25  来源:依法行政指导处\n${opening('江州市', 2025)}`,
    );
    expect(a.unit).toMatchObject({ name: '江州市', level: 'CITY' });
  });
});
