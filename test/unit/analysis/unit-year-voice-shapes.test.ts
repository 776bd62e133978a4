/**
 * Unit and year on shapes where the text names its level without its name (issue 12, part 5): an opening that reports
 * on a bare organ after 现将 (现将县人民政府2023年…情况报告如下) behind a clause citing a long document's name, and a year
 * named only in the title of that year's study plan. Every text here is invented for its shape.
 */
import { analyzeReport } from '../../../src/reading';

const CITED = '根据《中共中央办公厅 国务院办公厅关于印发〈法治政府建设与责任落实督察工作规定〉的通知》（厅字〔2019〕28号）有关规定，';

describe('an opening that reports on a bare organ after 现将', () => {
  const excerpt = (opening: string): string =>
    `${opening}\n一、主要成效\n（一）加强组织领导\n` +
    '1.健全学法制度。县人民政府领导班子带头学法，印发了《梧岭县人民政府常务会议会前学法制度》，年内会前学法10次。\n' +
    '2.完善工作机制。县人民政府党组把法治建设列入年度述职内容，出台了《梧岭县行政执法公示实施办法》。\n' +
    '二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

  it('the text speaks as that level, so the one unit of it heading its own documents is taken (units8: read, not guessed)', () => {
    const a = analyzeReport(excerpt(`${CITED}现将县人民政府2023年法治政府建设工作情况报告如下。`));
    expect(a.unit).toMatchObject({ name: '梧岭县', level: 'DISTRICT', tentative: false });
    expect(a.unit!.confidence).toBeGreaterThanOrEqual(0.4);
    expect(a.unit!.reason).toContain('本级文件名的开头');
    expect(a.year?.value).toBe(2023);
  });

  it('现将 passing on a superior’s document is no voice of the text', () => {
    const a = analyzeReport(excerpt(`${CITED}现将县人民政府办公室《关于做好2023年度法治建设工作的通知》转发给你们，请认真贯彻落实。`));
    expect(a.unit).toBeNull();
  });
});

describe('a year named only in the title of that year’s study plan', () => {
  it('is read, with a low confidence', () => {
    const a = analyzeReport(
      '一、工作开展情况\n（一）深入学习法治思想\n镇党委把习近平法治思想列入《2023年度党委理论学习中心组学习计划》，集中学习6次，举办法治讲座2次。\n' +
        '（二）严格规范执法\n全年办理行政处罚案件12件。\n二、下一步工作计划\n继续推进。',
    );
    expect(a.year?.value).toBe(2023);
    expect(a.year!.confidence).toBeLessThan(0.3);
  });

  it('a multi-year plan in the same place names no year', () => {
    const a = analyzeReport(
      '一、工作开展情况\n镇党委把习近平法治思想列入《2021—2025年党委理论学习中心组学习规划》，集中学习6次。\n二、下一步工作计划\n继续推进。',
    );
    expect(a.year).toBeNull();
  });
});
