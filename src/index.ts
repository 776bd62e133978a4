/**
 * Start-up only: config → database → migrations → seeds → server.
 * `npm start` runs this; every setting comes from the environment (src/config.ts).
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { log as logger } from './shared/log';

const log = (message: string) => logger.info(message);

async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  // Entities read the database type when they are declared: import them after the config.
  const { openDatabase } = await import('./db/open-database');
  const { WriteLock } = await import('./db/write-lock');
  const { loadSeeds } = await import('./seeds/load-seeds');
  const { startServer } = await import('./server');
  const { bindingProblem } = await import('./access/authenticate-request');
  const { countActiveTokens } = await import('./access/token.service');

  const { dataSource, applied } = await openDatabase(config.database, { statementTimeoutMs: config.requestTimeBudgetMs });
  log(
    `database: ${config.database.type === 'sqlite' ? config.database.path : 'PostgreSQL (DATABASE_URL)'}; ${applied} migration(s) applied`,
  );
  const refusal = bindingProblem(config.host, await countActiveTokens(dataSource));
  if (refusal) {
    process.stderr.write(`Cannot start: ${refusal}\n`);
    await dataSource.destroy();
    process.exit(2);
  }
  const lock = new WriteLock();
  const seeded = await loadSeeds(dataSource, lock, undefined, { reports: config.seedReports });
  log(
    `seeds: ${seeded.unitsCreated} unit(s) added, checklist ${seeded.checklistCreated ? 'imported' : 'already present'}, ` +
      `${seeded.reportsCreated} report(s) ingested, ${seeded.reportsSkipped} already present`,
  );
  const server = await startServer({ dataSource, lock, config });
  log(`GraphQL listening at ${server.url} (open it in a browser for the query page)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing in-flight requests, then stopping`);
    await server.stop();
    await dataSource.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
