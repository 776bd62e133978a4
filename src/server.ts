import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { getDistDirectory, renderAltair } from 'altair-static';
import cors from 'cors';
import express, { type Request } from 'express';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { callerOfRequest } from './access/authenticate-request';
import { createContext, downloadsOf, type AppServices, type Caller, type Context } from './graphql/context';
import { formatError, newErrorId } from './graphql/errors';
import { costLimitPlugin, queryShapeRule } from './graphql/limits';
import { graphqlPrecheck, hostCheck, singleAuthorizationHeader } from './http-guards';
import { buildAppSchema } from './app/schema';
import { jitGateway } from './app/jit-executor';
import { stringifyAnswer } from './app/json-fragments';
import { leanGraphQL } from './app/graphql-http';
import { localeFromAcceptLanguage, t } from './i18n/messages';
import { installServiceEndpoints, observabilityPlugin, observeCaller, requestLogging } from './app/http-observability';
import { logger } from './common/log';
import { projectRoot } from './common/project-root';

export interface RunningServer {
  httpServer: Server;
  apollo: ApolloServer<Context>;
  url: string;
  /** stops accepting requests, finishes in-flight ones, then resolves */
  stop(): Promise<void>;
}

/** Creates the Apollo server with the schema, limits and error formatting (no HTTP). */
export function createApollo(services: AppServices, httpServer?: Server): ApolloServer<Context> {
  const schema = buildAppSchema();
  return new ApolloServer<Context>({
    // the schema, executed by graphql-jit (src/app/jit-executor.ts)
    gateway: jitGateway(schema),
    introspection: services.config.introspection,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: services.config.maxQueryTokens },
    validationRules: [queryShapeRule({ maxDepth: services.config.maxQueryDepth, maxFields: services.config.maxQueryFields })],
    formatError: (formatted, error) => formatError(formatted, error),
    stringifyResult: stringifyAnswer,
    logger: logger(),
    plugins: [
      observabilityPlugin(),
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP cache hints are used; the default cache-control plugin wraps every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      costLimitPlugin(schema, { maxCost: services.config.maxQueryCost, maxListArgument: services.config.maxListArgument }),
      // On SIGTERM a request in flight may run for its whole time budget (a large ingest): wait
      // that long before closing its connection (Apollo's default grace period is 10 s).
      ...(httpServer
        ? [ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: services.config.requestTimeBudgetMs + 5_000 })]
        : []),
    ],
  });
}

/**
 * Serves GraphQL at /graphql: POST for operations, GET in a browser for the offline
 * query page (Altair, served from node_modules, no external URLs).
 */
