/**
 * Shapes of frozen sets 22 and 23's misses (read once for unit and year at 4989334 and 2b3abc7, tuning data for unit
 * reading since): a page's breadcrumb with its column's name before 首页 on the first line, a page's table of fields whose
 * names end in a colon (公开方式: | 主动公开 |) above the opening, and a district's industrial park named with the
 * district (XX区工业园区管理委员会), and a 州 by its short name of two characters before its party committee and government
 * (X州党委、政府坚持…), and a text with no opening subject and no 我X whose sentences' subject is its level's bare word or organ
 * (。街道全面贯彻…; 2022年，区政府党组会…), naming itself by a slogan's stem (法治XX). Every name and text is invented; the last block holds the outcome on the real texts that
 * showed the shapes.
 */
import { analyzeReport } from '../../../src/reading';
import { body, names, real } from './unit-shape-texts';

describe("a page's breadcrumb with its column's name before 首页", () => {
  it('is no opening: the title and opening under it are read (the page double-spaced, its lines run together)', () => {
    const a = analyzeReport(
      [
        '公告公示 首页 > 信息公开 > 新闻中心 > 公告公示',
        '青川市人民政府2018年度法治政府建设工作报告',
        '网上发布日期:2019-01-31  来源:青川政务网',
        '  2018年,在江州市委、市政府的正确领导下,青川市认真贯彻落实《法治政府建设实施纲要》,深入推进依法行政。现将有关情况报告如下:',
        '  一、突出一个“新”字,着力提升法治保障水平',
        '  今年6月,全市召开会议。8月15日,法律服务中心在青川揭牌,积极为企业提供相关法律支持和服务。',
        '  二、坚持一个“改”字,持续改善营商服务环境',
        '  (一)动态调整,扎实推进简政放权。衔接落实国家、省削减下放的行政权力事项。',
      ].join('\n\n'),
    );
    expect(a.unit).toMatchObject({ name: '青川市', level: 'CITY', tentative: false });
  });

  it('a line of running text with 首页 later in it is no breadcrumb', () => {
    const a = analyzeReport(
      `2018年,青川市在政府网站首页开设法治专栏,深入推进依法行政,青川市人民政府全面完成年度任务。${body}\n青川市委召开会议。`,
    );
    expect(a.unit).toMatchObject({ name: '青川市', tentative: false });
  });
});

describe("a page's table of fields with colons after the fields' names", () => {
  it('is passed over: the opening under it is read', () => {
    const a = analyzeReport(
      `索引号: | abc2/2025-00012 | 组配分类: | 年度报告 |\n文件编号 | 发文日期: | 2025-03-26 | |\n公开方式: | 主动公开 | 公开时限: | 长期公开 |\n公开范围: | 面向全社会 | 发布单位: | 办公室 |\n2024年,青川区坚持以习近平法治思想为指导,全面推进依法行政。现将有关工作情况报告如下:${body}`,
    );
    expect(a.unit).toMatchObject({ name: '青川区', level: 'DISTRICT' });
    expect(a.unit!.evidence.map((e) => e.source)).toContain('OPENING');
  });
});

describe("a district's industrial park named with the district", () => {
  it('reads the park, not the district it is written after', () => {
    const a = analyzeReport(
      `江州市青川区工业园区管理委员会关于2020年度法治政府建设情况的报告\n\n区政府:\n\n2020年,我委法治政府建设工作坚持以习近平法治思想为指导,全面落实区委法治政府建设工作部署${body}`,
    );
    expect(a.unit).toMatchObject({ name: '青川区工业园区', tentative: false });
  });

  it("keeps a district whose own report names its park's body", () => {
    const a = analyzeReport(
      `青川区人民政府关于2020年度法治政府建设情况的报告\n2020年,青川区坚持依法行政,青川区工业园区管理委员会新增入驻企业12家。${body}\n区委、区政府召开会议。`,
    );
    expect(a.unit).toMatchObject({ name: '青川区', tentative: false });
  });
});

describe('a 州 by its short name before its party committee and government', () => {
  it("reads it as the opening's subject", () => {
    const a = analyzeReport(
      `2023年,萨州党委、政府坚持以习近平法治思想为指导,深入推进依法行政。现就法治政府建设工作报告如下:${body}\n州党委、政府召开会议。`,
    );
    expect(a.unit).toMatchObject({ name: '萨州', level: 'CITY', tentative: false });
  });

  it('reads no name of a count before 州 (5次州党委常委会议) or of a determiner (全州)', () => {
    const read = names(`2023年,召开5次州党委常委会议、8次州政府常务会议。全州党委、政府推进依法行政。${body}`);
    expect(read).not.toContain('次州');
    expect(read).not.toContain('全州');
  });
});

describe("a text's level from its sentences' subjects, its name from a slogan's stem", () => {
  const street = `2025年,青湾坚持以习近平法治思想为指导,严格落实上级部署,奋力书写法治青湾建设的新篇章。\n一、主要工作\n一是强化责任落实。街道全面贯彻上级精神,街道主要领导带头部署法治工作。街道本年度未印发规范性文件。\n二是优化营商环境。推动企业申领执法监督码。`;

  it('reads the stem with the level word, tentatively', () => {
    expect(analyzeReport(street).unit).toMatchObject({ name: '青湾街道', level: 'STREET', tentative: true });
  });

  it("takes the name of the text's level it writes with that stem (法治青川 … 青川区)", () => {
    const a = analyzeReport(
      `一、主要举措和成效\n(一)组织保障再加强,推动法治任务落实\n1.狠抓学习贯彻。把习近平法治思想纳入干部教育培训计划,不断提高领导干部依法行政能力。\n2.狠抓安排部署。一体推进法治青川、法治政府、法治社会建设。2022年,区政府党组会、常务会研究法治建设工作7次。\n3.狠抓责任落实。研究印发《关于加强青川区法治建设的责任分解表》。一是青川区各部门动态调整权责清单。`,
    );
    expect(a.unit).toMatchObject({ name: '青川区', level: 'DISTRICT', tentative: true });
    expect(a.unitCandidates.filter((c) => c.name === '青川区')).toHaveLength(1);
  });

  it('reads nothing where sentences start with two levels’ words', () => {
    const a = analyzeReport(`${street}\n三是加强监督。镇政府配合开展执法检查。`);
    expect(a.unit).toBeNull();
  });
});

describe('on the real texts', () => {
  it.each([
    ['frozen-22', '016_jiaozhoushi_2018.txt', '胶州市', false],
    ['frozen-22', '035_wulonggongyeyuanqu_2020.txt', '武隆区工业园区', false],
    ['frozen-23', '011_bazhou_2023.txt', '巴州', false],
    ['frozen-22', '011_gongmingjiedao_2025.txt', '公明街道', true],
    ['frozen-23', '009_xixiuqu_2022.txt', '西秀区', true],
    // the text writes only 宁波前湾新区, once; its label is 前湾新区 (the labeller's short form)
    ['frozen-22', '025_qianwanxinqu_2024.txt', '宁波前湾新区', true],
  ])('%s `%s` reads %s (tentative: %s)', (set, file, name, tentative) => {
    expect(analyzeReport(real(set, file)).unit).toMatchObject({ name, tentative });
  });
});
