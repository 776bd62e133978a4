/**
 * A text that names no report year: the year is null (never guessed — not from a plenum's number, not from a page's
 * publish date alone) and the reason says, in Chinese, what the text does hold. Every text is invented.
 */
import { analyzeReport } from '../../../src/reading';

const tail = '\n一、主要举措\n召开专题会议3次。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';
const reasonOf = (text: string): string => analyzeReport(text).errors.find((e) => e.code === 'YEAR_NOT_DETECTED')?.message ?? '';

describe('why no year was read', () => {
  it('no year anywhere: says so, and that a plenum’s number is not reckoned into one', () => {
    const text = `石岭街道关于法治政府建设情况的报告\n石岭街道深入学习贯彻党的十九届五中全会精神。${tail}`;
    expect(analyzeReport(text).year).toBeNull();
    const reason = reasonOf(text);
    expect(reason).toContain('没有写明任何年份，也没有网页发布日期');
    expect(reason).toContain('不据此推算年份');
    expect(reason).toMatch(/请指定年度$/u);
  });

  it('今年 with no publish date: says there is nothing to date it by', () => {
    const text = `今年以来，石岭街道扎实推进依法行政。${tail}`;
    expect(analyzeReport(text).year).toBeNull();
    expect(reasonOf(text)).toContain('开头只说“今年”，没有网页发布日期可以对照');
  });

  it('plenums listed together (十九届三中、四中全会) are named the same way', () => {
    expect(reasonOf(`石岭街道关于法治政府建设情况的报告\n石岭街道贯彻落实党的十九届三中、四中全会精神。${tail}`)).toContain(
      '不据此推算年份',
    );
  });

  it('no plenum: no word about one', () => {
    expect(reasonOf(`石岭街道关于法治政府建设情况的报告\n石岭街道扎实推进依法行政。${tail}`)).not.toContain('全会');
  });

  it('a year only in a plan: names it as too weak, not chosen', () => {
    const text = `石岭街道关于法治政府建设情况的报告\n石岭街道扎实推进依法行政，全年召开专题会议3次。\n三、下一步工作计划\n2020年将继续推进。`;
    expect(analyzeReport(text).year).toBeNull();
    expect(reasonOf(text)).toContain('都是时间段、计划或文件名中的年份');
  });

  it('years only as a span in a document’s name: the same', () => {
    const text = `石岭街道关于法治政府建设情况的报告\n石岭街道落实《2019—2021年普法规划》。${tail}`;
    expect(analyzeReport(text).year).toBeNull();
    expect(reasonOf(text)).toContain('都是时间段、计划或文件名中的年份');
  });

  it('a year only in running text: the weak candidate is named with its confidence', () => {
    const text = `石岭街道关于法治政府建设情况的报告\n石岭街道扎实推进依法行政。\n一、主要举措\n落实2018年出台的学法制度，召开专题会议3次。`;
    expect(analyzeReport(text).year).toBeNull();
    expect(reasonOf(text)).toMatch(/最可能的“2018年”把握不足（0\.08/u);
  });
});
