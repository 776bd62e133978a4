/**
 * Unit detection on more shapes of real reports (issue 12, part 5): a mirror page whose title starts with the site's
 * words, a title broken inside its author's name, metadata fields in brackets, a unit named only before its own 主要负责人 in a heading, a unit
 * named only by its bare stem in a slogan (法治XX建设), and an opening whose date follows an adverbial clause. Every text here is invented for its shape.
 */
import { analyzeReport } from '../../../src/reading';

const BODY =
  '\n一、主要举措和成效\n（一）加强组织领导。召开专题会议3次，研究部署法治建设工作。\n' +
  '（二）严格规范执法。全年办理行政处罚案件12件。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('a title after a site’s words, separated by a space', () => {
  it('the name starts after the space', () => {
    const a = analyzeReport(`乐享资讯网 青榆街道办事处2021年法治政府建设年度报告\n2021年，街道坚持依法行政，我街各项工作有序推进。${BODY}`);
    expect(a.unit).toMatchObject({ name: '青榆街道', level: 'STREET' });
    expect(a.year?.value).toBe(2021);
  });

  it('a full-width space works the same way', () => {
    const a = analyzeReport(`乐享资讯网\u3000青榆街道办事处2021年法治政府建设年度报告\n2021年，我街坚持依法行政。${BODY}`);
    expect(a.unit).toMatchObject({ name: '青榆街道' });
  });

  it('a letter-spaced title is one name', () => {
    const a = analyzeReport(`青 榆 街 道 办 事 处\n关于2021年度法治政府建设情况的报告\n2021年，我街坚持依法行政。${BODY}`);
    expect(a.unit).toMatchObject({ name: '青榆街道' });
  });
});

describe('a title broken inside its author’s name', () => {
  it('XX区人民政府XX街道 / 办事处2023年…报告: the 街道, not the city or district', () => {
    const text = `江州市城南区人民政府金桂街道\n办事处2023年法治政府建设年度报告\n2023年，在区委、区政府的领导下，街道坚持依法行政。${BODY}`;
    const a = analyzeReport(text);
    expect(a.unit).toMatchObject({ name: '金桂街道', level: 'STREET' });
    expect(a.year?.value).toBe(2023);
  });

  it('a line ending in a name over a title that does not start with an organ stays the opening', () => {
    const text = `城南区金桂街道\n2023年法治政府建设年度报告\n2023年，我街坚持依法行政。${BODY}`;
    expect(analyzeReport(text).unit).toMatchObject({ name: '金桂街道' });
  });
});

describe('a page whose metadata fields are in brackets, under a 您当前所在位置 breadcrumb', () => {
  const page = (title: string): string =>
    '您当前所在位置:首页>政务公开>法治政府建设报告>乡镇街道\n[ 索引号 ] 11500/2026-00004 [ 发文字号 ]\n' +
    '[ 发布机构 ] 安平县青禾乡人民政府 [ 有效性 ]\n[ 成文日期 ] 2026-01-22 [ 发布日期 ] 2026-02-10\n' +
    `${title}\n2025年，在县委、县政府的坚强领导下，乡党委、政府深入推进法治政府建设。`;

  it('the 发布机构 field names the author when the title does not', () => {
    const a = analyzeReport(page('2025年法治政府建设情况报告') + BODY);
    expect(a.unit).toMatchObject({ name: '青禾乡', level: 'TOWN' });
    expect(a.unit?.evidence.map((e) => e.source)).toContain('SOURCE');
    expect(a.year?.value).toBe(2025);
  });

  it('the title under the fields is not joined to them, however the body lines are wrapped', () => {
    const long =
      '\n一、主要举措和成效\n（一）加强组织领导。召开专题会议3次，研究部署法治建设工作，落实责任分工。\n' +
      '（二）严格规范执法。全年办理行政处罚案件12件，行政复议纠错率为零。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';
    const a = analyzeReport(page('安平县青禾乡人民政府2025年法治政府建设情况报告') + long);
    expect(a.unit).toMatchObject({ name: '青禾乡' });
    expect(a.year?.value).toBe(2025);
    expect(a.year?.evidence.map((e) => e.source)).toContain('TITLE');
  });
});

