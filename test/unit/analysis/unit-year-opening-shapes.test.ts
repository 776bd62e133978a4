/**
 * Unit detection on two opening shapes (issue 12, part 5), found among frozen set 6's misses after its single read
 * (set 6 is tuning data for unit and year from then on): a stray non-text line (a scraped table's `|`) above an
 * addressee and the opening, an opening whose subject is a zone with its 街道 or 镇 in brackets (开发区（XX街道）), and an
 * excerpt with no title or opening that names its unit only at the start of its own documents' titles.
 * Every text here is invented for its shape.
 */
import { analyzeReport } from '../../../src/reading';

const BODY =
  '\n一、主要举措和成效\n（一）加强组织领导。召开专题会议3次，研究部署法治建设工作。\n' +
  '（二）严格规范执法。全年办理行政处罚案件12件。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('a stray line of marks above the addressee and the opening', () => {
  it('the opening below it still names its subject', () => {
    const text = `|\n江州市委、市政府:\n2022年,在市委、市政府的正确领导下,青榆街道积极贯彻落实中共中央、国务院《法治政府建设实施纲要(2021-2025年)》等文件精神。现将工作推进情况报告如下:${BODY}`;
    const a = analyzeReport(text);
    expect(a.unit).toMatchObject({ name: '青榆街道', level: 'STREET' });
    expect(a.year?.value).toBe(2022);
  });
});

describe('a zone with its 街道 or 镇 in brackets as the subject', () => {
  it('开发区（XX街道） names the 街道', () => {
    const a = analyzeReport(`2022年以来,开发区（青榆街道）坚持依法行政。现报告如下:${BODY}`);
    expect(a.unit).toMatchObject({ name: '青榆街道', level: 'STREET' });
    expect(a.year?.value).toBe(2022);
  });

  it('half-width brackets and a 镇 work the same way', () => {
    const a = analyzeReport(`2023年，高新区(金桂镇)坚持依法行政。现将有关情况报告如下：${BODY}`);
    expect(a.unit).toMatchObject({ name: '金桂镇', level: 'TOWN' });
  });
});

describe('a unit named only at the start of its own documents’ titles', () => {
  const EXCERPT =
    '一、主要举措和成效\n（一）加强统筹协调。深入学习贯彻习近平法治思想，坚持依法治区、依法执政、依法行政共同推进。' +
    '通过并印发《法治政府建设实施方案（2021-2025年）》《凤山区法治社会建设实施方案（2021-2025年）》。' +
    '推动严格执法等内容写入《凤山区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》。我区召开专题会议3次。\n' +
    '（二）严格规范执法。全年办理行政处罚案件12件，我区执法水平不断提高。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

  // a name ending in 山区 is no name elsewhere in the text (山区 is a word), but at the head of a document's title it is one
  it('the text speaks as a 区 and one 区 heads its documents: that 区, with a low confidence and the reason', () => {
    const a = analyzeReport(EXCERPT);
    expect(a.unit).toMatchObject({ name: '凤山区', level: 'DISTRICT' });
    expect(a.unit!.confidence).toBeLessThan(0.5);
    expect(a.unit!.reason).toContain('文件名');
  });

  it('a 街道 citing its district’s documents is not read as the district', () => {
    const text = EXCERPT.replace(/我区/gu, '我街道');
    expect(analyzeReport(text).unit?.name ?? null).toBeNull();
  });

  it('two units of that level at the head of documents: no guess', () => {
    const text = EXCERPT.replace('《凤山区国民经济', '《金山区国民经济');
    expect(analyzeReport(text).unit?.name ?? null).toBeNull();
  });
});
