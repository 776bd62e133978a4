/**
 * Document files in, reports stored (`fazhi ingest`): read each file, extract its text, read
 * and match it in the worker pool, store the reports in batches (ingest.service.ts: a report
 * is never half-ingested), and the coverage of each stored assessment.
 */
import { readFile, stat } from 'node:fs/promises';
import { In, type DataSource } from 'typeorm';
import { Assessment } from '../assessment/assessment.entity';
import type { WriteLock } from '../db/write-lock';
import {
  checklistsForYear,
  DEFAULT_BATCH_SIZE,
  ingestReport,
  PREPARED_AHEAD,
  prepareBatch,
  storePrepared,
  type IngestInput,
  type IngestResult,
} from './ingest.service';
import type { Outcome } from '../common/user-error';
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from '../config';
import type { UserErrorCode } from '../common/error-codes';
import { extractDocument, formatOfFileName, type DocumentFormat } from '../documents/extract';
import { sniffType } from '../documents/magic';
import { extractInWorker } from '../documents/extract-pool';

/** Files larger than this are not read (the extracted text has its own limit, maxReportBytes). */
export const MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;

/** What happened to one file. */
export type IngestStatus = 'INGESTED' | 'REPLACED' | 'ALREADY_IN' | 'DRY_RUN' | 'FAILED';

/** Covered items (proposed view: accepted + proposed links) of one checklist. */
interface CoveredItems {
  readonly checklist: string;
  readonly covered: number;
  readonly assessable: number;
}

/**
 * A folder ingest keeps each file's row until its closing table (a national year: 40 000 rows),
 * so what most rows have in common is one shared, frozen value, not one copy a row: the empty
 * warnings, and each checklist × covered × assessable (their label, and the list of them).
 * Before, a row held five objects and two strings of its own, about 350 bytes of heap (`fazhi ingest`'s
 * heap grew by that a file; bench/README.md, ingest13); now about 100, the row object.
 */
const NO_WARNINGS: readonly string[] = Object.freeze([]);
const NO_COVERAGE: readonly CoveredItems[] = Object.freeze([]);
/** the shared coverage lists, by their text (at most checklists × items² of them) */
const sharedCoverage = new Map<string, readonly CoveredItems[]>();

/** The shared, frozen list equal to `items` (see {@link NO_WARNINGS}). */
function coverageList(items: readonly CoveredItems[]): readonly CoveredItems[] {
  if (items.length === 0) return NO_COVERAGE;
  const key = items.map((c) => `${c.checklist}\u0000${c.covered}\u0000${c.assessable}`).join('\u0001');
  let shared = sharedCoverage.get(key);
  if (!shared) {
    shared = Object.freeze(items.map((c) => Object.freeze({ ...c })));
    sharedCoverage.set(key, shared);
  }
  return shared;
}

/** One row of the closing table of the ingest command. */
export interface DocumentIngestRow {
  file: string;
  status: IngestStatus;
  format: DocumentFormat | null;
  unit: string | null;
  year: number | null;
  claims: number | null;
  /** per checklist covering the year; empty when none does (shared between rows: read only) */
  coverage: readonly CoveredItems[];
  /** the stored report's id */
  reportId: number | null;
  /** shared between rows when empty: read only */
  warnings: readonly string[];
  /** why the file failed: a stable code and a one-line message */
  error: { code: UserErrorCode; message: string } | null;
}

export interface DocumentIngestOptions {
  unit?: string | null;
  year?: number | null;
  replace?: boolean;
  dryRun?: boolean;
  actor: string;
  maxReportBytes: number;
  /** budgets for reading the file (default: DEFAULT_DOCUMENT_LIMITS) */
  documentLimits?: DocumentLimits;
}

/** A FAILED row for a file, without a reason yet. */
export function emptyRow(file: string): DocumentIngestRow {
  return {
    file,
    status: 'FAILED',
    format: null,
    unit: null,
    year: null,
    claims: null,
    coverage: NO_COVERAGE,
    reportId: null,
    warnings: NO_WARNINGS,
    error: null,
  };
}

