import { matchesOf } from '../../../src/reading/matches';

/** What matchAll gives: the index, the match and its groups of each match. */
const viaMatchAll = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => [m.index, ...m]);
const viaMatchesOf = (re: RegExp, text: string) => matchesOf(re, text).map((m) => [m.index, ...m]);

describe('matchesOf: the matches of matchAll, read with exec from the pattern itself', () => {
  const cases: Array<[RegExp, string]> = [
    [/街道|街|镇|乡|区|县|旗|市/gu, '石门镇人民政府和南街街道、城区，全市'],
    [/(\d{1,2})[ \t]*个[ \t]*(\d+(?:\.\d+)?)[ \t]*%/g, '实现4个100%，又2 个 95.5 %'],
    [/\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?/g, '1,600人、12.5%与2024年'],
    [/(?:人民政府|政府|办事处)/gu, '没有的文本'],
    // empty matches: matchAll steps over one code unit, or one whole character in a unicode pattern
    [/x*/g, 'ax𠀀xxb'],
    [/x*/gu, 'ax𠀀xxb\ud800'],
    [/(?=年)|年/gu, '2024年𠀀年'],
    [/$/gu, ''],
  ];
  it.each(cases)('%s over %s', (re, text) => {
    expect(viaMatchesOf(re, text)).toEqual(viaMatchAll(re, text));
    expect(re.lastIndex).toBe(0);
    // again: the pattern is left ready for the next text
    expect(viaMatchesOf(re, text)).toEqual(viaMatchAll(re, text));
  });

  it('refuses a pattern that is not global, as matchAll does', () => {
    expect(() => matchesOf(/镇/u, '石门镇')).toThrow(TypeError);
    expect(() => '石门镇'.matchAll(/镇/u)).toThrow(TypeError);
  });
});
