/**
 * The database part of the benchmark, run in its own process per database type (the two
 * measurements share no heap, pool or cache). Creates a fresh database, loads the seeds and the
 * generated units, ingests the corpus through `ingestReport`, then serves GraphQL with the
 * real HTTP server on port 0 and measures query latency (with SQL statements per request),
 * the raw-SQL coverage matrix, and load with autocannon (in a child process).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/app/data-source';
import { ChecklistItem } from '../src/checklist/checklist-item.entity';
import { Checklist } from '../src/checklist/checklist.entity';
import { loadConfig, type DatabaseConfig } from '../src/config';
import { StatementCounter } from '../src/db/statement-counter';
import { runWrite, WriteLock } from '../src/db/write-lock';
import { setItemNotApplicable } from '../src/pipeline/assessment-decisions.service';
import { writerTiming } from '../src/pipeline/ingest-batch.store';
import { ingestReport, ingestStream, type IngestResult as IngestResultOf } from '../src/pipeline/ingest.service';
import type { Outcome } from '../src/common/user-error';
import { loadSeeds } from '../src/seeds/load-seeds';
import { startServer, type RunningServer } from '../src/server';
import { Unit } from '../src/units/unit.entity';
import { upsertUnits } from '../src/units/unit.service';
import { ingestWithCli } from './cli-ingest';
import { buildCorpus, asFiledReport, generateReportText, type Corpus } from './corpus';
import { buildBodies, readContext } from './load-bodies';
import { loadQueries, startOurs, startPeer, type ServerProcess } from './peer';
import { backendCpuReader } from './database-cpu';
import { ASSESSMENT_QUERY, FLAGS_QUERY, MATRIX_QUERY, RANKING_QUERY, SEARCH_QUERY, SEARCH_TERMS, unitDbId, unitGlobalId } from './queries';
import { openPostgresMatrix, openSqliteMatrix, type RawMatrix, type RawMatrixRow } from './raw-matrix';
import { msSince, percentile, round, summarise, type LatencySummary } from './stats';
import type { BenchOptions, DatabaseResult, IngestResult, LoadResult, PeerResult, QueryResult, RawMatrixResult } from './types';

/** What the parent process sends to a database benchmark process. */
export interface DatabaseBenchRequest {
  type: 'sqlite' | 'postgres';
  options: BenchOptions;
}

/** Longest time spent timing one query (the iteration count is cut short after it). */
const QUERY_TIME_BUDGET_MS = 4000;

function progress(type: string, message: string): void {
  process.stderr.write(`[bench:${type}] ${message}\n`);
}

interface FreshDatabase {
  database: DatabaseConfig;
  drop(): Promise<void>;
  size(ds: DataSource): Promise<number>;
}

