import { buildSchema, GraphQLEnumType, GraphQLObjectType } from 'graphql';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FLAG_CODES } from '../../../src/checklist/types';
import { MESSAGES } from '../../../src/i18n/messages';
import { ERROR_CODE_LIST, ERROR_CODES_CATALOGUE, USER_ERROR_CODE_LIST, USER_ERROR_CODES } from '../../../src/common/error-codes';

const SRC = join(__dirname, '../../../src');
const CJK = /[\u4e00-\u9fff]/u;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const sources = sourceFiles(SRC).map((path) => ({ path: path.slice(SRC.length + 1), text: readFileSync(path, 'utf8') }));

/** Upper-case string literals ('UNIT_NOT_FOUND') in a piece of code. */
const codeLiterals = (text: string): string[] => [...text.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)'/gu)].map((m) => m[1] ?? '');

/**
 * Every code literal src/ gives an error: the value of a `code` property or parameter
 * (`code: 'X'`, `code: a ? 'X' : 'Y'`, `code: 'X' | 'Y'`, `readonly code = 'X'`) and the code
 * argument of the helpers that build errors (`fail('X', …)`, `refuse(res, 400, 'X', …)`,
 * `limitError(…, 'X')`). `extensions` says whether it is a GraphQL error's extensions.code.
 */
function usedCodes(): Array<{ code: string; path: string; extensions: boolean }> {
  const found: Array<{ code: string; path: string; extensions: boolean }> = [];
  for (const { path, text } of sources) {
    for (const m of text.matchAll(/(?:(?<![.\w])code\??\s*:|\breadonly code\s*=)\s*([^,;}\n]*)/gu)) {
      const before = text.slice(Math.max(0, m.index - 40), m.index);
      for (const code of codeLiterals(m[1] ?? '')) found.push({ code, path, extensions: /extensions\s*[:=]\s*\{\s*$/u.test(before) });
    }
    for (const m of text.matchAll(/\b(fail|failed|refuse|limitError)(?:<[^>]*>)?\(/gu)) {
      // the first upper-case literal among the arguments (messages are sentences, never upper-case words)
      const [code] = codeLiterals(text.slice(m.index + m[0].length, m.index + m[0].length + 400).split(/\)\s*[;,]/u)[0] ?? '');
      if (code) found.push({ code, path, extensions: m[1] === 'limitError' || path === 'http-guards.ts' });
    }
  }
  return found;
}

/** Codes in src/ that are not error codes a caller sees (each with the reason). */
const NOT_ERROR_CODES = new Set<string>([
  // flags have their own catalogue (flag.* in src/i18n/messages.ts, FLAG_CODES)
  ...FLAG_CODES,
  // src/reports/search/query.ts: internal problems, answered as BAD_USER_INPUT with a search.* message
  'TOO_LONG',
  'TOO_MANY_TERMS',
]);

describe('the error code catalogue (src/common/error-codes.ts)', () => {
  it('describes every code in Chinese and in English, one line each', () => {
    const problems: string[] = [];
    const all = [
      ...Object.entries(USER_ERROR_CODES).map(([code, d]) => [`UserErrorCode.${code}`, d] as const),
      ...Object.entries(ERROR_CODES_CATALOGUE).map(([code, d]) => [`ErrorCode.${code}`, d] as const),
    ];
    for (const [name, d] of all) {
      if (!d.zh?.trim() || !CJK.test(d.zh)) problems.push(`${name}: no Chinese description`);
      if (!d.en?.trim() || CJK.test(d.en)) problems.push(`${name}: no English description`);
      if (/\n/u.test(d.zh + d.en)) problems.push(`${name}: more than one line`);
    }
    expect(problems).toEqual([]);
    expect(USER_ERROR_CODE_LIST.length).toBeGreaterThan(30);
    expect(ERROR_CODE_LIST).toEqual(expect.arrayContaining(['BAD_USER_INPUT', 'FORBIDDEN', 'UNAUTHENTICATED', 'INTERNAL_SERVER_ERROR']));
  });

  it('gives every HTTP status of an extensions.code', () => {
    for (const d of Object.values(ERROR_CODES_CATALOGUE)) expect([200, 400, 401, 403, 404, 413, 429, 500, 503]).toContain(d.status);
  });

  it('matches the message catalogue: a userError.<code> text for each user error code, and no other', () => {
    const messageCodes = Object.keys(MESSAGES)
      .filter((key) => key.startsWith('userError.'))
      .map((key) => key.slice('userError.'.length));
    expect([...messageCodes].sort()).toEqual([...USER_ERROR_CODE_LIST].sort());
  });

  it('holds every code literal that src/ gives an error, so a new code cannot go undocumented', () => {
    const used = usedCodes();
    expect(used.length).toBeGreaterThan(50);
    const missing = used
      .filter(({ code }) => !NOT_ERROR_CODES.has(code))
      .filter(({ code, extensions }) =>
        extensions ? !(code in ERROR_CODES_CATALOGUE) : !(code in USER_ERROR_CODES) && !(code in ERROR_CODES_CATALOGUE),
      )
      .map(({ code, path }) => `${code} (${path})`);
    expect([...new Set(missing)]).toEqual([]);
    // the scan sees both kinds
    expect(used.some((u) => u.code === 'UNIT_NOT_REGISTERED')).toBe(true);
    expect(used.some((u) => u.code === 'BAD_HOST' && u.extensions)).toBe(true);
    expect(used.some((u) => u.code === 'QUERY_TOO_COSTLY' && u.extensions)).toBe(true);
  });

  it('is the GraphQL enum UserErrorCode of UserError.code in schema/schema.graphql, with the descriptions', () => {
    const schema = buildSchema(readFileSync(join(__dirname, '../../../schema/schema.graphql'), 'utf8'));
    const userError = schema.getType('UserError') as GraphQLObjectType;
    const code = userError.getFields().code?.type;
    expect(String(code)).toBe('UserErrorCode!');
    const values = (schema.getType('UserErrorCode') as GraphQLEnumType).getValues();
    expect(values.map((v) => v.name).sort()).toEqual([...USER_ERROR_CODE_LIST].sort());
    for (const v of values) {
      const d = USER_ERROR_CODES[v.name as keyof typeof USER_ERROR_CODES];
      expect(v.description).toContain(d.zh);
      expect(v.description).toContain(d.en);
    }
  });

  it('lists no user error code that src/ never gives', () => {
    const used = new Set(usedCodes().map((u) => u.code));
    expect(USER_ERROR_CODE_LIST.filter((code) => !used.has(code))).toEqual([]);
  });
});
