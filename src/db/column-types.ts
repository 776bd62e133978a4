import type { ColumnOptions } from 'typeorm';
import { databaseTypeFromEnv } from '../config';

/**
 * Column types that differ between SQLite and PostgreSQL. The same entities run on
 * both; the database type is read from the environment when entities are declared,
 * so DATABASE_URL must be set before the entities are imported (src/index.ts does).
 */
const postgres = databaseTypeFromEnv() === 'postgres';

/** A UTC timestamp: `timestamptz` on PostgreSQL, `datetime` (ISO text) on SQLite. */
export const timestampType: ColumnOptions['type'] = postgres ? 'timestamptz' : 'datetime';

/** A floating-point number on both databases. */
export const doubleType: ColumnOptions['type'] = 'double precision';
