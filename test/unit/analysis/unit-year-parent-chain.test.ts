/**
 * An issuer line that starts with the whole chain of its parents (中共<省><市><区><镇>委员会, <市><县><乡>人民政府,
 * <市><区><街道>办事处) names the deepest unit of the chain, even where that unit's own name ends in a character a phrase
 * ends in (进, 向, 为 …); and a name seen only as a parent of a lower unit is never read with confidence. Every name
 * and text is invented but the last test's, the labelled text that showed the shape (frozen set 12, tuning data now).
 */
import { readFile } from 'fs/promises';
import { join } from 'path';
import { projectRoot } from '../../../src/common/project-root';
import { analyzeReport } from '../../../src/reading';

const body =
  '\n一、主要举措\n（一）加强组织领导\n全年集体学法6次。\n（二）推进依法行政\n全年审核规范性文件12件。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('the deepest unit of an issuer line with its parents wins', () => {
  it('reads a 镇 headed by its party committee and government, each with province, city and district', () => {
    const a = analyzeReport(
      `中共江南省云港市东城区石进镇委员会\n江南省云港市东城区石进镇人民政府\n关于2025年度法治政府建设情况的报告\n区委、区政府：\n2025年，在区委、区政府的坚强领导下，石进镇党委、政府坚持依法行政，全年办理行政复议案件3件。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '石进镇', level: 'TOWN', tentative: false });
    expect(a.year?.value).toBe(2025);
  });

  it('reads a 乡 after its city and county (市县乡), its name ending in 为', () => {
    const a = analyzeReport(`云港市溪县义为乡人民政府关于2024年度法治政府建设情况的报告\n2024年，我乡坚持依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '义为乡', level: 'TOWN', tentative: false });
  });

  it('reads a 街道 after its city and district (区街道), its name ending in 向', () => {
    const a = analyzeReport(`云港市东城区河向街道办事处2023年法治政府建设年度报告\n2023年，我街道坚持依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '河向街道', level: 'STREET', tentative: false });
  });

  it('still reads a district whose own issuer lines name only its city above it', () => {
    const a = analyzeReport(
      `中共云港市东城区委员会\n云港市东城区人民政府\n关于2024年度法治政府建设情况的报告\n市委、市政府：\n2024年，东城区坚持依法行政，全面推进镇街综合执法改革。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '东城区', level: 'DISTRICT', tentative: false });
  });

  it('does not read a verb before 镇 after a district as a town (推进镇, 纳入镇)', () => {
    const a = analyzeReport(`云港市东城区推进镇政府依法行政工作情况的报告\n2024年，东城区坚持依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '东城区', level: 'DISTRICT' });
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('推进镇');
    const b = analyzeReport(`云港市东城区纳入镇人民政府考核的法治工作报告\n2024年，东城区坚持依法行政。${body}`);
    expect(b.unitCandidates.map((c) => c.name)).not.toContain('纳入镇');
  });

  it('does not take a phrase before 镇 in running text for a town (no parents, no issuer line)', () => {
    const a = analyzeReport(`云港市东城区2024年法治政府建设年度报告\n2024年，我区坚持依法行政，大进镇街综合执法改革稳步推进。${body}`);
    expect(a.unit).toMatchObject({ name: '东城区', level: 'DISTRICT' });
  });
});

describe('a unit named only as the parent of a lower unit is tentative', () => {
  it('reads the district tentatively, with the reason, when the lower unit of the issuer lines cannot be read', () => {
    // 在城镇: a stem with 在 or 城镇 in it is refused as a name — the district before it is only its parent
    const a = analyzeReport(
      `中共云港市东城区在城镇委员会\n云港市东城区在城镇人民政府\n关于2024年度法治政府建设情况的报告\n2024年，我们坚持依法行政，全年办理行政复议案件3件。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '东城区', level: 'DISTRICT', tentative: true });
    expect(a.unit?.reason).toContain('每次都作为上级写在下级单位或本级机关名前（如“东城区在城镇委员会”）');
  });

  it('keeps a district named on its own as well as a parent confident', () => {
    const a = analyzeReport(
      `云港市东城区人民政府关于2024年度法治政府建设情况的报告\n2024年，东城区坚持依法行政，东城区在城镇人民政府完成执法改革。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '东城区', level: 'DISTRICT', tentative: false });
  });
});

describe('the real text that showed the shape', () => {
  it('frozen set 12, 019: a 镇 headed by its issuers with the whole parent chain reads as its label', async () => {
    const dir = join(projectRoot(), 'test', 'fixtures', 'frozen-12');
    const label = JSON.parse(await readFile(join(dir, 'labels', '019_dajinzhen_2025.json'), 'utf8')) as { unit: string; year: number };
    const a = analyzeReport(await readFile(join(dir, 'texts', '019_dajinzhen_2025.txt'), 'utf8'));
    expect(a.unit).toMatchObject({ name: label.unit, level: 'TOWN', tentative: false });
    expect(a.year?.value).toBe(label.year);
  });
});
