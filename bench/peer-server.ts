/**
 * The peer of `npm run bench -- --peer`: PostGraphile 5 (amber preset, simplified inflection)
 * over the benchmark's PostgreSQL database, on Node's http server (grafserv) at 127.0.0.1 on a
 * free port. Run as a child process by bench/peer.ts: it receives `{ url, poolMax }`, answers
 * `{ ok: true, endpoint }` once it listens, and exits on SIGTERM. Bench-only code: PostGraphile
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

/** What bench/peer.ts sends. */
export interface PeerServerRequest {
  /** the benchmark database */
  url: string;
  /** pool size, the same as the project's server (src/app/data-source.ts) */
  poolMax: number;
}

/** Asked after the start: answered with `{ idle: id, rssMB, heapUsedMB }` once no request is in flight. */
export interface PeerServerQuestion {
  ask: 'idle';
  id: number;
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
  server.keepAliveTimeout = 65_000;
  let inFlight = 0;
  server.on('request', (_req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
  });
  // bench/peer.ts asks, after a load, for the moment the last request is answered and for the RSS
  process.on('message', (message: PeerServerQuestion) => {
    if (message.ask !== 'idle') return;
    const answer = (): void => {
      if (inFlight > 0) {
        setTimeout(answer, 50);
        return;
      }
      const m = process.memoryUsage();
      process.send?.({ idle: message.id, rssMB: Math.round(m.rss / 104857.6) / 10, heapUsedMB: Math.round(m.heapUsed / 104857.6) / 10 });
    };
    answer();
  });
  await serv.addTo(server, false);
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
