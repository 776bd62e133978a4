import { loadSeeds } from '../../src/seeds/load-seeds';
import { startServer, type RunningServer } from '../../src/server';
import { TestClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

/**
 * Over HTTP the coverage matrix's cells may be written as JSON text (src/app/matrix-cells.ts):
 * the answer's bytes must be the ones the usual execution writes, for every form of the query,
 * planned or not, and for errors.
 */
let db: TestDatabase;
let server: RunningServer;
let client: TestClient;
const unitIds = new Map<string, string>();

async function http(query: string, variables: Record<string, unknown>): Promise<string> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
  return text;
}

/** The answer as the usual execution (no HTTP, no JSON text) gives it, written as Apollo writes it. */
async function usual(query: string, variables: Record<string, unknown>): Promise<string> {
  const { data, errors } = await client.run(query, variables);
  return `${JSON.stringify({ errors, data })}\n`;
}

const ROWS = `unit { id name } hasReport rank flagCount proposed { covered } score { proposed { normalised } }`;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  client = new TestClient(db);
  server = await startServer({ dataSource: db.dataSource, lock: db.lock, config: { ...db.config, host: '127.0.0.1', port: 0 } });
  const units = await client.data(`{ units(first: 100) { edges { node { id name } } } }`);
  for (const e of units.units.edges) unitIds.set(e.node.name, e.node.id);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

describe('the coverage matrix over HTTP', () => {
  it.each([
    ['the three fields', `rows { ${ROWS} cells { code status confirmedStatus } }`],
    ['aliases, some fields, cells twice', `rows { a: cells { s: status code } ${ROWS} b: cells { confirmedStatus } }`],
    ['two rows fields', `r: rows { cells { code } } rows { ${ROWS} cells { confirmedStatus status } }`],
    [
      'every plain row field, aliases and __typename (rows written whole)',
      `rows { __typename u: unit { __typename id name level aliases } hasReport rank flagCount
        proposed { covered partial assessable ratio } confirmed { covered partial assessable ratio }
        score { confirmed { earned possible normalised } proposed { normalised possible earned } } cells { code status confirmedStatus } }`,
    ],
    [
      "the benchmark's selection",
      `rows { unit { id name } hasReport proposed { covered partial assessable ratio } confirmed { covered assessable } score { proposed { normalised } } rank flagCount cells { code status confirmedStatus } }`,
    ],
    ['a field with a resolver in rows (cells only)', `rows { ${ROWS} p: unit { parent { name } } cells { code status } }`],
    ['cells with codes (not planned)', `rows { ${ROWS} cells(codes: ["1.1", "9.1"]) { code status } }`],
    ['a fragment (not planned)', `rows { ...R }`, `fragment R on MatrixRow { cells { code status } unit { name } }`],
  ])('%s: the same bytes as the usual execution', async (_, selection, fragments = '') => {
    const query = `query($p: ID!, $year: Int!) { ranking(parentUnitId: $p, year: $year) { rank unit { name } }
      coverageMatrix(parentUnitId: $p, year: $year) { year columns { code } ${selection} itemTotals { code covered } } } ${fragments}`;
    for (const [parent, year] of [
      ['南开区', 2022],
      ['滨海新区', 2021],
      ['临淄区', 2023],
    ] as const) {
      const variables = { p: unitIds.get(parent), year };
      const text = await http(query, variables);
      expect(text).toBe(await usual(query, variables));
      expect(JSON.parse(text).data.coverageMatrix.rows.length).toBeGreaterThan(0);
    }
  });

  it('an unknown parent or year: the same error answer', async () => {
    const query = `query($p: ID!, $year: Int!) { coverageMatrix(parentUnitId: $p, year: $year) { rows { cells { code status } } } }`;
    for (const variables of [
      { p: 'VW5pdDo5OTk5OTk=', year: 2022 },
      { p: unitIds.get('南开区'), year: 1990 },
    ]) {
      const text = await http(query, variables);
      expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(text).toBe(await usual(query, variables));
    }
  });
});
