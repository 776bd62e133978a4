import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './common/log';

/** Thrown when an environment variable is invalid; the message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  production: boolean;
  /** origins allowed by CORS (empty: same-origin only) */
  corsOrigins: string[];
  /** maximum HTTP request body, bytes */
  maxBodyBytes: number;
  /** maximum report text accepted by ingest, bytes */
  maxReportBytes: number;
  /** load the five demo reports at start-up (SEED_REPORTS=0: only units and the checklist) */
  seedReports: boolean;
  /** GraphQL limits */
  maxQueryDepth: number;
  maxQueryCost: number;
  /** fields per operation, aliases and expanded fragments included */
  maxQueryFields: number;
  /** lexical tokens per document (parsing stops beyond) */
  maxQueryTokens: number;
  /** fragment definitions per document */
  maxQueryFragments: number;
  /** elements of one list argument (ids, codes) */
  maxListArgument: number;
  /** per-request time budget, ms (PostgreSQL statement_timeout; a deadline checked between loads) */
  requestTimeBudgetMs: number;
  /** anonymous callers may read although tokens exist (loopback only) */
  allowAnonymousRead: boolean;
  /** Host header values accepted besides loopback names (ALLOWED_HOSTS) */
  allowedHosts: string[];
  /** GraphQL introspection (default: on unless NODE_ENV=production) */
  introspection: boolean;
  /** where exported files wait to be downloaded (null: in memory) */
  downloadDir: string | null;
  /** limits for reading uploaded documents */
  documentLimits: DocumentLimits;
  /** download links: per caller and in total */
  downloadLimits: DownloadLimits;
  /** METRICS_TOKEN: a bearer token that may read /metrics from another machine (besides ADMIN tokens) */
  metricsToken?: string;
  /** LOG_LEVEL, validated (src/common/log.ts reads it) */
  logLevel?: LogLevel;
}

/** Budgets for decoding one document (README "Limits"). */
export interface DocumentLimits {
  /** total uncompressed size a .docx may declare and inflate to */
  maxDocxUncompressedBytes: number;
  /** uncompressed / compressed size of a .docx entry */
  maxZipRatio: number;
  /** element nesting of a web page */
  maxHtmlDepth: number;
  /** pages of a PDF */
  maxPdfPages: number;
  /** wall time of one extraction (in a worker thread), ms */
  extractTimeoutMs: number;
  /** heap of the extraction worker, MB */
  extractMemoryMb: number;
  /** extracted text, bytes (MAX_REPORT_BYTES) */
  maxTextBytes: number;
}

/** Budgets for exported files waiting to be downloaded (README "Limits"). */
export interface DownloadLimits {
  /** files one caller may have waiting */
  perCallerFiles: number;
  /** bytes one caller may have waiting */
  perCallerBytes: number;
  /** bytes waiting for everyone together */
  totalBytes: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxDocxUncompressedBytes: 64 * 1024 * 1024,
  maxZipRatio: 200,
  maxHtmlDepth: 400,
  maxPdfPages: 500,
  extractTimeoutMs: 30_000,
  extractMemoryMb: 256,
  maxTextBytes: 5 * 1024 * 1024,
};

