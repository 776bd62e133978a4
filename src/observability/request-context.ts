/**
 * What is observed about one HTTP request while it runs (request id, GraphQL operation,
 * caller's token id, SQL statements), kept in an AsyncLocalStorage so that the database
 * logger and the GraphQL plugin can add to it without passing it around.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { checkDeadline } from '../common/query-timeout-error';

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
  /** epoch ms after which the request's work stops with QUERY_TIMEOUT (set with its GraphQL context) */
  deadline?: number;
  /** the budget behind `deadline` (REQUEST_TIME_BUDGET_MS), for the message */
  budgetMs?: number;
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

/**
 * Ends the current request with QUERY_TIMEOUT (HTTP 503) once its time budget
 * (REQUEST_TIME_BUDGET_MS) is spent; outside a request, or before its deadline, does nothing.
 *
 * This is the per-request budget on SQLite, where there is no `statement_timeout`. It is
 * cooperative on purpose: the database logger calls it before every SQL statement of the
 * request (src/observability/sql-logger.ts), and long loops that run no SQL (building a
 * workbook) call it themselves. node-sqlite3's `Database#interrupt()` would not do: the whole
 * process shares one SQLite connection, and `sqlite3_interrupt` stops every statement running
 * on that connection — other callers' reads, and another caller's write transaction, which
 * would roll back an ingest that had nothing to do with the late request — and even
 * statements started before the connection's running count drops to zero. One SQLite
 * statement of this API is bounded by the query limits (cost, list sizes, page sizes), so a
 * check between statements ends a runaway request within one statement of its deadline,
 * and no other request notices. On PostgreSQL the same checks run besides `statement_timeout`.
 */
export function checkRequestDeadline(): void {
  const request = store.getStore();
  if (request?.deadline !== undefined) checkDeadline(request.deadline, request.budgetMs);
}
