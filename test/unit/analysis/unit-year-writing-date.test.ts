/**
 * The reporting year against the date a report was written: a 述法 or 述职 report dated early in year N (a line of its
 * own under its author, or in brackets ending its title) reports on N-1, as a signature dated then does; `N-1年以来，`
 * opening the text names the year reported on. Every text is invented.
 */
import { analyzeReport } from '../../../src/reading';

const body =
  '\n一、履职情况\n（一）加强组织领导\n全年集体学法6次。\n（二）推进依法行政\n全年审核规范性文件12件。\n二、存在的不足\n执法力量不足。\n三、下一步打算\n继续推进。';

describe('a report dated early in the year after the one it reports on', () => {
  it('reads 2024 from a 述法 report whose date line under its author says (2025年1月)', () => {
    const a = analyzeReport(
      `临河县石桥乡党委书记 王明\n(2025年1月)\n2024年以来,石桥乡党委、政府坚持以习近平法治思想为指导,认真落实县委关于法治建设的各项部署,推动依法治乡工作不断深入,现将本人履行推进法治建设第一责任人职责情况述法如下:${body}`,
    );
    expect(a.year).toMatchObject({ value: 2024, tentative: false });
    expect(a.unit).toMatchObject({ name: '石桥乡' });
  });

  it('reads 2024 from a date line in Chinese numerals (二〇二五年一月) over 2024年以来', () => {
    const a = analyzeReport(`石桥乡党委书记述职述法报告\n二〇二五年一月\n2024年以来，我乡坚持依法行政。${body}`);
    expect(a.year).toMatchObject({ value: 2024 });
  });

  it('reads 2024, tentatively, from a date in brackets ending the title when nothing else names a year', () => {
    const a = analyzeReport(`石桥乡党委书记述法报告（2025年1月10日）\n一年来，我乡坚持依法行政。${body}`);
    expect(a.year).toMatchObject({ value: 2024, tentative: true });
  });

  it('keeps the year of a date line written late in the year it reports on', () => {
    const a = analyzeReport(`石桥乡党委书记述法报告\n（2024年12月）\n一年来，我乡坚持依法行政。${body}`);
    expect(a.year).toMatchObject({ value: 2024 });
  });

  it('keeps a date inside a section as an event’s, not the date written', () => {
    const a = analyzeReport(
      `石桥乡人民政府关于2024年法治政府建设情况的报告\n2024年，我乡坚持依法行政。\n一、主要举措\n（一）开展专题学法\n2025年1月\n召开专题学法会。${body}`,
    );
    expect(a.year).toMatchObject({ value: 2024 });
    expect(a.yearCandidates.find((c) => c.value === 2024)?.confidence).toBeGreaterThan(0.8);
  });
});
