/**
 * The benchmark corpus generator (bench/corpus.ts): the same seed gives the same corpus,
 * and the generated reports are neither copies of the seed reports nor of each other.
 */
import { buildCorpus, generateReportText, seedTexts, type Corpus } from '../../../bench/corpus';
import { analyzeReport } from '../../../src/reading';

const OPTIONS = { units: 230, years: 2, seed: 'corpus-test' };

function texts(corpus: Corpus, count: number): string[] {
  return corpus.reports.slice(0, count).map((spec) => generateReportText(corpus, spec));
}

describe('benchmark corpus', () => {
  const corpus = buildCorpus(OPTIONS);

  it('is deterministic: the same seed gives the same units, reports and texts', () => {
    const again = buildCorpus(OPTIONS);
    expect(again.units).toEqual(corpus.units);
    expect(again.reports).toEqual(corpus.reports);
    expect(texts(again, 40)).toEqual(texts(corpus, 40));
    // a report's text depends only on its unit and year, not on what was generated before
    const last = corpus.reports[corpus.reports.length - 1];
    expect(generateReportText(buildCorpus(OPTIONS), last!)).toBe(generateReportText(corpus, last!));
  });

  it('changes with the seed', () => {
    const other = buildCorpus({ ...OPTIONS, seed: 'another seed' });
    expect(other.units.map((u) => u.name)).not.toEqual(corpus.units.map((u) => u.name));
  });

  it('has the hierarchy: one district of 200 units, unique names, parents before children', () => {
    const names = corpus.units.map((u) => u.name);
    expect(new Set(names).size).toBe(names.length);
    const seen = new Set<string>();
    for (const u of corpus.units) {
      if (u.parentName !== null) expect(seen.has(u.parentName)).toBe(true);
      seen.add(u.name);
    }
    const reporting = corpus.units.filter((u) => u.level === 'STREET' || u.level === 'TOWN');
    expect(reporting).toHaveLength(OPTIONS.units);
    expect(corpus.units.filter((u) => u.parentName === corpus.matrixDistrict)).toHaveLength(200);
    expect(corpus.years).toEqual([2021, 2022]);
    // most, not all, units report each year
    for (const year of corpus.years) {
      const n = corpus.reports.filter((r) => r.year === year).length;
      expect(n).toBeGreaterThan(OPTIONS.units * 0.8);
      expect(n).toBeLessThan(OPTIONS.units);
    }
  });

  it('generates texts that differ from the seed reports and from each other', () => {
    const generated = texts(corpus, 60);
    const seeds = seedTexts();
    const seedLines = new Set(seeds.flatMap((s) => s.split(/\r?\n/).map((l) => l.trim())).filter((l) => l.length > 20));
    for (const text of generated) {
      expect(seeds).not.toContain(text);
      // recombined and varied, not copied: some long lines appear in no seed report
      const lines = text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l.length > 20);
      expect(lines.filter((l) => !seedLines.has(l)).length).toBeGreaterThan(lines.length / 4);
    }
    expect(new Set(generated).size).toBe(generated.length);
  });

  it('writes each report for its unit and year, with the sections the analyser expects', () => {
    for (const spec of corpus.reports.slice(0, 20)) {
      const text = generateReportText(corpus, spec);
      expect(text).toContain(spec.unit);
      expect(text).toContain(`${spec.year}年`);
      const analysis = analyzeReport(text, { unit: spec.unit, year: spec.year });
      expect(analysis.errors).toEqual([]);
      const kinds = new Set(analysis.sections.map((s) => s.kind));
      expect(kinds.has('ACHIEVEMENT')).toBe(true);
      expect(kinds.has('PLAN')).toBe(true);
      expect(analysis.claims.length).toBeGreaterThan(10);
    }
  });
});
