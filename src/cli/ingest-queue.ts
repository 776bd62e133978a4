/**
 * `fazhi ingest PATH… --queue [--year N] [--unit NAME] [--replace]`: one job per file into the
 * PostgreSQL queue (src/pipeline/ingest-queue.service.ts), for `fazhi worker` processes on any
 * machine with DATABASE_URL to take; prints the batch id. `fazhi ingest --status [--batch ID]`:
 * where the newest batches (or one) are — queued, active, ingested, already in, refused with
 * the reason, failed after every retry with the error. Queues need PostgreSQL: on SQLite both
 * say so and exit 2. Exit codes: 0; 1 when a file could not be queued or (`--status`) a file of
 * the batches shown failed or was refused; 2 for bad arguments.
 */
import { readFile, stat } from 'node:fs/promises';
import { Command } from 'commander';
import { parseCommandLine, parseYearOption, say } from './command-line';
import type { DataSource } from 'typeorm';
import { collectDocumentFiles } from '../documents/collect-files';
import {
  MAX_QUEUED_FILE_BYTES,
  batchStatuses,
  enqueueFiles,
  newBatchId,
  openQueue,
  type BatchStatus,
  type IngestJobData,
} from '../pipeline/ingest-queue.service';
import { checkDatabase, EXIT_FAILED, EXIT_OK, EXIT_USAGE, type IngestIO } from './ingest';
import { openDatabase } from './open-database';

interface Options {
  queue?: boolean;
  status?: boolean;
  batch?: string;
  year?: string;
  unit?: string;
  replace?: boolean;
  dryRun?: boolean;
}

/** The message when the database is SQLite (exported for `fazhi worker`). */
export function queueNeedsPostgres(): string {
  return say(
    '队列需要 PostgreSQL：请设置 DATABASE_URL。SQLite 只服务一个进程，请直接运行 fazhi ingest PATH…',
    'queues need PostgreSQL: set DATABASE_URL. SQLite serves one process: run fazhi ingest PATH… directly',
  );
}

/** The PostgreSQL URL of a data source, or null on SQLite. */
export function postgresUrlOf(dataSource: DataSource): string | null {
  const options = dataSource.options as { type: string; url?: string };
  return options.type === 'postgres' && options.url ? options.url : null;
}

