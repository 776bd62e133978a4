/**
 * The labelled sets besides the seeds, folders of test/fixtures: all of them tuning data now
 * (docs/evaluation.md). Leave-one-report-out and `--cross` run over the seeds and these
 * (src/cli/evaluate-matching.ts), the shipped examples are written from them, and the golden guard
 * (scripts/pipeline-golden.ts) reads them; any other frozen folder — a held-out set being labelled
 * or measured (frozen sets 26 and 27, read held out in session 36, and 28, the next one; sets 24 and 25 were read once at d4c7f7b and again at 8724368, tuning data since session 36) — is never read by either, nor by the unit/year
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
  'frozen-18',
  'frozen-19',
  'frozen-20',
  'frozen-21',
  'frozen-22',
  'frozen-23',
  'frozen-24',
  'frozen-25',
] as const;
