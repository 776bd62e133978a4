/**
 * `npm run bench -- [--units N] [--years Y] [--db sqlite|postgres|both] [--out DIR]
 *   [--seed S] [--load-seconds S] [--connections C] [--iterations I] [--pg-url URL]
 *   [--label L] [--keep] [--ingest folder|given]`
 *
 * Generates the corpus, measures analysis alone in this process, then runs the database
 * benchmark (ingest, GraphQL latency and statements, raw-SQL matrix, load) in one child
 * process per database, prints a table and writes JSON to DIR/<timestamp>-<label>.json
 * and DIR/latest.json. Not part of `npm test`.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { execFileSync, fork } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { analyzeReport } from '../src/reading/analyze';
import { loadChecklistFile } from '../src/checklist/checklist-file';
import { withShippedExamples } from '../src/checklist/examples-file';
import { modelOfDefinition } from '../src/evidence/pipeline';
import { runPipeline } from '../src/pipeline/report-pipeline';
import { projectRoot } from '../src/common/project-root';
import { asFiledReport, buildCorpus, generateReportText, type Corpus } from './corpus';
import type { DatabaseBenchRequest } from './db-bench';
import { runScaleBench, wantsScale } from './scale';
import { formatPeer } from './peer';
import { msSince, round, textTable } from './stats';
import type { AnalysisResult, BenchOptions, BenchResult, CorpusSummary, DatabaseResult, MachineInfo } from './types';

const DEFAULTS: BenchOptions = {
  units: 220,
  years: 2,
  db: 'sqlite',
  out: 'bench/results',
  seed: 'fazhi-bench',
  loadSeconds: 20,
  connections: 32,
  iterations: 50,
  pgUrl: process.env.BENCH_PG_URL ?? 'postgres://fazhi:fazhi@127.0.0.1:5432/fazhi',
  label: null,
  keep: false,
  ingestMode: 'folder',
  peer: false,
  batch: 32,
  reports: null,
};

const USAGE = `npm run bench -- [--units N] [--years Y] [--db sqlite|postgres|both] [--out DIR]
  [--seed S] [--load-seconds S] [--connections C] [--iterations I] [--pg-url URL] [--label L] [--keep] [--ingest folder|given] [--peer] [--batch N] [--reports N] [--ingest cli [--cli-node-args ARGS]]
defaults: --units ${DEFAULTS.units} --years ${DEFAULTS.years} --db ${DEFAULTS.db} --out ${DEFAULTS.out} --load-seconds ${DEFAULTS.loadSeconds} --connections ${DEFAULTS.connections} --iterations ${DEFAULTS.iterations}
see bench/README.md`;

/** Most reports timed by the analysis-alone measurement (spread over the corpus). */
const ANALYSIS_SAMPLE = 600;

