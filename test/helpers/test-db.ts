import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/app/data-source';
import { loadConfig, type AppConfig, type DatabaseConfig } from '../../src/config';
import { StatementCounter } from '../../src/db/statement-counter';
import { WriteLock } from '../../src/db/write-lock';

/** Which database the integration tests run on: PostgreSQL when DATABASE_URL is set. */
export const onPostgres = Boolean(process.env.DATABASE_URL);

export interface TestDatabase {
  dataSource: DataSource;
  lock: WriteLock;
  config: AppConfig;
  counter: StatementCounter;
  database: DatabaseConfig;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a temporary SQLite file, or (when
 * DATABASE_URL is set, as in CI) a new PostgreSQL database created next to it and
 * dropped afterwards, so test files can run in parallel.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const counter = new StatementCounter();
  let database: DatabaseConfig;
  let cleanup: () => Promise<void>;
  if (onPostgres) {
    const adminUrl = process.env.DATABASE_URL as string;
    const name = `fazhi_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    database = { type: 'postgres', url: url.toString() };
    cleanup = async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-test-'));
    database = { type: 'sqlite', path: join(dir, 'test.sqlite') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const dataSource = createDataSource(database, { counter });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const config = { ...loadConfig({}), database, downloadDir: null };
  return {
    dataSource,
    lock: new WriteLock(),
    config,
    counter,
    database,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await cleanup();
    },
  };
}
