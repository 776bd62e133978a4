/**
 * Shapes of frozen sets 14 and 15's misses (read once as held out at 967121e, tuning data for unit reading since): a 州 /
 * 自治州 / 盟 read as a city's level where a text names its author; a name that is only a body's word or abbreviation
 * (经开区, 高新区) never a unit; a zone's full name with a hyphen between two places read whole, and its declared short
 * form (以下简称“…”) counted as it; a year written without 年 before 以来 (2024以来). Every name and text is invented; the
 * last case of each block is the outcome on the real text that showed the shape.
 */
import { analyzeReport } from '../../../src/reading';
import { bodyNamesIn, isBareBodyWord } from '../../../src/reading/management-bodies';
import { body, names, real } from './unit-shape-texts';

describe('a 州, 自治州 or 盟 ranks as a city', () => {
  it('reads XX州人民政府 in a title as a city-level unit', () => {
    const a = analyzeReport(`岚山州人民政府关于2023年度法治政府建设情况的报告\n2023年，我州法治政府建设取得新进展。${body}`);
    expect(a.unit).toMatchObject({ name: '岚山州', level: 'CITY', tentative: false });
  });

  it('reads an autonomous prefecture (XX族XX族自治州) whole', () => {
    const a = analyzeReport(`青岚苗族侗族自治州人民政府关于2023年度法治政府建设情况的报告\n2023年，全州法治政府建设取得新进展。${body}`);
    expect(a.unit).toMatchObject({ name: '青岚苗族侗族自治州', level: 'CITY', tentative: false });
  });

  it('reads a 盟 in a title', () => {
    const a = analyzeReport(`乌兰塔拉盟行政公署关于2023年度法治政府建设情况的报告\n2023年，全盟法治政府建设取得新进展。${body}`);
    expect(a.unitCandidates[0]).toMatchObject({ name: '乌兰塔拉盟', level: 'CITY' });
  });

  it('reads no 州 inside a longer name (XX州市, XX州区) nor in running text', () => {
    expect(names(`岭南禾州市人民政府关于2023年度法治政府建设情况的报告\n2023年，全市推进依法行政。${body}`)).not.toContain('岭南禾州');
    expect(names(`石桥镇2023年法治政府建设情况报告\n2023年，石桥镇参加岚山州组织的培训。${body}`)).not.toContain('岚山州');
  });

  it('on the real text: set 14 `001` reads 黔西南州 with confidence (it read none)', () => {
    const a = analyzeReport(real('frozen-14', '001_qianxinanzhou_2020.txt'));
    expect(a.unit).toMatchObject({ name: '黔西南州', level: 'CITY', tentative: false });
  });
});

describe('a body word alone is no unit', () => {
  it('knows the bare words', () => {
    for (const w of ['经开区', '高新区', '开发区', '综保区', '经济技术开发区']) expect(isBareBodyWord(w)).toBe(true);
    for (const w of ['青岚经开区', '石桥高新区']) expect(isBareBodyWord(w)).toBe(false);
  });

  it('reads no 经开区 or 高新区 with no stem, after a place group or a 盟-like word', () => {
    const found = names(`2024年，远洋联盟经开区坚持依法行政，高新区和经开区协同推进。${body}`);
    expect(found).not.toContain('经开区');
    expect(found).not.toContain('高新区');
  });
});

describe('a zone named by two places joined by a hyphen', () => {
  it('reads the whole name, a 盟 after one character being no league', () => {
    expect(bodyNamesIn('2024年，南岭-东盟经济技术开发区坚持依法行政').map((b) => b.name)).toEqual(['南岭-东盟经济技术开发区']);
  });

  it('counts the declared short form as the full name', () => {
    const a = analyzeReport(
      `2024年，南岭-东盟经济技术开发区（以下简称“南岭-东盟经开区”）坚持依法行政。南岭-东盟经开区全年审核文件12件，南岭-东盟经开区获评示范。${body}`,
    );
    expect(a.unit?.name).toBe('南岭-东盟经济技术开发区');
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('南岭-东盟经开区');
  });

  it('on the real text: set 14 `003` reads the whole name (it read 经开区 with confidence)', () => {
    const a = analyzeReport(real('frozen-14', '003_guangxidongmengjingkaiqu_2024.txt'));
    expect(a.unit).toMatchObject({ name: '广西-东盟经济技术开发区', level: 'DISTRICT' });
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('经开区');
  });
});

describe('a year written without 年 before 以来', () => {
  it('reads 2024以来 opening the text as the year', () => {
    expect(analyzeReport(`2024以来，石桥镇坚持依法行政，推进法治政府建设。现将有关情况报告如下：${body}`).year?.value).toBe(2024);
  });

  it('reads no year from a number that is no year (2024人以来)', () => {
    expect(analyzeReport(`石桥镇坚持依法行政，累计培训2024人以来未发生事故。${body}`).year).toBeNull();
  });

  it('on the real text: set 15 `004` reads 2024 (it read none)', () => {
    expect(analyzeReport(real('frozen-15', '004_yanshanzhen_2024.txt')).year?.value).toBe(2024);
  });
});