export async function startServer(
  services: AppServices,
  resolveCaller: (req: Request) => Promise<Caller> = (req) =>
    callerOfRequest(services.dataSource, req.headers.authorization, services.config),
): Promise<RunningServer> {
  const { config } = services;
  const app = express();
  app.disable('x-powered-by');
  const logging = requestLogging();
  app.use(logging);
  app.use(hostCheck(config), singleAuthorizationHeader());
  const precheckLimits = {
    maxFragments: config.maxQueryFragments,
    maxListArgument: config.maxListArgument,
    maxDepth: config.maxQueryDepth,
  };
  const context = async (req: IncomingMessage): Promise<Context> => {
    const caller = await resolveCaller(req as Request);
    observeCaller(caller);
    // the answer is written by stringifyAnswer: it may hold JSON text (src/app/json-fragments.ts)
    const ctx = createContext(services, caller, localeFromAcceptLanguage(req.headers['accept-language']));
    ctx.answerSources = new Map();
    return ctx;
  };
  // a request without Host is refused by hostCheck with a coded JSON error, not by Node's bare 400
  const httpServer = createServer({ requireHostHeader: false });
  const apollo = createApollo(services, httpServer);
  await apollo.start();
  // plain GraphQL POSTs on a lean path, everything else through Express (src/app/graphql-http.ts);
  // with CORS origins configured every request goes through Express's cors
  httpServer.on(
    'request',
    config.corsOrigins.length
      ? app
      : leanGraphQL(
          apollo,
          {
            host: config.host,
            allowedHosts: config.allowedHosts,
            maxBodyBytes: config.maxBodyBytes,
            limits: precheckLimits,
            requestLogging: logging,
            context,
            unexpected: (error, res) => unexpectedHttpError(error instanceof Error ? error : new Error(String(error)), res),
          },
          app,
        ),
  );

  app.use('/altair', express.static(getDistDirectory()));
  app.get('/graphql', (req, res, next) => {
    if (req.query.query === undefined && (req.headers.accept ?? '').includes('text/html')) {
      res.type('html').send(renderAltair({ baseURL: '/altair/', endpointURL: '/graphql', initialQuery: EXAMPLE_QUERY }));
      return;
    }
    next();
  });
  // the API right after its browser page: a request to /graphql passes no other route's layer
  app.use(
    '/graphql',
    cors<cors.CorsRequest>({ origin: config.corsOrigins.length ? config.corsOrigins : false }),
    express.json({ limit: config.maxBodyBytes }),
    graphqlPrecheck(precheckLimits),
    expressMiddleware(apollo, { context: async ({ req }) => context(req) }),
  );
  app.get('/downloads/:token', (req, res) => {
    const file = downloadsOf(services).get(String(req.params.token));
    if (!file) {
      res
        .status(404)
        .json({ errors: [{ message: 'This download does not exist or has expired; export again.', extensions: { code: 'NOT_FOUND' } }] });
      return;
    }
    res.setHeader('content-type', file.contentType);
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.setHeader('cache-control', 'private, no-store');
    res.send(file.data);
  });
  mountWebApp(app);
  app.get('/', (_req, res) => res.redirect('/graphql'));
  installServiceEndpoints(app, { ...services, downloads: downloadsOf(services) });
  app.use((error: Error & { type?: string; status?: number }, _req: Request, res: express.Response, _next: express.NextFunction) => {
    const status = error.status ?? 500;
    if (status >= 500) return unexpectedHttpError(error, res);
    const message =
      error.type === 'entity.too.large'
        ? `Request body is larger than ${config.maxBodyBytes} bytes.`
        : status < 500
          ? 'Bad request.'
          : 'Internal server error';
    res.status(status).json({
      errors: [
        { message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } },
      ],
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    httpServer,
    apollo,
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/graphql`,
    stop: () => apollo.stop(),
  };
}

/** A failure outside GraphQL (a route, a body parser): logged once with an id the caller also gets. */
function unexpectedHttpError(error: Error, res: ServerResponse): void {
  const errorId = newErrorId();
  logger().error({ err: error, errorId }, `unexpected error ${errorId}`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({
    errors: [{ message: t('error.internal', { errorId }), extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } }],
  });
  res.statusCode = 500;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/**
 * The web app (web/, built by `npm run build:web` into dist/web) at /app: hashed assets
 * cached, and every other /app path answered with index.html (the app routes itself).
 */
function mountWebApp(app: express.Express): void {
  const dir = join(projectRoot(), 'dist', 'web');
  const csp = "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  app.use('/app/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '1y' }), (_req, res) => {
    res.status(404).type('text').send('Not found');
  });
  app.get(/^\/app(\/.*)?$/, (_req, res) => {
    const index = join(dir, 'index.html');
    if (!existsSync(index)) {
      res.status(404).type('text').send('网页应用尚未构建：请运行 npm run build:web（The web app is not built: run npm run build:web.）');
      return;
    }
    res.setHeader('content-security-policy', csp);
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}

const EXAMPLE_QUERY = `# 法治清单 — try this against the demo data
query Units {
  units(filter: { rootsOnly: true }) {
    edges { node { name level children { name level children { name reports { year source } } } } }
  }
}
`;
