import type { DataSource } from 'typeorm';
import type { Operation } from '../common/roles';
import { allows } from '../common/roles';
import type { AppConfig } from '../config';
import type { WriteLock } from '../db/write-lock';
import { DownloadStore } from '../db/download-store';
import { ForbiddenError } from './errors';
import { RequestLoaders } from './loaders';
import type { Caller } from '../common/caller';
import { DEFAULT_LOCALE, type Locale } from '../i18n/messages';
import { currentRequest } from '../observability/request-context';

/** Long-lived things shared by all requests. */
export interface AppServices {
  dataSource: DataSource;
  lock: WriteLock;
  config: AppConfig;
  /** exported files waiting to be downloaded (default: one store per process) */
  downloads?: DownloadStore;
}

/** Per request: the shared services, fresh DataLoaders filtered to the caller's scope, and the caller. */
export interface Context extends AppServices {
  downloads: DownloadStore;
  loaders: RequestLoaders;
  caller: Caller;
  /** epoch ms after which the request's further loads fail with QUERY_TIMEOUT (REQUEST_TIME_BUDGET_MS) */
  deadline: number;
  /** language of messages in the answer (Accept-Language; a field's `locale` argument wins) */
  locale: Locale;
  /**
   * On an HTTP request (whose answer this server writes as text): values resolvers offer so
   * that part of the answer can be written as JSON text without building it as objects
   * (src/app/matrix-cells.ts). Null otherwise (`executeOperation`, tests, tools).
   */
  answerSources: Map<string, unknown> | null;
}

let processDownloads: DownloadStore | null = null;

/** The download store of these services (one per process unless given, with the configured limits and directory). */
export function downloadsOf(services: AppServices): DownloadStore {
  if (services.downloads) return services.downloads;
  processDownloads ??= new DownloadStore({ limits: services.config.downloadLimits, dir: services.config.downloadDir });
  return processDownloads;
}

/** Builds a request context with fresh loaders bound to the caller's scope. */
export function createContext(services: AppServices, caller: Caller, locale: Locale = DEFAULT_LOCALE): Context {
  const deadline = Date.now() + services.config.requestTimeBudgetMs;
  // the same deadline for the request's SQL statements and long loops (checkRequestDeadline)
  const request = currentRequest();
  if (request) Object.assign(request, { deadline, budgetMs: services.config.requestTimeBudgetMs });
  return {
    ...services,
    downloads: downloadsOf(services),
    loaders: new RequestLoaders(services.dataSource, caller.scope, { deadline, budgetMs: services.config.requestTimeBudgetMs }),
    caller,
    deadline,
    locale,
    answerSources: null,
  };
}

/** Throws FORBIDDEN unless the caller's role allows the operation. */
export function requirePermission(ctx: Context, operation: Operation): void {
  if (!allows(ctx.caller.role, operation)) {
    throw new ForbiddenError(`Your role (${ctx.caller.role}) may not do this (${operation}).`);
  }
}

/** Whether a unit is inside the caller's scope. */
export function inScope(ctx: Pick<Context, 'caller'>, unitId: number): boolean {
  return ctx.caller.scope === null || ctx.caller.scope.has(unitId);
}

/** The caller's scope as a list for `IN (…)` filters, or null for no filter. */
export function scopeList(ctx: Pick<Context, 'caller'>): number[] | null {
  return ctx.caller.scope === null ? null : [...ctx.caller.scope];
}

export type { Caller };
