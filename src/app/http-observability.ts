/**
 * Running it as a service: one log line per request, /health, /ready and
 * /metrics, and the Apollo plugin that names each request's GraphQL operation and records
 * its duration, errors and SQL statements.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { isLoopback } from '../access/authenticate-request';
import { authenticate } from '../access/token.service';
import type { AppConfig } from '../config';
import { logger } from '../common/log';
import { metrics, type AppMetrics } from '../observability/metrics';
import { currentRequest, runObserved, type RequestObservation } from '../observability/request-context';

/** Paths that are probed often: logged at debug, not info. */
const PROBES = new Set(['/health', '/ready', '/metrics']);

/** A request id from a proxy's `X-Request-Id` when it is plain, else a new one. */
function requestId(req: Request): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,64}$/u.test(given) ? given : randomUUID();
}

/**
 * The first middleware: gives the request an id (echoed in `X-Request-Id`), observes it
 * (AsyncLocalStorage) and logs one line when the response is finished: method, path,
 * status, duration, GraphQL operation name, SQL statements and the caller's token id.
 *
 * The line is pino-http's (`reqId`, `req`, `res`, `responseTime`, `msg`, and an `err` for a
 * 5xx), written here because pino-http makes two or three child loggers per request and
 * formats the message even when the level is off (≈ 4 % of a simple request's CPU): here
 * nothing is built unless the line's level is enabled.
 */
export function requestLogging(): RequestHandler {
  const log = logger();
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const id = requestId(req);
    res.setHeader('x-request-id', id);
    (req as Request & { id?: string }).id = id;
    const observation: RequestObservation = { id, statements: 0, errorCodes: [] };
    (req as Request & { observation?: RequestObservation }).observation = observation;
    let logged = false;
    const done = (): void => {
      if (logged) return;
      logged = true;
      res.off('finish', done);
      res.off('close', done);
      const path = pathOf(req);
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : PROBES.has(path) ? 'debug' : status >= 400 ? 'warn' : 'info';
      if (!log.isLevelEnabled(level)) return;
      const ms = performance.now() - started;
      const o = observation;
      // what is known once the response is sent (an aborted request has none of it)
      const observed = res.headersSent
        ? {
            ...(o.operationName ? { operation: o.operationName } : {}),
            ...(o.tokenId !== undefined ? { tokenId: o.tokenId } : {}),
            sqlStatements: o.statements,
            ...(o.errorCodes.length ? { errorCodes: o.errorCodes } : {}),
          }
        : {};
      const line = {
        reqId: id,
        req: { id, method: req.method, url: path },
        ...observed,
        res: { statusCode: status },
        responseTime: Math.round(ms),
      };
      if (status >= 500) log[level]({ ...line, err: new Error(`failed with status code ${status}`) }, `${req.method} ${path} ${status}`);
      else log[level](line, `${req.method} ${path} ${status} ${Math.round(ms)}ms${o.operationName ? ` ${o.operationName}` : ''}`);
    };
    res.on('finish', done);
    res.on('close', done);
    runObserved(observation, next);
  };
}

/** The request's path without the query string (`originalUrl`: routers rewrite `url`). */
function pathOf(req: { url?: string; originalUrl?: string }): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0] ?? '';
}

/** Records the caller's token id on the current request (never the token itself). */
export function observeCaller(caller: { tokenId?: number }): void {
  const o = currentRequest();
  if (o && caller.tokenId !== undefined) o.tokenId = caller.tokenId;
}

/** The Apollo plugin: operation name, duration, SQL statements and error codes of each request. */
export function observabilityPlugin(m: AppMetrics = metrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      const observation = currentRequest();
      return {
        async didResolveOperation({ operationName }) {
          if (observation) observation.operationName = operationName ?? 'anonymous';
        },
        async willSendResponse({ response, operationName }) {
          const operation = m.operationLabel(operationName ?? observation?.operationName);
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          m.requestDuration.observe({ operation }, seconds);
          if (observation) m.statements.observe({ operation }, observation.statements);
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const error of errors) {
            const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN';
            m.errors.inc({ code });
            observation?.errorCodes.push(code);
          }
        },
      };
    },
  };
}

/** How long /ready waits for the database before answering 503. */
const READY_TIMEOUT_MS = 1500;

