import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { createDataSource } from './data-source';

/** Opens the configured database and applies pending migrations (each in its own transaction). */
export async function openDatabase(
  database: DatabaseConfig,
  options: { statementTimeoutMs?: number } = {},
): Promise<{ dataSource: DataSource; applied: number }> {
  if (database.type === 'sqlite') mkdirSync(dirname(database.path), { recursive: true });
  const dataSource = createDataSource(database, options);
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return { dataSource, applied: applied.length };
}
