/**
 * Unit detection against a large registry (issue 12, part 5; the bench's national corpus misread 24 of 4 000 街道
 * reports as their city's): a registered name inside a longer registered name, and a text that speaks of its city as
 * 我市 while its title names a 街道 or 镇. Every text and unit here is invented for its shape.
 */
import { analyzeReport } from '../../../src/reading';
import type { KnownUnit } from '../../../src/reading/types';

const BODY =
  '\n一、主要举措和成效\n（一）加强组织领导。召开专题会议3次，传达学习我市法治建设工作会议精神。\n' +
  '（二）严格规范执法。全年办理行政处罚案件12件。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('a registered name inside a longer registered name', () => {
  // 柳泉街 (with its alias 柳泉街道) lies in another district; 石柳泉街道 is the author
  const known: KnownUnit[] = [
    { name: '柳泉街', aliases: ['柳泉街道'] },
    { name: '石柳泉街道', aliases: ['石柳泉街'] },
    { name: '澄江区', aliases: [] },
    { name: '梧州市', aliases: [] },
  ];
  const text =
    '石柳泉街道关于2023年度法治政府建设情况的报告\n2023年，石柳泉街道在澄江区委、区政府的领导下，坚持依法行政。' +
    BODY +
    '\n石柳泉街道办事处\n2024年1月10日';

  it('is not a mention of the shorter unit', () => {
    const a = analyzeReport(text, { knownUnits: known });
    expect(a.unit).toMatchObject({ name: '石柳泉街道', known: true });
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('柳泉街');
  });

  it('the shorter unit is still found where it stands alone', () => {
    const a = analyzeReport(text.replace(/石柳泉/gu, '柳泉'), { knownUnits: known });
    expect(a.unit).toMatchObject({ name: '柳泉街', known: true });
  });
});

describe('a unit that speaks of its city as 我市', () => {
  const known: KnownUnit[] = [
    { name: '青禾镇', aliases: [] },
    { name: '白沙街道', aliases: ['白沙街'] },
    { name: '澄江区', aliases: [] },
    { name: '梧州市', aliases: [] },
  ];
  // the body names the city several times (its regulations), as a town's report does
  const cityRules = '严格执行《梧州市安全生产条例》《梧州市消防条例》，落实梧州市部署。';

  it('a town whose title names it and which says 我镇 and 我市 once each is the town', () => {
    const text = `青禾镇关于2022年度法治政府建设情况的报告\n2022年，青禾镇坚持依法行政，${cityRules}${BODY}我镇将持续推进。`;
    const a = analyzeReport(text, { knownUnits: known });
    expect(a.unit).toMatchObject({ name: '青禾镇', level: 'TOWN' });
  });

  it('a 街道 whose title names it and which says only 我市 is the 街道', () => {
    const text = `白沙街道关于2022年度法治政府建设情况的报告\n2022年，白沙街道坚持依法行政，${cityRules}${BODY}\n白沙街道办事处\n2023年1月5日`;
    const a = analyzeReport(text, { knownUnits: known });
    expect(a.unit).toMatchObject({ name: '白沙街道', level: 'STREET' });
    // and without a registry
    expect(analyzeReport(text).unit).toMatchObject({ name: '白沙街道', level: 'STREET' });
  });

  it('a city report that names its city in the title is still the city', () => {
    const text = `梧州市人民政府关于2022年度法治政府建设情况的报告\n2022年，我市坚持依法行政，指导白沙街道开展示范创建，我市${cityRules}${BODY}`;
    const a = analyzeReport(text, { knownUnits: known });
    expect(a.unit).toMatchObject({ name: '梧州市', level: 'CITY' });
  });
});
