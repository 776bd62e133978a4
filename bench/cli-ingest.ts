/**
 * `--ingest cli`: what a user runs, measured from outside. The corpus is written to a folder
 * (`<year>/<unit>.txt`, each text as a unit files it: `asFiledReport`), then `bin/fazhi ingest DIR`
 * (the package's `bin`, as `npx fazhi` and `npm run ingest` start it) runs as a child process on
 * the bench's database, and the bench records the child's wall time, the peak RSS of the whole
 * command — every process of its tree: main thread, the pool's workers, the driver's threads, and
 * a waiting parent if the command runs itself again (`process.resourceUsage().maxRSS` of each,
 * written at exit by bench/child-usage.ts, and VmHWM/VmRSS of /proc/<pid>/status sampled while it
 * runs) —, its CPU, the time to its first stored report, and which reports went in under the
 * right unit and year (read back from the database). Node options (the preload, `--cli-node-args`)
 * reach it through NODE_OPTIONS.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, createWriteStream, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../src/config';
import { projectRoot } from '../src/common/project-root';
import { asFiledReport, generateReportText, type Corpus } from './corpus';
import { msSince, round, summarise } from './stats';
import type { IngestResult } from './types';

/** How often /proc/<pid>/status is sampled, ms. */
const SAMPLE_MS = 500;

/** kB of a `Vm…:` line of /proc/<pid>/status, or null. */
function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.replace(/\D+/gu, '')) : null;
  } catch {
    return null;
  }
}

/** CPU ticks (user + system) of each thread of `pid`, by thread id; empty when it is gone. */
function threadTicks(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      // fields after the command name: state is field 3, utime 14, stime 15
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
        .replace(/^.*\) /su, '')
        .split(' ');
      out.set(Number(tid), Number(fields[11]) + Number(fields[12]));
    } catch {
      // the thread ended
    }
  }
  return out;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** `pid` and its descendants (bin/fazhi.js may run the command in a child of its own). */
function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/u).filter(Boolean).map(Number);
  } catch {
    // gone, or no /proc
  }
  return [pid, ...children.flatMap(processTree)];
}

/** What bench/child-usage.ts wrote for each process of the command. */
interface ProcessUsage {
  maxRssKb: number;
  userCpuUs: number;
  systemCpuUs: number;
  peakMainHeapUsedMb: number;
  execArgv: string[];
  writer: { reports: number; ms: Record<string, number> } | null;
  /** [epoch ms, RSS, heap used, heap committed, external, array buffers (MB)], every 2 s (child-usage.ts) */
  memory?: number[][];
}

/** What bench/child-usage.ts wrote for each worker thread of the command. */
interface WorkerUsage {
  usedMb: number;
  committedMb: number;
  limitMb: number;
  /** [epoch ms, heap used, heap committed (MB)], every 2 s */
  memory?: number[][];
}

/**
 * The ingesting process's memory over the run, one row a sample of its main thread: seconds from
 * the start, reports stored by then, RSS, the main heap used and committed, external, array
 * buffers, then each worker's heap used and committed at its latest sample before (MB).
 */
function memoryTimeline(
  main: readonly number[][],
  workers: ReadonlyArray<readonly number[][]>,
  startedAtMs: number,
  lineTimes: readonly number[],
): { columns: string[]; rows: number[][] } {
  const columns = ['s', 'reports', 'rssMb', 'heapUsedMb', 'heapTotalMb', 'externalMb', 'arrayBuffersMb'];
  workers.forEach((_, i) => columns.push(`worker${i + 1}UsedMb`, `worker${i + 1}CommittedMb`));
  let stored = 0;
  const rows = main.map(([at, ...figures]) => {
    const ms = at! - startedAtMs;
    while (stored < lineTimes.length && lineTimes[stored]! <= ms) stored += 1;
    const row = [round(ms / 1000, 1), stored, ...figures];
    for (const w of workers) {
      const last = w.filter((sample) => sample[0]! <= at!).at(-1);
      row.push(last?.[1] ?? NaN, last?.[2] ?? NaN);
    }
    return row;
  });
  return { columns, rows };
}

