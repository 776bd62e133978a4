/**
 * `evaluate --held-out-only` (the single read of a new frozen set without the leave-one-report-out run): it scores
 * every label file of the held-out set, as held out, with every signal beside the combined figure. No figure is
 * asserted — the held-out figure is read, never tested towards. While no held-out set is pending (`HELD_OUT_SET`
 * null, between one set's read and the next set's labels) it says so and reads nothing.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runEvaluateCli } from '../../../src/cli/evaluate-matching';
import { countingUnscoredAsMisses } from '../../../src/evidence/evaluation-suite';

interface Figures {
  reports: number;
  labelledClaims: number;
  precision: number;
  recall: number;
  f1: number;
}

it('prints the held-out set alone, all its reports scored, with each signal', async () => {
  let out = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  let code: number;
  try {
    code = await runEvaluateCli(['--held-out-only', '--json']);
  } finally {
    write.mockRestore();
  }
  expect(code).toBe(0);
  const { frozen, ...rest } = JSON.parse(out) as {
    frozen: Figures & { set: string | null; heldOut: boolean; pending?: boolean; bySignal: Record<string, Figures> };
  };
  expect(rest).toEqual({}); // no leave-one-out, no tuning sets: nothing else computed
  if (frozen.set === null) {
    // no held-out set pending (between a set's one read and the next set's labels): nothing is read
    expect(frozen).toMatchObject({ heldOut: false, pending: true, reports: 0, f1: null });
    return;
  }
  expect(frozen.heldOut).toBe(true);
  const labels = readdirSync(join(__dirname, '..', '..', 'fixtures', frozen.set, 'labels')).filter((f) => /\.(json|ya?ml)$/u.test(f));
  expect(frozen.reports).toBe(labels.length);
  expect(frozen.labelledClaims).toBeGreaterThan(labels.length);
  expect(Object.keys(frozen.bySignal).sort()).toEqual(['combined', 'examples', 'rules', 'similarity']);
  for (const f of [frozen, ...Object.values(frozen.bySignal)]) {
    expect(f.f1).toBeGreaterThan(0);
    expect(f.f1).toBeLessThanOrEqual(1);
  }
  expect(frozen.bySignal.combined!.f1).toBe(frozen.f1);
  // the labelled items no claim can carry, counted as misses: never a higher recall than as scored
  const asMisses = (frozen as unknown as { unscoredAsMisses: { unscoredLabelItems: number; precision: number; recall: number } })
    .unscoredAsMisses;
  expect(asMisses.unscoredLabelItems).toBeGreaterThanOrEqual(0);
  expect(asMisses.precision).toBe(frozen.precision);
  expect(asMisses.recall).toBeLessThanOrEqual(frozen.recall);
}, 120_000);

describe('countingUnscoredAsMisses', () => {
  it.each([
    // 8 hits, 2 false links, 2 misses scored; 4 labelled items outside every claim: precision kept, recall and F1 lower
    ['adds the labelled items no claim can carry to the misses', 4, { tp: 8, fp: 2, fn: 2 }, [6, 0.8, 0.5714, 0.6667]],
    ['leaves the figures as scored when every label is on a claim', 0, { tp: 8, fp: 2, fn: 2 }, [2, 0.8, 0.8, 0.8]],
    ['has no figure where nothing was linked or labelled', 0, { tp: 0, fp: 0, fn: 0 }, [0, null, null, null]],
  ] as const)('%s', (_name, unscored, counts, [fn, precision, recall, f1]) => {
    expect(countingUnscoredAsMisses(counts, unscored)).toEqual({ unscoredLabelItems: unscored, fn, precision, recall, f1 });
  });
});
