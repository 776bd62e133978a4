import { loadSeeds } from '../../src/seeds/load-seeds';
import { startServer, type RunningServer } from '../../src/server';
import { TestClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let client: TestClient;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  client = new TestClient(db);
});
afterAll(async () => db?.close());

describe('query limits', () => {
  it('rejects a 12-level nested query with a clear error before touching the database', async () => {
    const nested = `{ units { edges { node { children { children { children { children { children { children { children { children { children { name } } } } } } } } } } } } }`;
    db.counter.reset();
    const result = await client.run(nested);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toMatch(/查询深度 12 超过上限 10/);
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    expect(db.counter.count).toBe(0);
  });

  it('rejects a too-costly query with QUERY_TOO_COSTLY before touching the database', async () => {
    const costly = `{ reports(first: 200) { edges { node { claims { links { item { targets { metric } } } metrics { value } } sections { heading } } } } }`;
    db.counter.reset();
    const result = await client.run(costly);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(result.errors?.[0]?.message).toMatch(/estimated cost \d+ exceeds the limit 50000/);
    expect(db.counter.count).toBe(0);
  });

  it('checks the variables of a document sent again as it did the first time (the cost is remembered per document and variable shape, not the values)', async () => {
    const units = await client.run<{ units: { edges: Array<{ node: { id: string } }> } }>('{ units(first: 1) { edges { node { id } } } }');
    const unitId = units.data!.units.edges[0]!.node.id;
    const query = (pad: string) =>
      `query Children($parent: ID!, $after: String) {${pad} units(filter: { parentId: $parent }, first: 5, after: $after) { totalCount } }`;
    const badId = Buffer.from('Unit:0001').toString('base64');
    const badCursor = Buffer.from('offset:01').toString('base64');
    // the same document first with good variables (remembered), then with bad ones
    expect((await client.run(query(''), { parent: unitId })).errors).toBeUndefined();
    const cachedBadId = await client.run(query(''), { parent: badId });
    const cachedBadCursor = await client.run(query(''), { parent: unitId, after: badCursor });
    // a document never seen before with the same bad variables
    const freshBadId = await client.run(query(' '), { parent: badId });
    const freshBadCursor = await client.run(query('  '), { parent: unitId, after: badCursor });
    const pairs: Array<[typeof cachedBadId, typeof freshBadId]> = [
      [cachedBadId, freshBadId],
      [cachedBadCursor, freshBadCursor],
    ];
    for (const [cached, fresh] of pairs) {
      expect(cached.data).toBeUndefined();
      expect(cached.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(cached.errors?.[0]?.message).toBe(fresh.errors?.[0]?.message);
    }
    expect(cachedBadId.errors?.[0]?.message).toMatch(/units\(filter\.parentId\)/);
    expect(cachedBadCursor.errors?.[0]?.message).toMatch(/units\(after\)/);
    expect((await client.run(query(''), { parent: unitId, after: Buffer.from('offset:0').toString('base64') })).errors).toBeUndefined();
  });

  it('accepts the same query with a small page', async () => {
    const result = await client.run(`{ reports(first: 2) { edges { node { claims { links { state } } } } } }`);
    expect(result.errors).toBeUndefined();
  });
});

describe('introspection and the time budget', () => {
  it('introspection is off when configured so (the default with NODE_ENV=production)', async () => {
    const closed = new TestClient({ ...db, config: { ...db.config, introspection: false } });
    const result = await closed.run('{ __schema { types { name } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/introspection/i);
    expect((await client.run('{ __schema { queryType { name } } }')).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('a request past its time budget stops at the next load with QUERY_TIMEOUT', async () => {
    const hurried = new TestClient({ ...db, config: { ...db.config, requestTimeBudgetMs: -1 } });
    const result = await hurried.run('{ units(first: 5) { edges { node { name children { name } } } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TIMEOUT');
    expect(result.errors?.[0]?.message).toMatch(/REQUEST_TIME_BUDGET_MS/);
  });
});

describe('errors', () => {
  it('never leak SQL or stack traces: an unexpected failure is INTERNAL_SERVER_ERROR with a plain message', async () => {
    await db.dataSource.query('ALTER TABLE claim RENAME TO claim_gone');
    let result;
    try {
      result = await client.run(`{ reports(first: 1) { edges { node { claims { text } } } } }`);
    } finally {
      await db.dataSource.query('ALTER TABLE claim_gone RENAME TO claim');
    }
    const error = result.errors?.[0];
    expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', errorId: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(error?.message).toBe(`服务器内部错误（错误编号 ${String(error?.extensions?.errorId)}）`);
    expect(JSON.stringify(result)).not.toMatch(/SELECT|claim_gone|SQLITE|relation|at .*\.ts/i);
  });
});

describe('HTTP server', () => {
  let server: RunningServer;
  const origin = 'http://localhost:5173';

  beforeAll(async () => {
    server = await startServer({
      dataSource: db.dataSource,
      lock: db.lock,
      config: { ...db.config, host: '127.0.0.1', port: 0, corsOrigins: [origin], maxBodyBytes: 4096 },
    });
  });
  afterAll(async () => server?.stop());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('answers a query over HTTP', async () => {
    const response = await post(JSON.stringify({ query: '{ checklists { key } }' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { checklists: [{ key: expect.any(String) }] } });
  });

  it('refuses a body over the limit with 413 and a JSON error', async () => {
    const response = await post(JSON.stringify({ query: `{ checklists { key } } # ${'x'.repeat(5000)}` }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('allows configured frontend origins only (CORS)', async () => {
    const allowed = await post(JSON.stringify({ query: '{ checklists { key } }' }), { origin });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
    const other = await post(JSON.stringify({ query: '{ checklists { key } }' }), { origin: 'http://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the offline query page without external URLs', async () => {
    const page = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('altair');
    expect(html.match(/(src|href)="https?:\/\//g) ?? []).toEqual([]);
    // assets are relative to <base href="/altair/"> and served by this server
    expect(html).toContain('<base href="/altair/">');
    const asset = html.match(/href="(chunk-[^"]+\.js)"/);
    expect(asset).not.toBeNull();
    const script = await fetch(new URL(`/altair/${asset![1]}`, server.url));
    expect(script.status).toBe(200);
  });
});