/** Parses the command line (commander); throws with a usage message on unknown or invalid options. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const whole =
    (name: string, min: number) =>
    (value: string): number => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`--${name} expects a whole number ≥ ${min}, got ${value}`);
      return n;
    };
  const program = new Command('fazhi bench')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined })
    .helpOption('-h, --help', 'this text')
    .addHelpText('after', `\n${USAGE}`)
    .option('--units <n>', 'reporting units in the generated corpus', whole('units', 1), DEFAULTS.units)
    .option(
      '--years <n>',
      'report years (the demo checklist covers 2021–2025)',
      (v: string) => {
        const n = whole('years', 1)(v);
        if (n > 5) throw new InvalidArgumentError('--years: the demo checklist covers 2021–2025, at most 5 years');
        return n;
      },
      DEFAULTS.years,
    )
    .addOption(new Option('--db <type>', 'database(s) to measure').choices(['sqlite', 'postgres', 'both']).default(DEFAULTS.db))
    .option('--out <dir>', 'where results are written', DEFAULTS.out)
    .option('--seed <s>', 'corpus seed', DEFAULTS.seed)
    .option('--load-seconds <s>', 'seconds of each load test (0: none)', whole('load-seconds', 0), DEFAULTS.loadSeconds)
    .option('--connections <c>', 'connections of the load test', whole('connections', 1), DEFAULTS.connections)
    .option('--iterations <i>', 'timed requests per query', whole('iterations', 1), DEFAULTS.iterations)
    .option('--pg-url <url>', 'PostgreSQL server for --db postgres|both', DEFAULTS.pgUrl)
    .option('--label <l>', 'label of the result file')
    .option('--keep', 'keep the generated databases', false)
    .addOption(
      new Option(
        '--ingest <mode>',
        'folder: the unit read from each text (as `fazhi ingest DIR`, in this process); given: passed with it; cli: the corpus written to a folder and `fazhi ingest DIR` run as a child process',
      )
        .choices(['folder', 'given', 'cli'])
        .default(DEFAULTS.ingestMode),
    )
    .option('--peer', 'PostgreSQL: also load PostGraphile 5 over the same database with the same queries (bench/peer.ts)', false)
    .option(
      '--batch <n>',
      'folder ingest: reports per write transaction through ingestBatch (worker pool); 0: one by one through ingestReport',
      whole('batch', 0),
      DEFAULTS.batch,
    )
    .option('--reports <n>', 'ingest only the first N reports of the corpus (every unit still registered)', whole('reports', 1))
    .option('--cli-node-args <args>', '--ingest cli: node options of the `fazhi ingest` process, space-separated');
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError && (error.code === 'commander.helpDisplayed' || error.code === 'commander.help')) {
      process.stdout.write(program.helpInformation());
      process.exit(0);
    }
    throw new Error(error instanceof Error ? error.message.replace(/^error: /u, '') : String(error));
  }
  const o = program.opts<{
    units: number;
    years: number;
    db: BenchOptions['db'];
    out: string;
    seed: string;
    loadSeconds: number;
    connections: number;
    iterations: number;
    pgUrl: string;
    label?: string;
    keep: boolean;
    ingest: BenchOptions['ingestMode'];
    peer: boolean;
    batch: number;
    reports?: number;
    cliNodeArgs?: string;
  }>();
  const { ingest, ...rest } = o;
  return { ...rest, label: o.label ?? null, ingestMode: ingest, reports: o.reports ?? null };
}

/**
 * The git commit of the code measured, with `+changes` when src/ or ormconfig.ts have uncommitted
 * changes. Where there is no git checkout (a copy made with `git archive`, so that rebuilding a
 * worktree cannot change the code under a long run): `FAZHI_COMMIT` if set, else the commit
 * `git archive` wrote into bench/commit.txt (its `export-subst` attribute, .gitattributes),
 * marked `(archive)`; `unknown` only when neither says.
 */