interface ReadinessCheck {
  name: 'database' | 'migrations' | 'checklist';
  ok: boolean;
  detail?: string;
}

/**
 * Readiness: the database answers within READY_TIMEOUT_MS (and, on SQLite, its file is the
 * one opened at start-up), no migration is pending, and a checklist is loaded.
 */
class Readiness {
  private migrationsApplied = false;
  private readonly sqliteInode: number | null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Pick<AppConfig, 'database'>,
  ) {
    const { database } = config;
    this.sqliteInode = database.type === 'sqlite' && existsSync(database.path) ? statSync(database.path).ino : null;
  }

  async check(): Promise<{ ready: boolean; checks: ReadinessCheck[] }> {
    const checks: ReadinessCheck[] = [];
    const fileProblem = this.sqliteFileProblem();
    if (fileProblem) {
      checks.push({ name: 'database', ok: false, detail: fileProblem });
      return { ready: false, checks };
    }
    try {
      const checklists = await withTimeout(this.probe(), READY_TIMEOUT_MS);
      checks.push({ name: 'database', ok: true });
      checks.push({ name: 'migrations', ok: this.migrationsApplied, ...(this.migrationsApplied ? {} : { detail: 'migrations pending' }) });
      checks.push({ name: 'checklist', ok: checklists > 0, ...(checklists > 0 ? {} : { detail: 'no checklist loaded' }) });
    } catch (error) {
      const detail = error instanceof TimeoutError ? `no answer within ${READY_TIMEOUT_MS} ms` : 'the database does not answer';
      logger().warn({ err: error }, `/ready: ${detail}`);
      checks.push({ name: 'database', ok: false, detail });
    }
    return { ready: checks.every((c) => c.ok), checks };
  }

  private async probe(): Promise<number> {
    if (!this.dataSource.isInitialized) throw new Error('the data source is closed');
    const rows: Array<{ n: number | string }> = await this.dataSource.query('SELECT COUNT(*) AS n FROM checklist');
    if (!this.migrationsApplied) this.migrationsApplied = !(await this.dataSource.showMigrations());
    return Number(rows[0]?.n ?? 0);
  }

  private sqliteFileProblem(): string | null {
    const { database } = this.config;
    if (database.type !== 'sqlite' || database.path === ':memory:') return null;
    if (!existsSync(database.path)) return 'the database file is missing';
    if (this.sqliteInode !== null && statSync(database.path).ino !== this.sqliteInode) {
      return 'the database file was replaced since start-up; restart the server';
    }
    return null;
  }
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutError('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Whether a request may read /metrics: from this machine, with METRICS_TOKEN, or with an ADMIN token. */
export async function mayReadMetrics(req: Request, dataSource: DataSource, metricsToken: string | undefined): Promise<boolean> {
  const remote = (req.socket.remoteAddress ?? '').replace(/^::ffff:/u, '');
  if (isLoopback(remote)) return true;
  const match = /^Bearer\s+(\S+)$/iu.exec(req.headers.authorization?.trim() ?? '');
  const token = match?.[1];
  if (token === undefined) return false;
  if (metricsToken && token === metricsToken) return true;
  const caller = await authenticate(dataSource, token).catch(() => null);
  return caller?.role === 'ADMIN' && caller.scope === null;
}

/** /health, /ready and /metrics. */
export function installServiceEndpoints(
  app: Express,
  services: { dataSource: DataSource; config: AppConfig; downloads?: { stats(): { files: number; bytes: number } } },
  m: AppMetrics = metrics,
): void {
  const readiness = new Readiness(services.dataSource, services.config);
  const started = Date.now();
  if (services.downloads) m.watchDownloadStore(services.downloads);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) });
  });
  app.get('/ready', async (_req, res) => {
    const { ready, checks } = await readiness.check();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  app.get('/metrics', async (req, res) => {
    if (!(await mayReadMetrics(req, services.dataSource, services.config.metricsToken))) {
      res.status(403).json({
        errors: [
          {
            message: '/metrics 只对本机或持有 ADMIN 令牌（或 METRICS_TOKEN）的请求开放。',
            extensions: { code: 'FORBIDDEN' },
          },
        ],
      });
      return;
    }
    res.setHeader('content-type', m.registry.contentType);
    res.send(await m.registry.metrics());
  });
}
