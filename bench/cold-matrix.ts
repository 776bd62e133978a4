/**
 * Only the matrix's cache-miss timing of the bench (`timeColdMatrix` in bench/db-bench.ts: a
 * not-applicable mark set or cleared before each timed request, the GraphQL matrix and the raw
 * SQL in alternate pairs), repeated over a PostgreSQL database a full run kept
 * (`npm run bench -- --db postgres --ingest given --load-seconds 0 --keep`), to see how the
 * ratio moves from run to run and why. Per run: p50 of both sides, the ratio, and the garbage
 * collection that fell inside the timed requests of each side (`PerformanceObserver`, this
 * process).
 *
 *   node dist/bench/cold-matrix.js --db-url postgres://…/fazhi_bench_123 [--runs 5] [--iterations 50]
 *     [--server in|child] [--server-args '--trace-gc'] [--out FILE]
 *
 * `--server in` (the bench until the twelfth pass): our server inside this process, which also
 * holds the writes and the client; `child`: our server in a fresh process of its own, as the load
 * test runs it.
 */
import 'reflect-metadata';
import { Command, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { createDataSource } from '../src/app/data-source';
import { loadConfig, type DatabaseConfig } from '../src/config';
import { StatementCounter } from '../src/db/statement-counter';
import { WriteLock } from '../src/db/write-lock';
import { startServer, type RunningServer } from '../src/server';
import { timeColdMatrix, type ColdSample } from './db-bench';
import { startOurs, type ServerProcess } from './peer';
import { MATRIX_QUERY, unitGlobalId } from './queries';
import { openPostgresMatrix } from './raw-matrix';
import { percentile, round } from './stats';
import { wholeNumber } from './positive-option';

interface Options {
  dbUrl: string;
  runs: number;
  iterations: number;
  server: 'in' | 'child';
  out?: string;
  serverArgs: string;
}

function parse(argv: string[]): Options {
  const program = new Command('cold-matrix')
    .requiredOption('--db-url <url>', 'a PostgreSQL database a bench run kept (--keep)')
    .option('--runs <n>', 'times to run the cold timing', wholeNumber, 5)
    .option('--iterations <n>', 'timed requests a side (as --iterations of the bench)', wholeNumber, 50)
    .addOption(new Option('--server <where>', 'our server in this process or a child').choices(['in', 'child']).default('in'))
    .option('--out <file>', 'write every sample as JSON')
    .option('--server-args <args>', '--server child: node options of our server, space-separated (--cpu-prof, --trace-gc)', '');
  program.parse(argv, { from: 'user' });
  return program.opts<Options>();
}

/** Milliseconds of the `gc` entries that overlap [start, end] (performance-time ms). */
function gcInside(entries: readonly PerformanceEntry[], start: number, end: number): number {
  let ms = 0;
  for (const e of entries) {
    const from = Math.max(e.startTime, start);
    const to = Math.min(e.startTime + e.duration, end);
    if (to > from) ms += to - from;
  }
  return ms;
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  const say = (m: string): void => void process.stderr.write(`[cold-matrix] ${m}\n`);
  const database: DatabaseConfig = { type: 'postgres', url: o.dbUrl };
  const counter = new StatementCounter();
  const ds = createDataSource(database, { counter });
  await ds.initialize();
  const lock = new WriteLock();
  let inProcess: RunningServer | null = null;
  let child: ServerProcess | null = null;
  const raw = await openPostgresMatrix(o.dbUrl);
  const gc: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => gc.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  try {
    const url =
      o.server === 'in'
        ? (inProcess = await startServer({ dataSource: ds, lock, config: { ...loadConfig({}), port: 0, host: '127.0.0.1', database } })).url
        : (child = await startOurs(database, o.serverArgs.split(' ').filter(Boolean))).url;
    // the district with the most reporting units (the bench's matrix district)
    const [district] = (await ds.query(
      `SELECT "parentId" AS id FROM unit WHERE level IN ('STREET', 'TOWN') GROUP BY "parentId" ORDER BY count(*) DESC LIMIT 1`,
    )) as Array<{ id: number }>;
    const parentId = Number(district!.id);
    const unitIds = ((await ds.query(`SELECT id FROM unit WHERE "parentId" = $1 ORDER BY id`, [parentId])) as Array<{ id: number }>).map(
      (r) => Number(r.id),
    );
    const checklistId = Number(
      ((await ds.query('SELECT id FROM checklist ORDER BY version DESC LIMIT 1')) as Array<{ id: number }>)[0]!.id,
    );
    // the newest year with the district's reports (the bench's corpus.years.at(-1))
    const year = Number(
      (
        (await ds.query(`SELECT max(r.year) AS y FROM report r JOIN unit u ON u.id = r."unitId" WHERE u."parentId" = $1`, [
          parentId,
        ])) as Array<{ y: number }>
      )[0]!.y,
    );
    const body = JSON.stringify({ query: MATRIX_QUERY, variables: { parent: unitGlobalId(parentId), year } });
    // as the bench: the raw statement prepared and five requests of each side before the clock
    for (let i = 0; i < 5; i += 1) {
      await raw.run(parentId, checklistId, year);
      await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).arrayBuffer();
    }
    const runs = [];
    for (let run = 1; run <= o.runs; run += 1) {
      const load = round(loadavg()[0] ?? NaN);
      if (run === 1) say(`district ${parentId}, ${unitIds.length} units, checklist ${checklistId}, year ${year}`);
      const samples: ColdSample[] = [];
      gc.length = 0;
      const origin = process.hrtime.bigint();
      const originPerf = performance.now();
      const timed = await timeColdMatrix(
        url,
        counter,
        ds,
        lock,
        { unitIds, parentId, checklistId, year, name: 'district' },
        body,
        o.iterations,
        raw,
        samples,
      );
      await new Promise((resolve) => setTimeout(resolve, 50)); // the observer's last entries
      const at = (t: bigint): number => originPerf + Number(t - origin) / 1e6;
      const side = (name: 'ours' | 'raw') => {
        const of = samples.filter((s) => s.side === name);
        const ms = of.map((s) => Number(s.end - s.start) / 1e6);
        const gcMs = of.map((s) => gcInside(gc, at(s.start), at(s.end)));
        const sorted = [...ms].sort((a, b) => a - b);
        return {
          count: ms.length,
          p25: round(percentile(sorted, 25)),
          p50: round(percentile(sorted, 50)),
          p75: round(percentile(sorted, 75)),
          withGc: gcMs.filter((g) => g > 0).length,
          gcMsMean: round(gcMs.reduce((s, g) => s + g, 0) / Math.max(1, gcMs.length)),
          ms: ms.map((v) => round(v)),
          gcMs: gcMs.map((v) => round(v)),
        };
      };
      const ours = side('ours');
      const rawSide = side('raw');
      const decoded = timed.result.latency.p50;
      const result = {
        run,
        loadAverage: load,
        ours: { ...ours, toLastByteP50: timed.result.toLastByte?.p50 },
        raw: rawSide,
        ratioP50: round(decoded / (timed.raw?.p50 ?? NaN)),
        ratioP50ToLastByte: round((timed.result.toLastByte?.p50 ?? NaN) / (timed.raw?.p50 ?? NaN)),
      };
      runs.push(result);
      say(
        `run ${run} (load ${load}): ours p50 ${ours.p50} ms (p25 ${ours.p25}, p75 ${ours.p75}, ${ours.count} samples, ${ours.withGc} with GC, ${ours.gcMsMean} ms GC mean), to the last byte ${result.ours.toLastByteP50}; ` +
          `raw p50 ${rawSide.p50} ms (p25 ${rawSide.p25}, p75 ${rawSide.p75}, ${rawSide.count}, ${rawSide.withGc} with GC, ${rawSide.gcMsMean} ms); ratio ${result.ratioP50} decoded, ${result.ratioP50ToLastByte} to the last byte`,
      );
    }
    if (o.out) writeFileSync(o.out, `${JSON.stringify({ server: o.server, iterations: o.iterations, runs }, null, 1)}\n`);
  } finally {
    observer.disconnect();
    await raw.close();
    await inProcess?.stop();
    await child?.stop();
    await ds.destroy();
  }
}

if (require.main === module) {
  process.env.TZ = 'UTC';
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
