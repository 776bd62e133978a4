/**
 * Title-less texts whose unit a careful reader takes from how they speak (全县 as the opening's subject, 市政府 speaking,
 * 现将2023年街道…报告如下) and a name given only in their own documents, a slogan (法治XX、法治政府、法治社会, XX交出满意答卷)
 * or running text — read with confidence only on two roles of one name, otherwise tentatively with the reason; and a
 * name broken from its level word by a line break (a Word or PDF title or signature). Every text is invented.
 */
import { analyzeReport } from '../../../src/reading';

const body =
  '\n一、主要举措\n（一）加强组织领导\n全年集体学法6次。\n（二）推进依法行政\n全年审核规范性文件12件。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('the whole county as the opening’s subject', () => {
  it('reads the county that heads the text’s own documents, with confidence', () => {
    const a = analyzeReport(
      `法治是治国理政的基本方式。2023年，在市委、市政府和县委的坚强领导下，全县法治政府建设工作稳步推进，印发《云溪县法治政府建设实施方案》，制定《2023年云溪县法治政府建设工作要点》。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '云溪县', level: 'DISTRICT', tentative: false });
    expect(a.unit?.reason).toContain('开头以“全县”为主语');
  });

  it('reads the county of a 法治XX、法治政府、法治社会 slogan, tentatively', () => {
    const a = analyzeReport(
      `2023年，在市委、市政府的坚强领导下，全县上下以建设法治云溪、法治政府、法治社会为目标，扎实推进依法行政。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '云溪县', tentative: true });
    expect(a.unit?.reason).toContain('把握较低');
  });

  it('does not take 全县 in a town’s running text as the town’s voice', () => {
    const a = analyzeReport(`2023年，我镇坚持依法行政，在全县法治政府建设考核中名列前茅。桂花镇党委理论学习中心组学法6次。${body}`);
    expect(a.unit).toMatchObject({ name: '桂花镇', level: 'TOWN' });
  });
});

describe('a city government speaking of itself', () => {
  it('reads the only 市 its running text names, tentatively', () => {
    const a = analyzeReport(
      `2023年，市政府坚持依法行政，全市法治政府建设取得明显成效。发布“云州市公共法律服务地图”，全市设立法律服务站120个。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '云州市', level: 'CITY', tentative: true });
  });
});

describe('a 街道 speaking as one after 现将 and a year, named bare in a clause', () => {
  it('reads XX街道 from `XX交出满意答卷` and `现将2023年街道…报告如下`, tentatively', () => {
    const a = analyzeReport(
      `区委、区政府：\n2023年是全面贯彻落实党的二十大精神的开局之年。我们坚持以习近平法治思想为指导，凝心聚力，砥砺前行，石岗交出满意答卷。现将2023年街道法治政府建设情况报告如下：${body}`,
    );
    expect(a.unit).toMatchObject({ name: '石岗街道', level: 'STREET', tentative: true });
    expect(a.unit?.reason).toContain('现将2023年街道');
  });

  it('does not read 我们交出 or 干部交出 as a place', () => {
    const a = analyzeReport(`区委、区政府：\n2023年，我们交出满意答卷，干部交出合格答卷。现将2023年街道法治政府建设情况报告如下：${body}`);
    expect(a.unit).toBeNull();
  });
});

describe('a name and its level word on two lines', () => {
  it('reads a title broken before the level word', () => {
    const a = analyzeReport(`石门\n镇人民政府2023年法治政府建设工作报告\n2023年，我镇坚持依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '石门镇', tentative: false });
  });

  it('reads a title broken inside the name', () => {
    const a = analyzeReport(`郭家\n岭街道办事处关于2023年度法治政府建设情况的报告\n2023年，我街道坚持依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '郭家岭街道', tentative: false });
  });

  it('reads a signature broken before the level word', () => {
    const a = analyzeReport(`关于2023年度法治政府建设情况的报告\n2023年，我街道坚持依法行政。${body}\n郭家岭\n街道办事处\n2024年1月10日`);
    expect(a.unit).toMatchObject({ name: '郭家岭街道' });
  });

  it('keeps two organs’ header lines apart (中共XX区委 / XX区人民政府)', () => {
    const a = analyzeReport(`中共云溪区委\n云溪区人民政府\n关于2023年度法治政府建设情况的报告\n2023年，我区坚持依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '云溪区' });
  });
});

describe('a unit whose own name starts with a level word', () => {
  it('reads 镇宁县 named in its title and opening with confidence, not a bare 镇 speaking', () => {
    const a = analyzeReport(`镇宁县人民政府关于2024年度法治政府建设情况的报告\n2024年，镇宁县坚持依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '镇宁县', level: 'DISTRICT', tentative: false });
  });
});
