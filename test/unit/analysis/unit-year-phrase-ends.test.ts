/**
 * Phrases read as names: a time ending in 以来 run into the level word (2025年以来街道深入…) and a stem of four characters or
 * more ending in a conjunction (决策部署和街道党工委, 坚强领导和区) are no units; a name of two or three characters ending in 和
 * (东和镇, 石云和街道) still is. Every name and text is invented.
 */
import { analyzeReport } from '../../../src/reading';

const body =
  '\n一、主要举措\n（一）加强组织领导\n全年集体学法6次。\n（二）推进依法行政\n全年审核规范性文件12件。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';
const names = (text: string): string[] => analyzeReport(text).unitCandidates.map((c) => c.name);

describe('以来 ends a time, never starts a name', () => {
  it('reads no 以来街道 from a time run into the level word', () => {
    expect(names(`2025年以来街道深入学习贯彻习近平法治思想，全年开展普法活动12场。${body}`)).not.toContain('以来街道');
  });

  it('reads the name after 以来 when one follows', () => {
    const a = analyzeReport(`石桥街道2025年法治政府建设情况报告\n2025年以来石桥街道深入学习贯彻习近平法治思想。${body}`);
    expect(a.unit).toMatchObject({ name: '石桥街道', tentative: false });
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('以来石桥街道');
  });
});

describe('a stem ending in a conjunction is a phrase', () => {
  it('reads no 决策部署和街道 beside its organ, nor 坚强领导和区', () => {
    const found = names(
      `2025年，在区委、区政府的坚强领导和区司法局的指导下，石桥街道紧扣区委、区政府决策部署和街道党工委、办事处中心工作，推进依法行政。${body}`,
    );
    expect(found).toContain('石桥街道');
    expect(found).not.toContain('决策部署和街道');
    expect(found).not.toContain('坚强领导和区');
  });

  it('still reads a name of two or three characters ending in 和', () => {
    const a = analyzeReport(`东和镇2024年法治政府建设情况报告\n2024年，东和镇坚持依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '东和镇', level: 'TOWN', tentative: false });
    const b = analyzeReport(`2024年，石云和街道坚持依法行政，全街道开展普法活动12场。石云和街道党工委召开会议3次。${body}`);
    expect(b.unit).toMatchObject({ name: '石云和街道', level: 'STREET' });
  });
});