export function codeVersion(root = projectRoot(), env: NodeJS.ProcessEnv = process.env): string {
  if (env.FAZHI_COMMIT?.trim()) return env.FAZHI_COMMIT.trim();
  try {
    const git = (...args: string[]): string =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const top = git('rev-parse', '--show-toplevel');
    if (realpathSync(top) !== realpathSync(root)) throw new Error('not a checkout of its own');
    const changed = git('status', '--porcelain', '--', 'src', 'ormconfig.ts') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${changed ? '+changes' : ''}`;
  } catch {
    try {
      const archived = readFileSync(join(root, 'bench', 'commit.txt'), 'utf8').trim();
      if (/^[0-9a-f]{7,40}$/u.test(archived)) return `${archived.slice(0, 7)} (archive)`;
    } catch {
      // no file
    }
    return 'unknown';
  }
}

/** CPU model, cores, memory and Node version of this machine. */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    nodeEnv: process.env.NODE_ENV ?? '(unset: development)',
    loadAverage: { start: round(loadavg()[0] ?? NaN), end: NaN },
  };
}

function corpusSummary(corpus: Corpus): CorpusSummary {
  const childrenOf = (name: string): number => corpus.units.filter((u) => u.parentName === name).length;
  return {
    seed: corpus.seed,
    units: corpus.units.length,
    reportingUnits: corpus.units.filter((u) => u.level === 'STREET' || u.level === 'TOWN').length,
    matrixDistrict: corpus.matrixDistrict,
    matrixDistrictUnits: childrenOf(corpus.matrixDistrict),
    smallDistrict: corpus.smallDistrict,
    smallDistrictUnits: childrenOf(corpus.smallDistrict),
    years: corpus.years,
    reports: corpus.reports.length,
  };
}

/**
 * Analysis alone, on this thread: `analyzeReport` over a sample of the corpus with the
 * explicit unit and year and the known units, as ingest calls it; and without known units.
 */
export function measureAnalysis(corpus: Corpus): AnalysisResult {
  const step = Math.max(1, Math.floor(corpus.reports.length / ANALYSIS_SAMPLE));
  const specs = corpus.reports.filter((_, i) => i % step === 0).slice(0, ANALYSIS_SAMPLE);
  const texts = specs.map((s) => generateReportText(corpus, s));
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0);
  // Ingest passes every registered unit: the generated ones and the demo seeds' 11.
  const knownUnits = [...corpus.units.map((u) => ({ name: u.name, aliases: u.aliases })), ...SEED_UNITS];
  const run = (withKnown: boolean): number => {
    // texts has one entry per spec
    for (let i = 0; i < Math.min(20, texts.length); i += 1)
      analyzeReport(texts[i]!, { unit: specs[i]!.unit, year: specs[i]!.year, knownUnits: withKnown ? knownUnits : undefined });
    const start = process.hrtime.bigint();
    for (let i = 0; i < texts.length; i += 1)
      analyzeReport(texts[i]!, { unit: specs[i]!.unit, year: specs[i]!.year, knownUnits: withKnown ? knownUnits : undefined });
    return msSince(start) / 1000;
  };
  const seconds = run(true);
  const without = run(false);
  // as a folder ingest reads: no unit given, every registered unit known (one list, as the registry keeps it)
  const timed = (one: (text: string) => unknown): number => {
    for (let i = 0; i < Math.min(10, texts.length); i += 1) one(texts[i]!);
    const start = process.hrtime.bigint();
    for (const text of texts) one(text);
    return msSince(start) / 1000;
  };
  const filed = new Map(texts.map((text, i) => [text, asFiledReport(specs[i]!, text)]));
  const detectedSeconds = timed((text) => analyzeReport(filed.get(text)!, { knownUnits }));
  const demo = loadChecklistFile(join(projectRoot(), 'seeds', 'checklist.yaml')).checklist;
  if (!demo) throw new Error('seeds/checklist.yaml does not load');
  const shipped = withShippedExamples(demo);
  const checklist = { definition: shipped, model: modelOfDefinition(shipped) };
  const pipelineSeconds = timed((text) => runPipeline(filed.get(text)!, { knownUnits }, checklist));
  const rate = (s: number) => ({ seconds: round(s), reportsPerSecond: round(texts.length / s, 1), mbPerSecond: round(bytes / 1e6 / s, 2) });
  let detected = 0;
  texts.forEach((text, i) => {
    const a = analyzeReport(text, { knownUnits });
    if (a.unit?.name === specs[i]?.unit && a.year?.value === specs[i]?.year) detected += 1;
  });
  return {
    reports: texts.length,
    bytes,
    seconds: round(seconds),
    reportsPerSecond: round(texts.length / seconds, 1),
    mbPerSecond: round(bytes / 1e6 / seconds, 2),
    knownUnits: knownUnits.length,
    withoutKnownUnits: {
      seconds: round(without),
      reportsPerSecond: round(texts.length / without, 1),
      mbPerSecond: round(bytes / 1e6 / without, 2),
    },
    detectedShare: round(detected / texts.length, 3),
    unitDetected: rate(detectedSeconds),
    pipeline: rate(pipelineSeconds),
  };
}

const SEED_UNITS = [
  { name: '天津市', aliases: [] },
  { name: '南开区', aliases: [] },
  { name: '万兴街', aliases: ['万兴街道'] },
  { name: '王顶堤街', aliases: ['王顶堤街道'] },
  { name: '滨海新区', aliases: [] },
  { name: '塘沽街道', aliases: ['塘沽街'] },
  { name: '胡家园街', aliases: ['胡家园街道'] },
  { name: '山东省', aliases: [] },
  { name: '淄博市', aliases: [] },
  { name: '临淄区', aliases: [] },
  { name: '稷下街道', aliases: ['稷下街'] },
];

/** Runs the database benchmark in a child process with the database type in its environment. */
function runDatabase(type: 'sqlite' | 'postgres', options: BenchOptions): Promise<DatabaseResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC', LOG_LEVEL: 'warn' };
  if (type === 'postgres') env.DATABASE_URL = options.pgUrl;
  else delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'db-bench.js'), [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (message: { ok: boolean; result?: DatabaseResult; error?: string }) => {
      settled = true;
      if (message.ok && message.result) resolve(message.result);
      else reject(new Error(`${type}: ${message.error ?? 'failed'}`));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`${type} benchmark process exited with ${code}`));
    });
    const request: DatabaseBenchRequest = { type, options };
    child.send(request);
  });
}

/** The printed report: machine, corpus, then one table per measurement. */
export function formatResult(r: BenchResult): string {
  const out: string[] = [];
  out.push(`Command: ${r.command}   (code ${r.commit})`);
  out.push(
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGB} GB, Node ${r.machine.node}, ${r.machine.platform}, NODE_ENV ${r.machine.nodeEnv}; ` +
      `load average ${r.machine.loadAverage.start} at start, ${r.machine.loadAverage.end} at end`,
  );
  out.push(
    `Corpus: ${r.corpus.reportingUnits} reporting units (${r.corpus.units} units in all), years ${r.corpus.years.join(', ')}, ${r.corpus.reports} reports; ` +
      `matrix district ${r.corpus.matrixDistrict} (${r.corpus.matrixDistrictUnits} units), small district ${r.corpus.smallDistrict} (${r.corpus.smallDistrictUnits} units)`,
  );
  out.push('');
  const a = r.analysis;
  const rows: Array<Array<string | number>> = [['throughput', 'reports', 'MB', 'seconds', 'reports/s', 'MB/s', 'stmts/report']];
  rows.push([
    `analysis alone, unit given, ${a.knownUnits} known units (one core)`,
    a.reports,
    round(a.bytes / 1e6, 2),
    a.seconds,
    a.reportsPerSecond,
    a.mbPerSecond,
    '-',
  ]);
  rows.push([
    'analysis alone, unit given, no known units',
    a.reports,
    round(a.bytes / 1e6, 2),
    a.withoutKnownUnits.seconds,
    a.withoutKnownUnits.reportsPerSecond,
    a.withoutKnownUnits.mbPerSecond,
    '-',
  ]);
  for (const [label, x] of [
    [`reading, unit read from the text, ${a.knownUnits} known units`, a.unitDetected],
    ['whole pipeline read → match → assess (one core)', a.pipeline],
  ] as const) {
    if (x) rows.push([label, a.reports, round(a.bytes / 1e6, 2), x.seconds, x.reportsPerSecond, x.mbPerSecond, '-']);
  }
  for (const d of r.databases) {
    const i = d.ingest;
    rows.push([
      `ingest + storage, ${d.type} ${d.version}${i.mode === 'folder' ? `, unit read from the text, ${i.batchSize ? `batches of ${i.batchSize}` : 'one by one'}` : i.mode === 'given' ? ', unit given' : i.mode === 'cli' ? ', `fazhi ingest DIR` as a child process' : ''}`,
      i.reports,
      round(i.bytes / 1e6, 2),
      i.seconds,
      i.reportsPerSecond,
      i.mbPerSecond,
      i.statementsPerReport,
    ]);
  }
  out.push(textTable(rows));
  out.push(
    `(unit and year detected correctly from the untitled text alone in ${round(a.detectedShare * 100, 1)}% of the sample; a folder ingest reads each report with its title, asFiledReport in bench/corpus.ts)`,
  );
  for (const d of r.databases) {
    out.push('');
    const i = d.ingest;
    out.push(
      `${d.type}: per report p50 ${i.perReportMs.p50} ms, p95 ${i.perReportMs.p95} ms, max ${i.perReportMs.max} ms; first report of each year ${i.firstOfYearMs.join(', ')} ms; ` +
        `reports/s by tenth ${i.reportsPerSecondByTenth.join(' ')}; database ${d.sizeMB} MB; ${d.seconds} s in all` +
        (i.failed !== undefined ? `; ${i.failed} failed${i.failures?.length ? ` (${i.failures.join('; ')})` : ''}` : '') +
        (i.cli
          ? `; fazhi ingest: exit ${i.cli.exitCode}, peak RSS of the command ${i.peakRssMb} MB (${i.cli.processes ?? '?'} process(es); sampled sum ${i.cli.peakTreeRssSampledMb ?? '?'} MB; the ingesting process ${i.cli.ingestingPeakRssMb ?? '?'} MB, VmHWM ${i.cli.peakRssProcMb} MB; node ${i.cli.execArgv.filter((a) => a.startsWith('--')).join(' ')}; main heap used ≤ ${i.cli.peakMainHeapUsedMb} MB; workers' heaps used/committed/limit ${i.cli.workerHeapsMb.join(', ')} MB${i.cli.wrapperPeakRssMb !== null ? `; of which the wrapper process ${i.cli.wrapperPeakRssMb} MB` : ''}; RSS by tenth of time ${i.cli.rssMbByTenthOfTime.join(' ')}${i.cli.threadCpuMsPerReport ? `; CPU ms a report, main thread ${i.cli.threadCpuMsPerReport.main}, other threads ${i.cli.threadCpuMsPerReport.others.join(' ')}` : ''}), first report stored after ${i.cli.firstReportMs} ms, "${i.cli.summary}"; the bench process's own peak RSS ${i.benchPeakRssMb} MB`
          : i.peakRssMb !== undefined
            ? `; peak RSS during ingest ${i.peakRssMb} MB`
            : '') +
        (i.wallSeconds !== undefined
          ? i.cli
            ? `; wall clock of the process ${i.wallSeconds} s; CPU ${i.cpuMsPerReport} ms per report (the fazhi ingest process, all threads)`
            : `; wall clock ${i.wallSeconds} s (${round(i.reports / i.wallSeconds, 1)} reports/s) including ${i.generationSeconds ?? 0} s generating the texts; CPU ${i.cpuMsPerReport} ms per report (this process, all threads)`
          : ''),
    );
    if (i.writerMsPerReport && Object.keys(i.writerMsPerReport).length) {
      out.push(
        `${d.type} writer, ms per report: ${Object.entries(i.writerMsPerReport)
          .map(([kind, ms]) => `${kind} ${ms}`)
          .join('; ')}`,
      );
    }
    const q: Array<Array<string | number>> = [
      [`GraphQL on ${d.type} (sequential)`, 'first ms', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'SQL stmts', 'KB'],
    ];
    for (const x of d.queries) {
      const stmts = x.statements.min === x.statements.max ? String(x.statements.min) : `${x.statements.min}–${x.statements.max}`;
      q.push([
        x.name,
        x.first.ms,
        x.latency.count,
        x.latency.p50,
        x.latency.p95,
        x.latency.p99,
        x.first.statements === x.statements.max ? stmts : `${stmts} (first ${x.first.statements})`,
        round(x.responseBytes / 1024, 1),
      ]);
    }
    const m = d.rawMatrix;
    q.push([`raw SQL matrix (driver, ${m.cells} cells)`, '-', m.latency.count, m.latency.p50, m.latency.p95, m.latency.p99, 1, '-']);
    out.push(textTable(q));
    out.push(
      `coverageMatrix GraphQL / raw SQL (p50): ${m.ratioP50}× warm, ${m.coldRatioP50 ?? '-'}× cold; to the last byte received (the bench's decoding and JSON.parse of the answer left out): ${m.ratioP50ToLastByte ?? '-'}× warm, ${m.coldRatioP50ToLastByte ?? '-'}× cold; cold against the raw SQL cold (p50 ${m.coldLatency?.p50 ?? '-'} ms): ${m.coldRatioP50RawCold ?? '-'}× decoded, ${m.coldRatioP50ToLastByteRawCold ?? '-'}× to the last byte; same statuses: ${m.sameStatuses ? 'yes' : 'NO'}`,
    );
    if (d.load.length) {
      const l: Array<Array<string | number>> = [
        [
          `load on ${d.type} (autocannon)`,
          'conns',
          's',
          'requests',
          'req/s',
          'p50 ms',
          'p99 ms',
          'errors',
          'RSS MB before→after',
          'heap MB before→after',
        ],
      ];
      for (const x of d.load) {
        const errors = x.errors + x.non2xx + x.graphqlErrors;
        l.push([
          x.bodies ? `${x.name} (${x.bodies} bodies)` : x.name,
          x.connections,
          x.seconds,
          x.requests,
          x.requestsPerSecond,
          x.latency.p50,
          x.latency.p99,
          errors,
          `${x.memoryBefore.rssMB}→${x.memoryAfter.rssMB}`,
          `${x.memoryBefore.heapUsedMB}→${x.memoryAfter.heapUsedMB}`,
        ]);
      }
      out.push(textTable(l));
    }
    if (d.peer) out.push(formatPeer(d.peer));
  }
  out.push('');
  out.push(`Total ${r.seconds} s.`);
  return out.join('\n');
}

