/**
 * The peer of `npm run bench -- --peer`: PostGraphile 5 (amber preset, simplified inflection)
 * over the benchmark's PostgreSQL database, on Node's http server (grafserv) at 127.0.0.1 on a
 * free port. Run as a child process by bench/peer.ts: it receives `{ url, poolMax }`, answers
 * `{ ok: true, endpoint }` once it listens, answers the idle question (bench/server-idle.ts)
 * and exits on SIGTERM. Bench-only code: PostGraphile
 * is a devDependency and nothing under src/ imports it.
 */
import './promise-with-resolvers';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { PgSimplifyInflectionPreset } from '@graphile/simplify-inflection';
import { answerIdle } from './server-idle';

/** What bench/peer.ts sends. */
export interface PeerServerRequest {
  /** the benchmark database */
  url: string;
  /** pool size, the same as the project's server (src/app/data-source.ts) */
  poolMax: number;
}

async function start(request: PeerServerRequest): Promise<string> {
  const pgl = postgraphile({
    extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset],
    pgServices: [makePgService({ connectionString: request.url, schemas: ['public'], poolConfig: { max: request.poolMax } })],
    grafserv: { graphqlPath: '/graphql', graphiql: false, maxRequestLength: 1_000_000 },
    grafast: { explain: false },
  });
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  await serv.addTo(server, false);
  answerIdle(server);
  await pgl.getSchema(); // introspect before the first request is timed
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.once('SIGTERM', () => {
    server.close();
    void Promise.resolve(pgl.release()).finally(() => process.exit(0));
  });
  return `http://127.0.0.1:${port}/graphql`;
}

if (require.main === module) {
  process.once('message', (message: PeerServerRequest) => {
    start(message).then(
      (endpoint) => process.send?.({ ok: true, endpoint }),
      (error: unknown) => process.send?.({ ok: false, error: String(error) }, undefined, {}, () => process.exit(1)),
    );
  });
}
