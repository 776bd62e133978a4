import fc from 'fast-check';
import { claimTokens, highlightRanges, likePattern, parseSearchQuery } from '../../../src/reading/search-query';

const parsed = (q: string) => {
  const r = parseSearchQuery(q);
  if (!r.ok) throw new Error(r.problem.code);
  return r.value;
};

describe('search query', () => {
  it('cuts Chinese terms into pairs, so word order does not matter', () => {
    expect(parsed('出庭应诉').tokens.sort()).toEqual(['出庭', '应诉']);
    expect(parsed('应诉出庭').tokens.sort()).toEqual(['出庭', '应诉']);
    expect(parsed('执法记录仪').tokens).toEqual(['执法', '记录', '录仪']);
    expect(parsed('仪').tokens).toEqual([]);
    expect(parsed('仪').literals).toEqual(['仪']);
  });

  it('keeps symbols as literal substrings and escapes them for LIKE', () => {
    expect(parsed('100%')).toMatchObject({ tokens: ['100'], literals: ['100%'] });
    expect(likePattern('100%')).toBe('%100\\%%');
    expect(likePattern('a_b\\c')).toBe('%a\\_b\\\\c%');
  });

  it('splits on spaces before normalising, and refuses empty, overlong and many-term queries', () => {
    expect(parsed('出庭 应诉').terms).toEqual(['出庭', '应诉']);
    expect(parsed('ＡＢＣ').terms).toEqual(['abc']);
    expect(parseSearchQuery('  ')).toEqual({ ok: false, problem: { code: 'EMPTY' } });
    expect(parseSearchQuery('法'.repeat(101))).toEqual({ ok: false, problem: { code: 'TOO_LONG', length: 101 } });
    expect(parseSearchQuery('法'.repeat(100)).ok).toBe(true);
    expect(parseSearchQuery('a b c d e f g h i j k')).toEqual({ ok: false, problem: { code: 'TOO_MANY_TERMS', count: 11 } });
  });

  it('indexes a claim by overlapping pairs: every query pair of a contained word is among them', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'出庭应诉执法记录仪法治宣传'), { minLength: 2, maxLength: 12 }), (chars) => {
        const text = `前言${chars.join('')}结束`;
        const word = chars.join('');
        const index = new Set(claimTokens(text));
        for (const token of parsed(word).tokens) expect(index.has(token)).toBe(true);
      }),
    );
  });

  it('highlights a term where it occurs as written, else its pieces', () => {
    const text = '主要负责人出庭应诉率100%，出庭人员培训';
    expect(highlightRanges(text, parsed('应诉出庭')).map(([a, b]) => text.slice(a, b))).toEqual(['出庭应诉', '出庭']);
    expect(highlightRanges(text, parsed('出庭应诉')).map(([a, b]) => text.slice(a, b))).toEqual(['出庭应诉']);
    expect(highlightRanges(text, parsed('100%')).map(([a, b]) => text.slice(a, b))).toEqual(['100%']);
  });
});
