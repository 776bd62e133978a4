/**
 * Unit and year on shapes of public report pages (issue 12, part 5; search corpus `pages`, titles, openings, metadata
 * and signature blocks read for their shape only): a metadata table's cells (`发布机构: | XX街道 |`), a report that says
 * 今年 and is dated only by its page, a title spanning two years, reports of a 社区 or 村 (no reporting unit here), and
 * shapes that were already read right (述法 reports, a 落款 date early in the next year). Every text here is invented.
 */
import { analyzeReport } from '../../../src/reading';

const BODY =
  '\n一、主要举措和成效\n（一）加强组织领导。召开专题会议3次，研究部署法治建设工作。\n' +
  '（二）严格规范执法。全年办理行政处罚案件12件。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('a metadata table naming the publisher in its cells', () => {
  it('发布机构: | XX区XX街道 | is a 来源 field: the 街道 is the author', () => {
    const a = analyzeReport(
      '索引号: | abc123/2025-0000012 | 公开目录: | 法治政府建设 |\n成文日期: | 2025-02-14 | 发布日期: | 2025-02-14 |\n' +
        '发布机构: | 江州市城南区桐溪街道 |\n2024年，街道在区委、区政府的坚强领导下，落实法治建设第一责任人职责。' +
        `现将2024年度法治政府建设有关情况报告如下。${BODY}`,
    );
    expect(a.unit).toMatchObject({ name: '桐溪街道', level: 'STREET', tentative: false });
    expect(a.unit!.evidence.map((e) => e.source)).toContain('SOURCE');
    expect(a.year?.value).toBe(2024);
  });
});

describe('a report that says 今年 and is dated only by its page', () => {
  const page = (published: string): string =>
    `桐溪街道法治政府建设工作报告\n发布日期：${published}\n今年以来，桐溪街道认真贯彻落实法治政府建设各项部署，现将有关情况报告如下。${BODY}`;

  it('published in the second half of a year: that year, tentatively', () => {
    const a = analyzeReport(page('2024-11-20'));
    expect(a.year).toMatchObject({ value: 2024, tentative: true });
  });

  it('published in the first half: 今年 may be the year written in, so no year', () => {
    expect(analyzeReport(page('2025-02-20')).year).toBeNull();
  });
});

describe('a title spanning two years', () => {
  it('gives no year, and the reason names the span', () => {
    const a = analyzeReport(`桐溪街道2023—2024年度法治政府建设工作情况报告\n两年来，桐溪街道认真贯彻落实各项部署。${BODY}`);
    expect(a.unit?.name).toBe('桐溪街道');
    expect(a.year).toBeNull();
    expect(a.errors.find((e) => e.code === 'YEAR_NOT_DETECTED')?.message).toContain('跨年度的“2023—2024年度”');
  });
});

describe('a 社区’s or 村’s own report: no reporting unit, and its superior is not taken for it', () => {
  it.each([
    [
      'a 社区 named in the title, under its 街道',
      '桐溪社区2023年法治建设工作总结\n2023年，桐溪社区在江南街道党工委、办事处的领导下，深入开展普法宣传。现总结如下：',
    ],
    [
      'a 村委会 addressing its 镇',
      '桐溪村村民委员会关于2023年度法治建设工作情况的报告\n江南镇人民政府：\n2023年，我村开展民主法治示范村创建，江南镇司法所给予指导。',
    ],
    ['no title, speaking as 我社区', '2023年，我社区在江南街道党工委的正确领导下，深入开展普法宣传，江南街道司法所给予指导。现总结如下：'],
    ['the 社区 after its 街道 in the title', '江南街道桐溪社区关于2023年度法治建设工作情况的报告\n2023年，社区坚持依法办事。'],
  ])('%s', (_shape, head) => {
    const a = analyzeReport(head + BODY);
    expect(a.unit).toBeNull();
    expect(a.errors.find((e) => e.code === 'UNIT_NOT_DETECTED')?.message).toMatch(/社区（居委会）和村（村委会）.*不是本系统的报告单位/u);
    expect(a.year?.value).toBe(2023);
  });

  it('a 街道’s report about its 社区 and a 镇’s about its 示范村 stay theirs', () => {
    const street = analyzeReport(
      `桐溪街道2023年法治政府建设工作报告\n2023年，桐溪街道坚持依法行政，指导江南社区、北关社区开展民主法治示范社区创建，江南社区获评省级示范社区。${BODY}`,
    );
    expect(street.unit?.name).toBe('桐溪街道');
    const town = analyzeReport(`江南镇创建民主法治示范村工作报告\n2023年，我镇指导桐溪村创建民主法治示范村，桐溪村村委会开展普法。${BODY}`);
    expect(town.unit?.name).toBe('江南镇');
  });
});

describe('shapes already read right', () => {
  it('a 述法 report by the unit’s leader names the unit', () => {
    const a = analyzeReport(
      `桐溪街道党工委书记2023年度述法报告\n2023年，本人认真履行推进法治建设第一责任人职责。现将有关情况报告如下：${BODY}`,
    );
    expect(a.unit).toMatchObject({ name: '桐溪街道', tentative: false });
    expect(a.year?.value).toBe(2023);
  });

  it('a report dated only by its 落款 in January: the year before, tentatively', () => {
    const a = analyzeReport(
      `区委、区政府：\n今年以来，桐溪街道认真贯彻落实法治政府建设各项部署，现将有关情况报告如下。${BODY}\n桐溪街道办事处\n2025年1月10日`,
    );
    expect(a.unit?.name).toBe('桐溪街道');
    expect(a.year).toMatchObject({ value: 2024, tentative: true });
  });
});
