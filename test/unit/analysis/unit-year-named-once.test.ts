/**
 * A title-less text that names its unit once: as the subject of its opening sentence (`2024年，XX镇坚持…`, `今年以来，XX乡…`,
 * `2023年是…之年，XX镇在…`) or once in its body. A careful reader takes that name, but not with confidence: the
 * reading is tentative, with a reason saying it rests on one mention, unless more evidence names it (a title, the name
 * said again). Every text and name is invented.
 */
import { analyzeReport } from '../../../src/reading';

const body =
  '\n一、主要举措\n（一）加强组织领导\n全年集体学法6次。\n（二）推进依法行政\n全年审核规范性文件12件。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('a unit named once, as the subject of a title-less opening', () => {
  it('reads `YYYY年，XX镇坚持…` tentatively, saying why', () => {
    const a = analyzeReport(`2024年，石岭镇坚持以习近平法治思想为指导，扎实推进依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '石岭镇', level: 'TOWN', tentative: true });
    expect(a.unit?.reason).toContain('只出现1次');
    expect(a.unit?.reason).toContain('把握较低');
  });

  it('reads `今年以来，XX乡…` tentatively', () => {
    const a = analyzeReport(`今年以来，青溪乡在县委、县政府的正确领导下，全面推进依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '青溪乡', tentative: true });
  });

  it('reads the subject after `YYYY年是…之年，`, tentatively', () => {
    const a = analyzeReport(`2023年是全面贯彻党的二十大精神的开局之年，东岭镇在县委、县政府的坚强领导下，扎实推进法治政府建设。${body}`);
    expect(a.unit).toMatchObject({ name: '东岭镇', level: 'TOWN', tentative: true });
    expect(a.unit?.reason).toContain('开头');
  });

  it('reads the subject after a year clause quoting a plan with years in brackets', () => {
    const a = analyzeReport(
      `2025年是《法治政府建设实施纲要（2021-2025年）》收官之年，东岭镇在市委、市政府的正确领导下，持续推进依法行政。${body}`,
    );
    expect(a.unit).toMatchObject({ name: '东岭镇', tentative: true });
  });

  it('reads it with confidence when the text names it again', () => {
    const a = analyzeReport(
      `2024年，石岭镇坚持以习近平法治思想为指导，扎实推进依法行政。\n一、主要举措\n石岭镇全年集体学法6次，石岭镇党委理论学习中心组专题学法4次。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。`,
    );
    expect(a.unit).toMatchObject({ name: '石岭镇', tentative: false });
  });

  it('reads it with confidence when the text speaks as a 镇 (全镇, its bare 镇党委)', () => {
    for (const voice of ['全镇法治氛围日益浓厚', '镇党委理论学习中心组专题学法4次']) {
      const a = analyzeReport(`2023年是开局之年，东岭镇在县委、县政府的坚强领导下，扎实推进法治政府建设。${voice}。${body}`);
      expect(a.unit).toMatchObject({ name: '东岭镇', tentative: false });
    }
  });

  it('reads it with confidence when the text is addressed to a superior of its level', () => {
    const a = analyzeReport(`中共溪县委员会、溪县人民政府：\n2024年，石岭镇坚持依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '石岭镇', tentative: false });
  });

  it('does not take a superior’s leadership in the same sentence, or a bare organ inside a name, for more evidence', () => {
    const a = analyzeReport(`2024年，石岭镇在县委、县政府的坚强领导下，推动各镇党委落实法治建设责任。${body}`);
    expect(a.unit).toMatchObject({ name: '石岭镇', tentative: true });
  });

  it('reads it with confidence when a title names it', () => {
    const a = analyzeReport(`石岭镇2024年法治政府建设情况报告\n2024年，石岭镇坚持依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '石岭镇', tentative: false });
  });

  it('does not take a clause `YYYY年是…之年` that names no unit for a subject', () => {
    const a = analyzeReport(`2023年是开局之年，全县上下坚持依法行政。${body}`);
    expect(a.unit).toBeNull();
  });
});

describe('a unit said once in the body of a title-less text that speaks as its level', () => {
  it('reads a name whose second character is 和 (东和镇), tentatively, with the reason', () => {
    const a = analyzeReport(
      `2024年，我镇坚持依法行政，全镇法治氛围日益浓厚。\n一、主要举措\n组织东和镇综治中心工作人员参加执法培训2次。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。`,
    );
    expect(a.unit).toMatchObject({ name: '东和镇', level: 'TOWN', tentative: true });
    expect(a.unit?.reason).toContain('仅出现1次');
  });

  it('does not read `村和镇` as a name', () => {
    const a = analyzeReport(`2024年，我镇坚持依法行政，村和镇两级综治中心实现全覆盖。${body}`);
    expect(a.unit?.name ?? '').not.toBe('村和镇');
  });
});
