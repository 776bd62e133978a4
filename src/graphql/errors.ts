import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { randomBytes } from 'node:crypto';
import { t } from '../i18n/messages';
import { currentRequest } from '../observability/request-context';
import type { ErrorCode } from '../common/error-codes';
import { logger } from '../common/log';
import { BadInputError } from './relay';
import { QueryTimeoutError } from '../common/query-timeout-error';

/** Codes this module sets itself; every code a caller may see is in src/common/error-codes.ts. */
const ERROR_CODES = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const satisfies Record<string, ErrorCode>;

/** A refused operation (role or scope): extensions.code FORBIDDEN. */
export class ForbiddenError extends Error {
  readonly code = 'FORBIDDEN';
  /** read by graphql-js into the GraphQL error: Apollo answers HTTP 403 */
  readonly extensions = { code: 'FORBIDDEN', http: { status: 403 } };
  constructor(message = 'You may not do this.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** Logs an unexpected error once, with its id (the caller gets the same id in `extensions.errorId`). */
export type UnexpectedErrorLog = (error: unknown, errorId: string) => void;

/** A short id for one unexpected error: in the log line and in the caller's `extensions.errorId`. */
export function newErrorId(): string {
  return randomBytes(6).toString('hex');
}

/**
 * Shapes every error sent to a caller: known errors keep their message and get a code;
 * anything unexpected becomes "服务器内部错误（错误编号 …）" with `extensions.errorId`, and is
 * logged once on the server with the same id and its stack, so stack traces and SQL never
 * leak. GraphQL's own validation errors pass unchanged.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: UnexpectedErrorLog = defaultLog): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof BadInputError) {
    return { message: original.message, path: formatted.path, extensions: { code: ERROR_CODES.BAD_USER_INPUT } };
  }
  if (original instanceof ForbiddenError) {
    return { message: original.message, path: formatted.path, extensions: { code: ERROR_CODES.FORBIDDEN } };
  }
  if (original instanceof QueryTimeoutError) {
    return { message: original.message, path: formatted.path, extensions: { code: original.code } };
  }
  if (isStatementTimeout(original)) {
    return { message: new QueryTimeoutError().message, path: formatted.path, extensions: { code: 'QUERY_TIMEOUT' } };
  }
  const code = formatted.extensions?.code;
  if (code === 'GRAPHQL_PARSE_FAILED') {
    const tokens = /Document contains more tha[nt] (\d+) tokens/.exec(formatted.message);
    if (tokens) {
      return {
        message: `查询含超过 ${tokens[1]} 个词法单元，超过上限（MAX_QUERY_TOKENS）：请减少别名、字段或内联的值（长列表请用变量传入）。`,
        extensions: { code: 'QUERY_TOO_LARGE' },
      };
    }
    if (/Maximum call stack size exceeded/.test(formatted.message)) {
      return { message: '查询嵌套过深，无法解析（MAX_QUERY_DEPTH）：请减少嵌套层数。', extensions: { code: 'QUERY_TOO_DEEP' } };
    }
  }
  if (code && code !== ERROR_CODES.INTERNAL) {
    const { stacktrace: _stack, exception: _exception, limitCode, ...extensions } = formatted.extensions ?? {};
    // a limit refused in validation keeps its own code (Apollo gives every validation error GRAPHQL_VALIDATION_FAILED)
    return { ...formatted, extensions: typeof limitCode === 'string' ? { ...extensions, code: limitCode } : extensions };
  }
  const errorId = newErrorId();
  log(original, errorId);
  return { message: t('error.internal', { errorId }), path: formatted.path, extensions: { code: ERROR_CODES.INTERNAL, errorId } };
}

/** PostgreSQL's statement_timeout (57014, query_canceled); SQLITE_INTERRUPT should a driver ever interrupt (this server never does: src/observability/request-context.ts). */
function isStatementTimeout(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === '57014' || code === 'SQLITE_INTERRUPT';
}

function defaultLog(error: unknown, errorId: string): void {
  const request = currentRequest();
  logger().error(
    { err: error, errorId, ...(request ? { reqId: request.id, operation: request.operationName } : {}) },
    `unexpected error ${errorId}`,
  );
}
