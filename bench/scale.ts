/**
 * `npm run bench -- --db postgres --workers N --servers M [--units U] [--years Y]
 *   [--load-seconds S] [--connections C] [--pg-url URL] [--out DIR] [--label L]`
 *
 * Scale-out on one PostgreSQL (issue 16, part 4), each configuration next to one process:
 * - ingest: the corpus written as a folder of files (unit and year read from the text), queued
 *   with `fazhi ingest --queue` into a fresh database, drained by 1 and then N `fazhi worker
 *   --until-empty` processes (reports/s from the first worker's start to the last one's exit);
 *   each configuration must store every report once, with the same assessments;
 * - serve: 1 and then M `npm start` processes (the built server) over the database of the last
 *   ingest, the same load split over them (C connections in all, many distinct bodies: every
 *   unit's summary, every district's ranking and matrix), req/s summed; every server must give the
 *   same answers to a sample of those bodies.
 * Writes DIR/<timestamp>-<label>.json. Run `npm run build` first (the processes run dist/).
 */
import { spawn, fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, relative } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { Client } from 'pg';
import { createDataSource } from '../src/app/data-source';
import { runIngestQueueCli } from '../src/cli/ingest-queue';
import { batchStatuses } from '../src/pipeline/ingest-queue.service';
import { projectRoot } from '../src/common/project-root';
import { runWrite, WriteLock } from '../src/db/write-lock';
import { loadSeeds } from '../src/seeds/load-seeds';
import { upsertUnits } from '../src/units/unit.service';
import { asFiledReport, buildCorpus, generateReportText, type Corpus } from './corpus';
import type { LoadReply, LoadRequest } from './load-client';
import { MATRIX_QUERY, RANKING_QUERY, unitGlobalId } from './queries';
import { msSince, round, textTable } from './stats';

interface ScaleOptions {
  workers: number;
  servers: number;
  units: number;
  years: number;
  seed: string;
  loadSeconds: number;
  connections: number;
  pgUrl: string;
  out: string;
  label: string | null;
}

interface IngestRun {
  workers: number;
  reports: number;
  stored: number;
  seconds: number;
  reportsPerSecond: number;
  /** sha-256 of every stored assessment's unit, year, coverage and score, in order */
  answers: string;
  /** files refused by the pipeline or failed after every retry, with the reason (`fazhi ingest --status`) */
  notStored: string[];
}

interface ServeRun {
  servers: number;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  perServer: number[];
  latencyP50: number;
  latencyP99: number;
  /** every server gave the same answers to the sample bodies */
  sameAnswers: boolean;
}

const ROOT = projectRoot();

/** A unit's summary (the list view of a frontend): coverage, score and each item's status. */
const UNIT_SUMMARY_QUERY = `query UnitSummary($unit: ID!, $year: Int!) {
  assessment(unitId: $unit, year: $year) {
    unit { name }
    coverage { confirmed { covered assessable } proposed { covered partial assessable ratio } }
    score { confirmed { normalised } proposed { normalised } }
    items { code status confirmedStatus }
  }
}`;

function progress(message: string): void {
  process.stderr.write(`[bench:scale] ${message}\n`);
}

function whole(name: string, min: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`--${name} must be a whole number ≥ ${min}`);
    return n;
  };
}

/** Whether `argv` asks for the scale-out benchmark (bench/run.ts hands it over then). */
export function wantsScale(argv: readonly string[]): boolean {
  return argv.includes('--workers') || argv.includes('--servers');
}