const intIn = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max}`);

/**
 * Parses and validates the environment in one place. Invalid values throw a
 * {@link ConfigError} naming the variable, so start-up stops with a clear message.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const read = <T>(name: string, schema: z.ZodType<T, z.ZodTypeDef, string>, fallback: string): T => {
    const raw = env[name] === undefined || env[name] === '' ? fallback : (env[name] as string);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw new ConfigError(`Invalid ${name}=${JSON.stringify(raw)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    return parsed.data;
  };
  const port = read('PORT', intIn('PORT', 1, 65535), '4000');
  const host = read('HOST', z.string().regex(/^[A-Za-z0-9.:-]+$/, 'HOST must be a host name or IP address'), '127.0.0.1');
  const sqlitePath = read('SQLITE_PATH', z.string().min(1, 'SQLITE_PATH must not be empty'), 'data/fazhi.sqlite');
  const databaseUrl = env.DATABASE_URL;
  let database: DatabaseConfig = { type: 'sqlite', path: sqlitePath };
  if (databaseUrl !== undefined && databaseUrl !== '') {
    if (!/^postgres(ql)?:\/\/[^\s]+$/.test(databaseUrl)) {
      throw new ConfigError('Invalid DATABASE_URL: must look like postgres://user:password@host:5432/database');
    }
    database = { type: 'postgres', url: databaseUrl };
  }
  const nodeEnv = read('NODE_ENV', z.enum(['development', 'production', 'test']), 'development');
  const corsOrigins = read(
    'CORS_ORIGINS',
    z
      .string()
      .refine(
        (s) => s === '' || s.split(',').every((o) => /^https?:\/\/[^\s/]+$/.test(o.trim())),
        'CORS_ORIGINS must be a comma-separated list of origins like http://localhost:5173',
      ),
    '',
  );
  const metricsToken = read(
    'METRICS_TOKEN',
    z.string().regex(/^$|^\S{16,200}$/, 'METRICS_TOKEN must be 16 to 200 characters without spaces'),
    '',
  );
  return {
    metricsToken: metricsToken || undefined,
    logLevel: read('LOG_LEVEL', z.string().trim().toLowerCase().pipe(z.enum(LOG_LEVELS)), 'info'),
    port,
    host,
    database,
    production: nodeEnv === 'production',
    corsOrigins: corsOrigins === '' ? [] : corsOrigins.split(',').map((o) => o.trim()),
    maxBodyBytes: read('MAX_BODY_BYTES', intIn('MAX_BODY_BYTES', 1024, 100 * 1024 * 1024), String(8 * 1024 * 1024)),
    maxReportBytes: read('MAX_REPORT_BYTES', intIn('MAX_REPORT_BYTES', 1, 100 * 1024 * 1024), String(5 * 1024 * 1024)),
    seedReports: read('SEED_REPORTS', z.enum(['0', '1']), '1') === '1',
    maxQueryDepth: read('MAX_QUERY_DEPTH', intIn('MAX_QUERY_DEPTH', 2, 50), '10'),
    maxQueryCost: read('MAX_QUERY_COST', intIn('MAX_QUERY_COST', 10, 10_000_000), '50000'),
    maxQueryFields: read('MAX_QUERY_FIELDS', intIn('MAX_QUERY_FIELDS', 10, 1_000_000), '2000'),
    maxQueryTokens: read('MAX_QUERY_TOKENS', intIn('MAX_QUERY_TOKENS', 100, 10_000_000), '5000'),
    maxQueryFragments: read('MAX_QUERY_FRAGMENTS', intIn('MAX_QUERY_FRAGMENTS', 1, 100_000), '100'),
    maxListArgument: read('MAX_LIST_ARGUMENT', intIn('MAX_LIST_ARGUMENT', 1, 100_000), '500'),
    requestTimeBudgetMs: read('REQUEST_TIME_BUDGET_MS', intIn('REQUEST_TIME_BUDGET_MS', 100, 3_600_000), '30000'),
    allowAnonymousRead: read('ALLOW_ANONYMOUS_READ', z.enum(['0', '1']), '0') === '1',
    allowedHosts: read(
      'ALLOWED_HOSTS',
      z
        .string()
        .refine(
          (s) => s === '' || s.split(',').every((h) => /^[A-Za-z0-9.:[\]-]+$/.test(h.trim())),
          'ALLOWED_HOSTS must be a comma-separated list of host names',
        ),
      '',
    )
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    introspection:
      read('INTROSPECTION', z.enum(['0', '1', 'auto']), 'auto') === 'auto' ? nodeEnv !== 'production' : env.INTROSPECTION === '1',
    documentLimits: {
      maxDocxUncompressedBytes: read(
        'MAX_DOCX_UNCOMPRESSED_BYTES',
        intIn('MAX_DOCX_UNCOMPRESSED_BYTES', 1024, 2 ** 31),
        String(DEFAULT_DOCUMENT_LIMITS.maxDocxUncompressedBytes),
      ),
      maxZipRatio: read('MAX_ZIP_RATIO', intIn('MAX_ZIP_RATIO', 2, 100_000), String(DEFAULT_DOCUMENT_LIMITS.maxZipRatio)),
      maxHtmlDepth: read('MAX_HTML_DEPTH', intIn('MAX_HTML_DEPTH', 10, 5000), String(DEFAULT_DOCUMENT_LIMITS.maxHtmlDepth)),
      maxPdfPages: read('MAX_PDF_PAGES', intIn('MAX_PDF_PAGES', 1, 100_000), String(DEFAULT_DOCUMENT_LIMITS.maxPdfPages)),
      extractTimeoutMs: read(
        'EXTRACT_TIMEOUT_MS',
        intIn('EXTRACT_TIMEOUT_MS', 100, 3_600_000),
        String(DEFAULT_DOCUMENT_LIMITS.extractTimeoutMs),
      ),
      extractMemoryMb: read('EXTRACT_MEMORY_MB', intIn('EXTRACT_MEMORY_MB', 32, 16_384), String(DEFAULT_DOCUMENT_LIMITS.extractMemoryMb)),
      maxTextBytes: read('MAX_REPORT_BYTES', intIn('MAX_REPORT_BYTES', 1, 100 * 1024 * 1024), String(5 * 1024 * 1024)),
    },
    downloadDir: read('DOWNLOAD_DIR', z.string(), 'data/downloads') || null,
    downloadLimits: {
      perCallerFiles: read('DOWNLOAD_QUOTA_FILES', intIn('DOWNLOAD_QUOTA_FILES', 1, 100_000), '20'),
      perCallerBytes: read('DOWNLOAD_QUOTA_BYTES', intIn('DOWNLOAD_QUOTA_BYTES', 1024, 2 ** 40), String(50 * 1024 * 1024)),
      totalBytes: read('DOWNLOAD_BUDGET_BYTES', intIn('DOWNLOAD_BUDGET_BYTES', 1024, 2 ** 40), String(500 * 1024 * 1024)),
    },
  };
}
