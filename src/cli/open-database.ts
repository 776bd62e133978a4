/** Opening the database of the environment for a command, as `npm start` does. */
import type { DataSource } from 'typeorm';
import { openDatabase as open } from '../app/open-database';
import { ConfigError, loadConfig, type AppConfig } from '../config';
import { WriteLock } from '../db/write-lock';

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
  const { dataSource } = await open(config.database);
  return { dataSource, lock: new WriteLock(), config };
}