/** A new empty database: a temporary SQLite file, or a new PostgreSQL database next to the admin URL's. */
async function freshDatabase(type: 'sqlite' | 'postgres', options: BenchOptions): Promise<FreshDatabase> {
  if (type === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-bench-'));
    const path = join(dir, 'bench.sqlite');
    return {
      database: { type: 'sqlite', path },
      drop: async () => {
        if (options.keep) progress(type, `kept ${path}`);
        else rmSync(dir, { recursive: true, force: true });
      },
      size: async () => [path, `${path}-wal`].reduce((s, p) => s + (existsSync(p) ? statSync(p).size : 0), 0),
    };
  }
  const name = `fazhi_bench_${process.pid}`;
  const admin = new Client({ connectionString: options.pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(options.pgUrl);
  url.pathname = `/${name}`;
  return {
    database: { type: 'postgres', url: url.toString() },
    drop: async () => {
      if (options.keep) {
        progress(type, `kept database ${name}`);
        return;
      }
      const c = new Client({ connectionString: options.pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
    size: async (ds) => Number((await ds.query('SELECT pg_database_size(current_database()) AS size'))[0].size),
  };
}

/**
 * Ingests every report of the corpus, year by year, through the product's ingest service:
 * `given` and `--batch 0` one report at a time through `ingestReport`; a folder ingest with
 * `--batch N` through `ingestBatch` (read and matched in the worker pool, N reports per write
 * transaction), as `fazhi ingest DIR` does. Only the ingest calls are timed, not the text
 * generation. A report refused, or read as another unit or year, counts as failed (and the run
 * goes on); the first few are listed.
 */
async function ingestCorpus(
  ds: DataSource,
  lock: WriteLock,
  counter: StatementCounter,
  corpus: Corpus,
  type: string,
  folder: boolean,
  batchSize: number,
): Promise<Omit<IngestResult, 'setupSeconds'>> {
  const durations: number[] = [];
  const statements: number[] = [];
  const firstOfYearMs: number[] = [];
  const failures: string[] = [];
  let failed = 0;
  let bytes = 0;
  let lastYear = 0;
  let peakRss = process.memoryUsage().rss;
  const total = corpus.reports.length;
  const tenths: number[] = [];
  let tenthMs = 0;
  let tenthCount = 0;
  const step = folder && batchSize > 0 ? batchSize : 1;
  const limits = { maxReportBytes: 5 * 1024 * 1024 };
  let generationMs = 0;
  const inputOf = (spec: Corpus['reports'][number]) => {
    const started = process.hrtime.bigint();
    const text = generateReportText(corpus, spec);
    bytes += Buffer.byteLength(text, 'utf8');
    const source = `bench/${spec.year}/${spec.unit}.txt`;
    // a folder ingest reads unit and year from the text; `given` passes them
    const input = folder
      ? { text: asFiledReport(spec, text), source, actor: 'bench' }
      : { text, unit: spec.unit, year: spec.year, source, actor: 'bench' };
    generationMs += msSince(started);
    return input;
  };
  let done = 0;
  /** Records one batch's outcomes: `ms` of ingest (text generation not counted), the statements since `before`. */
  const record = (results: ReadonlyArray<Outcome<IngestResultOf>>, ms: number, before: number): void => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const specs = corpus.reports.slice(done, done + results.length);
    results.forEach((result, k) => {
      const spec = specs[k]!;
      const problem = !result.ok
        ? result.errors.map((e) => e.message).join('; ')
        : result.value.unit.name !== spec.unit || result.value.year !== spec.year
          ? `read as ${result.value.unit.name} ${result.value.year}`
          : null;
      if (problem === null) return;
      failed += 1;
      if (failures.length < 10) failures.push(`${spec.unit} ${spec.year}: ${problem}`);
    });
    // per report: the batch's time shared by its reports
    for (const spec of specs) {
      durations.push(ms / specs.length);
      statements.push((counter.count - before) / specs.length);
      if (spec.year !== lastYear) {
        firstOfYearMs.push(round(ms / (step > 1 ? 1 : specs.length), 1));
        lastYear = spec.year;
      }
    }
    tenthMs += ms;
    tenthCount += specs.length;
    done += specs.length;
    if (done % Math.max(step, Math.ceil(total / 10 / step) * step) === 0 || done === total) {
      tenths.push(round(tenthCount / (tenthMs / 1000), 1));
      progress(
        type,
        `ingested ${done}/${total} (${tenths[tenths.length - 1]} reports/s over the last ${tenthCount}; ${failed} failed; RSS ${Math.round(peakRss / 1e6)} MB)`,
      );
      tenthMs = 0;
      tenthCount = 0;
    }
  };
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const writerBefore = { ...writerTiming.ms };
  if (step > 1) {
    // as `fazhi ingest DIR`: one stream, the pool reading the next batch while this one is stored
    let before = counter.count;
    let batchStart = process.hrtime.bigint();
    let generationBefore = 0;
    await ingestStream(ds, lock, lazily(corpus.reports, inputOf), limits, { batchSize }, (_, results) => {
      const generated = generationMs - generationBefore;
      record(results, msSince(batchStart) - generated, before);
      before = counter.count;
      generationBefore = generationMs;
      batchStart = process.hrtime.bigint();
    });
  } else {
    for (const spec of corpus.reports) {
      const input = inputOf(spec);
      const before = counter.count;
      const start = process.hrtime.bigint();
      const result = await ingestReport(ds, lock, input, limits);
      record([result], msSince(start), before);
    }
  }
  const wallSeconds = msSince(wallStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const writerMsPerReport = Object.fromEntries(
    Object.entries(writerTiming.ms)
      .map(([kind, ms]) => [kind, round((ms - (writerBefore[kind] ?? 0)) / total, 2)] as const)
      .filter(([, ms]) => ms > 0),
  );
  const seconds = durations.reduce((s, v) => s + v, 0) / 1000;
  const sortedStatements = [...statements].sort((a, b) => a - b);
  return {
    mode: folder ? 'folder' : 'given',
    batchSize: folder ? batchSize : 0,
    reports: total,
    failed,
    failures,
    bytes,
    seconds: round(seconds),
    reportsPerSecond: round(total / seconds, 1),
    wallSeconds: round(wallSeconds),
    generationSeconds: round(generationMs / 1000, 2),
    cpuMsPerReport: round((cpu.user + cpu.system) / 1000 / total, 1),
    writerMsPerReport,
    mbPerSecond: round(bytes / 1e6 / seconds, 3),
    perReportMs: summarise(durations),
    firstOfYearMs,
    statementsPerReport: round(percentile(sortedStatements, 50), 1),
    reportsPerSecondByTenth: tenths,
    peakRssMb: Math.round(peakRss / 1e6),
  };
}

/** `map` over `items`, one at a time as the consumer asks for them. */
function* lazily<T, U>(items: readonly T[], map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

/**
 * POSTs one GraphQL operation; throws on HTTP or GraphQL errors. `receivedAt`: when the
 * answer's last byte had arrived, before this client decoded and parsed it (this process is
 * the server's too, so that work delays the next request: the timings count it, and show the
 * time to the last byte apart).
 */
export async function post(url: string, body: string): Promise<{ data: Record<string, unknown>; bytes: number; receivedAt: bigint }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const received = Buffer.from(await response.arrayBuffer());
  const receivedAt = process.hrtime.bigint();
  const text = received.toString('utf8');
  const json = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (!response.ok || json.errors) throw new Error(`GraphQL request failed (${response.status}): ${text.slice(0, 500)}`);
  return { data: json.data ?? {}, bytes: received.length, receivedAt };
}

/** Milliseconds from `start` to `end` (hrtime). */
const between = (start: bigint, end: bigint): number => Number(end - start) / 1e6;

/** Times one query shape sequentially (after 5 warm-up requests), counting SQL statements per request. */
async function timeQuery(
  url: string,
  counter: StatementCounter,
  name: string,
  description: string,
  bodies: string[],
  iterations: number,
): Promise<{ result: QueryResult; sample: Record<string, unknown> }> {
  counter.reset();
  const firstStart = process.hrtime.bigint();
  await post(url, bodies[0]!); // bodies is never empty
  const firstMs = round(msSince(firstStart));
  const firstStatements = counter.count;
  for (let i = 1; i < 5; i += 1) await post(url, bodies[i % bodies.length]!);
  const durations: number[] = [];
  const toLastByte: number[] = [];
  const statements: number[] = [];
  let sample: Record<string, unknown> = {};
  let bytes = 0;
  const budgetStart = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) {
    counter.reset();
    const start = process.hrtime.bigint();
    const answer = await post(url, bodies[i % bodies.length]!);
    durations.push(msSince(start));
    toLastByte.push(between(start, answer.receivedAt));
    statements.push(counter.count);
    sample = answer.data;
    bytes = answer.bytes;
    if (i >= 19 && msSince(budgetStart) > QUERY_TIME_BUDGET_MS) break;
  }
  return {
    result: {
      name,
      description,
      first: { ms: firstMs, statements: firstStatements },
      latency: summarise(durations),
      toLastByte: summarise(toLastByte),
      statements: { min: Math.min(...statements), max: Math.max(...statements) },
      responseBytes: bytes,
    },
    sample,
  };
}

/** Times the raw matrix query and checks it gives the same statuses as the GraphQL answer. */
async function rawMatrixResult(
  raw: RawMatrix,
  parentId: number,
  checklistId: number,
  year: number,
  iterations: number,
  graphql: { sample: Record<string, unknown>; p50: number; p50ToLastByte?: number },
): Promise<RawMatrixResult> {
  for (let i = 0; i < 5; i += 1) await raw.run(parentId, checklistId, year);
  const durations: number[] = [];
  let rows: RawMatrixRow[] = [];
  const budgetStart = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) {
    const start = process.hrtime.bigint();
    rows = await raw.run(parentId, checklistId, year);
    durations.push(msSince(start));
    if (i >= 19 && msSince(budgetStart) > QUERY_TIME_BUDGET_MS) break;
  }
  type Row = {
    unit: { id: string };
    hasReport: boolean;
    rank: number;
    proposed: { covered: number };
    cells: Array<{ status: string; confirmedStatus: string }>;
  };
  const gqlRows = (graphql.sample.coverageMatrix as { rows: Row[] }).rows;
  const rawById = new Map(rows.map((r) => [r.unitId, r]));
  const same =
    gqlRows.length === rows.length &&
    gqlRows.every((g) => {
      const r = rawById.get(unitDbId(g.unit.id));
      return (
        r !== undefined &&
        r.hasReport === g.hasReport &&
        r.rank === g.rank &&
        r.covered === g.proposed.covered &&
        r.cells.join(',') === g.cells.map((c) => `${c.status}:${c.confirmedStatus}`).join(',')
      );
    });
  const latency = summarise(durations);
  return {
    description:
      'one recursive SQL query on the driver: units under the district, list columns of the stored assessments, statuses from assessment_item_status, RANK()',
    latency,
    statements: 1,
    cells: rows.reduce((s, r) => s + r.cells.length, 0),
    sameStatuses: same,
    ratioP50: round(graphql.p50 / latency.p50, 2),
    ...(graphql.p50ToLastByte !== undefined ? { ratioP50ToLastByte: round(graphql.p50ToLastByte / latency.p50, 2) } : {}),
  };
}

/** One timed cold request (hrtime bounds), for tracing what fell inside it (bench/cold-matrix.ts). */
export interface ColdSample {
  side: 'ours' | 'raw';
  start: bigint;
  end: bigint;
}

/**
 * The coverage matrix cold: each request is the first after a write to its year (a
 * not-applicable mark set, then cleared, on one unit of the district in turn, which
 * recomputes that unit's assessment), so nothing read before the write can answer it.
 * With `raw`, the raw SQL query is timed the same way, first after a write of its own, the two
 * sides taking turns request by request in the order GraphQL, raw, raw, GraphQL (each side gets
 * as many "set" as "clear" writes, and goes first as often as second), so both meet the
 * database (its dead rows grow with every write until autovacuum) and this process (its
 * garbage) in the same states. Always `iterations` (rounded up to even) requests a side, with
 * no time budget: a run on a loaded machine keeps its sample count. Leaves the data as it
 * found it (every mark set is cleared again).
 */
export async function timeColdMatrix(
  url: string,
  counter: StatementCounter,
  ds: DataSource,
  lock: WriteLock,
  target: { unitIds: number[]; parentId: number; checklistId: number; year: number; name: string },
  body: string,
  iterations: number,
  raw: RawMatrix | null = null,
  samples: ColdSample[] | null = null,
): Promise<{ result: QueryResult; raw: LatencySummary | null }> {
  const item = await ds
    .getRepository(ChecklistItem)
    .findOneOrFail({ where: { checklistId: target.checklistId, assessable: true }, order: { position: 'ASC' } });
  const durations: number[] = [];
  const toLastByte: number[] = [];
  const statements: number[] = [];
  const rawDurations: number[] = [];
  let bytes = 0;
  // an even number of rounds: each mark set is cleared by the next round, whatever --iterations says
  const asked = Math.max(iterations, 2) + (Math.max(iterations, 2) % 2);
  const rounds = raw ? asked * 2 : asked;
  for (let i = 0; i < rounds; i += 1) {
    const unitId = target.unitIds[Math.floor(i / 2) % target.unitIds.length]!; // never empty: the district has units
    const written = await setItemNotApplicable(ds, lock, {
      unitId,
      checklistId: target.checklistId,
      year: target.year,
      itemCode: item.code,
      notApplicable: i % 2 === 0,
      justification: 'bench',
      actor: 'bench',
    });
    if (!written.ok) throw new Error(`cold matrix: ${written.errors.map((e) => e.message).join('; ')}`);
    if (raw && (i % 4 === 1 || i % 4 === 2)) {
      const start = process.hrtime.bigint();
      await raw.run(target.parentId, target.checklistId, target.year);
      rawDurations.push(msSince(start));
      samples?.push({ side: 'raw', start, end: process.hrtime.bigint() });
      continue;
    }
    counter.reset();
    const start = process.hrtime.bigint();
    const answer = await post(url, body);
    durations.push(msSince(start));
    toLastByte.push(between(start, answer.receivedAt));
    samples?.push({ side: 'ours', start, end: process.hrtime.bigint() });
    statements.push(counter.count);
    bytes = answer.bytes;
  }
  if ((durations.length + rawDurations.length) % 2 === 1) throw new Error('cold matrix: a mark was left set');
  return {
    result: {
      name: `coverageMatrix cold (${target.unitIds.length} units)`,
      description: `${target.name}: the first request after a write to ${target.year} (a not-applicable mark set or cleared on one unit in turn)`,
      first: { ms: round(durations[0] ?? 0), statements: statements[0] ?? 0 },
      latency: summarise(durations),
      toLastByte: summarise(toLastByte),
      statements: { min: Math.min(...statements), max: Math.max(...statements) },
      responseBytes: bytes,
    },
    raw: rawDurations.length ? summarise(rawDurations) : null,
  };
}

/** The whole database benchmark for one database type. */
export async function runDatabaseBench(request: DatabaseBenchRequest): Promise<DatabaseResult> {
  const { type, options } = request;
  const started = process.hrtime.bigint();
  const built = buildCorpus({ units: options.units, years: options.years, seed: options.seed });
  // --reports N: every registered unit, only the first N reports ingested (a registry of a national size, a shorter run)
  const corpus = options.reports ? { ...built, reports: built.reports.slice(0, options.reports) } : built;
  const fresh = await freshDatabase(type, options);
  const counter = new StatementCounter();
  const ds = createDataSource(fresh.database, { counter });
  let server: RunningServer | null = null;
  let raw: RawMatrix | null = null;
  try {
    let t = process.hrtime.bigint();
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const lock = new WriteLock();
    await loadSeeds(ds, lock);
    const migrationsAndSeeds = round(msSince(t) / 1000);
    t = process.hrtime.bigint();
    await runWrite(ds, lock, (m) => upsertUnits(m, corpus.units));
    const unitsSeconds = round(msSince(t) / 1000);
    const version =
      type === 'sqlite'
        ? String((await ds.query('SELECT sqlite_version() AS v'))[0].v)
        : String((await ds.query('SHOW server_version'))[0].server_version);
    progress(
      type,
      `${type} ${version}: migrated and seeded in ${migrationsAndSeeds} s, ${corpus.units.length} units in ${unitsSeconds} s; ingesting ${corpus.reports.length} reports`,
    );

    const mode = request.options.ingestMode;
    const ingested =
      mode === 'cli'
        ? {
            ...(await ingestWithCli(
              ds,
              fresh.database,
              corpus,
              { keep: options.keep, nodeArgs: (options.cliNodeArgs ?? '').split(' ').filter(Boolean) },
              (m) => progress(type, m),
            )),
            benchPeakRssMb: Math.round(process.memoryUsage().rss / 1e6),
          }
        : await ingestCorpus(ds, lock, counter, corpus, type, mode === 'folder', request.options.batch);
    const ingest: IngestResult = { ...ingested, setupSeconds: { migrationsAndSeeds, units: unitsSeconds } };
    // in the log at once: a national run's ingest figures are not lost if a later step fails
    progress(type, `ingest result ${JSON.stringify(ingest)}`);

    const config = { ...loadConfig({}), port: 0, host: '127.0.0.1', database: fresh.database };
    server = await startServer({ dataSource: ds, lock, config });
    const units = ds.getRepository(Unit);
    const matrixDistrict = await units.findOneByOrFail({ name: corpus.matrixDistrict });
    const smallDistrict = await units.findOneByOrFail({ name: corpus.smallDistrict });
    const matrixUnits = await units.find({ where: { parentId: matrixDistrict.id }, order: { id: 'ASC' } });
    const smallCount = await units.count({ where: { parentId: smallDistrict.id } });
    const checklist = (await ds.getRepository(Checklist).find({ order: { version: 'DESC' } }))[0];
    const year = corpus.years.at(-1);
    if (!checklist || year === undefined) throw new Error('no checklist or no year to time the coverage matrix with');
    const body = (query: string, variables: Record<string, unknown>): string => JSON.stringify({ query, variables });
    const matrixBody = body(MATRIX_QUERY, { parent: unitGlobalId(matrixDistrict.id), year });
    const assessmentBodies = matrixUnits.map((u) => body(ASSESSMENT_QUERY, { unit: unitGlobalId(u.id), year }));
    const n = options.iterations;
    progress(type, `timing GraphQL queries at ${server.url}`);
    const assessment = await timeQuery(
      server.url,
      counter,
      'assessment',
      `one unit's page: every item with explanation, targets and evidence (units of ${corpus.matrixDistrict} in turn)`,
      assessmentBodies,
      n,
    );
    const matrix = await timeQuery(
      server.url,
      counter,
      `coverageMatrix (${matrixUnits.length} units)`,
      `${corpus.matrixDistrict}: every unit × every assessable item`,
      [matrixBody],
      n,
    );
    const small = await timeQuery(
      server.url,
      counter,
      `coverageMatrix (${smallCount} units)`,
      `${corpus.smallDistrict}: the same query on a small district (statements must not change)`,
      [body(MATRIX_QUERY, { parent: unitGlobalId(smallDistrict.id), year })],
      n,
    );
    const flags = await timeQuery(
      server.url,
      counter,
      'flags (one code)',
      `NO_EVIDENCE flags of ${year} across all units, first 50 with totalCount`,
      [body(FLAGS_QUERY, { year, code: 'NO_EVIDENCE' })],
      n,
    );
    const ranking = await timeQuery(
      server.url,
      counter,
      `ranking (${matrixUnits.length} units)`,
      `units of ${corpus.matrixDistrict} by score`,
      [body(RANKING_QUERY, { parent: unitGlobalId(matrixDistrict.id), year })],
      n,
    );
    const search = await timeQuery(
      server.url,
      counter,
      'search',
      `claim search over all ${corpus.years.length} years, first 20 with highlights (${SEARCH_TERMS.join(' / ')} in turn)`,
      SEARCH_TERMS.map((q) => body(SEARCH_QUERY, { q })),
      n,
    );

    progress(type, 'timing the raw SQL coverage matrix');
    raw =
      type === 'sqlite'
        ? await openSqliteMatrix((fresh.database as { path: string }).path)
        : await openPostgresMatrix((fresh.database as { url: string }).url);
    const rawMatrix = await rawMatrixResult(raw, matrixDistrict.id, checklist.id, year, n, {
      sample: matrix.sample,
      p50: matrix.result.latency.p50,
      p50ToLastByte: matrix.result.toLastByte?.p50,
    });
    progress(type, 'timing the coverage matrix and the raw SQL cold (each the first read after a write to its year)');
    const timedCold = await timeColdMatrix(
      server.url,
      counter,
      ds,
      lock,
      { unitIds: matrixUnits.map((u) => u.id), parentId: matrixDistrict.id, checklistId: checklist.id, year, name: corpus.matrixDistrict },
      matrixBody,
      n,
      raw,
    );
    await raw.close();
    raw = null;
    const cold = timedCold.result;
    rawMatrix.coldRatioP50 = round(cold.latency.p50 / rawMatrix.latency.p50, 2);
    if (cold.toLastByte) rawMatrix.coldRatioP50ToLastByte = round(cold.toLastByte.p50 / rawMatrix.latency.p50, 2);
    if (timedCold.raw) {
      rawMatrix.coldLatency = timedCold.raw;
      rawMatrix.coldRatioP50RawCold = round(cold.latency.p50 / timedCold.raw.p50, 2);
      if (cold.toLastByte) rawMatrix.coldRatioP50ToLastByteRawCold = round(cold.toLastByte.p50 / timedCold.raw.p50, 2);
    }

    // the load test: the six list and page queries with many distinct bodies, and with --peer PostGraphile
    let loads: LoadResult[] = [];
    let peerResult: PeerResult | null = null;
    if (options.loadSeconds > 0 || options.peer) {
      const context = await readContext((sql) => ds.query(sql), checklist.id, corpus.years);
      let peer: ServerProcess | null = null;
      let ours: ServerProcess | null = null;
      let database: Awaited<ReturnType<typeof backendCpuReader>> = null;
      try {
        if (options.peer && type === 'postgres') {
          progress(type, 'starting PostGraphile over the same database');
          peer = await startPeer((fresh.database as { url: string }).url, 10); // the pool size of src/app/data-source.ts
        } else if (options.peer) progress(type, '--peer needs PostgreSQL: no peer on SQLite');
        progress(type, 'building the load bodies (walking pages on both servers, comparing answers)');
        const queries = await buildBodies(
          async (url, b) => (await post(url, b)).data,
          { ours: server.url, peer: peer?.url ?? null },
          context,
        );
        if (options.loadSeconds > 0) {
          ours = await startOurs(fresh.database); // a fresh process, like the peer
          database = type === 'postgres' ? await backendCpuReader((fresh.database as { url: string }).url) : null;
          ({ loads, peer: peerResult } = await loadQueries(
            queries,
            ours,
            peer,
            options.connections,
            options.loadSeconds,
            (m) => progress(type, m),
            database?.read ?? null,
          ));
        }
      } finally {
        await ours?.stop();
        await peer?.stop();
        await database?.end();
      }
    }
    const sizeMB = round((await fresh.size(ds)) / 1e6, 1);
    return {
      type,
      version,
      ingest,
      queries: [assessment.result, matrix.result, cold, small.result, flags.result, ranking.result, search.result],
      rawMatrix,
      load: loads,
      peer: peerResult,
      sizeMB,
      seconds: round(msSince(started) / 1000, 1),
    };
  } finally {
    if (raw) await raw.close();
    if (server) await server.stop();
    if (ds.isInitialized) await ds.destroy();
    await fresh.drop();
  }
}

if (require.main === module) {
  process.env.TZ = 'UTC';
  process.once('message', (message: DatabaseBenchRequest) => {
    runDatabaseBench(message).then(
      (result) => process.send?.({ ok: true, result }, undefined, {}, () => process.exit(0)),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.send?.({ ok: false, error: String(error) }, undefined, {}, () => process.exit(1));
      },
    );
  });
}
