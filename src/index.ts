/**
 * Start-up only: config → port check → database → migrations → seeds → server.
 * `npm start` runs this; every setting comes from the environment (src/config.ts).
 * Everything it says goes through the logger (src/common/log.ts).
 */
import 'reflect-metadata';
import { bindingProblem } from './access/authenticate-request';
import { countActiveTokens } from './access/token.service';
import { openDatabase } from './app/open-database';
import { ConfigError, loadConfig } from './config';
import { WriteLock } from './db/write-lock';
import { localeFromEnv, t } from './i18n/messages';
import { Report } from './reports/report.entity';
import { loadSeeds } from './seeds/load-seeds';
import { startServer } from './server';
import { log } from './common/log';
import { portProblem } from './common/port-check';

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