function parse(argv: readonly string[]): ScaleOptions {
  const program = new Command()
    .name('npm run bench -- --db postgres')
    .option('--db <type>', 'postgres (queues and several servers need PostgreSQL)', 'postgres')
    .option('--workers <n>', 'ingest workers to compare with one', whole('workers', 1), 2)
    .option('--servers <n>', 'server processes to compare with one', whole('servers', 1), 2)
    .option('--units <n>', 'reporting units of the corpus', whole('units', 1), 220)
    .option('--years <n>', 'years of the corpus', whole('years', 1), 1)
    .option('--seed <s>', 'corpus seed', 'fazhi-bench')
    .option('--load-seconds <s>', 'seconds of each load', whole('load-seconds', 1), 15)
    .option('--connections <c>', 'connections of each load, split over the servers', whole('connections', 1), 32)
    .option('--pg-url <url>', 'PostgreSQL server', process.env.BENCH_PG_URL ?? 'postgres://fazhi:fazhi@127.0.0.1:5432/fazhi')
    .option('--out <dir>', 'where results are written', 'bench/results')
    .option('--label <l>', 'label of the result file')
    .exitOverride();
  program.parse([...argv], { from: 'user' });
  const o = program.opts<ScaleOptions & { db: string }>();
  if (o.db !== 'postgres') throw new Error('--workers and --servers need --db postgres (a queue and several servers need PostgreSQL)');
  return { ...o, label: o.label ?? null };
}

async function freshDatabase(pgUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(pgUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** A fresh database with units and checklist, the corpus queued, drained by `workers` worker processes. */
async function ingestWith(
  workers: number,
  corpus: Corpus,
  folder: string,
  options: ScaleOptions,
  name: string,
): Promise<IngestRun & { url: string }> {
  const url = await freshDatabase(options.pgUrl, name);
  const ds = createDataSource({ type: 'postgres', url });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const lock = new WriteLock();
    await loadSeeds(ds, lock, undefined, { reports: false });
    await runWrite(ds, lock, (m) => upsertUnits(m, corpus.units));
    let said = '';
    const io = { stdout: { write: (s: string) => (said += s) }, stderr: { write: (s: string) => (said += s) } };
    const queued = await runIngestQueueCli([folder, '--queue'], io, ds);
    if (queued !== 0) throw new Error(`queueing failed: ${said}`);
    progress(`${workers} worker(s): ${corpus.reports.length} reports queued; draining`);
    const started = process.hrtime.bigint();
    const children = Array.from({ length: workers }, () =>
      // the launcher, as `npm run worker` starts it (one process; it runs `node` from PATH: this one)
      spawn(join(ROOT, 'bin', 'fazhi'), ['worker', '--until-empty', '--poll', '0.5'], {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: url,
          LOG_LEVEL: 'warn',
          NODE_ENV: 'production',
          PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
    );
    const tails = children.map((c) => {
      let tail = '';
      c.stderr?.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString('utf8')).slice(-2000)));
      return () => tail;
    });
    const codes = await Promise.all(children.map(exited));
    const seconds = msSince(started) / 1000;
    if (codes.some((c) => c !== 0)) throw new Error(`a worker failed: ${tails.map((t) => t()).join('\n')}`);
    const [count] = (await ds.query(`SELECT COUNT(*) AS n, COUNT(DISTINCT sha256) AS d FROM report`)) as { n: string; d: string }[];
    const rows = (await ds.query(
      `SELECT u.name, a.year, a."coverageProposed", a."scoreProposed" FROM assessment a JOIN unit u ON u.id = a."unitId" WHERE a."reportId" IS NOT NULL ORDER BY u.name, a.year`,
    )) as unknown[];
    const [status] = await batchStatuses(ds, null);
    const notStored = [
      ...(status?.refused ?? []).map((r) => `${r.file}: refused ${r.code} ${r.message}`),
      ...(status?.failed ?? []).map((f) => `${f.file}: failed after ${f.tries} tries: ${f.message}`),
    ];
    const stored = Number(count?.n ?? 0);
    if (stored !== Number(count?.d ?? -1)) throw new Error('a report was stored twice');
    return {
      url,
      workers,
      reports: corpus.reports.length,
      stored,
      seconds: round(seconds, 1),
      reportsPerSecond: round(stored / seconds, 1),
      answers: createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16),
      notStored,
    };
  } finally {
    await ds.destroy();
  }
}

