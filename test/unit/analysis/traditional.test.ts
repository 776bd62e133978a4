/**
 * Traditional characters: a report rewritten in traditional characters (OpenCC cn → tw) reads
 * as the simplified one — same unit, year, sections, claims and numbers — with every offset
 * slicing the raw traditional text.
 */
import { Converter } from 'opencc-js';
import { analyzeReport, hasTraditional, normaliseReport, normaliseText } from '../../../src/reading';
import { SEED_FILES, SeedName, seed } from './seed-reports';

const toTraditional = Converter({ from: 'cn', to: 'tw' });

describe('traditional characters', () => {
  it.each(Object.keys(SEED_FILES) as SeedName[])('%s in traditional characters reads as the simplified report', (name) => {
    const simplified = seed(name);
    const raw = toTraditional(simplified);
    expect(raw).not.toBe(simplified);
    expect(hasTraditional(raw)).toBe(true);
    const s = analyzeReport(simplified);
    const t = analyzeReport(raw);
    expect(t.unit?.name).toBe(s.unit?.name);
    expect(t.year?.value).toBe(s.year?.value);
    expect(t.sections.map((x) => [x.path, x.kind, x.heading])).toEqual(s.sections.map((x) => [x.path, x.kind, x.heading]));
    expect(t.claims.map((c) => [c.id, c.sectionPath, c.polarity, c.text])).toEqual(
      s.claims.map((c) => [c.id, c.sectionPath, c.polarity, c.text]),
    );
    expect(t.metrics.map((m) => [m.claimId, m.metric, m.value, m.unit, m.qualifier, m.text])).toEqual(
      s.metrics.map((m) => [m.claimId, m.metric, m.value, m.unit, m.qualifier, m.text]),
    );
    // every offset slices the raw traditional text: the slice is the traditional form of the text
    for (const c of t.claims) {
      const slice = raw.slice(c.start, c.end);
      expect(hasTraditional(c.text)).toBe(false);
      expect(normaliseText(slice)).toBe(c.text);
    }
    for (const m of t.metrics) expect(normaliseText(raw.slice(m.start, m.end))).toBe(m.text);
    for (const e of [...(t.unit?.evidence ?? []), ...(t.year?.evidence ?? [])])
      expect(normaliseText(raw.slice(e.start, e.end))).toBe(e.text);
  });

  it('keeps the offset map exact, character by character', () => {
    const raw = '城南區人民政府金山街道辦事處關於2022年度法治政府建設情況的報告\n  一、主要舉措\n全年辦理案件12件。';
    const n = normaliseReport(raw);
    expect(n.text).toBe('城南区人民政府金山街道办事处关于2022年度法治政府建设情况的报告\n一、主要举措\n全年办理案件12件。');
    for (let i = 0; i < n.text.length; i += 1) {
      if (n.text[i] === '\n') expect(raw.slice(n.starts[i], n.ends[i])).toBe('\n');
      else expect(normaliseText(raw.slice(n.starts[i], n.ends[i]))).toBe(n.text[i]);
    }
    const a = analyzeReport(raw);
    expect(a.unit).toMatchObject({ name: '金山街道', level: 'STREET' });
    expect(raw.slice(a.unit!.evidence[0]?.start, a.unit!.evidence[0]?.end)).toBe('金山街道');
    expect(a.year?.value).toBe(2022);
  });

  it('leaves simplified text alone (no converter run)', () => {
    const text = seed('tanggu');
    expect(hasTraditional(text)).toBe(false);
    const n = normaliseReport(text);
    expect(normaliseReport(text).text).toBe(n.text);
  });
});
