/**
 * `npm run -s analyze -- FILE [--unit NAME] [--year N] [--json] [--require-unit]`: analyses one
 * report file and prints its unit, year, sections, claims and numbers (JSON or a readable
 * summary). A unit or year that cannot be determined is printed as null with the reason, and
 * everything else is still printed. Exit code 2 with a one-line error for an unreadable, empty
 * or non-text file, or — with `--require-unit`, for a caller that needs a unit, as ingest does —
 * when no unit was given or determined, or only tentatively (a low-confidence reading, which ingest does not store).
 */
import { Command } from 'commander';
import { parseCommandLine, parseYearOption } from './command-line';
import { readFile, stat } from 'fs/promises';
import { join } from 'node:path';
import { assessReportText } from '../pipeline/report-pipeline';
import type { AssessmentResult } from '../assessment/types';
import { formatChecklistErrors, loadChecklistFile } from '../checklist/checklist-file';
import { withShippedExamples } from '../checklist/examples-file';
import { decodeReportBytes } from '../documents/decode';
import { extractInWorker } from '../documents/extract-pool';
import { ConfigError, loadConfig, type DocumentLimits } from '../config';
import { MAX_DOCUMENT_BYTES } from '../pipeline/ingest-document';
import type { ProposedLink } from '../evidence/types';
import { analyzeReport, checkText } from '../reading';
import { projectRoot } from '../common/project-root';
import type { Polarity, ReportAnalysis } from '../reading';

/** Where the command writes (process.stdout / process.stderr, or a buffer in tests). */
export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** Exit code for bad input, or for an undeterminable unit under --require-unit. */
export const EXIT_INPUT = 2;

interface Options {
  unit?: string;
  requireUnit?: boolean;
  year?: string;
  json?: boolean;
  /** a path, or false with --no-checklist */
  checklist?: string | false;
}

const DEFAULT_CHECKLIST = join(projectRoot(), 'seeds', 'checklist.yaml');

/**
 * Decodes a text file's bytes (UTF-8 with or without BOM, UTF-16, GB18030/GBK — see
 * src/documents/decode.ts); null when they are no text.
 */
export function decodeText(bytes: Uint8Array): string | null {
  const decoded = decodeReportBytes(bytes);
  return decoded.ok ? decoded.text : null;
}

/** Evidence links, item results and coverage against a checklist (same pipeline as stored assessments). */
export interface EvidenceSummary {
  links: ProposedLink[];
  result: AssessmentResult;
}

/** The JSON document of the command. */
export function toJsonDocument(a: ReportAnalysis, evidence?: EvidenceSummary): object {
  const reason = (code: string): string | undefined => a.errors.find((e) => e.code === code)?.message;
  return {
    unit: a.unit && {
      name: a.unit.name,
      level: a.unit.level,
      confidence: a.unit.confidence,
      reason: a.unit.reason,
      known: a.unit.known,
      tentative: a.unit.tentative,
      evidence: a.unit.evidence,
    },
    ...(a.unit ? {} : { unitReason: reason('UNIT_NOT_DETECTED') }),
    year: a.year && { value: a.year.value, confidence: a.year.confidence, tentative: a.year.tentative, evidence: a.year.evidence },
    ...(a.year ? {} : { yearReason: reason('YEAR_NOT_DETECTED') }),
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
    ...(evidence
      ? {
          links: evidence.links.map((l) => ({
            claimId: l.claimId,
            item: l.itemCode,
            confidence: l.confidence,
            rule: l.rule,
            matched: l.matched,
          })),
          items: evidence.result.items.map((i) => ({
            code: i.code,
            status: i.status,
            flags: i.flags.map((f) => f.code),
            evidence: i.evidenceClaimIds,
            plans: i.planClaimIds,
            shortcomings: i.negativeClaimIds,
          })),
          coverage: { proposed: evidence.result.coverage.proposed, confirmed: evidence.result.coverage.confirmed },
          score: evidence.result.score,
        }
      : {}),
  };
}