async function startServers(count: number, url: string, basePort: number): Promise<{ children: ChildProcess[]; urls: string[] }> {
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const port = basePort + i;
    const child = spawn(process.execPath, [join(ROOT, 'dist/src/index.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_REPORTS: '0',
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server ${i + 1} did not start: ${out.slice(-2000)}`)), 120_000);
      const onData = (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('GraphQL listening at')) {
          clearTimeout(timer);
          // from here on the server's log (a line a request at info) is read and dropped: kept and
          // searched, it cost this process a growing share of a core during the loads
          child.stdout?.off('data', onData);
          child.stderr?.off('data', onData);
          child.stdout?.resume();
          child.stderr?.resume();
          out = '';
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', () => reject(new Error(`server ${i + 1} exited: ${out.slice(-2000)}`)));
    });
    urls.push(`http://127.0.0.1:${port}/graphql`);
  }
  return { children, urls };
}

function load(request: LoadRequest): Promise<LoadReply> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'load-client.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m: { ok: boolean; reply?: LoadReply; error?: string }) =>
      m.ok && m.reply ? resolve(m.reply) : reject(new Error(m.error ?? 'load client failed')),
    );
    child.once('error', reject);
    child.send(request);
  });
}

async function answer(url: string, body: string): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return res.text();
}

/** The load bodies: every unit's summary and every district's ranking and matrix, in every year. */
async function loadBodies(url: string, corpus: Corpus): Promise<string[]> {
  const ds = createDataSource({ type: 'postgres', url });
  await ds.initialize();
  try {
    const units = (await ds.query(`SELECT id, level FROM unit WHERE name = ANY($1)`, [corpus.units.map((u) => u.name)])) as {
      id: number;
      level: string;
    }[];
    const bodies: string[] = [];
    for (const year of corpus.years) {
      for (const u of units) {
        const id = unitGlobalId(Number(u.id));
        if (u.level === 'DISTRICT') {
          bodies.push(JSON.stringify({ query: RANKING_QUERY, variables: { parent: id, year } }));
          bodies.push(JSON.stringify({ query: MATRIX_QUERY, variables: { parent: id, year } }));
        } else if (u.level === 'STREET' || u.level === 'TOWN') {
          bodies.push(JSON.stringify({ query: UNIT_SUMMARY_QUERY, variables: { unit: id, year } }));
        }
      }
    }
    // interleaved so that every connection meets every kind
    return bodies
      .map((b, i) => ({ b, k: (i * 7919) % bodies.length }))
      .sort((x, y) => x.k - y.k)
      .map((x) => x.b);
  } finally {
    await ds.destroy();
  }
}

async function serveWith(servers: number, url: string, bodies: string[], options: ScaleOptions): Promise<ServeRun> {
  const { children, urls } = await startServers(servers, url, 4900 + (process.pid % 500));
  try {
    const sample = bodies.filter((_, i) => i % Math.max(1, Math.floor(bodies.length / 12)) === 0).slice(0, 12);
    const answers = await Promise.all(urls.map((u) => Promise.all(sample.map((b) => answer(u, b)))));
    const sameAnswers = answers.every((a) => JSON.stringify(a) === JSON.stringify(answers[0]));
    // warm-up: every server answers each body once before the timed load
    await Promise.all(urls.map((u) => load({ url: u, bodies, connections: 4, seconds: 3 })));
    progress(`${servers} server(s): ${options.connections} connections for ${options.loadSeconds} s over ${bodies.length} distinct bodies`);
    const per = Math.max(1, Math.floor(options.connections / servers));
    const replies = await Promise.all(
      urls.map((u, i) =>
        load({ url: u, bodies: bodies.slice(i).concat(bodies.slice(0, i)), connections: per, seconds: options.loadSeconds }),
      ),
    );
    const requests = replies.reduce((n, r) => n + r.requests, 0);
    const seconds = Math.max(...replies.map((r) => r.seconds));
    return {
      servers,
      connections: per * servers,
      seconds,
      requests,
      requestsPerSecond: round(
        replies.reduce((n, r) => n + r.requestsPerSecond, 0),
        1,
      ),
      errors: replies.reduce((n, r) => n + r.errors + r.non2xx + r.timeouts + r.graphqlErrors, 0),
      perServer: replies.map((r) => r.requestsPerSecond),
      latencyP50: Math.max(...replies.map((r) => r.latency.p50)),
      latencyP99: Math.max(...replies.map((r) => r.latency.p99)),
      sameAnswers,
    };
  } finally {
    for (const child of children) {
      child.kill('SIGTERM');
      await exited(child);
    }
  }
}

