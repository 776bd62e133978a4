/**
 * Towns and townships whose own name ends in their level word, written with it doubled (XX镇镇, XX乡乡), as a 街道 named
 * XX街 is (XX街街道); and the rule behind them: a confident reading never cuts a level word off a name the text never
 * writes without it. Every text is invented.
 */
import { analyzeReport } from '../../../src/reading';

const body =
  '\n一、主要举措\n（一）加强组织领导\n全年集体学法6次。\n（二）推进依法行政\n全年审核规范性文件12件。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('a 镇 or 乡 whose name ends in its level word', () => {
  it('reads 柳镇镇 from `中共XX区柳镇镇委员会`, not the district and a cut name', () => {
    const a = analyzeReport(
      `中共临川区柳镇镇委员会关于2023年度法治政府建设情况的报告\n2023年，柳镇镇坚持依法行政，现将有关情况报告如下。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '柳镇镇', level: 'TOWN', tentative: false });
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('临川区柳镇');
  });

  it('reads 桥乡乡 before 人民政府', () => {
    const a = analyzeReport(`临川区桥乡乡人民政府关于2023年度法治政府建设情况的报告\n2023年，我乡坚持依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '桥乡乡', level: 'TOWN' });
  });

  it('reads 柳镇镇 as the subject of a title-less opening', () => {
    const a = analyzeReport(`2023年，柳镇镇坚持以习近平法治思想为指导，扎实推进法治政府建设。柳镇镇党委理论学习中心组集体学法6次。${body}`);
    expect(a.unit).toMatchObject({ name: '柳镇镇', level: 'TOWN' });
  });

  it('reads 柳镇镇 when running text abbreviates it to 柳镇 (a one-character stem is no name)', () => {
    const a = analyzeReport(`中共临川区柳镇镇委员会关于2023年度法治政府建设情况的报告\n2023年，柳镇坚持依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '柳镇镇', level: 'TOWN' });
  });

  it('keeps 石门镇 where the text writes it on its own beside 石门镇镇长', () => {
    const a = analyzeReport(`石门镇人民政府关于2023年度法治政府建设情况的报告\n2023年，石门镇坚持依法行政，石门镇镇长带头学法。${body}`);
    expect(a.unit).toMatchObject({ name: '石门镇', tentative: false });
  });

  it('does not read 乡乡通 or 镇镇有 as names', () => {
    const a = analyzeReport(`桂花镇人民政府关于2023年度法治政府建设情况的报告\n2023年，我镇实现乡乡通、镇镇有法律顾问。${body}`);
    expect(a.unit).toMatchObject({ name: '桂花镇' });
    expect(a.unitCandidates.map((c) => c.name).filter((n) => /乡乡|镇镇/u.test(n))).toEqual([]);
  });
});

describe('a confident reading never cuts a level word off a longer name', () => {
  it('reads 石门镇 only tentatively where every 石门镇 is followed by another 镇 that may be an organ’s', () => {
    const a = analyzeReport(`石门镇镇人民政府关于2023年度法治政府建设情况的报告\n2023年，石门镇镇党委坚持依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '石门镇', tentative: true });
    expect(a.unit?.reason).toContain('单位全称可能是“石门镇镇”');
  });

  it('never takes a district and one character before 镇 for a town’s name (临川区柳镇)', () => {
    const a = analyzeReport(`中共临川区柳镇镇委员会关于2023年度法治政府建设情况的报告\n2023年，柳镇党委坚持依法行政。${body}`);
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('临川区柳镇');
    expect(a.unit?.name === '临川区' && !a.unit.tentative).toBe(false);
  });
});
