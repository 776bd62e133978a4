/**
 * Shapes of frozen set 21's misses (read once for unit and year at d158df8, tuning data for unit reading since): an
 * opening whose subject follows its city's name and ends like a verb (江州市大进区坚持…), a document's number alone on the
 * first line above the addressee (the opening was looked for in it), a page's breadcrumb on the structure's opening line
 * itself, and a year's clause whose possessor is the unit (刚刚过去的2023年，是XX镇…的一年). Every name and text is
 * invented; the last block holds the outcome on the real texts that showed the shapes.
 */
import { analyzeReport } from '../../../src/reading';
import { body, names, real } from './unit-shape-texts';

describe("an opening's subject after its city's name", () => {
  it('reads a name ending like a verb there', () => {
    const a = analyzeReport(
      `江州市人民政府:\n2024年,江州市大进区坚持依法行政,切实执行《江州市大进区法治政府建设实施方案》,推进法治政府建设。现将工作情况报告如下:${body}\n区委、区政府将法治政府建设列入我区重点工作。`,
    );
    expect(a.unit).toMatchObject({ name: '大进区', level: 'DISTRICT', tentative: false });
  });

  it('still reads no name made of a verb of two characters (推进区)', () => {
    expect(names(`2024年,江州市推进区镇两级法治建设,全面依法行政。${body}`)).not.toContain('推进区');
  });
});

describe("a document's number alone on the first line", () => {
  it('reads the opening under it and the addressee, in traditional characters', () => {
    const a = analyzeReport(
      `江政呈〔2025〕8號\n江州市人民政府:\n2024年,青川區始終堅持以習近平法治思想為指導,深入推進依法行政。${body}\n青川區委區政府主要領導作出批示。`,
    );
    expect(a.unit).toMatchObject({ name: '青川区', level: 'DISTRICT', tentative: false });
  });

  it('is no opening in simplified characters either', () => {
    const a = analyzeReport(`江政呈〔2025〕8号\n江州市人民政府:\n2024年,青川区坚持依法行政,推进法治建设。${body}\n青川区委召开会议。`);
    expect(a.unit).toMatchObject({ name: '青川区', tentative: false });
  });
});

describe("a page's breadcrumb on the opening line", () => {
  it('reads the opening under the addressee, the district speaking as 区政府', () => {
    const a = analyzeReport(
      `您当前的位置:首页 > 内容\n江州市人民政府:\n2025年以来,在市委、市政府和区委的正确领导下,区政府坚持依法行政,全力服务高质量发展。\n一、全面履行职责\n1.完善推进机制。修订《江州市青川区人民政府工作规则》。党政主要负责人履行第一责任人职责。\n2.落实决策制度。将《青川区应急管理规划》纳入跟踪管理。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '青川区', level: 'DISTRICT', tentative: true });
  });
});

describe("a year's clause whose possessor is the unit", () => {
  it('reads the 镇 after `是` in a clause ending in 的一年 (X集 reads as 集镇 in running text elsewhere)', () => {
    const a = analyzeReport(
      `首页 >>法治政府建设\n\n2023年法治政府工作报告\n\n发布时间:2024-02-27\n\n刚刚过去的2023年,是王集镇经济社会发展取得重大突破的一年。一年来,全镇上下坚持依法行政。\n一、工作开展情况\n2023年镇党委召开专题会议14次,王集镇党校获评示范党校。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '王集镇', level: 'TOWN', tentative: false });
  });

  it('reads no name where the clause does not end so', () => {
    const a = analyzeReport(`2023年,是王集镇集镇建设提速,群众满意。全镇上下坚持依法行政。${body}`);
    expect(a.unit).toBeNull();
  });

  it('keeps a 镇 that is the subject after a 之年 clause naming its district', () => {
    const a = analyzeReport(`2023年是青川区实施规划的关键之年,王集镇坚持依法行政,全镇上下推进法治建设。${body}\n镇党委召开会议。`);
    expect(a.unit).toMatchObject({ name: '王集镇', tentative: false });
  });
});

describe('on the real texts', () => {
  it.each([
    ['frozen-21', '003_yangjizhen_2023.txt', '杨集镇', false],
    ['frozen-21', '005_wujinqu_2024.txt', '武进区', false],
    ['frozen-21', '007_tianningqu_2025.txt', '天宁区', true],
    ['frozen-21', '013_xiangchengqu_2024.txt', '相城区', false],
  ])('%s `%s` reads %s (tentative: %s)', (set, file, name, tentative) => {
    expect(analyzeReport(real(set, file)).unit).toMatchObject({ name, tentative });
  });
});
