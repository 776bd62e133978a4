/**
 * `npm run -s analyze -- FILE [--unit NAME] [--year N] [--json]`: analyses one report file and
 * prints its unit, year, sections, claims and numbers (JSON or a readable summary). Exit code
 * 2 with a one-line error for an unreadable, empty or non-text file, or when the unit or year
 * can't be determined and wasn't given.
 */
import { Command, CommanderError } from 'commander';
import { readFile } from 'fs/promises';
import { analyzeReport, checkText } from '../reports/analysis';
import type { Polarity, ReportAnalysis } from '../reports/analysis';

/** Where the command writes (process.stdout / process.stderr, or a buffer in tests). */
export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** Exit code for bad input or an undeterminable unit/year. */
export const EXIT_INPUT = 2;

interface Options {
  unit?: string;
  year?: string;
  json?: boolean;
}

/**
 * Decodes a file's bytes: UTF-8 (with or without BOM; a character cut at the very end is
 * dropped), UTF-16 with a BOM, else GB18030.
 * Returns null when the bytes are no text in any of these.
 */
export function decodeText(bytes: Uint8Array): string | null {
  const attempt = (encoding: string, data: Uint8Array): string | null => {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(data);
    } catch {
      return null;
    }
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return attempt('utf-8', bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return attempt('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return attempt('utf-16be', bytes.subarray(2));
  if (bytes.includes(0)) return null;
  return attempt('utf-8', bytes) ?? attempt('utf-8', withoutCutCharacter(bytes)) ?? attempt('gb18030', bytes);
}

/** Drops an incomplete UTF-8 sequence at the very end (a file cut inside a character). */
function withoutCutCharacter(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= 3 && back <= bytes.length; back += 1) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const needed = (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 1;
    return needed > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}

/** The JSON document of the command. */
export function toJsonDocument(a: ReportAnalysis): object {
  return {
    unit: a.unit && { name: a.unit.name, confidence: a.unit.confidence, evidence: a.unit.evidence },
    year: a.year && { value: a.year.value, confidence: a.year.confidence, evidence: a.year.evidence },
    sections: a.sections.map(({ path, heading, kind, start, end }) => ({ path, heading, kind, start, end })),
    claims: a.claims.map(({ id, sectionPath, polarity, start, end, text }) => ({
      id,
      sectionPath,
      polarity,
      start,
      end,
      text,
    })),
    metrics: a.metrics.map(({ claimId, metric, value, unit, qualifier, start, end, text }) => ({
      claimId,
      metric,
      value,
      unit,
      qualifier,
      start,
      end,
      text,
    })),
  };
}

/** The readable summary of the command. */
export function toSummary(file: string, a: ReportAnalysis): string {
  const lines: string[] = [`File: ${file}`];
  const ev = (e: { source: string; text: string; start: number; end: number }): string =>
    `${e.source} "${e.text}" [${e.start},${e.end})`;
  if (a.unit) {
    lines.push(`Unit: ${a.unit.name} (${a.unit.level ?? 'unknown level'}, confidence ${a.unit.confidence})`);
    for (const e of a.unit.evidence.slice(0, 3)) lines.push(`  evidence: ${ev(e)}`);
  }
  if (a.year) {
    lines.push(`Year: ${a.year.value} (confidence ${a.year.confidence})`);
    for (const e of a.year.evidence.slice(0, 3)) lines.push(`  evidence: ${ev(e)}`);
  }
  lines.push('Sections:');
  for (const s of a.sections) {
    const indent = '  '.repeat(s.level);
    lines.push(`${indent}${s.path}  ${s.kind}${s.heading ? `  ${s.heading}` : ''}`);
  }
  const count = (p: Polarity): number => a.claims.filter((c) => c.polarity === p).length;
  lines.push(
    `Claims: ${a.claims.length} (POSITIVE ${count('POSITIVE')}, NEGATIVE ${count('NEGATIVE')}, PLAN ${count('PLAN')})`,
  );
  lines.push(`Metrics: ${a.metrics.length}`);
  for (const m of a.metrics) {
    lines.push(`  ${m.claimId}  ${m.metric ?? '-'} = ${m.value} ${m.unit} (${m.qualifier})  "${m.text}"`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Runs the analyze command with user arguments (`FILE [--unit NAME] [--year N] [--json]`)
 * and returns the exit code: 0 on success, 2 for bad input or an undeterminable unit/year.
 */
export async function runAnalyzeCli(
  argv: string[],
  io: CliIO = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let file: string | undefined;
  let options: Options = {};
  const program = new Command()
    .name('analyze')
    .description('Analyse one annual 法治政府建设 report: unit, year, sections, claims and numbers')
    .argument('<file>', 'report text file (UTF-8, UTF-16 with BOM, or GB18030)')
    .option('--unit <name>', 'the reporting unit (wins over detection)')
    .option('--year <n>', 'the year the report describes (wins over detection)')
    .option('--json', 'print one JSON document')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
    })
    .action((f: string, o: Options) => {
      file = f;
      options = o;
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : EXIT_INPUT;
    }
    throw e;
  }
  if (file === undefined) return EXIT_INPUT;
  const fail = (message: string): number => {
    io.stderr.write(`analyze: ${message}\n`);
    return EXIT_INPUT;
  };

  let year: number | undefined;
  if (options.year !== undefined) {
    if (!/^\d{4}$/u.test(options.year.trim())) return fail(`--year must be a four-digit year, got "${options.year}"`);
    year = Number(options.year.trim());
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return fail(`cannot read ${file} (${code})`);
  }
  const text = decodeText(bytes);
  if (text === null) return fail(`${file} is not a text file`);
  const notText = checkText(text);
  if (notText) return fail(`${file}: ${notText.message}`);

  const analysis = analyzeReport(text, { unit: options.unit, year });
  const fatal = analysis.errors.find((e) => e.code === 'EMPTY_TEXT' || e.code === 'NOT_TEXT');
  if (fatal) return fail(`${file}: ${fatal.message}`);
  const missing = analysis.errors.filter((e) => e.code === 'UNIT_NOT_DETECTED' || e.code === 'YEAR_NOT_DETECTED');
  if (missing.length > 0) {
    const what = missing.map((e) => (e.code === 'UNIT_NOT_DETECTED' ? 'unit (give --unit)' : 'year (give --year)'));
    return fail(`${file}: could not determine the ${what.join(' or the ')}`);
  }
  io.stdout.write(options.json ? `${JSON.stringify(toJsonDocument(analysis), null, 2)}\n` : toSummary(file, analysis));
  return 0;
}

if (require.main === module) {
  runAnalyzeCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`analyze: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
