/**
 * Prometheus metrics (prom-client), one registry per process, served at /metrics:
 * - `fazhi_graphql_request_duration_seconds{operation}` histogram
 * - `fazhi_graphql_errors_total{code}` counter (extensions.code of each error sent)
 * - `fazhi_sql_statements_per_request{operation}` histogram
 * - `fazhi_ingest_total{result}` counter and `fazhi_ingest_duration_seconds` histogram
 * - `fazhi_download_store_bytes` / `fazhi_download_store_files` gauges
 * - the process's default metrics (`fazhi_process_*`, `fazhi_nodejs_*`).
 * Operation names are chosen by clients: at most MAX_OPERATIONS distinct names are kept
 * as labels, later ones count as `other`.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const MAX_OPERATIONS = 200;

/** What the download-store gauges read when scraped. */
export interface DownloadStoreStats {
  stats(): { files: number; bytes: number };
}

export class AppMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private downloadStores = new Set<DownloadStoreStats>();

  readonly requestDuration = new Histogram({
    name: 'fazhi_graphql_request_duration_seconds',
    help: 'GraphQL request duration by operation name',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'fazhi_graphql_errors_total',
    help: 'GraphQL errors sent to callers, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly statements = new Histogram({
    name: 'fazhi_sql_statements_per_request',
    help: 'SQL statements run for one GraphQL request, by operation name',
    labelNames: ['operation'] as const,
    buckets: [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [this.registry],
  });

  readonly ingests = new Counter({
    name: 'fazhi_ingest_total',
    help: 'Reports ingested (GraphQL and command line), by result',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly ingestDuration = new Histogram({
    name: 'fazhi_ingest_duration_seconds',
    help: 'Time to analyse and store one report',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    const stores = () => [...this.downloadStores].map((s) => s.stats());
    new Gauge({
      name: 'fazhi_download_store_bytes',
      help: 'Bytes of exported files waiting to be downloaded',
      registers: [this.registry],
      collect() {
        this.set(stores().reduce((sum, s) => sum + s.bytes, 0));
      },
    });
    new Gauge({
      name: 'fazhi_download_store_files',
      help: 'Exported files waiting to be downloaded',
      registers: [this.registry],
      collect() {
        this.set(stores().reduce((sum, s) => sum + s.files, 0));
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'fazhi_' });
  }

  /** The label of an operation name (bounded cardinality). */
  operationLabel(name: string | undefined | null): string {
    const label = name && /^[_A-Za-z][_0-9A-Za-z]{0,99}$/u.test(name) ? name : name ? 'invalid' : 'anonymous';
    if (this.operations.has(label)) return label;
    if (this.operations.size >= MAX_OPERATIONS) return 'other';
    this.operations.add(label);
    return label;
  }

  watchDownloadStore(store: DownloadStoreStats): void {
    this.downloadStores.add(store);
  }

  /** Records one ingest (any entry point). */
  recordIngest(result: string, seconds: number): void {
    this.ingests.inc({ result });
    this.ingestDuration.observe(seconds);
  }
}

/** The process's metrics. */
export const metrics = new AppMetrics();
