/**
 * Bulk ingest as jobs in PostgreSQL (issue 16, part 4), with `pg-boss`: `fazhi ingest PATH…
 * --queue` puts one job per file (its bytes inside, so a worker on another machine needs only
 * the database) into the queue `ingest`; `fazhi worker`, on as many machines as wanted, takes
 * jobs one at a time (pg-boss hands each job to one worker: `SELECT … FOR UPDATE SKIP LOCKED`)
 * and ingests each in one transaction (ingestDocumentBytes → ingestReport). A file the
 * pipeline refuses (unit not found, no text layer, a different report already in …) is an
 * answer, not a fault: the job completes with that row as its output. Anything else (the
 * database went away, a malformed job) fails the job; pg-boss retries it `retryLimit` times and
 * then keeps it as failed with the error, which `fazhi ingest --status` shows. A file already
 * in is skipped by ingest itself, so a job retried after its transaction committed stores
 * nothing twice.
 */
import { randomBytes } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { DocumentLimits } from '../config';
import type { WriteLock } from '../db/write-lock';
import { ingestDocumentBytes, type DocumentIngestRow } from './ingest-document';

export const INGEST_QUEUE = 'ingest';
/** Larger files are not queued (a job carries the file's bytes in the database). */
export const MAX_QUEUED_FILE_BYTES = 32 * 1024 * 1024;
/** pg-boss keeps its tables in this schema of the application's database */
const BOSS_SCHEMA = 'pgboss';

/** What one queued file carries. */
const jobData = z.object({
  batch: z.string().min(1),
  /** the file as given on the command line (stored as the report's source) */
  file: z.string().min(1),
  contentBase64: z.string(),
  unit: z.string().nullable(),
  year: z.number().int().nullable(),
  replace: z.boolean(),
});
export type IngestJobData = z.infer<typeof jobData>;

export interface QueueOptions {
  /** tries after the first one before a job is kept as failed (default 2) */
  retryLimit?: number;
  /** seconds before a retry (default 5; doubled each time) */
  retryDelaySeconds?: number;
}

/** Opens pg-boss on the database of `url` (creating its schema on first use) and the ingest queue. */
export async function openQueue(url: string, options: QueueOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, schema: BOSS_SCHEMA, max: 4, application_name: 'fazhi-queue' });
  boss.on('error', () => undefined); // maintenance errors are retried by pg-boss; job errors are kept on the job
  await boss.start();
  await boss.createQueue(INGEST_QUEUE, {
    name: INGEST_QUEUE,
    retryLimit: options.retryLimit ?? 2,
    retryDelay: options.retryDelaySeconds ?? 5,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
    retentionDays: 14,
  });
  return boss;
}

/** A new batch id: time of day and a random suffix, e.g. `20261206T0705-3f9a2c`. */
export function newBatchId(now = new Date()): string {
  return `${now.toISOString().slice(0, 16).replace(/[-:]/g, '')}-${randomBytes(3).toString('hex')}`;
}

/** Queues one job per file of a batch (in groups of 100 per statement). */
export async function enqueueFiles(boss: PgBoss, jobs: readonly IngestJobData[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += 100) {
    await boss.insert(jobs.slice(i, i + 100).map((data) => ({ name: INGEST_QUEUE, data })));
  }
}

export interface WorkerServices {
  dataSource: DataSource;
  lock: WriteLock;
  maxReportBytes: number;
  documentLimits?: DocumentLimits;
}

/**
 * Runs one queued job: ingests its file in one transaction and returns the row (stored as the
 * job's output). Throws — and pg-boss retries the job — for a malformed job or a database fault.
 */
async function runIngestJob(services: WorkerServices, raw: unknown): Promise<DocumentIngestRow> {
  const parsed = jobData.safeParse(raw);
  if (!parsed.success) throw new Error(`作业数据无效 (invalid job data): ${parsed.error.issues[0]?.message ?? ''}`);
  const data = parsed.data;
  return ingestDocumentBytes(services.dataSource, services.lock, Buffer.from(data.contentBase64, 'base64'), data.file, data.file, {
    unit: data.unit,
    year: data.year,
    replace: data.replace,
    actor: `queue:${data.batch}`,
    maxReportBytes: services.maxReportBytes,
    documentLimits: services.documentLimits,
  });
}

