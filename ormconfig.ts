/**
 * For the TypeORM CLI (`npx typeorm -d dist/ormconfig.js …`): the data source of the current
 * environment (SQLite by default, PostgreSQL when DATABASE_URL is set). The product itself
 * never imports this file: it reads its configuration once at start-up and calls
 * `createDataSource` (src/app/data-source.ts) with it.
 */
import 'reflect-metadata';
import { createDataSource } from './src/app/data-source';
import { loadConfig } from './src/config';

export default createDataSource(loadConfig().database);