/**
 * Ingests document files as `fazhi ingest DIR` does: extraction in its worker pool, reading and
 * matching in the analysis pool (both cores), `batchSize` reports stored per write transaction
 * (`prepareBatch`, `storePrepared` of ingest.service.ts); the next batch is extracted, read and
 * matched while this one is stored ({@link PREPARED_AHEAD}). The rows, in file order, are what ingesting the files one
 * after the other gives (never a throw for bad input: a FAILED row with the reason); `after` hears of each row as its batch is done.
 */
export async function ingestDocumentFiles(
  dataSource: DataSource,
  lock: WriteLock,
  files: ReadonlyArray<{ path: string; display: string }>,
  options: DocumentIngestOptions & { batchSize?: number },
  after: (index: number, row: DocumentIngestRow) => void = () => undefined,
): Promise<DocumentIngestRow[]> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const limits = { maxReportBytes: options.maxReportBytes };
  const prepareChunk = async (chunk: ReadonlyArray<{ path: string; display: string }>) => {
    const reads = await Promise.all(chunk.map((f) => readDocument(f.path, f.display, options)));
    const inputs = reads.flatMap((r, i) => ('failed' in r ? [] : [ingestInputOf(r, chunk[i]!.display, options)]));
    const prepared = await prepareBatch(dataSource, inputs, limits);
    return { reads, prepared };
  };
  const rows: DocumentIngestRow[] = [];
  // PREPARED_AHEAD batches are extracted, read and matched while one is stored, so the pool's
  // workers never wait for the writer to hand them the next batch
  const ahead: Array<ReturnType<typeof prepareChunk>> = [];
  let queued = 0;
  const fill = (): void => {
    while (ahead.length < PREPARED_AHEAD && queued < files.length) {
      const chunk = prepareChunk(files.slice(queued, queued + batchSize));
      chunk.catch(() => undefined); // awaited in its round; a failure must not go unhandled meanwhile
      ahead.push(chunk);
      queued += batchSize;
    }
  };
  fill();
  for (let start = 0; start < files.length; start += batchSize) {
    const { reads, prepared } = await ahead.shift()!; // one per start < files.length
    fill();
    const stored = await storePrepared(dataSource, lock, prepared);
    let k = 0;
    for (const read of reads) {
      const row = 'failed' in read ? read.failed : await rowOf(dataSource, read.row, stored[k++]!, options); // one outcome per input
      after(rows.length, row);
      rows.push(row);
    }
  }
  return rows;
}

/** A file's text, extracted in the extraction pool, or its FAILED row. */
type ReadDocument = { failed: DocumentIngestRow } | { row: DocumentIngestRow; text: string; sourceSha256: string | null };

