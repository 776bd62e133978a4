/** Shapes of the benchmark's options and results (the JSON written under bench/results/). */
import type { LatencySummary } from './stats';

/** Command-line options of `npm run bench`. */
export interface BenchOptions {
  units: number;
  years: number;
  db: 'sqlite' | 'postgres' | 'both';
  out: string;
  seed: string;
  /** seconds of each autocannon run (0: no load test) */
  loadSeconds: number;
  connections: number;
  /** timed requests per GraphQL query */
  iterations: number;
  /** admin URL used to create and drop the benchmark's PostgreSQL database */
  pgUrl: string;
  label: string | null;
  /** keep the benchmark databases (SQLite file, PostgreSQL database) afterwards */
  keep: boolean;
  /** how reports are ingested: `folder` reads the unit from the text (as `fazhi ingest DIR`, in the bench process), `given` passes it, `cli` writes a folder and runs `fazhi ingest DIR` as a child process */
  ingestMode: 'folder' | 'given' | 'cli';
  /** `cli`: node options of the child process (e.g. `--max-old-space-size=320`), space-separated */
  cliNodeArgs?: string;
  /** also load PostGraphile 5 over the same PostgreSQL database (bench/peer.ts) */
  peer?: boolean;
  /** folder ingest: reports per `ingestBatch` write transaction; 0: one by one through `ingestReport` */
  batch: number;
  /** ingest only the first N reports of the corpus (null: all) */
  reports: number | null;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGB: number;
  node: string;
  platform: string;
  /** NODE_ENV the server ran with (graphql-js is faster with `production`) */
  nodeEnv: string;
  /** 1-minute load average when the run started and ended (other processes compete for the 2 cores) */
  loadAverage: { start: number; end: number };
}

export interface CorpusSummary {
  seed: string;
  units: number;
  reportingUnits: number;
  matrixDistrict: string;
  matrixDistrictUnits: number;
  smallDistrict: string;
  smallDistrictUnits: number;
  years: number[];
  reports: number;
}

/** Analysis alone (no database), on the main thread. */
export interface AnalysisResult {
  reports: number;
  bytes: number;
  seconds: number;
  reportsPerSecond: number;
  mbPerSecond: number;
  /** number of known units passed to analyzeReport, as ingest does */
  knownUnits: number;
  /** the same without knownUnits (unit detection from the text alone) */
  withoutKnownUnits: { seconds: number; reportsPerSecond: number; mbPerSecond: number };
  /** share of reports whose unit and year analyzeReport detected correctly (with knownUnits) */
  detectedShare: number;
  /** reading with the unit read from the text against every known unit (a folder ingest's reading) */
  unitDetected?: { seconds: number; reportsPerSecond: number; mbPerSecond: number };
  /** the whole pure pipeline (read → match → assess, unit read from the text), on one core */
  pipeline?: { seconds: number; reportsPerSecond: number; mbPerSecond: number };
}

export interface IngestResult {
  /** `folder`: the unit read from each text; `given`: passed with the text; `cli`: `fazhi ingest DIR` as a child process (bench/cli-ingest.ts) */
  mode?: 'folder' | 'given' | 'cli';
  /** reports per write transaction of a folder ingest (0: one by one through `ingestReport`) */
  batchSize?: number;
  reports: number;
  /** reports refused or read as another unit or year (and the first few of them) */
  failed?: number;
  failures?: string[];
  /** the bench process's largest RSS after an ingest call (workers are threads of it); `cli`: the whole command's, every process of it added (each one's maxRSS) */
  peakRssMb?: number;
  /** `cli`: the child process `fazhi ingest DIR` (bench/cli-ingest.ts) */
  cli?: {
    command: string;
    exitCode: number;
    /** the command's closing line (N files: …) */
    summary: string;
    /** node processes of the command (2 when bin/fazhi.js ran itself again with a heap bound) */
    processes?: number;
    /** the largest sum of VmRSS over the command's processes in one sample (every 0.5 s) */
    peakTreeRssSampledMb?: number;
    /** resourceUsage().maxRSS of the process that ingested (the largest) */
    ingestingPeakRssMb?: number | null;
    /** VmHWM of /proc/<pid>/status of the largest process of the command, last sample before exit */
    peakRssProcMb: number;
    /** largest heapUsed of its main thread, sampled every 250 ms */
    peakMainHeapUsedMb: number | null;
    /** node options of the process that ingested */
    execArgv: string[];
    /** bin/fazhi.js ran itself again with a heap bound: the waiting first process's peak RSS (in peakRssMb since ingest9) */
    wrapperPeakRssMb: number | null;
    /** each worker thread's peak heap, MB: used/committed/limit (sampled every second) */
    workerHeapsMb: string[];
    /** VmRSS sampled every 0.5 s, the largest of each tenth of the run's time */
    rssMbByTenthOfTime: number[];
    /**
     * the ingesting process's memory every 2 s (bench/child-usage.ts): seconds from the start,
     * reports stored by then, RSS and `process.memoryUsage()` of its main thread, each worker's heap (MB)
     */
    memoryTimeline?: { columns: string[]; rows: number[][] };
    /**
     * CPU (user + system) of each thread of the process that ingested, ms per report, the main
     * thread first, then the others by CPU (the pool's two workers, V8's GC helpers, libuv's
     * threads running SQLite): /proc/<pid>/task/<tid>/stat, last sample before each thread ended
     */
    threadCpuMsPerReport?: { main: number; others: number[] };
    /** from starting the process to its first file reported stored (start, registry, workers, first batch) */
    firstReportMs: number | null;
  };
  /** `cli`: the bench process's own largest RSS (it holds the corpus; not what a user runs) */
  benchPeakRssMb?: number;
  bytes: number;
  /** ingest time without the corpus's text generation */
  seconds: number;
  /** from the first input to the last outcome, text generation included (a folder's files are read in that time too) */
  wallSeconds?: number;
  /** generating the reports' texts on the main thread (bench/corpus.ts), within wallSeconds */
  generationSeconds?: number;
  /** CPU of the bench process (main thread, pool workers, driver threads; not the PostgreSQL server) per report, text generation included */
  cpuMsPerReport?: number;
  /** batched ingest: ms per report by step of the writer (ingest-batch.store.ts `writerTiming`), wall clock on the main thread */
  writerMsPerReport?: Record<string, number>;
  reportsPerSecond: number;
  mbPerSecond: number;
  perReportMs: LatencySummary;
  /** ms of the first report of each year (creates every unit's assessment for that year) */
  firstOfYearMs: number[];
  /** SQL statements per report (median) */
  statementsPerReport: number;
  /** reports/s over each tenth of the run, to show whether ingest slows down as data grows */
  reportsPerSecondByTenth: number[];
  /** time of the preparation: migrations + seeds, generated units */
  setupSeconds: { migrationsAndSeeds: number; units: number };
}

