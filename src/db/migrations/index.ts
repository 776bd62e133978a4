/**
 * Migrations per database type (generated SQL differs between SQLite and PostgreSQL).
 * After changing an entity, run `npm run migration:generate -- Name` once without and
 * once with DATABASE_URL, and add both classes here.
 */
import { Initial1795448023786 } from './postgres/1795448023786-Initial';
import { Initial1795448023432 } from './sqlite/1795448023432-Initial';

export const SQLITE_MIGRATIONS: Function[] = [Initial1795448023432];
export const POSTGRES_MIGRATIONS: Function[] = [Initial1795448023786];
