/**
 * A unit named in its report's title and registered is read, not guessed, even when the body speaks of itself with
 * another level's words (a 镇's report saying 全街 and 留区 after a template written for a 街道 or a 区): ingest
 * refuses a tentative unit, so such a reading must not be tentative. A guess stays one. Every text is invented.
 */
import { analyzeReport } from '../../../src/reading';
import type { KnownUnit } from '../../../src/reading/types';

const KNOWN: KnownUnit[] = [
  { name: '青禾县', aliases: [] },
  { name: '柳塘镇', aliases: [] },
  { name: '石门镇', aliases: [] },
];

const body =
  '今年，在县委、县政府的坚强领导下，柳塘镇深入学习贯彻习近平法治思想。现将2024年度法治政府建设情况报告如下：\n' +
  '一、主要举措\n（一）普及宪法知识\n组织开展“12·4国家宪法日”宣传活动，在全街范围内形成学习宪法的浓厚氛围。\n' +
  '（二）优化营商环境\n开展政策宣讲200余次，成功留区4家企业。全街共组织普法宣传活动26次，全区累计服务群众3000余人次。\n' +
  '二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('a registered unit named in the title while the body speaks with another level’s words', () => {
  it('is the unit, not tentative, with no 把握较低 in its reason', () => {
    const a = analyzeReport(`柳塘镇关于2024年度法治政府建设情况的报告\n${body}`, { knownUnits: KNOWN });
    expect(a.unit).toMatchObject({ name: '柳塘镇', level: 'TOWN', tentative: false });
    expect(a.unit!.reason).not.toContain('把握较低');
    expect(a.year?.value).toBe(2024);
  });

  it('stays tentative when another unit of its level is named in the title too', () => {
    const a = analyzeReport(`柳塘镇、石门镇关于2024年度法治政府建设情况的报告\n${body}`, { knownUnits: KNOWN });
    expect(a.unit).toMatchObject({ name: '柳塘镇', tentative: true });
    expect(a.unit!.reason).toContain('把握较低');
  });

  it('stays tentative when the name is not registered', () => {
    const a = analyzeReport(`柳塘镇关于2024年度法治政府建设情况的报告\n${body}`, { knownUnits: [{ name: '青禾县', aliases: [] }] });
    expect(a.unit).toMatchObject({ name: '柳塘镇', tentative: true });
  });
});