/** The readable summary of the command. */
export function toSummary(file: string, a: ReportAnalysis, evidence?: EvidenceSummary): string {
  const lines: string[] = [`File: ${file}`];
  const ev = (e: { source: string; text: string; start: number; end: number }): string => `${e.source} "${e.text}" [${e.start},${e.end})`;
  if (a.unit) {
    lines.push(
      `Unit: ${a.unit.name} (${a.unit.level ?? 'unknown level'}, confidence ${a.unit.confidence}${a.unit.tentative ? ', tentative: 推定，把握较低' : ''})`,
    );
    lines.push(`  reason: ${a.unit.reason}`);
    for (const e of a.unit.evidence.slice(0, 3)) lines.push(`  evidence: ${ev(e)}`);
  } else {
    lines.push(`Unit: null — ${a.errors.find((e) => e.code === 'UNIT_NOT_DETECTED')?.message ?? '未能确定报告单位'}`);
  }
  if (a.year) {
    lines.push(`Year: ${a.year.value} (confidence ${a.year.confidence}${a.year.tentative ? ', tentative: 推定，把握较低' : ''})`);
    for (const e of a.year.evidence.slice(0, 3)) lines.push(`  evidence: ${ev(e)}`);
  } else {
    lines.push(`Year: null — ${a.errors.find((e) => e.code === 'YEAR_NOT_DETECTED')?.message ?? '未能确定报告年度'}`);
  }
  lines.push('Sections:');
  for (const s of a.sections) {
    const indent = '  '.repeat(s.level);
    lines.push(`${indent}${s.path}  ${s.kind}${s.heading ? `  ${s.heading}` : ''}`);
  }
  const count = (p: Polarity): number => a.claims.filter((c) => c.polarity === p).length;
  lines.push(`Claims: ${a.claims.length} (POSITIVE ${count('POSITIVE')}, NEGATIVE ${count('NEGATIVE')}, PLAN ${count('PLAN')})`);
  lines.push(`Metrics: ${a.metrics.length}`);
  for (const m of a.metrics) {
    lines.push(`  ${m.claimId}  ${m.metric ?? '-'} = ${m.value} ${m.unit} (${m.qualifier})  "${m.text}"`);
  }
  if (evidence) {
    const c = evidence.result.coverage.proposed;
    lines.push(`Links: ${evidence.links.length} proposed`);
    lines.push(
      `Coverage (proposed links): ${c.covered} covered + ${c.partial} partial of ${c.assessable} items (${(c.ratio * 100).toFixed(1)}%); score ${evidence.result.score.proposed.normalised}`,
    );
    for (const item of evidence.result.items) {
      const flags = item.flags.map((f) => f.code).join(',');
      const claims = [
        ...item.evidenceClaimIds,
        ...item.planClaimIds.map((id) => `plan:${id}`),
        ...item.negativeClaimIds.map((id) => `neg:${id}`),
      ];
      lines.push(`  ${item.code.padEnd(5)} ${item.status.padEnd(13)} ${claims.join(' ')}${flags ? `  [${flags}]` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Runs the analyze command with user arguments (`FILE [--unit NAME] [--year N] [--json]
 * [--require-unit]`) and returns the exit code: 0 on success (also when the unit or year is
 * null), 2 for bad input or, under --require-unit, an undeterminable unit.
 */
export async function runAnalyzeCli(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let file: string | undefined;
  let options: Options = {};
  const program = new Command()
    .name('fazhi analyze')
    .description('Analyse one annual 法治政府建设 report: unit, year, sections, claims and numbers')
    .argument('<file>', 'report: .txt (UTF-8, UTF-16, GB18030), .docx, .pdf with a text layer, or a saved .html page')
    .option('--unit <name>', 'the reporting unit (wins over detection)')
    .option('--year <n>', 'the year the report describes (wins over detection)')
    .option('--json', 'print one JSON document')
    .option('--require-unit', 'exit 2 when no unit is given or determined (for callers that need one, as ingest does)')
    .option('--checklist <file>', 'checklist file for links, item statuses and coverage', DEFAULT_CHECKLIST)
    .option('--no-checklist', 'analyse only: no links, items or coverage')
    .action((f: string, o: Options) => {
      file = f;
      options = o;
    });
  const stop = await parseCommandLine(program, argv, io, EXIT_INPUT);
  if (stop !== null) return stop;
  if (file === undefined) return EXIT_INPUT;
  const fail = (message: string): number => {
    io.stderr.write(`analyze: ${message}\n`);
    return EXIT_INPUT;
  };

  const yearOption = parseYearOption(options.year);
  if (yearOption.error) return fail(yearOption.error);
  const year: number | undefined = yearOption.year;
  // the budgets of the server's ingest (README "Limits"; MAX_DOCX_UNCOMPRESSED_BYTES, EXTRACT_TIMEOUT_MS …)
  let limits: DocumentLimits;
  try {
    limits = loadConfig().documentLimits;
  } catch (e) {
    if (e instanceof ConfigError) return fail(e.message);
    throw e;
  }
  const size = await stat(file)
    .then((s) => s.size)
    .catch(() => -1);
  if (size > MAX_DOCUMENT_BYTES) return fail(`${file}: the file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return fail(`cannot read ${file} (${code})`);
  }
  // read as ingest reads: in a worker thread with a memory cap and a time limit, so a zip bomb is
  // refused within those budgets instead of inflating in this process
  const extracted = await extractInWorker(bytes, file, limits);
  if (!extracted.ok) return fail(`${file}: ${extracted.message}`);
  const text = extracted.text;
  const notText = checkText(text);
  if (notText) return fail(`${file}: ${notText.message}`);

  const analysis = analyzeReport(text, { unit: options.unit, year });
  const fatal = analysis.errors.find((e) => e.code === 'EMPTY_TEXT' || e.code === 'NOT_TEXT');
  if (fatal) return fail(`${file}: ${fatal.message}`);
  const noUnit = analysis.errors.find((e) => e.code === 'UNIT_NOT_DETECTED');
  if (noUnit && options.requireUnit) return fail(`${file}: ${noUnit.message}（--unit）`);
  // as ingest: a tentative reading is not taken without the caller's word
  if (analysis.unit?.tentative && options.requireUnit) {
    return fail(`${file}: 报告单位只能推定为“${analysis.unit.name}”（把握 ${analysis.unit.confidence}）；请用 --unit 指定单位`);
  }
  let evidence: EvidenceSummary | undefined;
  if (options.checklist) {
    const loaded = loadChecklistFile(options.checklist);
    if (!loaded.checklist) return fail(formatChecklistErrors(loaded.errors).split('\n')[0] ?? '');
    // with the shipped labelled examples when they were labelled for this checklist's items
    const assessed = assessReportText(text, withShippedExamples(loaded.checklist), { unit: options.unit, year });
    evidence = { links: assessed.links, result: assessed.result };
  }
  io.stdout.write(options.json ? `${JSON.stringify(toJsonDocument(analysis, evidence), null, 2)}\n` : toSummary(file, analysis, evidence));
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
