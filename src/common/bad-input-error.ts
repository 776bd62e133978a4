/**
 * An unexpected-but-caller-caused problem with an argument (extensions.code BAD_USER_INPUT):
 * thrown by queries and exports for a bad id, checklist or year; the GraphQL edge answers 400.
 */
export class BadInputError extends Error {
  readonly code = 'BAD_USER_INPUT';
  /** read by graphql-js into the GraphQL error: Apollo answers HTTP 400 */
  readonly extensions = { code: 'BAD_USER_INPUT', http: { status: 400 } };
  constructor(message: string) {
    super(message);
    this.name = 'BadInputError';
  }
}
