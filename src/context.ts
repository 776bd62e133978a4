import type { DataSource } from 'typeorm';
import type { AppConfig } from './config';
import type { WriteLock } from './db/write-lock';
import { createLoaders, type Loaders } from './graphql/loaders';

/** Who is calling: the anonymous local reader, or a token's holder. */
export interface Caller {
  name: string;
  role: 'ADMIN' | 'REVIEWER' | 'UNIT' | 'VIEWER' | 'ANONYMOUS';
  /** may change data */
  canWrite: boolean;
}

/** Long-lived things shared by all requests. */
export interface AppServices {
  dataSource: DataSource;
  lock: WriteLock;
  config: AppConfig;
}

/** Per request: the shared services, fresh DataLoaders, and the caller. */
export interface Context extends AppServices {
  loaders: Loaders;
  caller: Caller;
}

/** Builds a request context with fresh loaders. */
export function createContext(services: AppServices, caller: Caller): Context {
  return { ...services, loaders: createLoaders(services.dataSource), caller };
}
