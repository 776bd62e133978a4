/**
 * What is observed about one HTTP request while it runs (request id, GraphQL operation,
 * caller's token id, SQL statements), kept in an AsyncLocalStorage so that the database
 * logger and the GraphQL plugin can add to it without passing it around.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestObservation {
  id: string;
  /** GraphQL operation name (`anonymous` for an unnamed operation), once known */
  operationName?: string;
  /** the caller's API token id (never the token), once known */
  tokenId?: number;
  /** SQL statements run for the request (transactions' BEGIN/COMMIT not counted) */
  statements: number;
  /** extensions.code of the errors sent back */
  errorCodes: string[];
}

const store = new AsyncLocalStorage<RequestObservation>();

/** Runs `fn` with `observation` as the current request's. */
export function runObserved<T>(observation: RequestObservation, fn: () => T): T {
  return store.run(observation, fn);
}

/** The observation of the request being served, if any. */
export function currentRequest(): RequestObservation | undefined {
  return store.getStore();
}
