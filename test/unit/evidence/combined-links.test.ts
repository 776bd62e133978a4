import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadChecklistFile } from '../../../src/checklist/checklist-file';
import { withShippedExamples } from '../../../src/checklist/examples-file';
import { modelOfDefinition, proposeCombinedLinks, proposeLinks, type MatcherModel } from '../../../src/evidence/pipeline';
import { bestSimilarItem, bestSimilarity, similarities, topSimilarities } from '../../../src/evidence/similarity';
import { clausesOf } from '../../../src/evidence/clauses';
import { analyzeReport } from '../../../src/reading/analyze';

/**
 * The ingest path computes the combined links alone and skips listing the similarities of
 * claims whose best BM25 score cannot reach the threshold: it must give exactly the links of
 * the full computation.
 */

const root = join(__dirname, '..', '..', '..');
const demo = loadChecklistFile(join(root, 'seeds', 'checklist.yaml')).checklist;
if (!demo) throw new Error('seeds/checklist.yaml does not load');
const items = demo.items;
const manifest = JSON.parse(readFileSync(join(root, 'seeds', 'manifest.json'), 'utf8')) as {
  reports: Array<{ file: string; organization: string; year: number }>;
};
const reports = manifest.reports.map((r) =>
  analyzeReport(readFileSync(join(root, 'seeds', r.file), 'utf8'), { unit: r.organization, year: r.year }),
);

describe('combined links without the other signals', () => {
  it('the best score is the first similarity’s, and 0 without any item word', () => {
    let checked = 0;
    for (const a of reports) {
      for (const c of a.claims) {
        const best = similarities(c.text, items)[0]?.score ?? 0;
        expect(bestSimilarity(c.text, items)).toBe(best);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(bestSimilarity('1234，5678。', items)).toBe(0);
  });

  it('the first k similarities and the best item, claims and clauses alike, are those of the whole list', () => {
    let clauses = 0;
    for (const a of reports) {
      for (const c of a.claims) {
        const parts = clausesOf(c.text);
        clauses += parts.length;
        for (const text of [c.text, ...parts.map((p) => p.text)]) {
          const all = similarities(text, items);
          for (const k of [1, 3, 5]) expect(topSimilarities(text, items, k)).toEqual(all.slice(0, k));
          expect(bestSimilarItem(text, items)).toEqual(all[0] ? { itemCode: all[0].itemCode, score: all[0].score } : undefined);
        }
      }
    }
    expect(clauses).toBeGreaterThan(200);
    expect(bestSimilarItem('1234，5678。', items)).toBeUndefined();
  });

  const base = modelOfDefinition(demo);
  const models: Array<[string, MatcherModel]> = [
    ['the checklist’s own calibration', base],
    ['a low threshold (most claims reach it)', { ...base, threshold: 0.3 }],
    ['the similarity off', { ...base, threshold: 1 }],
    ['the shipped labelled examples', modelOfDefinition(withShippedExamples(demo))],
    ['a calibration falling with the score', { ...base, calibration: { ...base.calibration, slope: -0.1, intercept: 3 }, threshold: 0.5 }],
  ];
  it.each(models)('gives the links of proposeLinks(…).combined with %s', (_, model) => {
    let links = 0;
    for (const a of reports) {
      const expected = proposeLinks(a.claims, a.metrics, items, model).combined;
      expect(proposeCombinedLinks(a.claims, a.metrics, items, model)).toEqual(expected);
      links += expected.length;
    }
    expect(links).toBeGreaterThan(50);
  });
});
