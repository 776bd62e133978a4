/** The five real reports, read verbatim from seeds/reports at test time. */
import { readFileSync } from 'fs';
import { join } from 'path';

const DIR = join(__dirname, '..', '..', '..', 'seeds', 'reports');

export const SEED_FILES = {
  wanxing: '000_6e4407ce581485da.txt',
  wangdingdi: '001_84781cc4d090b840.txt',
  jixia: '002_d696e94e7c632d16.txt',
  tanggu: '003_7e2c2bf165e90f1b.txt',
  hujiayuan: '004_744dcdb32919324b.txt',
} as const;

export type SeedName = keyof typeof SEED_FILES;

/** Raw text of one seed report, exactly as stored. */
export function seed(name: SeedName): string {
  return readFileSync(join(DIR, SEED_FILES[name]), 'utf8');
}

/** Start of a distinctive snippet in the raw text; fails loudly when absent or ambiguous. */
export function at(raw: string, snippet: string): number {
  const i = raw.indexOf(snippet);
  if (i < 0) throw new Error(`snippet not in text: ${snippet}`);
  if (raw.indexOf(snippet, i + 1) >= 0) throw new Error(`snippet not unique: ${snippet}`);
  return i;
}
