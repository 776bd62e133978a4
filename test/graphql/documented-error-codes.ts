import { ERROR_CODE_LIST, ERROR_CODES_CATALOGUE, USER_ERROR_CODE_LIST, USER_ERROR_CODES } from '../../src/common/error-codes';

/** A markdown table cell: no line breaks, pipes escaped. */
const cell = (text: string): string => text.replace(/\|/gu, '\\|').replace(/\s*\n\s*/gu, ' ');

/**
 * The "Error codes" section of docs/api.md, generated from the catalogue
 * (src/common/error-codes.ts) in its order: the userError codes (GraphQL enum
 * `UserErrorCode`) and the `extensions.code` values of GraphQL errors (`ErrorCode`).
 */
export function renderErrorCodes(): string[] {
  return [
    '## Error codes',
    '',
    'Generated from the catalogue `src/common/error-codes.ts` (a code missing from it does not compile).',
    '',
    '### `UserErrorCode`: expected failures in `userErrors { field message code }`',
    '',
    'A mutation answers an expected failure as data in its payload; `message` is Chinese unless `locale` or',
    'Accept-Language says en. In the schema `UserError.code` is the enum `UserErrorCode`.',
    '',
    '| code | 说明 | meaning |',
    '| ---- | ---- | ------- |',
    ...USER_ERROR_CODE_LIST.map((code) => `| \`${code}\` | ${cell(USER_ERROR_CODES[code].zh)} | ${cell(USER_ERROR_CODES[code].en)} |`),
    '',
    '### `ErrorCode`: `extensions.code` of a GraphQL error',
    '',
    'A refused or failed request is a GraphQL error (the HTTP guards answer in the same shape) with',
    '`extensions.code` below and the HTTP status beside it; it never carries SQL or a stack trace.',
    '',
    '| code | HTTP | 说明 | meaning |',
    '| ---- | ---- | ---- | ------- |',
    ...ERROR_CODE_LIST.map((code) => {
      const d = ERROR_CODES_CATALOGUE[code];
      return `| \`${code}\` | ${d.status} | ${cell(d.zh)} | ${cell(d.en)} |`;
    }),
    '',
  ];
}
