/** The per-request time budget ran out (REQUEST_TIME_BUDGET_MS): extensions.code QUERY_TIMEOUT, HTTP 503. */
export class QueryTimeoutError extends Error {
  readonly code = 'QUERY_TIMEOUT';
  /** read by graphql-js into the GraphQL error: Apollo answers HTTP 503 */
  readonly extensions = { code: 'QUERY_TIMEOUT', http: { status: 503 } };
  constructor(budgetMs?: number) {
    super(`请求超过时间预算${budgetMs ? ` ${budgetMs} 毫秒` : ''}（REQUEST_TIME_BUDGET_MS），已中止：请缩小查询范围。`);
    this.name = 'QueryTimeoutError';
  }
}

/** Throws QUERY_TIMEOUT once `deadline` (epoch ms) has passed. */
export function checkDeadline(deadline: number | undefined, budgetMs?: number): void {
  if (deadline !== undefined && Date.now() > deadline) throw new QueryTimeoutError(budgetMs);
}
