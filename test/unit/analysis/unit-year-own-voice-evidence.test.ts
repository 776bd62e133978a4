/**
 * Tentative readings raised only on evidence a careful reader uses: the unit with its own government as the subject of
 * the opening sentence (2023年，青禾县人民政府坚持…), and the only recurring name of the level a text speaks as that also
 * heads the text's own documents (我县 … 《青禾县法治政府建设实施方案》 … 《2023年青禾县…工作要点》). Guards keep the
 * rest tentative or unread. Every text is invented.
 */
import { analyzeReport } from '../../../src/reading';

const tail = '\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('a unit with its own government as the opening’s subject', () => {
  it('is read, not guessed, with no title', () => {
    const a = analyzeReport(
      '2023年，青禾县人民政府坚持以习近平法治思想为指导，全面推进依法行政。\n一、主要举措\n全年审核规范性文件12件。' + tail,
    );
    expect(a.unit).toMatchObject({ name: '青禾县', level: 'DISTRICT', tentative: false });
  });

  it('also after a clause (在市委、市政府的坚强领导下，青禾区政府…)', () => {
    const a = analyzeReport(
      '2023年以来，在市委、市政府的坚强领导下，青禾区政府深入推进依法行政。\n一、主要举措\n全年审核规范性文件12件。' + tail,
    );
    expect(a.unit).toMatchObject({ name: '青禾区', tentative: false });
  });

  it('not when the sentence names a 街道 under it: that district is a superior', () => {
    const a = analyzeReport(
      '2023年，青禾区人民政府指导金山街道办事处推进法治建设，我街道全年办理案件12件。\n一、主要举措\n我街道审核合同30件。' + tail,
    );
    expect(a.unit?.name).not.toBe('青禾区');
  });
});

describe('the only recurring name of the text’s level that heads its own documents', () => {
  const own =
    '2023年，我县坚持以习近平法治思想为指导，全面推进依法行政。\n一、主要举措\n（一）健全制度\n' +
    '制定《青禾县法治政府建设实施方案（2023—2025年）》，印发《2023年青禾县法治政府建设工作要点》。我县全年审核规范性文件12件。';

  it('is read, not guessed, and the reason says why', () => {
    const a = analyzeReport(own + tail);
    expect(a.unit).toMatchObject({ name: '青禾县', level: 'DISTRICT', tentative: false });
    expect(a.unit!.reason).toContain('本级文件名的开头');
    expect(a.unit!.reason).toContain('“我县”');
  });

  it('stays tentative when the name recurs but heads no document', () => {
    const a = analyzeReport(
      '2023年，我县坚持依法行政。\n一、主要举措\n青禾县司法局开展普法12次，青禾县综合执法大队开展检查30次。我县审核文件12件。' + tail,
    );
    expect(a.unit).toMatchObject({ name: '青禾县', tentative: true });
  });

  it('stays tentative when another name of the level heads a document too', () => {
    const a = analyzeReport(`${own}学习借鉴《石门县法治政府建设经验汇编》。${tail}`);
    expect(a.unit?.tentative ?? true).toBe(true);
  });

  it('not for a city: a county-level city cites its prefecture’s documents', () => {
    const a = analyzeReport(
      '2023年，我市坚持依法行政。\n一、主要举措\n落实《景州市法治政府建设实施方案》和《2023年景州市法治政府建设工作要点》，景州市委依法治市办督导。' +
        tail,
    );
    expect(a.unit?.tentative ?? true).toBe(true);
  });
});
