import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { BadInputError } from './relay';

/** Error codes a caller may see in `extensions.code`. */
export const ERROR_CODES = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const;

/** A refused operation (role or scope): extensions.code FORBIDDEN. */
export class ForbiddenError extends Error {
  readonly code = 'FORBIDDEN';
  constructor(message = 'You may not do this.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/**
 * Shapes every error sent to a caller: known errors keep their message and get a code;
 * anything unexpected becomes "Internal server error" (logged on the server) so stack
 * traces and SQL never leak. GraphQL's own validation errors pass unchanged.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (e: unknown) => void = defaultLog,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof BadInputError) {
    return { message: original.message, path: formatted.path, extensions: { code: ERROR_CODES.BAD_USER_INPUT } };
  }
  if (original instanceof ForbiddenError) {
    return { message: original.message, path: formatted.path, extensions: { code: ERROR_CODES.FORBIDDEN } };
  }
  const code = formatted.extensions?.code;
  if (code && code !== ERROR_CODES.INTERNAL) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  log(original);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: ERROR_CODES.INTERNAL } };
}

function defaultLog(error: unknown): void {
  process.stderr.write(`[graphql] unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}
