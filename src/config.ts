import { z } from 'zod';

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
}

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
  return {
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
  };
}

/** The database type chosen by the environment, read where entities are declared. */
export function databaseTypeFromEnv(env: NodeJS.ProcessEnv = process.env): 'sqlite' | 'postgres' {
  return env.DATABASE_URL ? 'postgres' : 'sqlite';
}
