/**
 * Shapes of frozen sets 18 and 19's misses (read once for unit and year at 6b3e15d, tuning data for unit reading since):
 * a zone named with and without its city's two-character stem (the form the running text writes more often is the
 * unit's name), an opening under a page's breadcrumb with a browser notice above it, a 国家旅游度假区 run by a 党工委 and a
 * 管委会, a zone's bare body word as the opening's subject (the zone speaking: a town praised in its opening is not the
 * author), and a one-character county as the opening's subject. Every name and text is invented; the last block holds the
 * outcome on the real texts that showed the shapes.
 */
import { analyzeReport } from '../../../src/reading';
import { bodyNamesIn } from '../../../src/reading/management-bodies';
import { body, names, real } from './unit-shape-texts';

describe("a zone named with and without its city's stem", () => {
  it('keeps the longer name where the opening and the body write it more often (it read the shorter one)', () => {
    const a = analyzeReport(
      `2024年，东岭南湾新区工委(区委)、管委(区政府)在市委、市政府的坚强领导下，扎实推进法治政府建设。现将工作情况报告如下。\n一、主要举措\n（一）依法履职。发布《2024年南湾新区管委(区政府)立制工作计划》，制定《东岭南湾新区港口管理办法》。\n（二）推进依法行政。印发《东岭南湾新区规范性文件工作指引》。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '东岭南湾新区', level: 'DISTRICT', tentative: false });
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('南湾新区');
  });

  it("takes the opening's name over a title's city-prefixed one (it read the title's)", () => {
    const a = analyzeReport(
      `当前位置:首页>政务公开>最新文件\n东岭南湾高新区2023年度法治政府建设情况报告\n发布日期: 2024-03-27 16:51      来源: 东岭南湾高新技术产业开发区\n东岭南湾高新区2023年度法治政府建设情况报告\n2023年，南湾高新区坚持依法行政，法治政府建设取得新成效。\n一、主要举措\n南湾高新区党委管委会始终坚持党的领导。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '南湾高新区', level: 'DISTRICT', tentative: false });
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('东岭南湾高新区');
  });

  it("keeps a title's name whose shorter form the running text writes no more often", () => {
    const a = analyzeReport(
      `东岭南湾高新区2023年度法治政府建设情况报告\n2023年，东岭南湾高新区坚持依法行政。南湾高新区法治建设取得新成效。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '东岭南湾高新区', tentative: false });
  });

  it('still reads a verb run into a name as the shorter name', () => {
    const a = analyzeReport(`2023年，浮岚县坚持依法行政，浮岚县人民政府推进法治建设。研究解决浮岚县群众诉求。${body}`);
    expect(a.unit).toMatchObject({ name: '浮岚县', tentative: false });
  });
});

describe("an opening under a page's breadcrumb with a browser notice above it", () => {
  it('reads the subject of the line after the breadcrumb (it read none)', () => {
    const a = analyzeReport(
      `更换或升级浏览器以获得最佳体验。\n当前浏览器版本过低,可能会有安全风险且无法正常显示。建议您升级或使用其他浏览器。\n您当前的位置: 首页> 政务公开> 法治政府建设年度报告\n2024年，南湾新区坚持依法行政，全面推进新区法治政府建设。${body}\n推动修订《南湾新区管理办法》。`,
    );
    expect(a.unit).toMatchObject({ name: '南湾新区', level: 'DISTRICT', tentative: false });
  });
});

describe('a 国家旅游度假区 run by a 党工委 and a 管委会', () => {
  it('reads its whole name, not a quoted rank alone (it read none)', () => {
    const a = analyzeReport(
      `2025年，青屿岛国家旅游度假区党工委、管委会坚持依法行政，立足青屿“国家旅游度假区”定位，推进法治建设。现将全年工作情况报告如下：${body}`,
    );
    expect(a.unit).toMatchObject({ name: '青屿岛国家旅游度假区', level: 'DISTRICT', tentative: false });
    expect(bodyNamesIn('立足青屿“国家旅游度假区”定位').map((b) => b.name)).toEqual([]);
    expect(bodyNamesIn('2025年，云山度假区管委会坚持依法行政').map((b) => b.name)).toEqual(['云山度假区']);
  });
});

describe("a zone's bare body word as the opening's subject", () => {
  const zone = `2023年，高新区坚持依法行政，法治云湾建设取得新进展；2023年石门湾镇人民调解委员会获评全国模范人民调解委员会。现将有关情况报告如下。${body}\n区党工委、区管委会统筹推进法治云湾建设。`;

  it('is the zone speaking: a town its opening praises is not chosen (it read the town, tentatively)', () => {
    const a = analyzeReport(zone);
    expect(a.unit).toBeNull();
    expect(a.unitCandidates.find((c) => c.name === '石门湾镇')?.confidence).toBeLessThan(0.2);
  });

  it('says why no unit was read: the zone names itself by its body word alone', () => {
    const [error] = analyzeReport(zone).errors.filter((e) => e.code === 'UNIT_NOT_DETECTED');
    expect(error?.message).toContain('开头以“高新区”为主语');
  });

  it("makes no name of a slogan's stem and 区 for it", () => {
    expect(names(zone)).not.toContain('云湾区');
  });

  it("counts only as the opening's first sentence's subject: a city's opening naming its zone later keeps the city", () => {
    const a = analyzeReport(`2022年以来，长岭市坚持依法行政，不断夯实法治建设基础；经济技术开发区荣获省新型工业化产业示范基地。${body}`);
    expect(a.unit).toMatchObject({ name: '长岭市', level: 'CITY' });
  });
});

describe("a one-character county as the opening's subject", () => {
  it('reads it (it read none)', () => {
    const a = analyzeReport(`2023年，禾县在市委、市政府的坚强领导下，扎实推进法治政府建设。禾县在法治考核中连续获得优秀等次。${body}`);
    expect(a.unit).toMatchObject({ name: '禾县', level: 'DISTRICT', tentative: false });
  });

  it('reads no preposition before 县委 and no 县城 as a county', () => {
    expect(names(`2023年，在县委、县政府的坚强领导下，全县法治政府建设取得新成效。${body}`)).not.toContain('在县');
    expect(names(`2023年，新县城建设与法治政府建设同步推进。${body}`)).not.toContain('新县');
  });
});

describe('on the real texts', () => {
  it.each([
    ['frozen-18', '005_binhaigaoxinqu_2023.txt', '滨海高新区'],
    ['frozen-18', '012_meizhoudao_2025.txt', '湄洲岛国家旅游度假区'],
    ['frozen-18', '018_liangjiangxinqu_2024.txt', '两江新区'],
    ['frozen-18', '021_xihaianxinqu_2024.txt', '青岛西海岸新区'],
    ['frozen-19', '003_xinxian_2023.txt', '新县'],
  ])('%s `%s` reads %s with confidence', (set, file, name) => {
    expect(analyzeReport(real(set, file)).unit).toMatchObject({ name, tentative: false });
  });

  it('frozen-18 `020` (it names itself only 高新区, a bare body word) reads no unit, no longer 唐家湾镇', () => {
    expect(analyzeReport(real('frozen-18', '020_zhuhaigaoxinqu_2023.txt')).unit).toBeNull();
  });
});