/** Runs the benchmark (`fazhi bench`, `npm run bench`) with the command's arguments. */
export async function runBench(argv: string[], invokedAs = 'fazhi bench'): Promise<void> {
  // --workers / --servers: the scale-out benchmark (bench/scale.ts)
  if (wantsScale(argv)) return runScaleBench(argv, `npm run bench -- ${argv.join(' ')}`);
  const started = process.hrtime.bigint();
  const startedAt = new Date().toISOString();
  const options = parseOptions(argv);
  const command =
    `${process.env.npm_lifecycle_event === 'bench' ? 'npm run bench --' : invokedAs}${argv.length ? ` ${argv.join(' ')}` : ''}`.replace(
      /\/\/([^:/@\s]+):[^@\s]*@/g,
      '//$1:***@',
    );
  const machine = machineInfo();
  process.stderr.write(`[bench] ${command}\n[bench] ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}\n`);
  const corpus = buildCorpus({ units: options.units, years: options.years, seed: options.seed });
  const summary = corpusSummary(corpus);
  process.stderr.write(`[bench] corpus: ${summary.reportingUnits} reporting units, ${summary.reports} reports; measuring analysis alone\n`);
  const analysis = measureAnalysis(corpus);
  process.stderr.write(`[bench] analysis: ${analysis.reportsPerSecond} reports/s, ${analysis.mbPerSecond} MB/s\n`);
  const types: Array<'sqlite' | 'postgres'> = options.db === 'both' ? ['sqlite', 'postgres'] : [options.db];
  const databases: DatabaseResult[] = [];
  for (const type of types) databases.push(await runDatabase(type, options));
  machine.loadAverage.end = round(loadavg()[0] ?? NaN);
  const label = options.label ?? `u${options.units}-y${options.years}-${options.db}`;
  const recorded = { ...options, pgUrl: options.pgUrl.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@') };
  const result: BenchResult = {
    label,
    startedAt,
    command,
    commit: codeVersion(),
    machine,
    options: recorded,
    corpus: summary,
    analysis,
    databases,
    seconds: round(msSince(started) / 1000, 1),
  };
  process.stdout.write(`${formatResult(result)}\n`);
  const dir = isAbsolute(options.out) ? options.out : join(projectRoot(), options.out);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${startedAt.replace(/[:.]/g, '-')}-${label}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  copyFileSync(file, join(dir, 'latest.json'));
  process.stdout.write(`Results: ${relative(process.cwd(), file)} (and latest.json)\n`);
}

if (require.main === module) {
  runBench(process.argv.slice(2), 'node dist/bench/run.js').catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