/**
 * Starts taking ingest jobs, one at a time; resolves to the worker id (`boss.offWork(INGEST_QUEUE)`
 * stops it). After each job the worker looks for the next one at once (pg-boss would otherwise
 * wait out its polling interval after a job shorter than it: 2 jobs/s at 0.5 s); the interval
 * is only the pause when the queue is empty.
 */
export async function workIngestQueue(
  boss: PgBoss,
  services: WorkerServices,
  onJob: (row: DocumentIngestRow | null, error: Error | null) => void = () => undefined,
  pollingIntervalSeconds = 1,
): Promise<string> {
  let workerId: string | null = null;
  workerId = await boss.work<unknown>(INGEST_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
    if (!job) return null;
    try {
      const row = await runIngestJob(services, job.data);
      onJob(row, null);
      return row;
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      onJob(null, e);
      throw e;
    } finally {
      if (workerId) boss.notifyWorker(workerId);
    }
  });
  return workerId;
}

/** One job as `--status` shows it. */
interface QueuedJob {
  batch: string;
  file: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  retryCount: number;
  /** completed: the row; failed: the error pg-boss kept */
  output: (Partial<DocumentIngestRow> & { message?: string }) | null;
}

/** Where a batch is: counts by outcome, and the files that failed or were refused. */
export interface BatchStatus {
  batch: string;
  files: number;
  queued: number;
  active: number;
  ingested: number;
  alreadyIn: number;
  /** refused by the pipeline (a user error: retrying would not help) */
  refused: { file: string; code: string; message: string }[];
  /** failed after every retry */
  failed: { file: string; tries: number; message: string }[];
  firstQueuedAt: Date;
}

/**
 * The status of the newest `limit` batches (or of one): read from pg-boss's tables (jobs still
 * in `job`, older ones moved to `archive`), without the files' bytes.
 */
export async function batchStatuses(ds: DataSource, batch: string | null, limit = 10): Promise<BatchStatus[]> {
  const exists = (await ds.query(`SELECT to_regclass('${BOSS_SCHEMA}.job') AS t`)) as Array<{ t: string | null }>;
  if (!exists[0]?.t) return [];
  const columns = `data->>'batch' AS batch, data->>'file' AS file, state, retry_count AS "retryCount", output, created_on AS "createdOn"`;
  const where = `name = $1 AND ($2::text IS NULL OR data->>'batch' = $2)`;
  const rows = (await ds.query(
    `SELECT ${columns} FROM ${BOSS_SCHEMA}.job WHERE ${where} UNION ALL SELECT ${columns} FROM ${BOSS_SCHEMA}.archive WHERE ${where}`,
    [INGEST_QUEUE, batch],
  )) as Array<QueuedJob & { createdOn: Date }>;
  const byBatch = new Map<string, BatchStatus>();
  for (const row of rows) {
    let s = byBatch.get(row.batch);
    if (!s) {
      s = {
        batch: row.batch,
        files: 0,
        queued: 0,
        active: 0,
        ingested: 0,
        alreadyIn: 0,
        refused: [],
        failed: [],
        firstQueuedAt: row.createdOn,
      };
      byBatch.set(row.batch, s);
    }
    s.files += 1;
    if (row.createdOn < s.firstQueuedAt) s.firstQueuedAt = row.createdOn;
    if (row.state === 'created' || row.state === 'retry') s.queued += 1;
    else if (row.state === 'active') s.active += 1;
    else if (row.state === 'failed' || row.state === 'cancelled') {
      s.failed.push({ file: row.file, tries: Number(row.retryCount) + 1, message: row.output?.message ?? row.state });
    } else if (row.output?.status === 'FAILED') {
      s.refused.push({ file: row.file, code: row.output.error?.code ?? '', message: row.output.error?.message ?? '' });
    } else if (row.output?.status === 'ALREADY_IN') s.alreadyIn += 1;
    else s.ingested += 1;
  }
  return [...byBatch.values()].sort((x, y) => y.firstQueuedAt.getTime() - x.firstQueuedAt.getTime()).slice(0, limit);
}