/** `fazhi ingest … --queue` and `fazhi ingest --status`; `dataSource` for tests (default: the environment's database). */
export async function runIngestQueueCli(argv: string[], io: IngestIO, dataSource?: DataSource): Promise<number> {
  let paths: string[] = [];
  let options: Options = {};
  const program = new Command()
    .name('fazhi ingest')
    .argument('[paths...]', 'report files and folders (with --queue)')
    .option('--queue', 'queue one job per file for `fazhi worker` (PostgreSQL)')
    .option('--status', 'show where the newest batches are')
    .option('--batch <id>', 'with --status: only this batch')
    .option('--year <n>', 'the year the reports describe (wins over detection)')
    .option('--unit <name>', 'the reporting unit of every file (wins over detection)')
    .option('--replace', "replace a unit's existing, different report for the same year")
    .option('--dry-run', 'not with --queue')
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
  if (options.queue && options.status) return fail(say('--queue 与 --status 不能同时使用', '--queue and --status cannot be combined'));
  if (options.dryRun) return fail(say('--dry-run 不能与队列一起使用', '--dry-run cannot be used with a queue'));
  if (options.queue && paths.length === 0) return fail(say('--queue 需要文件或文件夹', '--queue needs files or folders'));
  if (options.status && paths.length > 0) return fail(say('--status 不接受文件', '--status takes no files'));
  const yearOption = parseYearOption(options.year);
  if (yearOption.error) return fail(yearOption.error);
  const year: number | null = yearOption.year ?? null;

  let opened: DataSource | null = null;
  if (!dataSource) {
    try {
      opened = (await openDatabase()).dataSource;
    } catch (e) {
      return fail(e instanceof Error ? e.message : String(e));
    }
  }
  const ds = dataSource ?? opened!;
  try {
    const url = postgresUrlOf(ds);
    if (!url) return fail(queueNeedsPostgres());
    if (options.status) {
      const statuses = await batchStatuses(ds, options.batch ?? null);
      io.stdout.write(renderStatuses(statuses, options.batch ?? null));
      return statuses.some((s) => s.failed.length + s.refused.length > 0) ? EXIT_FAILED : EXIT_OK;
    }
    const ready = await checkDatabase(ds);
    if (ready) return fail(ready);
    const { files, problems } = await collectDocumentFiles(paths);
    if (files.length === 0 && problems.length === 0) return fail(`no .txt, .docx, .pdf, .html or .htm files in ${paths.join(', ')}`);
    const batch = newBatchId();
    const jobs: IngestJobData[] = [];
    const notQueued = problems.map((p) => `${p.path}: ${p.message}`);
    for (const file of files) {
      const size = await stat(file.path)
        .then((s) => s.size)
        .catch(() => -1);
      if (size > MAX_QUEUED_FILE_BYTES) {
        notQueued.push(`${file.display}: FILE_TOO_LARGE (> ${MAX_QUEUED_FILE_BYTES / 1024 / 1024} MB)`);
        continue;
      }
      try {
        const bytes = await readFile(file.path);
        jobs.push({
          batch,
          file: file.display,
          contentBase64: bytes.toString('base64'),
          unit: options.unit ?? null,
          year,
          replace: options.replace ?? false,
        });
      } catch (e) {
        notQueued.push(`${file.display}: UNREADABLE (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
    }
    const boss = await openQueue(url);
    try {
      await enqueueFiles(boss, jobs);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    for (const line of notQueued) io.stderr.write(`ingest: ${say('未入队', 'not queued')}: ${line}\n`);
    io.stdout.write(
      say(
        `批次 ${batch}：${jobs.length} 个文件已入队${notQueued.length ? `，${notQueued.length} 个未入队` : ''}。在任何能连到该数据库的机器上运行 fazhi worker 处理；进度：fazhi ingest --status --batch ${batch}\n`,
        `batch ${batch}: ${jobs.length} file(s) queued${notQueued.length ? `, ${notQueued.length} not queued` : ''}. Run fazhi worker on any machine that reaches this database; progress: fazhi ingest --status --batch ${batch}\n`,
      ),
    );
    return notQueued.length ? EXIT_FAILED : EXIT_OK;
  } finally {
    if (opened) await opened.destroy();
  }
}

/** The `--status` text (pure). */
export function renderStatuses(statuses: readonly BatchStatus[], batch: string | null): string {
  if (statuses.length === 0) {
    return batch ? say(`没有批次 ${batch}。\n`, `no batch ${batch}.\n`) : say('队列里还没有批次。\n', 'no batch has been queued yet.\n');
  }
  return statuses
    .map((s) => {
      const done = s.ingested + s.alreadyIn + s.refused.length + s.failed.length;
      const head = say(
        `批次 ${s.batch}（${s.firstQueuedAt.toISOString()} 入队）：${done}/${s.files} 已处理 — 导入 ${s.ingested}，已存在 ${s.alreadyIn}，拒绝 ${s.refused.length}，失败 ${s.failed.length}；等待 ${s.queued}，处理中 ${s.active}`,
        `batch ${s.batch} (queued ${s.firstQueuedAt.toISOString()}): ${done}/${s.files} done — ${s.ingested} ingested, ${s.alreadyIn} already in, ${s.refused.length} refused, ${s.failed.length} failed; ${s.queued} queued, ${s.active} active`,
      );
      const lines = [
        ...s.refused.map((r) => `  ${say('拒绝', 'refused')} ${r.file}: ${r.code} ${r.message}`),
        ...s.failed.map((f) => `  ${say('失败', 'failed')} ${f.file} (${say(`尝试 ${f.tries} 次`, `${f.tries} tries`)}): ${f.message}`),
      ];
      return [head, ...lines].join('\n');
    })
    .join('\n')
    .concat('\n');
}
