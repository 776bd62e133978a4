/** The planted copies of the bench corpus (plantReuse): what the reuse bench measures against. */
import {
  buildCorpus,
  FRESH_PARAGRAPHS,
  generateReportText,
  plantedParagraphs,
  REUSED_SHARE,
  reusesLastYear,
  sharesWith,
} from '../../../bench/corpus';

const corpus = buildCorpus({ units: 120, years: 3, seed: 'planted-test', plantReuse: true });

describe('planted copies', () => {
  it('every report carries its own paragraphs; without plantReuse none are added', () => {
    const spec = corpus.reports[0];
    const text = generateReportText(corpus, spec!).replace(/\r?\n/gu, '');
    for (const p of plantedParagraphs(corpus, spec!)) expect(text).toContain(p.text.slice(0, 20));
    const plain = buildCorpus({ units: 120, years: 3, seed: 'planted-test' });
    expect(generateReportText(plain, spec!)).not.toContain('特色工作');
  });

  it("a reusing report repeats 60% of the paragraphs the unit's report of the year before carried", () => {
    const reusing = corpus.reports.filter((r) => reusesLastYear(corpus, r.unit, r.year));
    expect(reusing.length).toBeGreaterThan(corpus.reports.length * 0.05);
    for (const spec of reusing.slice(0, 10)) {
      const now = plantedParagraphs(corpus, spec);
      const copies = now.filter((p) => p.copyOf?.kind === 'EARLIER');
      expect(copies).toHaveLength(Math.round(REUSED_SHARE * FRESH_PARAGRAPHS));
      const before = plantedParagraphs(corpus, { unit: spec.unit, year: spec.year - 1 }).map((p) =>
        p.text.replace(`${spec.year - 1}年`, `${spec.year}年`),
      );
      for (const c of copies) expect(before).toContain(c.text);
    }
  });

  it('a unit sharing paragraphs copies two of a sibling of the same year, with its own name', () => {
    const sharing = corpus.reports.filter((r) => sharesWith(corpus, r.unit, r.year) !== null);
    expect(sharing.length).toBeGreaterThan(0);
    const spec = sharing[0];
    const shared = plantedParagraphs(corpus, spec!).filter((p) => p.copyOf?.kind === 'SAME_YEAR');
    expect(shared).toHaveLength(2);
    expect(shared.every((p) => p.copyOf?.unit === sharesWith(corpus, spec!.unit, spec!.year) && p.copyOf?.year === spec?.year)).toBe(true);
  });
});