/** Writes the corpus's reports to `dir/<year>/<unit>.txt`; their total size in bytes. */
function writeCorpusFolder(corpus: Corpus, dir: string): number {
  let bytes = 0;
  for (const year of corpus.years) mkdirSync(join(dir, String(year)), { recursive: true });
  for (const spec of corpus.reports) {
    const text = asFiledReport(spec, generateReportText(corpus, spec));
    bytes += Buffer.byteLength(text, 'utf8');
    writeFileSync(join(dir, String(spec.year), `${spec.unit}.txt`), text);
  }
  return bytes;
}

/**
 * Runs `fazhi ingest DIR` over the corpus as a child process on `database` (already migrated,
 * seeded and holding the units), `ds` the bench's own connection to read the outcome back.
 */
export async function ingestWithCli(
  ds: DataSource,
  database: DatabaseConfig,
  corpus: Corpus,
  options: { keep: boolean; nodeArgs: string[] },
  progress: (message: string) => void,
): Promise<Omit<IngestResult, 'setupSeconds'>> {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-bench-folder-'));
  const folder = join(dir, 'reports');
  try {
    const writeStart = process.hrtime.bigint();
    const bytes = writeCorpusFolder(corpus, folder);
    progress(
      `wrote ${corpus.reports.length} reports (${round(bytes / 1e6, 1)} MB) to ${folder} in ${round(msSince(writeStart) / 1000, 1)} s`,
    );

    const usageFile = join(dir, 'usage.json');
    const root = projectRoot();
    const preload = join(root, 'dist', 'bench', 'child-usage.js');
    if (!existsSync(preload)) throw new Error(`${preload} is missing: run npm run build`);
    // node options NODE_OPTIONS refuses (--cpu-prof …) go on node's command line instead, with the
    // launcher's own settings (bin/fazhi: the heap bound unless given, MALLOC_ARENA_MAX=2): one process either way
    const direct = options.nodeArgs.some((a) => !process.allowedNodeEnvironmentFlags.has(a.split('=')[0]!));
    const nodeOptions = [process.env.NODE_OPTIONS ?? '', `--require "${preload}"`, ...(direct ? [] : options.nodeArgs)]
      .filter(Boolean)
      .join(' ');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      FAZHI_BENCH_USAGE_FILE: usageFile,
      TZ: 'UTC',
      NODE_OPTIONS: nodeOptions,
      // the launcher runs `node` from PATH: this one
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
    };
    delete env.DATABASE_URL;
    delete env.SQLITE_PATH;
    if (database.type === 'sqlite') env.SQLITE_PATH = database.path;
    else env.DATABASE_URL = database.url;
    if (direct) env.MALLOC_ARENA_MAX ??= '2';
    // bin/fazhi's flags: FAZHI_NODE_FLAGS when set, else the heap bound and the semi-space unless a bound is given
    const override = process.env.FAZHI_NODE_FLAGS?.split(/\s+/u).filter(Boolean);
    const launcherFlags = ['--max-old-space-size=256', '--max-semi-space-size=4'];
    const bound = override ?? (options.nodeArgs.some((a) => /^--max[-_]old[-_]space[-_]size/u.test(a)) ? [] : launcherFlags);
    const launcher = direct ? process.execPath : join(root, 'bin', 'fazhi');
    const args = direct ? [...bound, ...options.nodeArgs, join(root, 'bin', 'fazhi.js'), 'ingest', folder] : ['ingest', folder];
    progress(`running NODE_OPTIONS='${nodeOptions}' ${launcher} ${args.join(' ')}`);

    const total = corpus.reports.length;
    const lineTimes: number[] = []; // ms from the start, one per file reported
    const failures: string[] = [];
    let failedLines = 0;
    const rssSamples: Array<{ s: number; mb: number }> = [];
    let lastHwmKb = 0;
    // the whole command: the largest sum of VmRSS over its processes at one sample, and how many there were
    let peakTreeKb = 0;
    let processCount = 0;
    // per thread of the process that ingests (the largest one), the last CPU ticks seen
    let ingestingPid = 0;
    const ticks = new Map<number, number>();
    const started = process.hrtime.bigint();
    const startedAtMs = Date.now();
    const child = spawn(launcher, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdoutFile = join(dir, 'stdout.txt');
    child.stdout.pipe(createWriteStream(stdoutFile));
    let pending = '';
    let nextTenth = Math.ceil(total / 10);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const now = msSince(started);
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!/^\[\d+\/\d+\] /u.test(line)) {
          if (line.trim()) progress(`ingest: ${line}`);
          continue;
        }
        lineTimes.push(now);
        if (/: failed \(/u.test(line)) {
          failedLines += 1;
          if (failures.length < 10) failures.push(line);
        }
        if (lineTimes.length >= nextTenth) {
          while (nextTenth <= lineTimes.length) nextTenth += Math.ceil(total / 10);
          progress(
            `ingested ${lineTimes.length}/${total} after ${round(now / 1000, 1)} s (${failedLines} failed; RSS ${rssSamples.at(-1)?.mb ?? '?'} MB, peak ${Math.round(lastHwmKb / 1024)} MB)`,
          );
        }
      }
    });
    const sampler = setInterval(() => {
      if (child.pid === undefined) return;
      const tree = processTree(child.pid);
      processCount = Math.max(processCount, tree.length);
      peakTreeKb = Math.max(
        peakTreeKb,
        tree.reduce((sum, pid) => sum + (statusKb(pid, 'VmRSS') ?? 0), 0),
      );
      // the largest process of the tree: the one that ingests (a wrapper that re-ran bin/fazhi.js is small);
      // its threads' CPU and its RSS read at every sample (not only when its peak rises: the threads'
      // figures of a run whose RSS stopped growing stopped there too, before ingest11)
      for (const pid of tree) {
        const hwm = statusKb(pid, 'VmHWM');
        if (hwm === null) continue;
        if (hwm >= lastHwmKb) {
          lastHwmKb = hwm;
          if (pid !== ingestingPid) ticks.clear();
          ingestingPid = pid;
        }
        if (pid !== ingestingPid) continue;
        for (const [tid, t] of threadTicks(pid)) ticks.set(tid, t);
        const rss = statusKb(pid, 'VmRSS');
        if (rss !== null) rssSamples.push({ s: round(msSince(started) / 1000, 1), mb: Math.round(rss / 1024) });
      }
    }, SAMPLE_MS);
    const code = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (c, signal) => resolve(c ?? (signal ? 128 : 1)));
    });
    clearInterval(sampler);
    const wallMs = msSince(started);
    progress(`fazhi ingest exited with ${code} after ${round(wallMs / 1000, 1)} s`);
    const usages = readdirSync(dir)
      .filter((f) => f.startsWith('usage.json.main.'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ProcessUsage)
      .sort((a, b) => b.maxRssKb - a.maxRssKb);
    // the process that ingested, and any wrapper (bin/fazhi.js running itself with a heap bound)
    const usage = usages[0] ?? null;
    const wrappers = usages.slice(1);
    const workers = readdirSync(dir)
      .filter((f) => f.startsWith('usage.json.worker.'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as WorkerUsage);
    const summaryLine =
      readFileSync(stdoutFile, 'utf8')
        .trimEnd()
        .split('\n')
        .filter((l) => /\d+ files?: /u.test(l))
        .at(-1) ?? '';

    // read back: each file's report under the unit and year it was written for
    const expected = new Map(corpus.reports.map((s) => [`${s.year}/${s.unit}.txt`, s]));
    const rows = await ds.query<Array<{ source: string; name: string; year: number }>>(
      `SELECT r.source AS source, u.name AS name, r.year AS year FROM report r JOIN unit u ON u.id = r."unitId" WHERE r.state = 'CURRENT'`,
    );
    let right = 0;
    for (const r of rows) {
      const key = `${basename(dirname(r.source))}/${basename(r.source)}`;
      const spec = expected.get(key);
      if (!spec) continue;
      if (spec.unit === r.name && spec.year === Number(r.year)) right += 1;
      else if (failures.length < 10) failures.push(`${spec.unit} ${spec.year}: read as ${r.name} ${r.year}`);
    }
    const failed = total - right;
    // per report: the time since the previous burst of lines shared by the burst's files
    const perReport: number[] = [];
    for (let i = 0; i < lineTimes.length;) {
      let j = i;
      while (j < lineTimes.length && lineTimes[j] === lineTimes[i]) j += 1;
      const since = lineTimes[i]! - (i > 0 ? lineTimes[i - 1]! : 0);
      for (let k = i; k < j; k += 1) perReport.push(since / (j - i));
      i = j;
    }
    // reports/s over each tenth of the files (from the process's start for the first tenth)
    const tenths: number[] = [];
    let previous = { index: -1, ms: 0 };
    for (let t = 1; t <= 10; t += 1) {
      const index = Math.min(lineTimes.length, Math.ceil((total * t) / 10)) - 1;
      if (index <= previous.index || lineTimes[index]! <= previous.ms) continue;
      tenths.push(round((index - previous.index) / ((lineTimes[index]! - previous.ms) / 1000), 1));
      previous = { index, ms: lineTimes[index]! };
    }
    const seconds = wallMs / 1000;
    const cpuMs = usages.length ? usages.reduce((sum, u) => sum + (u.userCpuUs + u.systemCpuUs) / 1000, 0) : NaN;
    const writer = usage?.writer;
    return {
      mode: 'cli',
      batchSize: 0,
      reports: total,
      failed,
      failures,
      bytes,
      seconds: round(seconds),
      reportsPerSecond: round(total / seconds, 1),
      wallSeconds: round(seconds),
      cpuMsPerReport: round(cpuMs / total, 1),
      mbPerSecond: round(bytes / 1e6 / seconds, 3),
      perReportMs: summarise(perReport.length ? perReport : [wallMs]),
      firstOfYearMs: lineTimes.length ? [round(lineTimes[0]!, 1)] : [],
      statementsPerReport: NaN,
      reportsPerSecondByTenth: tenths,
      ...(writer?.reports
        ? { writerMsPerReport: Object.fromEntries(Object.entries(writer.ms).map(([kind, ms]) => [kind, round(ms / writer.reports, 2)])) }
        : {}),
      // the whole command: each process's own peak, added (exact for one process, an upper bound for more)
      peakRssMb: usages.length ? Math.round(usages.reduce((sum, u) => sum + u.maxRssKb, 0) / 1024) : Math.round(lastHwmKb / 1024),
      cli: {
        command: `${override && !direct ? `FAZHI_NODE_FLAGS='${override.join(' ')}' ` : ''}NODE_OPTIONS='${nodeOptions.replace(root + '/', '')}' ${direct ? 'node' : 'bin/fazhi'} ${args.map((a) => a.replace(root + '/', '').replace(folder, 'DIR')).join(' ')}`,
        processes: Math.max(processCount, usages.length),
        peakTreeRssSampledMb: Math.round(peakTreeKb / 1024),
        ingestingPeakRssMb: usage ? Math.round(usage.maxRssKb / 1024) : null,
        exitCode: code,
        summary: summaryLine,
        peakRssProcMb: Math.round(lastHwmKb / 1024),
        peakMainHeapUsedMb: usage?.peakMainHeapUsedMb ?? null,
        execArgv: usage?.execArgv ?? [],
        wrapperPeakRssMb: wrappers.length ? Math.round(Math.max(...wrappers.map((w) => w.maxRssKb)) / 1024) : null,
        workerHeapsMb: workers.map((w) => `${w.usedMb}/${w.committedMb}/${w.limitMb}`),
        rssMbByTenthOfTime: tenthsOf(rssSamples.map((s) => s.mb)),
        memoryTimeline: memoryTimeline(
          usage?.memory ?? [],
          // the ingesting process's workers (a wrapper process starts none)
          workers.filter((w) => w.memory?.length).map((w) => w.memory!),
          startedAtMs,
          lineTimes,
        ),
        threadCpuMsPerReport: {
          main: round(((ticks.get(ingestingPid) ?? 0) * 1000) / TICKS_PER_SECOND / total, 2),
          others: [...ticks]
            .filter(([tid]) => tid !== ingestingPid)
            .map(([, t]) => round((t * 1000) / TICKS_PER_SECOND / total, 2))
            .filter((ms) => ms > 0)
            .sort((a, b) => b - a),
        },
        firstReportMs: lineTimes.length ? round(lineTimes[0]!, 1) : null,
      },
    };
  } finally {
    if (options.keep) progress(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** The largest value in each tenth of `values` (a sampled timeline, shortened). */
function tenthsOf(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const out: number[] = [];
  for (let t = 0; t < 10; t += 1) {
    const part = values.slice(
      Math.floor((values.length * t) / 10),
      Math.max(Math.floor((values.length * (t + 1)) / 10), Math.floor((values.length * t) / 10) + 1),
    );
    if (part.length) out.push(Math.max(...part));
  }
  return out;
}
