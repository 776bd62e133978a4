/**
 * The seed reports rewritten as other units in other years (金山街道, 城关镇, 石桥乡,
 * 新华路街街道 …, with the title shapes of real reports): detection must be right on at least
 * 95 % of them, with nothing given to the analyser.
 */
import { loadSeedSources } from '../../../src/cli/evaluate-unit-year';
import {
  REWRITE_TARGETS,
  TITLE_SHAPES,
  rewriteReport,
  rewrittenCases,
  scoreUnitYear,
  unitMatches,
} from '../../../src/reading/unit-year-eval';

const sources = loadSeedSources();

describe('the rewriter', () => {
  const cases = rewrittenCases(sources);

  it('makes every seed × target, deterministically', () => {
    expect(cases).toHaveLength(sources.length * REWRITE_TARGETS.length);
    expect(rewrittenCases(sources).map((c) => c.text)).toEqual(cases.map((c) => c.text));
    expect(new Set(cases.map((c) => c.expected.year)).size).toBeGreaterThanOrEqual(5);
  });

  it('leaves none of the old unit, its superiors or its years behind', () => {
    const old = /万兴|王顶堤|稷下|塘沽|胡家园|南开|滨海|临淄|天津|淄博|山东/u;
    for (const c of cases) expect(old.exec(c.text)).toBeNull();
    const jixia = sources.find((s) => s.unit.name === '稷下街道')!;
    const rw = rewriteReport(jixia.text, jixia.unit, jixia.year, REWRITE_TARGETS[1]!, 2020, 'AS_IS');
    expect(rw.text).toContain('城关镇2020年法治政府建设年度报告');
    expect(rw.text).toContain('平安城关 法治城关');
    expect(rw.text).not.toMatch(/2023\s*年|2024\s*年/u);
    expect(rw.text).toMatch(/2021\s*年推/u); // the plan year moves with it
    expect(rw.text).not.toContain('街道');
  });

  it('writes the title shapes of real reports', () => {
    const wanxing = sources.find((s) => s.unit.name === '万兴街')!;
    const t = (shape: (typeof TITLE_SHAPES)[number], target = REWRITE_TARGETS[0]): string =>
      rewriteReport(wanxing.text, wanxing.unit, wanxing.year, target!, 2021, shape).text.split('\n')[0]!;
    expect(t('GOVERNMENT_OFFICE')).toBe('城南区人民政府金山街道办事处关于2021年度法治政府建设情况的报告');
    expect(t('PARTY_AND_OFFICE')).toBe('中共金山街道工作委员会 金山街道办事处关于2021年法治政府建设工作情况的报告');
    expect(t('PARTY_AND_OFFICE', REWRITE_TARGETS[1])).toBe('中共城关镇委员会 城关镇人民政府关于2021年法治政府建设工作情况的报告');
    expect(t('NAME_AND_YEAR', REWRITE_TARGETS[3])).toBe('新华路街街道2021年度法治政府建设情况报告');
    expect(t('SPLIT_TITLE', REWRITE_TARGETS[1])).toBe('安平县城关镇人民政府');
    expect(t('ADDRESSED', REWRITE_TARGETS[1])).toBe('县委、县政府：');
    expect(t('ADDRESSED')).toBe('区委、区政府：');
    const split = rewriteReport(wanxing.text, wanxing.unit, wanxing.year, REWRITE_TARGETS[0]!, 2021, 'SPLIT_TITLE').text;
    expect(split.split('\n').slice(0, 2)).toEqual(['城南区人民政府金山街道办事处', '关于2021年度法治政府建设情况的报告']);
  });

  it('writes a page in traditional characters that the analyser reads back', () => {
    const wanxing = sources.find((s) => s.unit.name === '万兴街')!;
    const rw = rewriteReport(wanxing.text, wanxing.unit, wanxing.year, REWRITE_TARGETS[1]!, 2021, 'TRADITIONAL');
    expect(rw.text).toContain('城關鎮');
    expect(rw.text).not.toContain('城关镇');
    expect(scoreUnitYear([{ id: 'tw', text: rw.text, expected: rw.expected }]).both).toBe(1);
  });

  it('uses every title shape', () => {
    expect(new Set(cases.map((c) => /\((\w+)\)$/u.exec(c.id)?.[1]))).toEqual(new Set(TITLE_SHAPES));
  });

  it('detection is right on at least 95 % of the rewritten reports (unit and year)', () => {
    const score = scoreUnitYear(cases);
    const misses = score.outcomes.filter((o) => !o.unitRight || !o.yearRight).map((o) => o.id);
    // the floor; `npm run -s evaluate:unit-year` prints the figure and the misses
    if (score.both < 0.95) throw new Error(`right on ${score.both} of the rewritten reports; misses: ${misses.join('; ')}`);
    expect(score.reports).toBe(cases.length);
  });
});

describe('unitMatches', () => {
  const expected = { unit: '新华路街街道', unitLevel: 'STREET' as const, aliases: ['新华路街'], year: 2022 };
  it('accepts the name, an alias, or the same level and stem', () => {
    expect(unitMatches(expected, { name: '新华路街街道', level: 'STREET' })).toBe(true);
    expect(unitMatches(expected, { name: '新华路街', level: 'STREET' })).toBe(true);
    expect(unitMatches({ ...expected, unit: '金山街道', aliases: [] }, { name: '金山街', level: 'STREET' })).toBe(true);
  });
  it('refuses a wrongly cut name, another level, another unit and a missing one', () => {
    expect(unitMatches({ ...expected, aliases: [] }, { name: '新华路街', level: 'STREET' })).toBe(false);
    expect(unitMatches({ ...expected, unit: '金山街道', aliases: [] }, { name: '金山镇', level: 'TOWN' })).toBe(false);
    expect(unitMatches(expected, { name: '和平区', level: 'DISTRICT' })).toBe(false);
    expect(unitMatches(expected, null)).toBe(false);
    expect(unitMatches({ ...expected, unit: null }, null)).toBe(true);
  });
});
