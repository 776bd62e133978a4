/**
 * Start-up only: config → port check → database → migrations → seeds → server.
 * `npm start` runs this; every setting comes from the environment (src/config.ts).
 * Everything it says goes through the logger (src/shared/log.ts).
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { localeFromEnv, t } from './i18n/messages';
import { log } from './shared/log';
import { portProblem } from './shared/port-check';

const locale = localeFromEnv();

/** Logs why the server cannot start and exits with `code`. */
function cannotStart(reason: string, code: number, error?: unknown): never {
  log.fatal(error === undefined ? {} : { err: error }, t('startup.cannotStart', { reason }, locale));
  process.exit(code);
}

async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) cannotStart(error.message, 2);
    throw error;
  }
  // A busy port is reported before migrations and seeding run.
  const busy = await portProblem(config.port, config.host);
  if (busy) {
    const params = { port: config.port, host: config.host, code: busy };
    cannotStart(t(busy === 'EADDRINUSE' ? 'startup.portBusy' : 'startup.portOther', params, locale), 2);
  }
  // Entities read the database type when they are declared: import them after the config.
  const { openDatabase } = await import('./app/open-database');
  const { WriteLock } = await import('./db/write-lock');
  const { loadSeeds } = await import('./seeds/load-seeds');
  const { startServer } = await import('./server');
  const { bindingProblem } = await import('./access/authenticate-request');
  const { countActiveTokens } = await import('./access/token.service');
  const { Report } = await import('./reports/report.entity');

  const { dataSource, applied } = await openDatabase(config.database, { statementTimeoutMs: config.requestTimeBudgetMs });
  const database = config.database.type === 'sqlite' ? config.database.path : 'PostgreSQL (DATABASE_URL)';
  log.info(`database: ${database}; ${applied} migration(s) applied`);
  const refusal = bindingProblem(config.host, await countActiveTokens(dataSource));
  if (refusal) {
    await dataSource.destroy();
    cannotStart(refusal, 2);
  }
  const lock = new WriteLock();
  const seeded = await loadSeeds(dataSource, lock, undefined, { reports: config.seedReports });
  log.info(
    `seeds: ${seeded.unitsCreated} unit(s) added, checklist ${seeded.checklistCreated ? 'imported' : 'already present'}, ` +
      `${seeded.reportsCreated} report(s) ingested, ${seeded.reportsSkipped} already present`,
  );
  if (!config.seedReports) {
    const kept = await dataSource.getRepository(Report).count();
    if (kept > 0) log.warn({ reportsKept: kept }, t('startup.seedReportsKept', { count: kept, database }, locale));
  }
  const server = await startServer({ dataSource, lock, config });
  // the document reader's worker compiles and loads its libraries now, not on the first upload
  (await import('./documents/extract-pool')).warmExtractionWorker(config.documentLimits);
  log.info(`GraphQL listening at ${server.url} (open it in a browser for the query page; /health, /ready, /metrics)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing in-flight requests, then stopping`);
    await server.stop();
    await dataSource.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => cannotStart(error instanceof Error ? error.message : String(error), 1, error));
