/**
 * The guard over the labelled tuning data: frozen sets 1–10 (all of them tuning data for unit and year now) and the seeds
 * rewritten as other units. A unit read with confidence and wrong is what ingest would store under another unit — worse
 * than a tentative reading, which it refuses — so there must be none. A held-out set (frozen-11, being labelled) is never
 * read here: the sets are named one by one, never listed.
 */
import { join } from 'path';
import { evaluateUnitYear, loadFrozenCases } from '../../../src/cli/evaluate-unit-year';
import { scoreUnitYear, type UnitYearScore } from '../../../src/reading/unit-year-eval';
import { projectRoot } from '../../../src/common/project-root';

const TUNING_SETS = ['frozen', 'frozen-2', 'frozen-3', 'frozen-4', 'frozen-5', 'frozen-6', 'frozen-7', 'frozen-8', 'frozen-9', 'frozen-10'];

const confidentlyWrong = (s: UnitYearScore): string[] =>
  s.outcomes.filter((o) => o.detectedUnit !== null && !o.unitRight && !o.unitTentative).map((o) => `${o.id}: ${o.detectedUnit}`);

describe('no unit read with confidence and wrong on the tuning data', () => {
  it.each(TUNING_SETS)('%s', async (set) => {
    const { cases, problems } = await loadFrozenCases(join(projectRoot(), 'test', 'fixtures', set));
    expect(problems).toEqual([]);
    expect(cases.length).toBeGreaterThan(30);
    const score = scoreUnitYear(cases);
    expect(confidentlyWrong(score)).toEqual([]);
    expect(score.confidentWrong).toBe(0);
  });

  it('the seeds rewritten as other units', async () => {
    const { rewrittenSeeds } = await evaluateUnitYear(join(projectRoot(), 'test', 'fixtures', 'nowhere'));
    expect(rewrittenSeeds.reports).toBe(50);
    expect(confidentlyWrong(rewrittenSeeds)).toEqual([]);
  });
});
