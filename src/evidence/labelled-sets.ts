/**
 * The labelled sets besides the seeds, folders of test/fixtures: all of them tuning data now
 * (docs/evaluation.md). Leave-one-report-out and `--cross` run over the seeds and these
 * (src/cli/evaluate-matching.ts), the shipped examples are written from them, and the golden guard
 * (scripts/pipeline-golden.ts) reads them; any other frozen folder — a held-out set being labelled
 * or measured (frozen sets 18 and 19, the next ones; sets 16 and 17 were read once at fb4bcb8 and are tuning data since matcher18) — is never read by either, nor by the unit/year
 * guard (test/unit/analysis/unit-year-confident-wrong-guard.test.ts), which reads these too.
 */
export const LABELLED_SETS = [
  'frozen',
  'frozen-2',
  'frozen-3',
  'frozen-4',
  'frozen-5',
  'frozen-6',
  'frozen-7',
  'frozen-8',
  'frozen-9',
  'frozen-10',
  'frozen-11',
  'frozen-12',
  'frozen-13',
  'frozen-14',
  'frozen-15',
  'frozen-16',
  'frozen-17',
] as const;
