/** Opening the database of the environment for a command, as `npm start` does. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig, type AppConfig } from '../config';
import type { WriteLock } from '../db/write-lock';

/** An open database with its write lock and the configuration it came from. */
export interface OpenDatabase {
  dataSource: DataSource;
  lock: WriteLock;
  config: AppConfig;
}

/**
 * config → data source → migrations: the SQLite file of SQLITE_PATH (default
 * data/fazhi.sqlite) or DATABASE_URL. Throws an Error with a one-line message (an invalid
 * variable is named).
 */
export async function openDatabase(): Promise<OpenDatabase> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new Error(error.message);
    throw error;
  }
  // entities read the database type when they are declared: load them after the config, as src/index.ts does
  const { createDataSource } = await import('../../ormconfig');
  const { WriteLock } = await import('../db/write-lock');
  if (config.database.type === 'sqlite') mkdirSync(dirname(config.database.path), { recursive: true });
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return { dataSource, lock: new WriteLock(), config };
}
