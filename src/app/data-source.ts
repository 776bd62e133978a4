/**
 * The one DataSource factory of the product. Nothing here reads the environment: the
 * caller passes the database configuration it loaded once (src/index.ts, each command,
 * the tests). `ormconfig.ts` at the top level is the TypeORM CLI's entry and builds the
 * data source of the environment from this.
 */
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { adaptColumnTypes } from '../db/column-types';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../db/migrations';
import type { StatementCounter } from '../db/statement-counter';
import { RequestSqlLogger } from '../observability/sql-logger';
import { ENTITIES } from './entities';

export interface DataSourceOptions {
  /** counts SQL statements (tests and benchmarks) */
  counter?: StatementCounter;
  /** PostgreSQL: statement_timeout of every connection, ms (the server's REQUEST_TIME_BUDGET_MS) */
  statementTimeoutMs?: number;
}

/**
 * The one DataSource of the product for the database `database` names: a SQLite file or
 * PostgreSQL. Schema changes go through the migrations of that database type, run at
 * start-up; `synchronize` is never used.
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
    const dataSource = new DataSource({
      ...common,
      type: 'postgres',
      url: database.url,
      migrations: POSTGRES_MIGRATIONS,
      extra: { max: 10, ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}) },
    });
    // the entities' portable column types, as PostgreSQL stores them (timestamptz)
    adaptColumnTypes(dataSource.driver);
    return dataSource;
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
