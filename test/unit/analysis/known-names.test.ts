import { KnownNameIndex, streetStem } from '../../../src/reading/known-names';
import type { KnownUnit } from '../../../src/reading/types';

/** Every occurrence of every name, found the plain way: indexOf at every position. */
function plainHits(t: string, known: readonly KnownUnit[]): string[] {
  const out: string[] = [];
  known.forEach((u, ui) =>
    [u.name, ...u.aliases].forEach((n, ni) => {
      if (!n) return;
      for (let at = t.indexOf(n); at >= 0; at = t.indexOf(n, at + 1)) out.push(`${ui}:${ni}:${n}:${at}`);
    }),
  );
  return out.sort();
}

const known: KnownUnit[] = [
  { name: '新华街道', aliases: ['新华街', '新华路街道'] },
  { name: '新华镇', aliases: [] },
  { name: '昌新松街道', aliases: [] },
  { name: '新松街', aliases: ['新松街道'] },
  { name: '𠀋山街道', aliases: ['𠀋山'] }, // a name outside the BMP (a surrogate pair)
  { name: '江州市', aliases: ['江州'] },
  { name: '江州市', aliases: [] }, // a second unit of the same name
  { name: '', aliases: ['空名镇'] },
  { name: '新华街', aliases: [] }, // the same stem as the first unit
];

describe('KnownNameIndex (the packed lookups of the unit reading)', () => {
  const index = new KnownNameIndex(known);

  it('finds every occurrence of every name, overlapping ones and names outside the BMP included', () => {
    const text = '江州市新华街道办事处与昌新松街道、新松街道，𠀋山街道和𠀋山，空名镇，江州市江州。新华镇新华路街道';
    const hits = index.hitsIn(text).map((h) => `${h.ui}:${h.ni}:${h.n}:${h.at}`);
    expect(hits.sort()).toEqual(plainHits(text, known));
    expect(hits.length).toBeGreaterThan(15);
  });

  it('gives the first unit of a name or alias, in list order', () => {
    expect(index.exact.get('江州市')).toBe(known[5]);
    expect(index.exact.get('江州')).toBe(known[5]);
    expect(index.exact.get('新华街')).toBe(known[0]);
    expect(index.exact.get('新华路街道')).toBe(known[0]);
    expect(index.exact.get('𠀋山')).toBe(known[4]);
    expect(index.exact.get('')).toBe(known[7]);
    expect(index.exact.get('新华')).toBeUndefined();
    expect(index.exact.get('江州市市')).toBeUndefined();
  });

  it('gives the units of a 街/街道 stem, each once, in list order', () => {
    expect(streetStem('新华街道办事处')).toBe('新华');
    expect(index.byStem.get('新华')).toEqual([known[0], known[8]]);
    expect(index.byStem.get('新华路')).toEqual([known[0]]);
    expect(index.byStem.get('新松')).toEqual([known[3]]);
    expect(index.byStem.get('江州')).toBeUndefined();
  });

  it('finds nothing in a text without names, and works for an empty list', () => {
    expect(index.hitsIn('本年度依法行政工作')).toEqual([]);
    const empty = new KnownNameIndex([]);
    expect(empty.hitsIn('江州市')).toEqual([]);
    expect(empty.exact.get('江州市')).toBeUndefined();
    expect(empty.byStem.get('新华')).toBeUndefined();
  });
});
