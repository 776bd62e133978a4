/**
 * Running it as a service: one log line per request, unexpected errors logged once with the
 * id the caller gets, /health, /ready (503 within 2 s when the database is gone, 200 when it
 * is back), /metrics in the Prometheus text format. SQLite here, PostgreSQL in CI.
 */
import { existsSync, renameSync } from 'node:fs';
import { Writable } from 'node:stream';
import { createToken } from '../../src/access/token.service';
import { mayReadMetrics } from '../../src/app/http-observability';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { startServer, type RunningServer } from '../../src/server';
import { createLogger, logger, setLogger } from '../../src/common/log';
import { parsePrometheus, sampleValue } from '../helpers/prometheus';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let server: RunningServer;
let base: string;
let admin: string;
const lines: Array<Record<string, any>> = [];
const previous = logger();

beforeAll(async () => {
  setLogger(
    createLogger({
      level: 'debug',
      destination: new Writable({
        write(chunk, _encoding, done) {
          for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
          done();
        },
      }),
    }),
  );
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  const created = await createToken(db.dataSource, { name: 'service-admin', role: 'ADMIN', actor: 'test' });
  if (!created.ok) throw new Error('token');
  admin = created.value.secret;
  server = await startServer({ dataSource: db.dataSource, lock: db.lock, config: { ...db.config, host: '127.0.0.1', port: 0 } });
  base = server.url.replace(/\/graphql$/, '');
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
  setLogger(previous);
});

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}

const requestLines = () => lines.filter((l) => l.req && l.res);

describe('logs', () => {
  it('writes one line per request with its id, operation name, duration, status and token id — never the token', async () => {
    const before = requestLines().length;
    const operations = [
      'query Units { units(first: 5) { totalCount } }',
      'query Reports { reports(first: 2) { edges { node { year } } } }',
      '{ checklists { id } }',
      'query Flags { flags(first: 3, filter: { year: 2022 }) { totalCount } }',
      'mutation Review { reviewEvidenceLink(input: { linkId: "bm9wZQ==", action: ACCEPT }) { userErrors { code } } }',
    ];
    for (let i = 0; i < 50; i += 1) await gql(operations[i % operations.length]!);
    const added = requestLines().slice(before);
    expect(added).toHaveLength(50);
    for (const line of added) {
      expect(line.req.id).toMatch(/^[\w-]{8,}$/);
      expect(line.res.statusCode).toBeGreaterThanOrEqual(200);
      expect(typeof line.responseTime).toBe('number');
      expect(typeof line.sqlStatements).toBe('number');
      expect(line.tokenId).toBeGreaterThan(0);
    }
    expect(new Set(added.map((l) => l.operation))).toEqual(new Set(['Units', 'Reports', 'anonymous', 'Flags', 'Review']));
    expect(added.find((l) => l.operation === 'Units')?.msg).toMatch(/^POST \/graphql 200 \d+ms Units$/);
    expect(JSON.stringify(lines)).not.toContain(admin);
  });

  it('logs an induced database error once, with the id the caller receives and no stack for the caller', async () => {
    await db.dataSource.query('ALTER TABLE claim RENAME TO claim_gone');
    let answer;
    try {
      answer = await gql('query Broken { reports(first: 1) { edges { node { claims { text } } } } }');
    } finally {
      await db.dataSource.query('ALTER TABLE claim_gone RENAME TO claim');
    }
    const error = answer.body.errors?.[0];
    expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    const errorId = error.extensions.errorId as string;
    expect(errorId).toMatch(/^[0-9a-f]{12}$/);
    expect(error.message).toBe(`服务器内部错误（错误编号 ${errorId}）`);
    expect(JSON.stringify(answer.body)).not.toMatch(/SELECT|claim_gone|SQLITE|relation|at .*\.[jt]s/i);
    const logged = lines.filter((l) => l.errorId === errorId);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.level).toBe(50);
    expect(logged[0]?.err.stack).toMatch(/claim/);
    expect(logged[0]?.operation).toBe('Broken');
    // the request line names the same request and the error code
    const requestLine = requestLines().find((l) => l.req.id === logged[0]!.reqId);
    expect(requestLine?.errorCodes).toEqual(['INTERNAL_SERVER_ERROR']);
  });

  it('logs ingest events with their result', async () => {
    const answer = await gql(
      'mutation Ingest($text: String!) { ingestReport(input: { text: $text, unit: "万兴街", year: 2019 }) { userErrors { code } } }',
      { text: '万兴街2019年法治政府建设情况报告\n一、主要举措\n全年开展法治宣传活动12次。' },
    );
    expect(answer.body.errors).toBeUndefined();
    const event = lines.filter((l) => l.event === 'ingest').at(-1);
    expect(event).toMatchObject({ result: expect.stringMatching(/^(ingested|refused)$/), actor: 'service-admin' });
  });
});

