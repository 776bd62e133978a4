import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiToken } from '../../src/access/api-token.entity';
import { createToken, revokeToken } from '../../src/access/token.service';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { seedReport } from '../helpers/seeds';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import {
  deepHtml,
  graphqlRequest,
  send,
  startHealthProbe,
  zipBombDocx,
  type HealthProbe,
  type RawRequest,
  type RawResponse,
} from './hostile-http';
import { HEALTH_MS, HOSTILE_MARGIN, WITHIN_MS } from './thresholds';
import { describeTimeBudget } from './time-budget-cases';

/**
 * Hostile callers against the real server process (SQLite, and PostgreSQL in CI): every
 * request below is refused with its documented HTTP status and code within 2 s, and
 * /health keeps answering within 200 ms while it is in flight (test/hostile/thresholds.ts:
 * asserted as they are; HOSTILE_MARGIN only for a slow machine). The limits are those of
 * README "Deploying → Limits" at their defaults.
 */
let db: TestDatabase;
let server: ServerProcess;
let probe: HealthProbe;
let downloadDir: string;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

async function token(name: string, role: string, unit: string | null): Promise<string> {
  const created = await createToken(db.dataSource, { name, role, unit, actor: 'hostile-test' });
  if (!created.ok) throw new Error(created.errors[0]!.message);
  return created.value.secret;
}

const bearer = (who: string): [string, string] => ['authorization', `Bearer ${tokens[who]}`];
const gql = (query: string, variables?: unknown, who: string | null = 'admin', extra: [string, string][] = []) =>
  graphqlRequest({ query, variables }, who ? [bearer(who), ...extra] : extra);
