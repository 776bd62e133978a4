/**
 * A unit inferred from how a text speaks of itself says, in its reason, what the text was read saying (开头的“现将县人民政府…
 * 报告如下”, 开头以“县政府”为主语, “我乡”3次), not a level's usual word it may never have said (如“我区”“我县”). Every
 * text is invented.
 */
import { analyzeReport } from '../../../src/reading';

const tail = '二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('the reason of a unit inferred from the text’s own voice', () => {
  it('quotes the bare 县人民政府 the opening reports on', () => {
    const a = analyzeReport(
      '根据《法治政府建设与责任落实督察工作规定》有关规定，现将县人民政府2023年法治政府建设工作情况报告如下。\n' +
        '一、主要举措\n（一）加强组织领导\n制定《青禾县人民政府常务会会前学法制度》，全年集体学法6次。' +
        '印发《青禾县法治政府建设实施方案》，明确分工。\n' +
        tail,
    );
    expect(a.unit).toMatchObject({ name: '青禾县' });
    expect(a.unit!.reason).toContain('开头的“现将县人民政府…报告如下”');
    expect(a.unit!.reason).not.toContain('我区');
    expect(a.unit!.reason).not.toContain('我县');
  });

  it('quotes a bare 县政府 as the opening’s subject', () => {
    const a = analyzeReport(
      '2023年，县政府坚持以习近平法治思想为指导，全面推进依法行政。\n一、主要举措\n（一）加强组织领导\n' +
        '青禾县法治政府建设领导小组全年召开会议4次。\n' +
        tail,
    );
    expect(a.unit).toMatchObject({ name: '青禾县', tentative: true });
    expect(a.unit!.reason).toContain('开头以“县政府”为主语');
    expect(a.unit!.reason).not.toContain('我区');
  });

  it('counts the 我乡 it read, for a 乡 named only in a slogan', () => {
    const a = analyzeReport(
      '2023年，我乡坚持以习近平法治思想为指导，扎实推进法治舒桥建设。\n一、主要举措\n我乡全年办理行政案件12件，' +
        '我乡综合执法队开展执法检查30次。\n' +
        tail,
    );
    expect(a.unit).toMatchObject({ name: '舒桥乡', tentative: true });
    expect(a.unit!.reason).toContain('“我乡”3次');
  });
});
