/**
 * `npm run ingest -- PATH… [--year N] [--unit NAME] [--dry-run] [--replace]`: ingests report
 * files (.txt in any supported encoding, .docx, .pdf with a text layer, .html/.htm) and
 * folders of them (searched recursively) into the database of the environment (SQLite file
 * or DATABASE_URL, as `npm start`). Files are extracted, read and matched in worker pools (both
 * cores) and stored in batches, one write transaction per batch; a batch that fails is stored
 * again file by file, so a failing file leaves nothing behind and loses none of the others. A
 * file already in is skipped. Prints a progress bar on a terminal (plain lines
 * otherwise) and a closing table per file. Exit code 0 when every file is in, 1 when any
 * failed, 2 for bad arguments or a database without units or checklist.
 */
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { parseCommandLine, parseYearOption } from './command-line';
import type { DataSource } from 'typeorm';
import { Checklist } from '../checklist/checklist.entity';
import type { WriteLock } from '../db/write-lock';
import type { DocumentLimits } from '../config';
import { collectDocumentFiles } from '../documents/collect-files';
import { emptyRow, ingestDocumentFiles, type DocumentIngestRow, type IngestStatus } from '../pipeline/ingest-document';
import { Unit } from '../units/unit.entity';
import { openDatabase } from './open-database';
import { warmAnalysisPool } from '../pipeline/analysis-pool';
import { formatTable, truncateToWidth } from './text-table';
import { localeFromEnv, t, type Locale } from '../i18n/messages';

/** Where the command writes; `isTTY` on stderr turns the progress bar on. */
export interface IngestIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
}

/** An open database to ingest into (tests pass their own; the command opens the configured one). */
export interface IngestServices {
  dataSource: DataSource;
  lock: WriteLock;
  /** default: MAX_REPORT_BYTES of the environment (5 MB) */
  maxReportBytes?: number;
  /** who ingests, for the audit trail (default `cli:ingest`) */
  actor?: string;
  /** reports per write transaction (default DEFAULT_BATCH_SIZE of ingest.service.ts) */
  batchSize?: number;
}

/** Exit codes of the command. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

interface Options {
  year?: string;
  unit?: string;
  dryRun?: boolean;
  replace?: boolean;
}

const RESULT_WORDS: Record<Exclude<IngestStatus, 'FAILED'>, string> = {
  INGESTED: 'ingested',
  REPLACED: 'ingested (replaced the earlier report)',
  ALREADY_IN: 'already in',
  DRY_RUN: 'dry run: not stored',
};

/**
 * Runs the ingest command with user arguments and returns the exit code. Without
 * `services`, opens the database like `npm start` does (config → data source →
 * migrations) and closes it at the end.
 */
export async function runIngestCli(
  argv: string[],
  io: IngestIO = { stdout: process.stdout, stderr: process.stderr },
  services?: IngestServices,
): Promise<number> {
  let paths: string[] = [];
  let options: Options = {};
  const program = new Command()
    .name('fazhi ingest')
    .description(
      'Ingest annual 法治政府建设 reports: .txt (UTF-8, UTF-16, GB18030), .docx, .pdf with a text layer, .html/.htm; folders are searched recursively',
    )
    .argument('<paths...>', 'report files and folders')
    .option('--year <n>', 'the year the reports describe (wins over detection)')
    .option('--unit <name>', 'the reporting unit of every file (wins over detection)')
    .option('--dry-run', 'analyse and check only; store nothing')
    .option('--replace', "replace a unit's existing, different report for the same year")
    .action((p: string[], o: Options) => {
      paths = p;
      options = o;
    });
  const stop = await parseCommandLine(program, argv, io, EXIT_USAGE);
  if (stop !== null) return stop;
  const fail = (message: string): number => {
    io.stderr.write(`ingest: ${message}\n`);
    return EXIT_USAGE;
  };
  const yearOption = parseYearOption(options.year);
  if (yearOption.error) return fail(yearOption.error);
  const year: number | null = yearOption.year ?? null;

  const { files, problems } = await collectDocumentFiles(paths);
  if (files.length === 0 && problems.length === 0) return fail(`no .txt, .docx, .pdf, .html or .htm files in ${paths.join(', ')}`);

  let opened: { dataSource: DataSource; lock: WriteLock; maxReportBytes: number; documentLimits: DocumentLimits } | null = null;
  if (!services) {
    // the pool's workers load their modules and jieba while this thread opens the database and reads the units
    if (files.length > 0) warmAnalysisPool();
    try {
      const db = await openDatabase();
      opened = {
        dataSource: db.dataSource,
        lock: db.lock,
        maxReportBytes: db.config.maxReportBytes,
        documentLimits: db.config.documentLimits,
      };
    } catch (e) {
      return fail(e instanceof Error ? e.message : String(e));
    }
  }
  const db = services ?? opened!;
  try {
    const ready = await checkDatabase(db.dataSource);
    if (ready) return fail(ready);
    const rows: DocumentIngestRow[] = problems.map((p) => ({ ...emptyRow(p.path), error: { code: 'NOT_FOUND', message: p.message } }));
    const progress = startProgress(io, files.length);
    rows.push(
      ...(await ingestDocumentFiles(
        db.dataSource,
        db.lock,
        files,
        {
          unit: options.unit ?? null,
          year,
          replace: options.replace ?? false,
          dryRun: options.dryRun ?? false,
          actor: services?.actor ?? 'cli:ingest',
          maxReportBytes: services?.maxReportBytes ?? opened?.maxReportBytes ?? 5 * 1024 * 1024,
          documentLimits: opened?.documentLimits,
          batchSize: services?.batchSize,
        },
        (index, row) => {
          progress.before(index, files[index]?.display ?? row.file);
          progress.after(index, row);
        },
      )),
    );
    progress.stop();
    io.stdout.write(renderIngestReport(rows, options.dryRun ?? false));
    return rows.some((r) => r.status === 'FAILED') ? EXIT_FAILED : EXIT_OK;
  } finally {
    if (opened) await opened.dataSource.destroy();
  }
}

