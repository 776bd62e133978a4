/** `--name N` from the command line as a positive whole number, or `fallback` when absent (the small benches' one option kind). */
export function positiveOption(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const n = Number(process.argv[at + 1]);
  if (!Number.isFinite(n) || n < 1) throw new Error(`${name}: a positive number`);
  return Math.floor(n);
}
