import type { UserErrorCode } from './error-codes';

export type { UserErrorCode } from './error-codes';

/**
 * An expected failure caused by the caller's input, returned as data in a mutation
 * payload's `userErrors` (never thrown to the GraphQL layer as an error).
 */
export interface UserErrorData {
  /** the input field it is about, e.g. `input.unit` */
  field: string | null;
  message: string;
  /** stable code from the catalogue (src/common/error-codes.ts), e.g. UNIT_NOT_FOUND, YEAR_OUT_OF_RANGE */
  code: UserErrorCode;
}

/** A service result: the value, or the user errors explaining why there is none. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: UserErrorData[] };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = <T = never>(code: UserErrorCode, message: string, field: string | null = null): Outcome<T> => ({
  ok: false,
  errors: [{ code, message, field }],
});