const gid = (text: string) => Buffer.from(text).toString('base64');
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The fragment bomb of the issue: F0 spreads F1 twice, … F(n-1) spreads Fn twice; Fn is a leaf. */
function fragmentBomb(n: number): string {
  const fragments = range(n).map((i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  return `query { ...F0 } ${fragments.join(' ')} fragment F${n} on Query { __typename }`;
}

const INGEST = `mutation($input: IngestReportInput!) { ingestReport(input: $input) { created userErrors { code field message } } }`;
const ingestFile = (fileName: string, bytes: Buffer, who = 'wanxing') =>
  gql(INGEST, { input: { fileName, contentBase64: bytes.toString('base64'), unit: '万兴街', year: 2024 } }, who);

const errorCode = (r: RawResponse): string | undefined => r.body?.errors?.[0]?.extensions?.code;
const userErrorCode =
  (field: string) =>
  (r: RawResponse): string | undefined =>
    r.body?.data?.[field]?.userErrors?.[0]?.code;

interface HostileCase {
  name: string;
  request: () => RawRequest;
  status: number;
  code: string;
  /** where the code is: a GraphQL error (default) or a payload's userErrors */
  codeOf?: (r: RawResponse) => string | undefined;
  /** more checks on the answer */
  check?: (r: RawResponse) => void;
}

const CASES: HostileCase[] = [
  // ── work bounded before any resolver runs ──
  {
    name: '2^30 fragment spreads (each fragment spreads the next twice)',
    request: () => gql(fragmentBomb(30)),
    status: 400,
    code: 'QUERY_TOO_LARGE',
  },
  { name: '2^26 fragment spreads', request: () => gql(fragmentBomb(26)), status: 400, code: 'QUERY_TOO_LARGE' },
  { name: '2^30 fragment spreads, anonymous', request: () => gql(fragmentBomb(30), undefined, null), status: 401, code: 'UNAUTHENTICATED' },
  {
    name: 'a fragment cycle A → B → A',
    request: () => gql('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    check: (r) => expect(r.body.errors[0].message).toMatch(/Cannot spread fragment "A" within itself/),
  },
  {
    name: 'a fragment spreading itself',
    request: () => gql('query { ...A } fragment A on Query { __typename ...A }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a cycle of 200 fragments',
    request: () =>
      gql(
        `query { ...C0 } ${range(200)
          .map((i) => `fragment C${i} on Query { __typename ...C${(i + 1) % 200} }`)
          .join(' ')}`,
      ),
    status: 400,
    code: 'QUERY_TOO_LARGE',
    check: (r) => expect(r.body.errors[0].message).toMatch(/超过上限（MAX_QUERY_FRAGMENTS）/),
  },
  {
    name: 'a cycle of 60 fragments',
    request: () =>
      gql(
        `query { ...C0 } ${range(60)
          .map((i) => `fragment C${i} on Query { __typename ...C${(i + 1) % 60} }`)
          .join(' ')}`,
      ),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a 12-level nested query',
    request: () =>
      gql(
        `{ units { edges { node { children { children { children { children { children { children { children { children { children { name } } } } } } } } } } } } }`,
      ),
    status: 400,
    code: 'QUERY_TOO_DEEP',
    check: (r) => expect(r.body.errors[0].message).toMatch(/查询深度 12 超过上限 10/),
  },
  {
    name: 'depth 41 hidden in a chain of fragments',
    request: () =>
      gql(
        `{ units { edges { node { ...D0 } } } } ${range(40)
          .map((i) => `fragment D${i} on Unit { children { ...D${i + 1} } }`)
          .join(' ')} fragment D40 on Unit { name }`,
      ),
    status: 400,
    code: 'QUERY_TOO_DEEP',
  },
  {
    name: '1,500-level nested selection',
    request: () => gql(`{ units { edges { node { ${'children { '.repeat(1500)}name${' }'.repeat(1500)} } } } }`),
    status: 400,
    code: 'QUERY_TOO_DEEP',
  },
  {
    name: '100,000-level nested selection',
    request: () => gql(`{ units { edges { node { ${'children { '.repeat(100_000)}name${' }'.repeat(100_000)} } } } }`),
    status: 400,
    code: 'QUERY_TOO_DEEP',
  },
  {
    name: '950 aliases of coverageMatrix on a district',
    request: () =>
      gql(
        `{ ${range(950)
          .map((i) => `m${i}: coverageMatrix(year: 2022, parentUnitId: "${ids['南开区']}") { year }`)
          .join(' ')} }`,
      ),
    status: 400,
    code: 'QUERY_TOO_LARGE',
    check: (r) => expect(r.body.errors[0].message).toMatch(/超过上限（MAX_QUERY_TOKENS）/),
  },
  {
    name: '150 aliases of coverageMatrix',
    request: () =>
      gql(
        `{ ${range(150)
          .map((i) => `m${i}: coverageMatrix(year: 2022, parentUnitId: "${ids['南开区']}") { year }`)
          .join(' ')} }`,
      ),
    status: 400,
    code: 'QUERY_TOO_COSTLY',
    check: (r) => expect(r.body.errors[0].message).toMatch(/超过上限 50000（MAX_QUERY_COST）/),
  },
  {
    name: '60 aliases of coverageMatrix with its rows',
    request: () =>
      gql(
        `{ ${range(60)
          .map((i) => `m${i}: coverageMatrix(year: 2022, parentUnitId: "${ids['南开区']}") { rows { unit { name } } }`)
          .join(' ')} }`,
      ),
    status: 400,
    code: 'QUERY_TOO_COSTLY',
  },
  {
    name: '300 aliases of exportDistrict (XLSX)',
    request: () =>
      gql(
        `mutation { ${range(300)
          .map((i) => `e${i}: exportDistrict(input: { parentUnitId: "${ids['南开区']}", year: 2022, format: XLSX }) { expiresAt }`)
          .join(' ')} }`,
      ),
    status: 400,
    code: 'QUERY_TOO_LARGE',
  },
  {
    name: '30 aliases of exportDistrict (XLSX)',
    request: () =>
      gql(
        `mutation { ${range(30)
          .map((i) => `e${i}: exportDistrict(input: { parentUnitId: "${ids['南开区']}", year: 2022, format: XLSX }) { expiresAt }`)
          .join(' ')} }`,
      ),
    status: 400,
    code: 'QUERY_TOO_COSTLY',
  },
  {
    name: 'two exportDistrict in one request',
    request: () =>
      gql(
        `mutation { a: exportDistrict(input: { parentUnitId: "${ids['南开区']}", year: 2022, format: CSV }) { expiresAt } b: exportDistrict(input: { parentUnitId: "${ids['南开区']}", year: 2022, format: CSV }) { expiresAt } }`,
      ),
    status: 429,
    code: 'RATE_LIMITED',
  },
  {
    name: 'flags with 20,000 unitIds',
    request: () =>
      gql('query($ids: [ID!]) { flags(filter: { unitIds: $ids }) { totalCount } }', { ids: range(20_000).map(() => ids['万兴街']) }),
    status: 400,
    code: 'LIST_TOO_LONG',
    check: (r) => expect(r.body.errors[0].message).toMatch(/含 20000 个值，超过上限 500（MAX_LIST_ARGUMENT）/),
  },
  {
    name: 'flags with 40,000 itemCodes',
    request: () =>
      gql('query($codes: [String!]) { flags(filter: { itemCodes: $codes }) { totalCount } }', {
        codes: range(40_000).map((i) => `${i}.1`),
      }),
    status: 400,
    code: 'LIST_TOO_LONG',
  },
  {
    name: 'nodes with 2,000 ids, inline',
    request: () =>
      gql(
        `{ nodes(ids: [${range(2000)
          .map(() => `"${ids['万兴街']}"`)
          .join(',')}]) { id } }`,
      ),
    status: 400,
    code: 'LIST_TOO_LONG',
  },
  {
    name: 'nodes with 20,000 ids in a variable',
    request: () => gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: range(20_000).map(() => ids['万兴街']) }),
    status: 400,
    code: 'LIST_TOO_LONG',
  },
  {
    name: '1,200 aliases of __typename spread by two fragments',
    request: () =>
      gql(
        `{ ...T ...U } fragment T on Query { ${range(1200)
          .map((i) => `a${i}: __typename`)
          .join(' ')} } fragment U on Query { ...T }`,
      ),
    status: 400,
    code: 'QUERY_TOO_LARGE',
    check: (r) => expect(r.body.errors[0].message).toMatch(/超过上限 2000（MAX_QUERY_FIELDS）/),
  },
  {
    name: '20,000 aliases of __typename (past the token limit)',
    request: () =>
      gql(
        `{ ${range(20_000)
          .map((i) => `a${i}: __typename`)
          .join(' ')} }`,
      ),
    status: 400,
    code: 'QUERY_TOO_LARGE',
  },
  {
    name: 'reports with 200 per page and nested lists',
    request: () =>
      gql(
        '{ reports(first: 200) { edges { node { claims { links { item { targets { metric } } } metrics { value } } sections { heading } } } } }',
      ),
    status: 400,
    code: 'QUERY_TOO_COSTLY',
  },
  // ── malformed requests ──
  { name: 'reports(first: -5)', request: () => gql('{ reports(first: -5) { totalCount } }'), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'reports(first: 100000)', request: () => gql('{ reports(first: 100000) { totalCount } }'), status: 400, code: 'BAD_USER_INPUT' },
  {
    name: 'compare … items(first: -5)',
    request: () => gql(`{ compare(unitId: "${ids['万兴街']}", fromYear: 2021, toYear: 2022) { items(first: -5) { code } } }`),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'after: offset + 25 digits',
    request: () => gql(`{ reports(after: "${gid(`offset:${'9'.repeat(25)}`)}") { totalCount } }`),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'after: offset + 400 digits',
    request: () => gql(`{ reports(after: "${gid(`offset:${'9'.repeat(400)}`)}") { totalCount } }`),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'after: offset:-1',
    request: () => gql(`{ units(after: "${gid('offset:-1')}") { totalCount } }`),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  { name: 'after: not base64 at all', request: () => gql('{ units(after: "%%%") { totalCount } }'), status: 400, code: 'BAD_USER_INPUT' },
  {
    name: 'after: 10,000 characters',
    request: () => gql(`{ units(after: "${'A'.repeat(10_000)}") { totalCount } }`),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  { name: 'node(id: Unit:0001)', request: () => gql(`{ node(id: "${gid('Unit:0001')}") { id } }`), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'node(id: Unit:-1)', request: () => gql(`{ node(id: "${gid('Unit:-1')}") { id } }`), status: 400, code: 'BAD_USER_INPUT' },
  {
    name: 'node(id: Unit: + 40 digits)',
    request: () => gql(`{ node(id: "${gid(`Unit:${'9'.repeat(40)}`)}") { id } }`),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'node(id: an unknown type)',
    request: () => gql(`{ node(id: "${gid('Secret:1')}") { id } }`),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'coverageMatrix(parentUnitId: Unit:0001) in a variable',
    request: () => gql('query($p: ID!) { coverageMatrix(year: 2022, parentUnitId: $p) { year } }', { p: gid('Unit:0001') }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'variable: a string for Int!',
    request: () => gql('query($n: Int!) { units(first: $n) { totalCount } }', { n: 'many' }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'variable: a required one missing',
    request: () => gql('query($n: Int!) { units(first: $n) { totalCount } }', {}),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'variable: an unknown input field',
    request: () => gql('query($f: FlagFilter) { flags(filter: $f) { totalCount } }', { f: { year: 2022, secret: true } }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'variable: an invalid enum value',
    request: () => gql('query($f: FlagFilter) { flags(filter: $f) { totalCount } }', { f: { codes: ['DROP_TABLE'] } }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'variable: a float for Int!',
    request: () => gql('query($n: Int!) { units(first: $n) { totalCount } }', { n: 1.5 }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'variable: 100,000-level nested array',
    request: () =>
      graphqlRequest(
        `{"query":"query($n: [String!]) { flags(filter: { itemCodes: $n }) { totalCount } }","variables":{"n":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
        [bearer('admin')],
      ),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'variables that are not an object',
    request: () => graphqlRequest({ query: '{ units { totalCount } }', variables: 'x' }, [bearer('admin')]),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a body that is not JSON',
    request: () => graphqlRequest('{"query": "{ units { totalCount } }"', [bearer('admin')]),
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'no query', request: () => graphqlRequest({ variables: {} }, [bearer('admin')]), status: 400, code: 'BAD_REQUEST' },
  { name: 'a query that is a number', request: () => graphqlRequest({ query: 5 }, [bearer('admin')]), status: 400, code: 'BAD_REQUEST' },
  { name: 'a syntax error', request: () => gql('{ units { totalCount '), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'an unknown field', request: () => gql('{ units { password } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  {
    name: 'a 9 MB body',
    request: () => graphqlRequest({ query: `{ units { totalCount } } #${'x'.repeat(9 * 1024 * 1024)}` }, [bearer('admin')]),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'a mutation over GET',
    request: () => ({
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('mutation { __typename }')}`,
      headers: [bearer('admin'), ['apollo-require-preflight', '1']],
    }),
    status: 405,
    code: 'BAD_REQUEST',
  },
  // ── authentication ──
  {
    name: 'anonymous while tokens exist',
    request: () => gql('{ units(first: 5) { totalCount } }', undefined, null),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: "anonymous asking a report's raw text",
    request: () => gql('{ reports(first: 1) { edges { node { rawText } } } }', undefined, null),
    status: 401,
    code: 'UNAUTHENTICATED',
    check: (r) => expect(r.text).not.toMatch(/法治/),
  },
  {
    name: 'anonymous ingest',
    request: () => gql(INGEST, { input: { text: '报告', unit: '万兴街', year: 2024 } }, null),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'Host: evil.example',
    request: () => gql('{ units { totalCount } }', undefined, null, [['host', 'evil.example']]),
    status: 400,
    code: 'BAD_HOST',
  },
  {
    name: 'Host: evil.example with a valid token',
    request: () => gql('{ units { totalCount } }', undefined, 'admin', [['host', 'evil.example:80']]),
    status: 400,
    code: 'BAD_HOST',
  },
  {
    name: 'Host: 127.0.0.1.evil.example',
    request: () => gql('{ units { totalCount } }', undefined, 'admin', [['host', '127.0.0.1.evil.example']]),
    status: 400,
    code: 'BAD_HOST',
  },
  {
    name: 'Host: localhost.evil.example on a download',
    request: () => ({ method: 'GET', path: '/downloads/abc', headers: [['host', 'localhost.evil.example']] }),
    status: 400,
    code: 'BAD_HOST',
  },
  { name: 'no Host header', request: () => ({ ...gql('{ units { totalCount } }'), noHost: true }), status: 400, code: 'BAD_HOST' },
  {
    name: 'two Authorization headers',
    request: () => gql('{ units { totalCount } }', undefined, 'wanxing', [bearer('admin')]),
    status: 400,
    code: 'DUPLICATE_AUTHORIZATION',
  },
  {
    name: 'two Authorization headers in different case',
    request: () =>
      gql('{ units { totalCount } }', undefined, null, [
        ['Authorization', `Bearer ${tokens.wanxing}`],
        ['authorization', `Bearer ${tokens.admin}`],
      ]),
    status: 400,
    code: 'DUPLICATE_AUTHORIZATION',
  },
  {
    name: 'an unknown token',
    request: () => gql('{ units { totalCount } }', undefined, null, [['authorization', 'Bearer fzq_not-a-token']]),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'Basic instead of Bearer',
    request: () => gql('{ units { totalCount } }', undefined, null, [['authorization', 'Basic YWRtaW46YWRtaW4=']]),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  { name: 'an expired token', request: () => gql('{ units { totalCount } }', undefined, 'expired'), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'a revoked token', request: () => gql('{ units { totalCount } }', undefined, 'revoked'), status: 401, code: 'UNAUTHENTICATED' },
  {
    name: 'a 10,000-character token',
    request: () => gql('{ units { totalCount } }', undefined, null, [['authorization', `Bearer fzq_${'a'.repeat(10_000)}`]]),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a UNIT token locking an assessment',
    request: () =>
      gql(
        'mutation($i: LockAssessmentInput!) { lockAssessment(input: $i) { userErrors { code } } }',
        { i: { unitId: ids['万兴街'], checklistId: ids.checklist, year: 2022, locked: true } },
        'wanxing',
      ),
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    name: 'a VIEWER importing a checklist',
    request: () =>
      gql(
        'mutation($i: ImportChecklistInput!) { importChecklist(input: $i) { userErrors { code } } }',
        { i: { yaml: 'key: x' } },
        'viewer',
      ),
    status: 403,
    code: 'FORBIDDEN',
  },
  // ── documents within budgets (expected failures are the payload's userErrors) ──
  {
    name: 'a .docx zip bomb (1 GB declared)',
    request: () => ingestFile('报告.docx', zipBombDocx(1000, true)),
    status: 200,
    code: 'DOCUMENT_TOO_LARGE',
    codeOf: userErrorCode('ingestReport'),
  },
  {
    name: 'a .docx zip bomb that declares 1 MB and inflates to 1 GB',
    request: () => ingestFile('报告.docx', zipBombDocx(1000, false)),
    status: 200,
    code: 'DOCUMENT_TOO_LARGE',
    codeOf: userErrorCode('ingestReport'),
  },
  {
    name: 'a 10,000-level web page',
    request: () => ingestFile('报告.html', deepHtml(10_000)),
    status: 200,
    code: 'DOCUMENT_TOO_DEEP',
    codeOf: userErrorCode('ingestReport'),
  },
  {
    name: 'a 100,000-level web page',
    request: () => ingestFile('报告.html', deepHtml(100_000)),
    status: 200,
    code: 'DOCUMENT_TOO_DEEP',
    codeOf: userErrorCode('ingestReport'),
  },
  {
    name: 'a .docx that is not a zip',
    request: () => ingestFile('报告.docx', Buffer.from('PK\u0003\u0004 not really')),
    status: 200,
    code: 'CORRUPT_DOCUMENT',
    codeOf: userErrorCode('ingestReport'),
  },
  {
    name: 'a PDF that is only a header',
    request: () => ingestFile('报告.pdf', Buffer.from('%PDF-1.7\n%%EOF')),
    status: 200,
    code: 'CORRUPT_DOCUMENT',
    codeOf: userErrorCode('ingestReport'),
  },
  {
    name: 'contentBase64 that is not base64 (a malformed request, not a bad document)',
    request: () =>
      gql(INGEST, { input: { fileName: '报告.docx', contentBase64: '这不是 base64！<script>', unit: '万兴街', year: 2024 } }, 'wanxing'),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: (r) => expect(r.body.errors[0].message).toMatch(/contentBase64 不是 base64 编码/),
  },
  {
    name: 'contentBase64 of 1 MB with a stray character in the middle',
    request: () =>
      gql(
        INGEST,
        { input: { fileName: 'a.txt', contentBase64: `${'QUFB'.repeat(130_000)}%${'QUFB'.repeat(130_000)}`, unit: '万兴街', year: 2024 } },
        'wanxing',
      ),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an .exe',
    request: () => ingestFile('报告.exe', Buffer.from('MZ\u0090\u0000')),
    status: 200,
    code: 'UNSUPPORTED_FORMAT',
    codeOf: userErrorCode('ingestReport'),
  },
  {
    name: 'a report over MAX_REPORT_BYTES',
    request: () => gql(INGEST, { input: { text: '法治。'.repeat(700_000), unit: '万兴街', year: 2024 } }, 'wanxing'),
    status: 200,
    code: 'TEXT_TOO_LARGE',
    codeOf: userErrorCode('ingestReport'),
  },
  // ── errors that tell nothing outside the scope ──
  {
    name: 'UNIT token of 万兴街 ingesting for "王顶"',
    request: () => gql(INGEST, { input: { text: '报告。', unit: '王顶', year: 2024, dryRun: true } }, 'wanxing'),
    status: 200,
    code: 'UNIT_NOT_FOUND',
    codeOf: userErrorCode('ingestReport'),
    check: (r) => expect(r.text).not.toMatch(/王顶堤|塘沽|胡家园|稷下|南开区/),
  },
  {
    name: 'UNIT token of 万兴街 ingesting for "王顶堤街道"',
    request: () => gql(INGEST, { input: { text: '报告。', unit: '王顶堤街道', year: 2024, dryRun: true } }, 'wanxing'),
    status: 200,
    code: 'UNIT_NOT_FOUND',
    codeOf: userErrorCode('ingestReport'),
    check: (r) => expect(r.text).not.toMatch(/王顶堤街[^道]|塘沽|胡家园|稷下/),
  },
  // ── assessment targets only at reporting levels ──
  {
    name: 'setItemNotApplicable on 天津市',
    request: () =>
      gql('mutation($i: SetItemNotApplicableInput!) { setItemNotApplicable(input: $i) { userErrors { code } } }', {
        i: { unitId: ids['天津市'], checklistId: ids.checklist, year: 2022, itemCode: '9.1', notApplicable: true, justification: '无' },
      }),
    status: 200,
    code: 'NOT_A_REPORTING_UNIT',
    codeOf: userErrorCode('setItemNotApplicable'),
  },
  {
    name: 'lockAssessment on 山东省',
    request: () =>
      gql('mutation($i: LockAssessmentInput!) { lockAssessment(input: $i) { userErrors { code } } }', {
        i: { unitId: ids['山东省'], checklistId: ids.checklist, year: 2022, locked: true },
      }),
    status: 200,
    code: 'NOT_A_REPORTING_UNIT',
    codeOf: userErrorCode('lockAssessment'),
  },
];

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  tokens.admin = await token('hostile-admin', 'ADMIN', null);
  tokens.wanxing = await token('hostile-wanxing', 'UNIT', '万兴街');
  tokens.viewer = await token('hostile-viewer', 'VIEWER', '滨海新区');
  tokens.expired = await token('hostile-expired', 'VIEWER', '南开区');
  await db.dataSource.getRepository(ApiToken).update({ name: 'hostile-expired' }, { expiresAt: new Date(Date.now() - 1000) });
  tokens.revoked = await token('hostile-revoked', 'VIEWER', '南开区');
  await revokeToken(db.dataSource, { name: 'hostile-revoked', actor: 'hostile-test' });
  downloadDir = mkdtempSync(join(tmpdir(), 'fazhi-hostile-dl-'));
  const env: Record<string, string> =
    db.database.type === 'sqlite' ? { SQLITE_PATH: db.database.path, DATABASE_URL: '' } : { DATABASE_URL: db.database.url };
  server = await startServerProcess({ ...env, DOWNLOAD_DIR: downloadDir }, await freePort());
  const units = await send(Number(new URL(server.url).port), gql('{ units(first: 100) { edges { node { id name } } } checklists { id } }'));
  for (const e of units.body.data.units.edges) ids[e.node.name] = e.node.id;
  ids.checklist = units.body.data.checklists[0].id;
  probe = startHealthProbe(Number(new URL(server.url).port));
}, 120_000);

afterAll(async () => {
  probe?.stop();
  server?.child.kill('SIGTERM');
  await server?.exited;
  await db?.close();
  if (downloadDir) rmSync(downloadDir, { recursive: true, force: true });
});

const serverPort = () => Number(new URL(server.url).port);

describe('hostile requests against the real server', () => {
  it('has at least 60 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(60));

  for (const c of CASES) {
    it(`${c.name}: ${c.status} ${c.code} within ${WITHIN_MS} ms, /health within ${HEALTH_MS} ms meanwhile${HOSTILE_MARGIN === 1 ? '' : ` (HOSTILE_MARGIN=${HOSTILE_MARGIN})`}`, async () => {
      const req = c.request();
      const { result, slowestHealthMs, failed } = await probe.around(() => send(serverPort(), req));
      expect(failed).toBe(0);
      expect({ status: result.status, code: (c.codeOf ?? errorCode)(result) }).toEqual({ status: c.status, code: c.code });
      expect(result.text).not.toMatch(/\bat .*\.(ts|js):\d+|SQLITE_|QueryFailedError|stack/);
      c.check?.(result);
      expect(result.ms).toBeLessThan(WITHIN_MS);
      expect(slowestHealthMs).toBeLessThan(HEALTH_MS);
    }, 30_000);
  }

  it('REPORT_MISSING only for reporting units: no city or province among the flags', async () => {
    const r = await send(
      serverPort(),
      gql('{ flags(first: 200, filter: { year: 2022, codes: [REPORT_MISSING] }) { edges { node { unit { name level } } } } }'),
    );
    expect(r.status).toBe(200);
    const levels = new Set(r.body.data.flags.edges.map((e: { node: { unit: { level: string } } }) => e.node.unit.level));
    expect([...levels].every((l) => l === 'STREET' || l === 'TOWN')).toBe(true);
  });

  it('one heavy mutation in flight per caller: a second ingest while the first runs is RATE_LIMITED', async () => {
    // Whether a poll is answered while the first ingest is still in flight depends on the machine's
    // timing (its analysis holds the event loop): try up to four times (years 2019…2016); the
    // limiter must be seen refusing a second request at least once.
    let second: RawResponse | null = null;
    let first: Promise<RawResponse> = Promise.resolve({ status: 0 } as RawResponse);
    for (let attempt = 0; attempt < 4 && second === null; attempt++) {
      const year = 2019 - attempt;
      const big = Array.from({ length: 150 }, (_, i) => `${seedReport('万兴街').raw}\n（附${i + 1}）\n`).join('\n');
      let finished = false;
      first = send(serverPort(), gql(INGEST, { input: { text: big, unit: '万兴街', year } }, 'wanxing')).finally(() => (finished = true));
      // give the 2 MB request time to arrive and take the slot (a poll that arrives first takes it
      // instead, and the big one is refused: also the limiter at work, so try again)
      await new Promise((resolve) => setTimeout(resolve, 200));
      while (!finished) {
        const poll = await send(
          serverPort(),
          gql(INGEST, { input: { text: '报告。', unit: '万兴街', year: 2019, dryRun: true } }, 'wanxing'),
        );
        if (poll.status === 429) {
          second = poll;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (second === null) expect([200, 429]).toContain((await first).status);
    }
    expect(second).not.toBeNull();
    expect({ status: second?.status, code: second && errorCode(second) }).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(second?.ms).toBeLessThan(WITHIN_MS);
    const other = await send(serverPort(), gql(INGEST, { input: { text: '报告。', unit: '万兴街', year: 2019, dryRun: true } }, 'admin'));
    const done = await first;
    expect(done.status).toBe(200);
    expect(other.status).toBe(200); // another caller is not held up
    const after = await send(serverPort(), gql(INGEST, { input: { text: '报告。', unit: '万兴街', year: 2019, dryRun: true } }, 'wanxing'));
    expect(after.status).toBe(200);
  }, 60_000);
});

describeTimeBudget();
