/**
 * `fazhi worker [--until-empty] [--poll SECONDS]`: takes jobs of the ingest queue
 * (`fazhi ingest PATH… --queue`) from the PostgreSQL database of DATABASE_URL, one at a time,
 * each in one transaction, until stopped (SIGTERM or Ctrl-C: the job in hand is finished first)
 * or, with `--until-empty`, until no job is waiting. Run it on as many machines as wanted: each
 * job goes to one worker. Prints one line per job on stderr. Exit codes: 0; 2 for bad
 * arguments or a SQLite database (queues need PostgreSQL).
 */
import { Command } from 'commander';
import { parseCommandLine } from './command-line';
import type PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import type { DocumentLimits } from '../config';
import type { WriteLock } from '../db/write-lock';
import type { DocumentIngestRow } from '../pipeline/ingest-document';
import { INGEST_QUEUE, openQueue, workIngestQueue, type QueueOptions } from '../pipeline/ingest-queue.service';
import { EXIT_OK, EXIT_USAGE } from './ingest';
import { postgresUrlOf, queueNeedsPostgres } from './ingest-queue';
import { openDatabase } from './open-database';

/** What one worker did. */
export interface WorkerTally {
  ingested: number;
  alreadyIn: number;
  refused: number;
  /** tries that threw (each retried by pg-boss until its limit) */
  errors: number;
}

export interface WorkerRun {
  dataSource: DataSource;
  lock: WriteLock;
  maxReportBytes: number;
  documentLimits?: DocumentLimits;
  /** stop when no job is waiting and this worker is idle */
  untilEmpty: boolean;
  pollSeconds?: number;
  queue?: QueueOptions;
  /** one line per job */
  report?: (line: string) => void;
  /** resolves when the worker should stop (a signal) */
  stop?: Promise<void>;
}

/** Runs a worker until `stop` resolves or (untilEmpty) the queue is drained; returns what it did. */
export async function runWorker(run: WorkerRun): Promise<WorkerTally> {
  const url = postgresUrlOf(run.dataSource);
  if (!url) throw new Error(queueNeedsPostgres());
  const tally: WorkerTally = { ingested: 0, alreadyIn: 0, refused: 0, errors: 0 };
  const boss: PgBoss = await openQueue(url, run.queue);
  const onJob = (row: DocumentIngestRow | null, error: Error | null) => {
    if (error || !row) {
      tally.errors += 1;
      run.report?.(`worker: error (will be retried up to its limit): ${error?.message ?? ''}`);
      return;
    }
    if (row.status === 'FAILED') tally.refused += 1;
    else if (row.status === 'ALREADY_IN') tally.alreadyIn += 1;
    else tally.ingested += 1;
    const what = row.status === 'FAILED' ? `refused (${row.error?.code}: ${row.error?.message})` : row.status.toLowerCase();
    run.report?.(`worker: ${row.file}: ${what}${row.unit ? ` — ${row.unit} ${row.year}` : ''}`);
  };
  const pollSeconds = run.pollSeconds ?? 1;
  await workIngestQueue(
    boss,
    { dataSource: run.dataSource, lock: run.lock, maxReportBytes: run.maxReportBytes, documentLimits: run.documentLimits },
    onJob,
    pollSeconds,
  );
  try {
    await new Promise<void>((resolve) => {
      let stopped = false;
      void run.stop?.then(() => {
        stopped = true;
        resolve();
      });
      if (!run.untilEmpty) return;
      const check = async (): Promise<void> => {
        if (stopped) return;
        const [waiting, active] = await Promise.all([
          boss.getQueueSize(INGEST_QUEUE), // created and retry (a retry waiting for its delay counts)
          activeJobs(run.dataSource),
        ]);
        if (waiting === 0 && active === 0) return resolve();
        setTimeout(() => void check().catch(() => resolve()), pollSeconds * 1000);
      };
      setTimeout(() => void check().catch(() => resolve()), pollSeconds * 1000);
    });
  } finally {
    await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
  }
  return tally;
}

/** Jobs being worked on by any worker. */
async function activeJobs(ds: DataSource): Promise<number> {
  const rows = (await ds.query(`SELECT COUNT(*) AS n FROM pgboss.job WHERE name = $1 AND state = 'active'`, [INGEST_QUEUE])) as Array<{
    n: string;
  }>;
  return Number(rows[0]?.n ?? 0);
}

/** `fazhi worker`. */
export async function runWorkerCli(argv: string[]): Promise<number> {
  let options: { untilEmpty?: boolean; poll?: string } = {};
  const program = new Command()
    .name('fazhi worker')
    .description('Take jobs of the ingest queue (fazhi ingest PATH… --queue) from the PostgreSQL database of DATABASE_URL')
    .option('--until-empty', 'stop when no job is waiting')
    .option('--poll <seconds>', 'seconds between looks at the queue (at least 0.5)', '1')
    .action((o: typeof options) => {
      options = o;
    });
  const stop = await parseCommandLine(program, argv, { stdout: process.stdout, stderr: process.stderr }, EXIT_USAGE);
  if (stop !== null) return stop;
  const pollSeconds = Number(options.poll);
  if (!Number.isFinite(pollSeconds) || pollSeconds < 0.5) {
    process.stderr.write(`worker: --poll must be a number of seconds ≥ 0.5, got "${options.poll}"\n`);
    return EXIT_USAGE;
  }
  let db;
  try {
    db = await openDatabase();
  } catch (e) {
    process.stderr.write(`worker: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
  try {
    if (!postgresUrlOf(db.dataSource)) {
      process.stderr.write(`worker: ${queueNeedsPostgres()}\n`);
      return EXIT_USAGE;
    }
    const stop = new Promise<void>((resolve) => {
      process.once('SIGTERM', () => resolve());
      process.once('SIGINT', () => resolve());
    });
    const tally = await runWorker({
      dataSource: db.dataSource,
      lock: db.lock,
      maxReportBytes: db.config.maxReportBytes,
      documentLimits: db.config.documentLimits,
      untilEmpty: options.untilEmpty ?? false,
      pollSeconds,
      report: (line) => void process.stderr.write(`${line}\n`),
      stop,
    });
    process.stderr.write(
      `worker: ${tally.ingested} ingested, ${tally.alreadyIn} already in, ${tally.refused} refused, ${tally.errors} error(s) (retried by the queue)\n`,
    );
    return EXIT_OK;
  } finally {
    await db.dataSource.destroy();
  }
}