export interface QueryResult {
  name: string;
  description: string;
  /** the very first request of this shape (nothing warmed up or cached for it yet) */
  first: { ms: number; statements: number };
  latency: LatencySummary;
  /**
   * from sending to the answer's last byte received, before the bench (the same process as
   * the server) decodes and parses it; `latency` counts that too
   */
  toLastByte?: LatencySummary;
  /** SQL statements of one request (min and max over the timed requests) */
  statements: { min: number; max: number };
  responseBytes: number;
}

export interface RawMatrixResult {
  description: string;
  latency: LatencySummary;
  statements: 1;
  cells: number;
  /** every unit × item status and confirmed status equals the GraphQL answer */
  sameStatuses: boolean;
  /** GraphQL p50 / raw SQL p50 */
  ratioP50: number;
  /** the same for the matrix cold (the first request after a write to its year) */
  coldRatioP50?: number;
  /** GraphQL p50 to the last byte received / raw SQL p50, warm and cold */
  ratioP50ToLastByte?: number;
  coldRatioP50ToLastByte?: number;
  /** the raw SQL timed cold too: each the first read after a write of its own */
  coldLatency?: LatencySummary;
  /** GraphQL cold p50 (decoded; to the last byte) / raw SQL cold p50 */
  coldRatioP50RawCold?: number;
  coldRatioP50ToLastByteRawCold?: number;
}

export interface LoadResult {
  name: string;
  connections: number;
  seconds: number;
  /** distinct request bodies sent in turn */
  bodies?: number;
  requests: number;
  requestsPerSecond: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  non2xx: number;
  timeouts: number;
  graphqlErrors: number;
  memoryBefore: { rssMB: number; heapUsedMB: number };
  memoryAfter: { rssMB: number; heapUsedMB: number };
  /**
   * CPU time (user + system) the server process spent per request during the load: robust to
   * a shared machine's load, unlike req/s (not the database's CPU). Absent in older results.
   */
  serverCpuMsPerRequest?: number;
  /**
   * CPU time the database's backends spent per request during the load (PostgreSQL on this
   * machine, bench/database-cpu.ts): the other half of what a request costs the shared cores.
   * Absent in older results and on SQLite.
   */
  databaseCpuMsPerRequest?: number;
}

/** Whether the peer's answers equal ours, where they can be compared (bench/load-bodies.ts). */
export interface Equivalence {
  what: string;
  compared: number;
  equal: number;
  firstMismatch: string | null;
}

/** One query loaded on both servers. */
export interface PeerQueryResult {
  name: string;
  description: string;
  equivalence: Equivalence | null;
  ours: LoadResult;
  peer: LoadResult;
  /** our req/s ÷ the peer's */
  ratio: number;
}

/** `--peer`: PostGraphile over the same database, the same queries' closest equivalents. */
export interface PeerResult {
  server: string;
  startSeconds: number;
  queries: PeerQueryResult[];
}

export interface DatabaseResult {
  type: 'sqlite' | 'postgres';
  version: string;
  ingest: IngestResult;
  queries: QueryResult[];
  rawMatrix: RawMatrixResult;
  load: LoadResult[];
  /** with `--peer` on PostgreSQL */
  peer?: PeerResult | null;
  sizeMB: number;
  seconds: number;
}

export interface BenchResult {
  label: string;
  startedAt: string;
  command: string;
  /** git commit of the measured code, `+changes` when src/ or ormconfig.ts differ from it */
  commit: string;
  machine: MachineInfo;
  options: BenchOptions;
  corpus: CorpusSummary;
  analysis: AnalysisResult;
  databases: DatabaseResult[];
  seconds: number;
}
