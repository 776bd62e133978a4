/**
 * `evaluate --held-out-only` (the single read of a new frozen set without the leave-one-report-out run): it scores
 * every label file of the held-out set, as held out, with every signal beside the combined figure. No figure is
 * asserted — the held-out figure is read, never tested towards. While no held-out set is pending (`HELD_OUT_SET`
 * null, between one set's read and the next set's labels) it says so and reads nothing.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runEvaluateCli } from '../../../src/cli/evaluate-matching';

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
}, 120_000);