describe('/health and /ready', () => {
  it('/health answers while the process runs', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  const ready = async () => {
    const started = Date.now();
    const response = await fetch(`${base}/ready`);
    return {
      status: response.status,
      ms: Date.now() - started,
      body: (await response.json()) as { checks: { name: string; ok: boolean }[] },
    };
  };

  it('is 200 with the database, migrations and checklist; 503 within 2 s when the data source is closed; 200 again', async () => {
    expect((await ready()).status).toBe(200);
    await db.dataSource.destroy();
    try {
      const down = await ready();
      expect(down.status).toBe(503);
      expect(down.ms).toBeLessThan(2000);
      expect(down.body.checks).toEqual([expect.objectContaining({ name: 'database', ok: false })]);
    } finally {
      await db.dataSource.initialize();
    }
    expect((await ready()).status).toBe(200);
  });

  (onPostgres ? it.skip : it)('is 503 within 2 s when the SQLite file is removed, and 200 when it is back', async () => {
    if (db.database.type !== 'sqlite') return;
    const path = db.database.path;
    renameSync(path, `${path}.away`);
    try {
      expect(existsSync(path)).toBe(false);
      const down = await ready();
      expect(down.status).toBe(503);
      expect(down.ms).toBeLessThan(2000);
    } finally {
      renameSync(`${path}.away`, path);
    }
    expect((await ready()).status).toBe(200);
  });
});

describe('/metrics', () => {
  it('parses as the Prometheus text format with the request, error, SQL, ingest and download metrics', async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheus(await response.text());
    expect(families.get('fazhi_graphql_request_duration_seconds')?.type).toBe('histogram');
    const units = { operation: 'Units' };
    expect(sampleValue(families, 'fazhi_graphql_request_duration_seconds', '_count', units)).toBeGreaterThanOrEqual(10);
    expect(sampleValue(families, 'fazhi_graphql_request_duration_seconds', '_bucket', { ...units, le: '+Inf' })).toBe(
      sampleValue(families, 'fazhi_graphql_request_duration_seconds', '_count', units),
    );
    expect(sampleValue(families, 'fazhi_graphql_errors_total', '', { code: 'INTERNAL_SERVER_ERROR' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(families, 'fazhi_sql_statements_per_request', '_sum', units)).toBeGreaterThan(0);
    expect(families.get('fazhi_ingest_total')?.type).toBe('counter');
    expect(sampleValue(families, 'fazhi_ingest_duration_seconds', '_count', {})).toBeGreaterThanOrEqual(1);
    expect(families.get('fazhi_download_store_bytes')?.type).toBe('gauge');
    expect(sampleValue(families, 'fazhi_download_store_files', '', {})).toBe(0);
  });

  it('the parser is strict: it refuses a malformed line, a repeated series and non-cumulative buckets', () => {
    expect(() => parsePrometheus('# TYPE x counter\nx{a="1"} 1\nx{a="1"} 2\n')).toThrow(/repeated series/);
    expect(() => parsePrometheus('# TYPE x counter\nx{a=1} 1\n')).toThrow(/bad labels/);
    expect(() => parsePrometheus('y 1\n')).toThrow(/outside a declared family/);
    expect(() => parsePrometheus('# TYPE h histogram\nh_bucket{le="1"} 3\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 2\n')).toThrow(
      /not cumulative/,
    );
  });

  it('is readable from this machine, with METRICS_TOKEN or an ADMIN token, and not otherwise', async () => {
    const remote = (authorization?: string) =>
      ({ socket: { remoteAddress: '10.1.2.3' }, headers: authorization ? { authorization } : {} }) as never;
    expect(await mayReadMetrics({ socket: { remoteAddress: '::ffff:127.0.0.1' }, headers: {} } as never, db.dataSource, undefined)).toBe(
      true,
    );
    expect(await mayReadMetrics(remote(), db.dataSource, undefined)).toBe(false);
    expect(await mayReadMetrics(remote('Bearer metrics-secret-0123456789'), db.dataSource, 'metrics-secret-0123456789')).toBe(true);
    expect(await mayReadMetrics(remote('Bearer wrong-secret-0123456789'), db.dataSource, 'metrics-secret-0123456789')).toBe(false);
    expect(await mayReadMetrics(remote(`Bearer ${admin}`), db.dataSource, undefined)).toBe(true);
    const viewer = await createToken(db.dataSource, { name: 'viewer', role: 'VIEWER', unit: '南开区', actor: 'test' });
    if (!viewer.ok) throw new Error('token');
    expect(await mayReadMetrics(remote(`Bearer ${viewer.value.secret}`), db.dataSource, undefined)).toBe(false);
  });
});