/** The closing table, the warnings and a one-line summary (pure; exported for tests). */
export function renderIngestReport(rows: readonly DocumentIngestRow[], dryRun: boolean, locale: Locale = localeFromEnv()): string {
  const table = formatTable(
    ['column.file', 'column.unit', 'column.year', 'column.claims', 'column.covered', 'column.result'].map((key) =>
      t(key, undefined, locale),
    ),
    rows.map((r) => [
      r.file,
      r.unit ?? '-',
      r.year === null ? '-' : String(r.year),
      r.claims === null ? '-' : String(r.claims),
      r.coverage.length ? r.coverage.map((c) => `${c.covered}/${c.assessable}`).join(', ') : '-',
      r.status === 'FAILED' ? `FAILED ${r.error?.code}: ${r.error?.message}` : RESULT_WORDS[r.status],
    ]),
    [2, 3, 4],
  );
  const warnings = rows.flatMap((r) => r.warnings.map((w) => `  ${r.file}: ${w}`));
  const count = (s: IngestStatus): number => rows.filter((r) => r.status === s).length;
  const parts = [
    dryRun ? `${count('DRY_RUN')} checked (dry run, nothing stored)` : `${count('INGESTED') + count('REPLACED')} ingested`,
    `${count('ALREADY_IN')} already in`,
    `${count('FAILED')} failed`,
  ];
  const checklists = [...new Set(rows.flatMap((r) => r.coverage.map((c) => c.checklist)))];
  const notes = [
    checklists.length ? `Covered: items covered / assessable (accepted + proposed links) of checklist ${checklists.join(', ')}.` : null,
    `${rows.length} file${rows.length === 1 ? '' : 's'}: ${parts.join(', ')}.`,
  ].filter((n): n is string => n !== null);
  return `${table}${warnings.length ? `\nWarnings:\n${warnings.join('\n')}\n` : ''}\n${notes.join('\n')}\n`;
}

interface Progress {
  before(index: number, file: string): void;
  after(index: number, row: DocumentIngestRow): void;
  stop(): void;
}

/** A progress bar on a terminal; one plain line per file otherwise (logs, CI, pipes). */
function startProgress(io: IngestIO, total: number): Progress {
  if (io.stderr.isTTY) {
    const bar = new SingleBar({
      format: 'ingest [{bar}] {value}/{total} {file}',
      stream: io.stderr as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: true,
      barsize: 30,
    });
    bar.start(total, 0, { file: '' });
    // Ctrl-C: put the cursor back and say what is in (each file is one transaction: the one
    // being ingested is not stored)
    const interrupted = (): void => {
      bar.stop();
      io.stderr.write('ingest: interrupted; the files counted on the bar are in, the batch being stored was not\n');
      process.exit(130);
    };
    process.once('SIGINT', interrupted);
    return {
      // the bar's line must fit the terminal, or each redraw leaves a wrapped line behind
      before: (_index, file) => bar.update({ file: truncateToWidth(file, Math.max(10, (io.stderr.columns ?? 80) - 50)) }),
      after: (index) => bar.update(index + 1),
      stop: () => {
        process.removeListener('SIGINT', interrupted);
        bar.stop();
      },
    };
  }
  return {
    before: () => undefined,
    after: (index, row) => {
      const what = row.status === 'FAILED' ? `failed (${row.error?.code})` : RESULT_WORDS[row.status];
      io.stderr.write(`[${index + 1}/${total}] ${row.file}: ${what}\n`);
    },
    stop: () => undefined,
  };
}

/** A clear message when the database cannot take reports yet, or null. */
export async function checkDatabase(dataSource: DataSource): Promise<string | null> {
  const [units, checklists] = await Promise.all([dataSource.getRepository(Unit).count(), dataSource.getRepository(Checklist).count()]);
  if (units > 0 && checklists > 0) return null;
  return t(units === 0 ? 'cli.ingest.noUnits' : 'cli.ingest.noChecklist', undefined, localeFromEnv());
}

if (require.main === module) {
  process.env.TZ = 'UTC';
  runIngestCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`ingest: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
