/**
 * Reads and matches a large report in a worker thread, so that its seconds of CPU never hold
 * the server's event loop: a 2 MB text takes about 2.5 s to read and 2.5 s to match, during
 * which no other request (not even /health) would be answered. Reports up to
 * {@link IN_WORKER_BYTES} — every real annual report — are read in-process as before (a worker
 * round trip would cost more than it saves). The worker runs the same functions
 * (`readReport`, `matchReport` of report-pipeline.ts) on structured-cloned inputs, so both
 * paths give the same analysis and links (test/unit/pipeline/analysis-pool.test.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProposedLink } from '../evidence/types';
import type { AnalyzeOptions, ReportAnalysis } from '../reading/types';
import { matchReport, readReport, type PipelineChecklist } from './report-pipeline';

/** Texts longer than this (UTF-8 bytes) are read in the worker (about 0.15 s of reading in-process). */
export const IN_WORKER_BYTES = 64 * 1024;
/** Analyses with more claims than this are matched in the worker (a 64 KB report has about 300). */
export const IN_WORKER_CLAIMS = 300;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.register) require(workerData.register);
const pipeline = require(workerData.module);
parentPort.on('message', (task) => {
  try {
    const result = task.op === 'read'
      ? pipeline.readReport(task.text, task.hint)
      : pipeline.matchReport(task.claims, task.metrics, task.checklist);
    parentPort.postMessage({ id: task.id, ok: true, result });
  } catch (error) {
    parentPort.postMessage({ id: task.id, ok: false, message: String((error && error.message) || error) });
  }
});
`;

type Task = { op: 'read'; text: string; hint: AnalyzeOptions } | { op: 'match'; claims: unknown; metrics: unknown; checklist: unknown };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

function theWorker(): Worker {
  if (worker) return worker;
  const fromSources = __filename.endsWith('.ts');
  const register = join(__dirname, '..', '..', 'scripts', 'swc-register.js');
  const started = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      module: join(__dirname, fromSources ? 'report-pipeline.ts' : 'report-pipeline.js'),
      register: fromSources && existsSync(register) ? register : null,
    },
    stdout: false,
    stderr: false,
  });
  started.on('message', (message: { id: number; ok: boolean; result?: unknown; message?: string }) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (pending.size === 0) started.unref();
    if (message.ok) waiting.resolve(message.result);
    else waiting.reject(new Error(`report analysis failed in its worker: ${message.message}`));
  });
  const fail = (error: Error) => {
    if (worker === started) worker = null;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  started.on('error', fail);
  started.on('exit', () => fail(new Error('the report analysis worker stopped')));
  started.unref();
  worker = started;
  return started;
}

function run<T>(task: Task): Promise<T> {
  const w = theWorker();
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    // kept alive while it works for someone (a command-line ingest waits for it)
    w.ref();
    w.postMessage({ id, ...task });
  });
}

/** `readReport`, in the worker for a text over IN_WORKER_BYTES. */
export async function readReportOffThread(text: string, hint: AnalyzeOptions): Promise<ReportAnalysis> {
  if (Buffer.byteLength(text, 'utf8') <= IN_WORKER_BYTES) return readReport(text, hint);
  return run<ReportAnalysis>({ op: 'read', text, hint });
}

/** `matchReport`, in the worker for more than IN_WORKER_CLAIMS claims (matching time grows with them). */
export async function matchReportOffThread(analysis: ReportAnalysis, checklist: PipelineChecklist): Promise<ProposedLink[]> {
  if (analysis.claims.length <= IN_WORKER_CLAIMS) return matchReport(analysis.claims, analysis.metrics, checklist);
  return run<ProposedLink[]>({ op: 'match', claims: analysis.claims, metrics: analysis.metrics, checklist });
}
