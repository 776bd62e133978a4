import 'reflect-metadata';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { loadConfig, type DatabaseConfig } from './src/config';
import { ENTITIES } from './src/app/entities';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './src/db/migrations';
import { StatementCounter } from './src/db/statement-counter';
import { RequestSqlLogger } from './src/observability/sql-logger';

export interface DataSourceOptions {
  /** counts SQL statements (tests and benchmarks) */
  counter?: StatementCounter;
  /** PostgreSQL: statement_timeout of every connection, ms (the server's REQUEST_TIME_BUDGET_MS) */
  statementTimeoutMs?: number;
}

/**
 * The one DataSource of the product: SQLite by default (a file under data/), PostgreSQL
 * when DATABASE_URL is set. Schema changes go through the migrations of that database
 * type, run at start-up; `synchronize` is never used.
 */
export function createDataSource(database: DatabaseConfig, options: DataSourceOptions = {}): DataSource {
  const common = {
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: false,
    logging: false as const,
    // counts statements per request for /metrics, then hands them to the tests' counter
    logger: new RequestSqlLogger(options.counter),
  };
  if (database.type === 'postgres') {
    return new DataSource({
      ...common,
      type: 'postgres',
      url: database.url,
      migrations: POSTGRES_MIGRATIONS,
      extra: { max: 10, ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}) },
    });
  }
  return new DataSource({
    ...common,
    type: 'sqlite',
    database: database.path,
    migrations: SQLITE_MIGRATIONS,
    // TypeORM calls driver.verbose(), which wraps every sqlite3 call to capture a stack
    // trace (about 10% of ingest CPU); keep the plain driver.
    driver: { ...sqlite3, verbose: () => sqlite3 },
    // WAL lets readers go on while a write transaction runs; writes are serialised by the app.
    enableWAL: true,
    busyTimeout: 5000,
  });
}

/** For the TypeORM CLI: the DataSource of the current environment. */
export default createDataSource(loadConfig().database);
