/**
 * Runs document extraction (`extractDocument`) in worker threads with a memory cap
 * (EXTRACT_MEMORY_MB) and a time limit (EXTRACT_TIMEOUT_MS): a zip bomb, a page nested
 * 10,000 deep or a hostile PDF can fail only its own file, never block the server's event
 * loop or take its memory. Workers are kept warm and reused (at most two); one that runs
 * out of time or memory is terminated and replaced.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentLimits } from '../config';
import type { ExtractResult } from './extract';

const MAX_WORKERS = 2;

/** Runs in the worker: loads the extractor (compiling TypeScript when run from sources) and answers each task. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.register) require(workerData.register);
const { extractDocument } = require(workerData.module);
parentPort.on('message', (task) => {
  extractDocument(task.bytes, task.fileName, task.limits).then(
    (result) => parentPort.postMessage({ id: task.id, result }),
    (error) => parentPort.postMessage({ id: task.id, result: { ok: false, code: 'CORRUPT_DOCUMENT', message: 'the file cannot be read (' + String((error && error.message) || error).split('\\n')[0] + ')' } }),
  );
});
`;

interface PooledWorker {
  worker: Worker;
  busy: boolean;
  memoryMb: number;
}

const idle: PooledWorker[] = [];
let running = 0;
const waiting: (() => void)[] = [];
let nextId = 1;

function workerData(): { module: string; register: string | null } {
  const fromSources = __filename.endsWith('.ts');
  const register = join(__dirname, '..', '..', 'scripts', 'swc-register.js');
  return {
    module: join(__dirname, fromSources ? 'extract.ts' : 'extract.js'),
    register: fromSources && existsSync(register) ? register : null,
  };
}

function spawn(memoryMb: number): PooledWorker {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: workerData(),
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, memoryMb / 8)), stackSizeMb: 4 },
    stdout: false,
    stderr: false,
  });
  worker.unref();
  return { worker, busy: false, memoryMb };
}

async function acquire(memoryMb: number): Promise<PooledWorker> {
  while (running >= MAX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  const index = idle.findIndex((w) => w.memoryMb === memoryMb);
  const pooled = idle.splice(index, index >= 0 ? 1 : 0)[0] ?? spawn(memoryMb);
  pooled.busy = true;
  return pooled;
}

function release(pooled: PooledWorker, healthy: boolean): void {
  pooled.busy = false;
  if (healthy) idle.push(pooled);
  else void pooled.worker.terminate();
  running -= 1;
  waiting.shift()?.();
}

/**
 * Extracts a document's text in a worker thread within the limits; never throws. Beyond
 * the time limit the result is EXTRACT_TIMEOUT, beyond the memory cap DOCUMENT_TOO_LARGE.
 */
export async function extractInWorker(bytes: Uint8Array, fileName: string, limits: DocumentLimits): Promise<ExtractResult> {
  const pooled = await acquire(limits.extractMemoryMb);
  const id = nextId++;
  return new Promise<ExtractResult>((resolve) => {
    let settled = false;
    const finish = (result: ExtractResult, healthy: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      pooled.worker.off('message', onMessage);
      pooled.worker.off('error', onError);
      pooled.worker.off('exit', onExit);
      release(pooled, healthy);
      resolve(result);
    };
    const onMessage = (message: { id: number; result: ExtractResult }) => {
      if (message.id === id) finish(message.result, true);
    };
    const onError = (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish(
          {
            ok: false,
            code: 'DOCUMENT_TOO_LARGE',
            message: `读取该文件所需内存超过 ${limits.extractMemoryMb} MB（EXTRACT_MEMORY_MB）：the file needs more memory to read than a report may`,
          },
          false,
        );
      } else {
        finish({ ok: false, code: 'CORRUPT_DOCUMENT', message: `the file cannot be read (${error.message.split('\n')[0]})` }, false);
      }
    };
    const onExit = () => finish({ ok: false, code: 'CORRUPT_DOCUMENT', message: 'the file cannot be read (the reader stopped)' }, false);
    const timer = setTimeout(
      () =>
        finish(
          {
            ok: false,
            code: 'EXTRACT_TIMEOUT',
            message: `读取该文件超过 ${limits.extractTimeoutMs} 毫秒（EXTRACT_TIMEOUT_MS），已停止：the file takes too long to read`,
          },
          false,
        ),
      limits.extractTimeoutMs,
    );
    pooled.worker.on('message', onMessage);
    pooled.worker.on('error', onError);
    pooled.worker.on('exit', onExit);
    // a copy goes to the worker: the caller keeps its bytes (their SHA-256 is stored)
    pooled.worker.postMessage({ id, bytes: new Uint8Array(bytes), fileName, limits });
  });
}

/** Stops the idle workers (tests, shutdown). */
export async function closeExtractionWorkers(): Promise<void> {
  await Promise.all(idle.splice(0).map((w) => w.worker.terminate()));
}

/** Starts one worker and has it load the readers (pdf.js included) by reading a tiny broken PDF; the result is dropped. */
export function warmExtractionWorker(limits: DocumentLimits): void {
  void extractInWorker(Buffer.from('%PDF-1.7\n%%EOF\n'), 'warm-up.pdf', limits);
}
