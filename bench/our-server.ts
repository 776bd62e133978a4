/**
 * Our server for the load test, in a fresh process of its own like the peer (the benchmark
 * process has ingested the corpus, which leaves a heap that slows list views 2–3×): the real
 * `startServer` over the benchmark database at 127.0.0.1 on a free port, no migrations or
 * seeds (the database is ready). Receives `{ database }`, answers `{ ok: true, endpoint }`,
 * answers the idle question (bench/server-idle.ts), exits on SIGTERM.
 */
import 'reflect-metadata';
import { createDataSource } from '../src/app/data-source';
import { loadConfig, type DatabaseConfig } from '../src/config';
import { WriteLock } from '../src/db/write-lock';
import { startServer } from '../src/server';
import { answerIdle } from './server-idle';

/** What bench/peer.ts sends. */
export interface OurServerRequest {
  database: DatabaseConfig;
}

async function start(request: OurServerRequest): Promise<string> {
  const ds = createDataSource(request.database);
  await ds.initialize();
  const config = { ...loadConfig({}), port: 0, host: '127.0.0.1', database: request.database };
  const server = await startServer({ dataSource: ds, lock: new WriteLock(), config });
  answerIdle(server.httpServer);
  process.once('SIGTERM', () => {
    void server
      .stop()
      .then(() => ds.destroy())
      .finally(() => process.exit(0));
  });
  return server.url;
}

if (require.main === module) {
  process.env.TZ = 'UTC';
  process.once('message', (message: OurServerRequest) => {
    start(message).then(
      (endpoint) => process.send?.({ ok: true, endpoint }),
      (error: unknown) => process.send?.({ ok: false, error: String(error) }, undefined, {}, () => process.exit(1)),
    );
  });
}
