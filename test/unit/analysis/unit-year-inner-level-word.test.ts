/**
 * A 镇, 乡 or 街道 whose own name holds a level word (a town named X市, a township named X县, a 街道 named 市X or 县X)
 * is read by the longest name the text spells with its own level word, not cut at the inner 市 or 县 into its city's
 * or county's name; and a place name starting with 那 (a Zhuang place word) is a name. Every text and name is invented.
 */
import { analyzeReport } from '../../../src/reading';

const body =
  '\n一、主要举措\n（一）加强组织领导\n全年集体学法6次。\n（二）推进依法行政\n全年审核规范性文件12件。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('a town whose own name ends in 市 or 县, after its superior in the title', () => {
  it('reads 云港市桃市镇 as the town, not the city', () => {
    const a = analyzeReport(`云港市桃市镇2023年法治政府建设年度报告\n2023年，桃市镇坚持依法行政，全年办理行政复议案件3件。${body}`);
    expect(a.unit).toMatchObject({ name: '桃市镇', level: 'TOWN', tentative: false });
    expect(a.year?.value).toBe(2023);
  });

  it('reads 溪县杏县乡 as the township, not the county', () => {
    const a = analyzeReport(`溪县杏县乡关于2022年法治政府建设情况的报告\n2022年，杏县乡坚持依法行政，全年开展普法活动12场。${body}`);
    expect(a.unit).toMatchObject({ name: '杏县乡', level: 'TOWN', tentative: false });
  });

  it('reads a 街道 whose name starts with 县 after its district', () => {
    const a = analyzeReport(`云港市东城区县前街道2024年法治政府建设情况报告\n2024年，县前街道坚持依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '县前街道', level: 'STREET', tentative: false });
  });

  it('still reads a city when its title names no lower unit', () => {
    const a = analyzeReport(`云港市2023年法治政府建设年度报告\n2023年，我市坚持依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '云港市', level: 'CITY' });
  });
});

describe('a township whose own name ends in 市, named once in a title-less text that speaks as a 乡', () => {
  it('reads it tentatively, with the reason', () => {
    const a = analyzeReport(
      `中共溪县委员会、溪县人民政府：\n2022年，我乡在县委、县政府的正确领导下扎实推进依法行政。现将我乡法治政府建设工作开展情况报告如下：\n一、主要举措\n全年开展普法宣传8场次；桃市乡法治副校长到学校上法治课2场次。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。`,
    );
    expect(a.unit).toMatchObject({ name: '桃市乡', level: 'TOWN', tentative: true });
    expect(a.unit?.reason).toContain('把握较低');
  });

  it('does not read 全市 or 城市 before 街道 in running text as a name', () => {
    const a = analyzeReport(`2022年，我乡坚持依法行政。全市街道和乡镇共开展普法活动；城市街道建设稳步推进。${body}`);
    expect(a.unit?.name ?? '').not.toMatch(/市街道$/u);
  });
});

describe('a place name starting with 那', () => {
  it('reads 那岭镇 as the opening’s subject', () => {
    const a = analyzeReport(
      `市委、市政府：\n2024年，那岭镇在市委、市政府的正确领导下，扎实推进法治政府建设。现将2024年度法治政府建设工作情况报告如下：\n一、主要举措\n2024年以来，那岭镇立足镇域实际，全年开展普法活动10场。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n2025年，那岭镇将继续推进。`,
    );
    expect(a.unit).toMatchObject({ name: '那岭镇', level: 'TOWN' });
    expect(a.year?.value).toBe(2024);
  });

  it('does not read 那些 or 那个 as the start of a name', () => {
    const a = analyzeReport(`2024年，我镇坚持依法行政。那些乡镇的经验值得学习，那个镇的做法也值得借鉴。${body}`);
    expect(a.unit?.name ?? '').not.toMatch(/^那/u);
  });
});
