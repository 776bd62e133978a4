/**
 * Reads and matches reports in a pool of worker threads (piscina, one per core), so that
 * their seconds of CPU never hold the server's event loop and a folder ingest uses both cores
 * while the main thread writes.
 *
 * - A single ingest (GraphQL, one file) reads a report up to {@link IN_WORKER_BYTES} — every
 *   real annual report — in-process as before (a worker round trip would cost more than it
 *   saves); a larger one is read (and matched, past {@link IN_WORKER_CLAIMS} claims) in the pool:
 *   a 2 MB text takes about 2.5 s to read and 2.5 s to match, during which no other request
 *   (not even /health) would be answered.
 * - A folder ingest prepares every file in the pool (`prepareReportInPool`: read, then match
 *   against each checklist version of its year). The unit registry and the checklist versions
 *   reach each worker once per version, not once per file (see pipeline.worker.ts).
 *
 * The workers run the same functions (`readReport`, `matchReport` of report-pipeline.ts) on
 * structured-cloned inputs, so both paths give the same analysis and links
 * (test/unit/pipeline/analysis-pool.test.ts).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { Piscina } from 'piscina';
import type { ProposedLink } from '../evidence/types';
import type { AnalyzeOptions, KnownUnit, ReportAnalysis } from '../reading/types';
import type { PoolTask, PrepareContext, PreparedAnalysis } from './pipeline.worker';
import { matchReport, readReport, type PipelineChecklist } from './report-pipeline';

/** Texts longer than this (UTF-8 bytes) are read in the worker (about 0.15 s of reading in-process). */
export const IN_WORKER_BYTES = 64 * 1024;
/** Analyses with more claims than this are matched in the worker (a 64 KB report has about 300). */
export const IN_WORKER_CLAIMS = 300;

/**
 * Old-generation heap of each worker, MB. Sized for the largest text ingest accepts by default
 * (MAX_REPORT_BYTES, 5 MB): a 4.8 MB text (27 000 claims) reads and matches against the demo
 * checklist with the 43 000-unit registry as context within it, and 64 reports in a row with a
 * 43 000-unit registry kept the two workers at about 280 MB of RSS together (about 600 MB without the limit).
 */
const WORKER_HEAP_MB = 256;
/** Young generation of each worker, MB (the short-lived objects of one report). */
const WORKER_YOUNG_MB = 16;

let pool: Piscina<PoolTask, unknown> | null = null;

function thePool(): Piscina<PoolTask, unknown> {
  if (pool) return pool;
  const fromSources = __filename.endsWith('.ts');
  const bootstrap = join(__dirname, '..', '..', 'scripts', 'ts-worker.js');
  if (fromSources && !existsSync(bootstrap)) throw new Error('the analysis pool needs scripts/ts-worker.js to run from sources');
  pool = new Piscina<PoolTask, unknown>({
    filename: fromSources ? bootstrap : join(__dirname, 'pipeline.worker.js'),
    workerData: { module: join(__dirname, 'pipeline.worker.ts') },
    // one per core: the main thread mostly waits on the database while the workers read
    maxThreads: Math.max(1, availableParallelism()),
    minThreads: 0,
    // kept warm between reports (a new worker loads the reading modules again); idle workers
    // are unref'd, so they never keep a finished command alive
    idleTimeout: 60_000,
    // workers wait on their port, not in Atomics.wait, so an idle pool costs no CPU
    atomics: 'disabled',
    // a bounded heap per worker: V8 otherwise lets a worker's heap grow to gigabytes before it
    // collects, and two workers holding a 43 000-unit registry took the bench process from
    // 430 MB to 1.1 GB during a folder ingest (see WORKER_HEAP_MB)
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
  return pool;
}

/** `readReport`, in the pool for a text over IN_WORKER_BYTES. */
export async function readReportOffThread(text: string, hint: AnalyzeOptions): Promise<ReportAnalysis> {
  if (Buffer.byteLength(text, 'utf8') <= IN_WORKER_BYTES) return readReport(text, hint);
  return (await thePool().run({ op: 'read', text, hint })) as ReportAnalysis;
}

/** `matchReport`, in the pool for more than IN_WORKER_CLAIMS claims (matching time grows with them). */
export async function matchReportOffThread(analysis: ReportAnalysis, checklist: PipelineChecklist): Promise<ProposedLink[]> {
  if (analysis.claims.length <= IN_WORKER_CLAIMS) return matchReport(analysis.claims, analysis.metrics, checklist);
  return (await thePool().run({ op: 'match', claims: analysis.claims, metrics: analysis.metrics, checklist })) as ProposedLink[];
}

/** The context of the latest run, serialised once into memory every worker reads (see prepareReportInPool). */
let sharedContext: { key: string; value: PrepareContext; buffer: SharedArrayBuffer } | null = null;

function sharedContextOf(context: { key: string; value: PrepareContext }): SharedArrayBuffer {
  if (sharedContext?.key === context.key && sharedContext.value === context.value) return sharedContext.buffer;
  const bytes = serialize(context.value);
  const buffer = new SharedArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  sharedContext = { key: context.key, value: context.value, buffer };
  return buffer;
}

/**
 * Reads one report and matches it against every checklist version of `context` covering its
 * year, in the pool. The context (a registry of 46 000 units is about 4 MB serialised) is
 * serialised once per key into a SharedArrayBuffer that every task carries by reference; a
 * worker deserialises it once per key. Sending it as an object to each worker that asked for it
 * cost the main thread ~7 s at the start of a 43 000-unit folder ingest: the first two
 * batches' 64 tasks were all queued before any worker had it, so each was sent it.
 */
export async function prepareReportInPool(
  text: string,
  hint: { unit?: string; year?: number; knownUnits?: KnownUnit[] },
  context: { key: string; value: PrepareContext },
): Promise<PreparedAnalysis> {
  return (await thePool().run({
    op: 'prepare',
    text,
    hint,
    contextKey: context.key,
    context: sharedContextOf(context),
  })) as PreparedAnalysis;
}

/**
 * Starts every worker of the pool now, each loading the reading and matching modules and jieba's
 * dictionary, while the caller does its own start-up (a folder ingest opens the database and
 * reads the unit registry meanwhile) instead of after it, before the first report.
 */
export function warmAnalysisPool(): void {
  const workers = thePool();
  for (let i = 0; i < workers.options.maxThreads; i += 1) workers.run({ op: 'warm' }).catch(() => undefined);
}

/** Stops the pool's workers (tests, shutdown); the next task starts a new pool. */
export async function closeAnalysisPool(): Promise<void> {
  const closing = pool;
  pool = null;
  sharedContext = null;
  await closing?.destroy();
}