describe('a unit named only before its own 主要负责人', () => {
  it('a one-character 街 in a heading is the author', () => {
    const text =
      '2022年，按照区委部署，我街坚持依法行政，现将有关情况报告如下：\n一、主要举措和成效\n（一）加强组织领导。召开专题会议3次。\n' +
      '二、2022年东街党政主要负责人履行推进法治建设第一责任人职责情况\n书记带头学法。\n三、下一步工作计划\n继续推进。';
    const a = analyzeReport(text);
    expect(a.unit).toMatchObject({ name: '东街', level: 'STREET' });
  });

  it('not a generic word before it (全街主要负责人)', () => {
    const text =
      '2022年，我街坚持依法行政。\n一、主要举措和成效\n（一）加强组织领导。召开专题会议3次。\n' +
      '二、全街党政主要负责人履行推进法治建设第一责任人职责情况\n书记带头学法。';
    expect(analyzeReport(text).unit).toBeNull();
  });
});

describe('a unit named only by its bare stem in a slogan', () => {
  const speaksAsTown = '2023年，在县委、县政府的领导下，我乡坚持依法行政，现将我乡2023年度法治政府建设情况汇报如下：';

  it('法治XX建设 in a text that says 我乡 gives XX乡, with a low confidence and its reason', () => {
    const text = `${speaksAsTown}\n一、主要举措和成效\n（一）加强组织领导。我乡明确法治岚溪建设的重点任务，召开专题会议3次。\n二、下一步工作计划\n继续推进。`;
    const a = analyzeReport(text);
    expect(a.unit).toMatchObject({ name: '岚溪乡', level: 'TOWN', known: false });
    expect(a.unit?.confidence).toBeLessThan(0.35);
    expect(a.unit?.reason).toContain('法治岚溪建设');
    expect(a.unit?.evidence[0]?.text).toBe('岚溪');
    expect(a.errors.map((e) => e.code)).not.toContain('UNIT_NOT_DETECTED');
  });

  it('a quoted “法治XX” slogan, whose stem may end in 村, gives XX乡', () => {
    const text = `${speaksAsTown}\n一、主要举措和成效\n（一）加强组织领导。我乡着力抓好班子建设，为“法治槐村”建设提供法治保障。\n二、下一步工作计划\n继续推进。`;
    expect(analyzeReport(text).unit).toMatchObject({ name: '槐村乡', level: 'TOWN' });
  });

  it('谱写XX法治建设新篇章 in a 街道 text gives XX街道', () => {
    const text = `2021年，街道坚持依法行政，奋力谱写柏岭法治建设新篇章。${BODY}`;
    expect(analyzeReport(text).unit).toMatchObject({ name: '柏岭街道', level: 'STREET' });
  });

  it('the date may follow an adverbial clause before the opening’s subject (为…，2021年来，街道…)', () => {
    const text = `为进一步加强法治政府建设，2021年来，街道坚持依法行政，奋力谱写柏岭法治建设新篇章。${BODY}`;
    expect(analyzeReport(text).unit).toMatchObject({ name: '柏岭街道', level: 'STREET' });
  });

  it.each([
    ['a generic word', '我乡全面推进法治政府建设和法治乡村建设，打造平安校园建设样板，开展“平安村居”创建。'],
    ['a province', '我乡紧扣全面依法治省部署，助力法治浙江建设。'],
    ['a superior the text names', '我乡严格执行《岚溪县行政执法办法》，助力法治岚溪建设。'],
    ['a slogan after a superior’s organ in its clause', '我乡紧密围绕市委部署推动法治岚溪建设。'],
    ['a document’s name in quotes', '我乡以落实“2023年法治岚溪建设工作要点”为牵引。'],
    ['a book title', '我乡认真贯彻《法治岚溪建设规划》。'],
  ])('not %s', (_shape, sentence) => {
    const text = `${speaksAsTown}\n一、主要举措和成效\n（一）加强组织领导。${sentence}召开专题会议3次。\n二、下一步工作计划\n继续推进。`;
    const a = analyzeReport(text);
    expect(a.unit).toBeNull();
    expect(a.year?.value).toBe(2023);
  });

  it('not when the text names a unit of its level', () => {
    const text = `${speaksAsTown}\n一、主要举措和成效\n（一）加强组织领导。青石乡人民政府明确法治岚溪建设的重点任务。\n二、下一步工作计划\n继续推进。`;
    expect(analyzeReport(text).unit).toMatchObject({ name: '青石乡' });
  });
});