/** The scale-out benchmark (see the file comment). */
export async function runScaleBench(argv: readonly string[], command: string): Promise<void> {
  const options = parse(argv);
  const startedAt = new Date().toISOString();
  const load0 = loadavg()[0] ?? NaN;
  const corpus = buildCorpus({ units: options.units, years: options.years, seed: options.seed });
  const folder = mkdtempSync(join(tmpdir(), 'fazhi-scale-'));
  const names: string[] = [];
  try {
    for (const spec of corpus.reports) {
      mkdirSync(join(folder, String(spec.year)), { recursive: true });
      writeFileSync(join(folder, String(spec.year), `${spec.unit}.txt`), asFiledReport(spec, generateReportText(corpus, spec)));
    }
    progress(`corpus: ${corpus.reports.length} report files in ${folder}`);
    const ingest: IngestRun[] = [];
    let url = '';
    for (const workers of [...new Set([1, options.workers])]) {
      const name = `fazhi_scale_${process.pid}_w${workers}`;
      names.push(name);
      const run = await ingestWith(workers, corpus, folder, options, name);
      url = run.url;
      const { url: _url, ...kept } = run;
      ingest.push(kept);
      progress(`${workers} worker(s): ${run.stored}/${run.reports} stored in ${run.seconds} s (${run.reportsPerSecond} reports/s)`);
      for (const line of run.notStored) progress(`  not stored: ${line}`);
    }
    const bodies = await loadBodies(url, corpus);
    const serve: ServeRun[] = [];
    for (const servers of [...new Set([1, options.servers])]) {
      const run = await serveWith(servers, url, bodies, options);
      serve.push(run);
      progress(`${servers} server(s): ${run.requestsPerSecond} req/s, ${run.errors} errors, same answers: ${run.sameAnswers}`);
    }
    const result = {
      label: options.label ?? `scale-w${options.workers}-s${options.servers}-u${options.units}`,
      startedAt,
      command,
      machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? '', loadAverage: { start: round(load0), end: round(loadavg()[0] ?? NaN) } },
      options: { ...options, pgUrl: options.pgUrl.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@') },
      ingest,
      sameStoredAnswers: ingest.every((r) => r.answers === ingest[0]?.answers && r.stored === r.reports),
      serve,
    };
    process.stdout.write(
      `${textTable([
        ['ingest (queue)', 'reports', 'stored', 'seconds', 'reports/s', 'answers'],
        ...ingest.map((r) => [`${r.workers} worker(s)`, r.reports, r.stored, r.seconds, r.reportsPerSecond, r.answers]),
      ])}\n${textTable([
        ['serve', 'connections', 'req/s', 'per server', 'p50 ms', 'p99 ms', 'errors', 'same answers'],
        ...serve.map((r) => [
          `${r.servers} server(s)`,
          r.connections,
          r.requestsPerSecond,
          r.perServer.join(' + '),
          r.latencyP50,
          r.latencyP99,
          r.errors,
          String(r.sameAnswers),
        ]),
      ])}\nload average ${result.machine.loadAverage.start} → ${result.machine.loadAverage.end}\n`,
    );
    const dir = isAbsolute(options.out) ? options.out : join(ROOT, options.out);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${startedAt.replace(/[:.]/g, '-')}-${result.label}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`Results: ${relative(process.cwd(), file)}\n`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
    for (const name of names) await dropDatabase(options.pgUrl, name).catch(() => undefined);
  }
}
