/**
 * The plain GraphQL POST on a lean path: `POST /graphql` with a JSON body of a known length
 * is read, checked and handed to Apollo's `executeHTTPGraphQLRequest` here, without Express's
 * router, cors, body parser and `res.send` (together 15–20 % of a list request's CPU). Every
 * other request — another method or path, a query string, another content type or charset, a
 * compressed or chunked body, a body over the limit, a Host that is not this server's, two
 * Authorization headers, a server with CORS origins configured — goes to the Express app as
 * before, which answers it as it always did.
 *
 * What stays the same on this path: the request id, observation and log line
 * (`requestLogging`), the pre-parse limits (`precheckRefusal`), the body limit, the caller and
 * context, Apollo's pipeline, and the answers to a malformed body (400 BAD_REQUEST, as the
 * Express error handler sends). What is left out: Express's weak `ETag` on these POST
 * answers (a POST is never answered 304).
 */
import type { ApolloServer } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { hostAllowed, precheckRefusal, type GraphQLPrecheckLimits } from '../http-guards';
import type { Context } from '../graphql/context';
import { WRITTEN_ANSWER, type WrittenAnswer } from './json-fragments';

export interface LeanGraphQLOptions {
  /** the server's Host check (HOST, ALLOWED_HOSTS) */
  host: string;
  allowedHosts: readonly string[];
  /** MAX_BODY_BYTES */
  maxBodyBytes: number;
  limits: GraphQLPrecheckLimits;
  /** the request log line and observation (src/app/http-observability.ts) */
  requestLogging: RequestHandler;
  /** the request's GraphQL context */
  context: (req: IncomingMessage) => Promise<Context>;
  /** a failure nobody expected: logged with an id, answered 500 */
  unexpected: (error: unknown, res: ServerResponse) => void;
}

/** `application/json`, with no parameter but `charset=utf-8`: what the Express body parser would read as it is. */
function plainJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [type, ...params] = contentType.split(';');
  if (type?.trim().toLowerCase() !== 'application/json') return false;
  return params.every((param) => /^\s*charset\s*=\s*"?utf-8"?\s*$/iu.test(param));
}

/** Whether the lean path serves this request (otherwise the Express app does). */
function served(req: IncomingMessage, o: LeanGraphQLOptions): boolean {
  if (req.method !== 'POST' || req.url !== '/graphql') return false;
  const h = req.headers;
  const length = h['content-length'];
  if (length === undefined || h['transfer-encoding'] !== undefined || !/^\d{1,12}$/u.test(length)) return false;
  if (Number(length) > o.maxBodyBytes) return false;
  if (h['content-encoding'] !== undefined && h['content-encoding'].toLowerCase() !== 'identity') return false;
  if (!plainJson(h['content-type']) || !hostAllowed(h.host, o)) return false;
  let authorizations = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]?.toLowerCase() === 'authorization') authorizations += 1;
  return authorizations <= 1;
}

/** A JSON answer as Express's `res.json` writes it (without an ETag). */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

const BAD_REQUEST = { errors: [{ message: 'Bad request.', extensions: { code: 'BAD_REQUEST' } }] };

/** The body as Express's JSON parser reads it (strict: an object or array; empty: `{}`), or undefined when it would refuse it. */
function parseBody(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length === 0) return {};
  const first = /^[\x20\x09\x0a\x0d]*(.)/su.exec(body)?.[1];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: string | null): void => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) settle(null);
      else chunks.push(chunk);
    });
    req.on('end', () => settle(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8')));
    req.on('error', () => settle(null));
    req.on('aborted', () => settle(null));
  });
}

/**
 * A request listener that serves plain GraphQL POSTs itself and hands everything else to
 * `fallback` (the Express app).
 */
export function leanGraphQL(
  apollo: ApolloServer<Context>,
  o: LeanGraphQLOptions,
  fallback: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = await readBody(req, o.maxBodyBytes);
    const body = text === null ? undefined : parseBody(text);
    if (body === undefined) return sendJson(res, 400, BAD_REQUEST);
    const refusal = precheckRefusal(body, o.limits);
    if (refusal) return sendJson(res, refusal.status, { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let context: Context | undefined;
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body },
      context: async () => (context = await o.context(req)),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      const written = context?.answerSources?.get(WRITTEN_ANSWER) as WrittenAnswer | undefined;
      if (written?.text === answer.body.string) {
        // the same text, encoded part by part into one buffer (src/app/json-fragments.ts)
        let length = 0;
        for (const part of written.parts) length += Buffer.byteLength(part);
        const bytes = Buffer.allocUnsafe(length);
        let at = 0;
        for (const part of written.parts) at += bytes.write(part, at);
        res.setHeader('content-length', bytes.length);
        res.end(bytes);
        return;
      }
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
  return (req, res) => {
    if (!served(req, o)) return fallback(req, res);
    o.requestLogging(req as Request, res as Response, () => {
      serve(req, res).catch((error: unknown) => o.unexpected(error, res));
    });
  };
}
