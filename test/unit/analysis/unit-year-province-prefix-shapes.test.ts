/**
 * Shapes of frozen set 25's confidently wrong reading (read held out at d4c7f7b and 8724368, tuning data for unit reading
 * since 4710e2a): a title writing its province's and city's short names before the unit's own name (XX省简称 + 市简称 +
 * 开发区), the opening writing the name alone; and a page's date field read as a body line above the addressee, taken
 * for the opening. Every name and text is invented; the last block holds the outcome on the real text that showed the
 * shapes.
 */
import { analyzeReport } from '../../../src/reading';
import { body, real } from './unit-shape-texts';

const dateLine = '发布于:2024-01-05 10:12:33';

describe("a title's province and city short names before the unit's name", () => {
  it("reads the opening's name, without them (it read the title's whole run with confidence)", () => {
    const a = analyzeReport(
      `江西云岭青山经济开发区管委会2023年度法治政府建设工作报告\n${dateLine}\n云岭市人民政府:\n2023年,青山经济开发区坚持依法行政,推进法治政府建设。现将我区工作报告如下。\n一、主要举措\n2023年,青山经济开发区始终把法治建设摆在突出位置。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '青山经济开发区', level: 'DISTRICT', tentative: false });
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('江西云岭青山经济开发区');
  });

  it("strips a province's three-character short name alone", () => {
    const a = analyzeReport(
      `黑龙江青山经济开发区2023年度法治政府建设工作报告\n2023年,青山经济开发区坚持依法行政。现将工作报告如下。\n一、主要举措\n青山经济开发区管委会推进法治建设。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '青山经济开发区', tentative: false });
  });

  it('keeps a title name whose first characters are no province (东岭 is no province short name)', () => {
    const a = analyzeReport(
      `东岭云岭青山经济开发区管委会2023年度法治政府建设工作报告\n2023年,青山经济开发区坚持依法行政。现将工作报告如下。\n一、主要举措\n青山经济开发区管委会推进法治建设。${body}`,
    );
    expect(a.unitCandidates.map((c) => c.name)).toContain('东岭云岭青山经济开发区');
  });
});

describe("a page's date field read as a body line above the opening", () => {
  it('is no opening: the line below it is (the name there was read as no subject)', () => {
    const withField = analyzeReport(
      `云岭县2023年度法治政府建设工作报告\n${dateLine}\n2023年,石桥镇坚持依法行政。现将工作报告如下。\n一、主要举措\n推进法治建设。${body}`,
    );
    const without = analyzeReport(
      `云岭县2023年度法治政府建设工作报告\n2023年,石桥镇坚持依法行政。现将工作报告如下。\n一、主要举措\n推进法治建设。${body}`,
    );
    expect(withField.unitCandidates.map((c) => [c.name, c.confidence])).toEqual(without.unitCandidates.map((c) => [c.name, c.confidence]));
  });
});

describe('the real text that showed the shapes', () => {
  it('frozen-25 `003` reads its zone without the province and city before it', () => {
    expect(analyzeReport(real('frozen-25', '003_lutaikaifaqu_2022.txt')).unit).toMatchObject({
      name: '芦台经济开发区',
      tentative: false,
    });
  });
});
