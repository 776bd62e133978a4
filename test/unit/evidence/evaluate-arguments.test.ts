/**
 * `fazhi evaluate`'s arguments: a mistyped option (say `--held-out` for `--held-out-only`) used to be ignored and start
 * the whole leave-one-report-out run; now it is refused with a Chinese message before anything is read.
 */
import { evaluateArgumentProblem, runEvaluateCli } from '../../../src/cli/evaluate-matching';

describe('evaluate arguments', () => {
  it('accepts the documented options, with their values', () => {
    expect(evaluateArgumentProblem([])).toBeNull();
    expect(evaluateArgumentProblem(['--held-out-only', '--json', '--no-classifier'])).toBeNull();
    expect(evaluateArgumentProblem(['--cross', '--errors', '--neighbours', '12'])).toBeNull();
    expect(evaluateArgumentProblem(['--write-examples', '/tmp/examples.json', '--no-learned'])).toBeNull();
    expect(evaluateArgumentProblem(['--write-examples', '--no-learned'])).toBeNull();
  });

  it('refuses an unknown option and a missing value, naming it in Chinese', () => {
    expect(evaluateArgumentProblem(['--held-out', '--json'])).toMatch(/^不认识的参数“--held-out”/);
    expect(evaluateArgumentProblem(['--json', 'frozen-11'])).toMatch(/不认识的参数“frozen-11”/);
    expect(evaluateArgumentProblem(['--neighbours'])).toMatch(/^参数 --neighbours 后面缺少取值/);
    expect(evaluateArgumentProblem(['--neighbours', '--json'])).toMatch(/缺少取值/);
  });

  it('exits 2 on an unknown option and 0 on --help, without running an evaluation', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    try {
      expect(await runEvaluateCli(['--held-out', '--json'])).toBe(2);
      expect(err.join('')).toContain('不认识的参数“--held-out”');
      expect(await runEvaluateCli(['--help'])).toBe(0);
      expect(out.join('')).toContain('--held-out-only');
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });
});