async function readDocument(path: string, display: string, options: DocumentIngestOptions): Promise<ReadDocument> {
  const row = emptyRow(display);
  const failed = (code: UserErrorCode, message: string): ReadDocument => ({ failed: { ...row, error: { code, message } } });

  const size = await stat(path)
    .then((s) => s.size)
    .catch(() => -1);
  if (size > MAX_DOCUMENT_BYTES) return failed('FILE_TOO_LARGE', `the file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return failed('UNREADABLE', `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return extractBytes(bytes, path, display, options);
}

/**
 * Ingests a file already read (a queued job carries its bytes) in one transaction
 * (`ingestReport`): `name` gives the format by its extension, `display` is stored as the
 * report's source. Never throws for bad input: a FAILED row with the reason.
 */
export async function ingestDocumentBytes(
  dataSource: DataSource,
  lock: WriteLock,
  bytes: Buffer,
  name: string,
  display: string,
  options: DocumentIngestOptions,
): Promise<DocumentIngestRow> {
  const read = await extractBytes(bytes, name, display, options);
  if ('failed' in read) return read.failed;
  const outcome = await ingestReport(dataSource, lock, ingestInputOf(read, display, options), { maxReportBytes: options.maxReportBytes });
  return rowOf(dataSource, read.row, outcome, options);
}

/**
 * Plain-text files up to this size are decoded on the calling thread: decoding 1 MB needs no
 * memory cap or time limit, and a folder of .txt files then starts no extraction threads
 * (two threads with the readers of every format loaded, about 50 MB of RSS, and a copy of each
 * file's bytes sent to them). Anything else, or anything whose first bytes are a PDF, a ZIP or a
 * web page whatever its name, goes to the extraction workers.
 */
const IN_PROCESS_TEXT_BYTES = 1024 * 1024;

function isSmallPlainText(bytes: Buffer, name: string): boolean {
  return bytes.length <= IN_PROCESS_TEXT_BYTES && formatOfFileName(name) === 'txt' && sniffType(bytes) === null;
}

async function extractBytes(bytes: Buffer, name: string, display: string, options: DocumentIngestOptions): Promise<ReadDocument> {
  const row = emptyRow(display);
  const limits = { ...DEFAULT_DOCUMENT_LIMITS, ...options.documentLimits, maxTextBytes: options.maxReportBytes };
  // in a worker thread with a memory cap and a time limit: a hostile file fails its own row
  // only; a small plain-text file is only decoded, here (the same function)
  const extracted = isSmallPlainText(bytes, name) ? await extractDocument(bytes, name, limits) : await extractInWorker(bytes, name, limits);
  if (!extracted.ok) return { failed: { ...row, error: { code: extracted.code, message: extracted.message } } };
  row.format = extracted.format;
  if (extracted.warnings.length) row.warnings = extracted.warnings;
  return { row, text: extracted.text, sourceSha256: extracted.sourceSha256 };
}

function ingestInputOf(read: { text: string; sourceSha256: string | null }, display: string, options: DocumentIngestOptions): IngestInput {
  return {
    text: read.text,
    unit: options.unit ?? null,
    year: options.year ?? null,
    source: display,
    sourceSha256: read.sourceSha256,
    replace: options.replace ?? false,
    dryRun: options.dryRun ?? false,
    actor: options.actor,
  };
}

/** The row of a file from its ingest outcome. */
async function rowOf(
  dataSource: DataSource,
  base: DocumentIngestRow,
  outcome: Outcome<IngestResult>,
  options: DocumentIngestOptions,
): Promise<DocumentIngestRow> {
  const row = { ...base };
  if (!outcome.ok) {
    const [first] = outcome.errors;
    const code = first?.code ?? 'BAD_USER_INPUT'; // a refused outcome always carries an error
    const message = outcome.errors.map((e) => e.message).join(' ');
    // the service speaks of its `replace` input; here that is the --replace option
    return {
      ...row,
      error: {
        code,
        message:
          code === 'REPORT_EXISTS'
            ? message.replace(/;? ingest with replace to replace it\.$/u, '') + '; use --replace to replace it'
            : message,
      },
    };
  }
  const { value } = outcome;
  row.unit = value.unit.name;
  row.year = value.year;
  row.claims = value.analysis.claims.length;
  row.reportId = value.report?.id ?? null;
  row.status = options.dryRun ? 'DRY_RUN' : !value.created ? 'ALREADY_IN' : value.replaced ? 'REPLACED' : 'INGESTED';
  // a year read only weakly (a signature date early in the next year, a plan's title) is stored, but not silently
  const year = value.analysis.year;
  if (options.year == null && year?.tentative && year.value === value.year) {
    const basis = year.evidence.map((e) => `“${e.text}”`).join('、');
    row.warnings = [
      ...row.warnings,
      `报告年度 ${year.value} 是推定的（把握 ${year.confidence}，依据${basis}），请核对；如有误请用 --year 指定`,
    ];
  }
  // a dry run: what ingest computed from its one reading of the text, storing nothing; a report
  // stored: the assessments just stored with it; one already in: read back
  row.coverage = coverageList(
    options.dryRun || value.created
      ? value.assessments.map(({ checklist, result }) => ({
          checklist: `${checklist.key} v${checklist.version}`,
          covered: result.coverage.proposed.covered,
          assessable: result.coverage.proposed.assessable,
        }))
      : await storedCoverage(dataSource, value.unit.id, value.year),
  );
  return row;
}

/** Covered items of the stored assessments of a unit and year, per checklist covering the year. */
async function storedCoverage(dataSource: DataSource, unitId: number, year: number): Promise<CoveredItems[]> {
  const checklists = await checklistsForYear(dataSource.manager, year);
  if (checklists.length === 0) return [];
  const stored = await dataSource.getRepository(Assessment).find({ where: { unitId, year, checklistId: In(checklists.map((c) => c.id)) } });
  return checklists.flatMap((c) => {
    const a = stored.find((s) => s.checklistId === c.id);
    if (!a) return [];
    const { covered, assessable } = a.result.coverage.proposed;
    return [{ checklist: `${c.key} v${c.version}`, covered, assessable }];
  });
}
