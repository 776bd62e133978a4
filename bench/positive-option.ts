import { InvalidArgumentError } from 'commander';

/** `--name N` from the command line as a positive whole number, or `fallback` when absent (the small benches' one option kind). */
export function positiveOption(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const n = Number(process.argv[at + 1]);
  if (!Number.isFinite(n) || n < 1) throw new Error(`${name}: a positive number`);
  return Math.floor(n);
}

/** A commander option parser: a whole number ≥ 1 (the scripts over a kept database). */
export function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expects a whole number ≥ 1, got ${value}`);
  return n;
}
