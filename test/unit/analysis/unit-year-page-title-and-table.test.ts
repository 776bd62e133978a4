/**
 * Two page shapes that left a unit tentative though the page names it where an author is named: a breadcrumb taken for
 * the title (您当前的位置：首页>…>法治政府建设年度报告) above the report's own title, and a page's table of fields
 * (| 索引号 | … | 发布机构 | XX乡 |) above the opening. Every name and text is invented.
 */
import { analyzeReport } from '../../../src/reading';

const headings =
  '\n一、2025年推进法治政府建设的工作开展情况\n（一）加强组织领导，统筹推进法治政府建设镇党委、镇政府高度重视法治建设工作，全年集体学法6次。\n（二）推进依法行政\n全年审核规范性文件12件。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('a breadcrumb taken for the title', () => {
  const page = (title: string): string =>
    `您当前的位置:首页>政府信息公开目录>法治政府建设年度报告>2025年\n[ 索引号 ]1150011/2026-00070 [ 发文字号 ] [ 发布机构 ]云港市东城区 [ 成文日期 ]2026-02-09\n\n${title}\n\n日期:2026-02-09\n语音播报${headings}`;

  it('reads the report title under it as the title: the town with its parents and organ, with confidence', () => {
    const a = analyzeReport(page('云港市东城区石桥镇人民政府2025年度法治政府建设情况报告'));
    expect(a.unit).toMatchObject({ name: '石桥镇', level: 'TOWN', tentative: false });
    expect(a.unit?.reason).toContain('标题写明“石桥镇”');
    expect(a.year?.value).toBe(2025);
  });

  it('takes no line for the title that could be something else (no 报告 at its end)', () => {
    const a = analyzeReport(page('云港市东城区石桥镇人民政府'));
    expect(a.unit?.evidence.every((e) => e.source !== 'TITLE')).toBe(true);
  });
});

describe('a page table of fields above the opening', () => {
  it('reads the 发布机构 cell as the page source and the opening below the table as the opening', () => {
    const a = analyzeReport(
      `| 索引号 | 0152-4/20260215-00001 | 发布机构 | 云港市石桥乡 |\n| 公开目录 | 结果公示 | 发布日期 | 2026-02-15 17:41:12 |\n| 文号 | 浏览量 |\n2025年，石桥乡在市委、市政府的坚强领导下，深入学习贯彻习近平法治思想，紧扣全乡经济社会发展大局推进依法行政。${headings}`,
    );
    expect(a.unit).toMatchObject({ name: '石桥乡', level: 'TOWN', tentative: false });
    expect(a.unit?.evidence.map((e) => e.source)).toEqual(expect.arrayContaining(['SOURCE', 'OPENING']));
  });

  it('reads no unit from a source cell that names none', () => {
    const a = analyzeReport(`| 信息来源 | 本网 | 发布日期 | 2026-02-15 |\n2025年，我乡坚持依法行政，全乡开展普法活动12场。${headings}`);
    expect(a.unit === null || a.unit.tentative).toBe(true);
  });
});
