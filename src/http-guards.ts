/**
 * HTTP guards in front of every route: the `Host` header must name this server (DNS
 * rebinding: a web page on evil.example that resolves to 127.0.0.1 must not reach the
 * data), and a request may carry one `Authorization` header only.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isLoopback } from './access/authenticate-request';
import type { ErrorCode } from './common/error-codes';

/** Paths answered whatever the Host header (no data behind them; load balancers probe them by address). */
const HEALTH_PATHS = new Set(['/health', '/ready']);

function refuse(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** The host name of a Host header value without its port (`[::1]:4000` → `::1`). */
export function hostName(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']') > 0 ? value.indexOf(']') : undefined);
  const colon = value.lastIndexOf(':');
  return colon >= 0 && value.indexOf(':') === colon ? value.slice(0, colon) : value;
}

/** Whether a Host header names this server: a loopback name, the bound address, or one of ALLOWED_HOSTS. */
export function hostAllowed(header: string | undefined, config: { host: string; allowedHosts: readonly string[] }): boolean {
  if (!header) return false;
  const name = hostName(header);
  if (isLoopback(name)) return true;
  if (name === config.host.toLowerCase() && name !== '0.0.0.0' && name !== '::') return true;
  return config.allowedHosts.some((allowed) => hostName(allowed) === name);
}

/** Refuses (400 BAD_HOST) a request whose Host header is not this server's. */
export function hostCheck(config: { host: string; allowedHosts: readonly string[] }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (HEALTH_PATHS.has(req.path) || hostAllowed(req.headers.host, config)) return next();
    refuse(
      res,
      400,
      'BAD_HOST',
      `Host "${String(req.headers.host ?? '').slice(0, 100)}" 不是本服务器的地址：请用 127.0.0.1 或 localhost 访问，或由管理员把该名称加入 ALLOWED_HOSTS。`,
    );
  };
}

/** Refuses (400 DUPLICATE_AUTHORIZATION) a request with more than one Authorization header (Node keeps only the first). */
export function singleAuthorizationHeader(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let count = 0;
    for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]?.toLowerCase() === 'authorization') count += 1;
    if (count <= 1) return next();
    refuse(res, 400, 'DUPLICATE_AUTHORIZATION', `请求含 ${count} 个 Authorization 头：只能发送一个。`);
  };
}

/** Limits checked on the raw GraphQL request, before Apollo parses or validates anything. */
export interface GraphQLPrecheckLimits {
  /** fragment definitions per document (MAX_QUERY_FRAGMENTS) */
  maxFragments: number;
  /** elements of one list in the variables (MAX_LIST_ARGUMENT) */
  maxListArgument: number;
  /** selection depth (MAX_QUERY_DEPTH): braces nested beyond twice this (+10) are refused before parsing */
  maxDepth: number;
}

/**
 * How deep `{` nest in a GraphQL document (strings, block strings and comments skipped),
 * stopping once past `stop`: graphql-js parses and validates nesting recursively, so
 * thousands of levels are refused before they reach it.
 */
export function braceDepth(query: string, stop: number): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < query.length; i += 1) {
    const c = query[i];
    if (c === '#') {
      const end = query.indexOf('\n', i);
      i = end < 0 ? query.length : end;
    } else if (c === '"') {
      if (query.startsWith('"""', i)) {
        const end = query.indexOf('"""', i + 3);
        i = end < 0 ? query.length : end + 2;
      } else {
        for (i += 1; i < query.length && query[i] !== '"' && query[i] !== '\n'; i += 1) if (query[i] === '\\') i += 1;
      }
    } else if (c === '{') {
      depth += 1;
      if (depth > max) max = depth;
      if (max > stop) return max;
    } else if (c === '}') depth = Math.max(0, depth - 1);
  }
  return max;
}

/** The longest array anywhere in a JSON value, walked without recursion (variables may nest 100,000 deep). */
export function longestList(value: unknown, stop: number): number {
  let longest = 0;
  const stack: unknown[] = [value];
  let visited = 0;
  while (stack.length > 0 && visited < 1_000_000) {
    const v = stack.pop();
    visited += 1;
    if (Array.isArray(v)) {
      if (v.length > longest) longest = v.length;
      if (longest > stop) return longest;
      for (const x of v) if (x !== null && typeof x === 'object') stack.push(x);
    } else if (v !== null && typeof v === 'object') {
      for (const x of Object.values(v as Record<string, unknown>)) if (x !== null && typeof x === 'object') stack.push(x);
    }
  }
  return longest;
}

/** Why a GraphQL request body is refused before parsing (see `graphqlPrecheck`), or null. */
export interface PrecheckRefusal {
  status: number;
  code: ErrorCode;
  message: string;
}

/**
 * What `graphqlPrecheck` refuses, as data: the Express middleware and the lean `/graphql`
 * handler (src/app/graphql-http.ts) answer the same status, code and message.
 */
export function precheckRefusal(body: unknown, limits: GraphQLPrecheckLimits): PrecheckRefusal | null {
  const request = body as { query?: unknown; variables?: unknown } | undefined | null;
  if (request && typeof request.query === 'string') {
    let fragments = 0;
    const definition = /\bfragment\s+[_A-Za-z]\w*\s+on\b/g;
    while (definition.exec(request.query) && fragments <= limits.maxFragments) fragments += 1;
    if (fragments > limits.maxFragments) {
      return {
        status: 400,
        code: 'QUERY_TOO_LARGE',
        message: `查询含超过 ${limits.maxFragments} 个片段定义，超过上限（MAX_QUERY_FRAGMENTS）：请合并片段。`,
      };
    }
    const braces = limits.maxDepth * 2 + 10;
    if (braceDepth(request.query, braces) > braces) {
      return {
        status: 400,
        code: 'QUERY_TOO_DEEP',
        message: `查询的大括号嵌套超过 ${braces} 层，远超深度上限 ${limits.maxDepth}（MAX_QUERY_DEPTH）：请减少嵌套层数。`,
      };
    }
  }
  if (request && request.variables !== null && typeof request.variables === 'object') {
    const longest = longestList(request.variables, limits.maxListArgument);
    if (longest > limits.maxListArgument) {
      return {
        status: 400,
        code: 'LIST_TOO_LONG',
        message: `变量中的列表含 ${longest} 个值，超过上限 ${limits.maxListArgument}（MAX_LIST_ARGUMENT）：请分批查询。`,
      };
    }
  }
  return null;
}

/**
 * Refuses, before parsing, what would make parsing or validation itself the expensive part:
 * documents with more fragment definitions than MAX_QUERY_FRAGMENTS (graphql-js compares
 * fragments pairwise) and variables holding a list longer than MAX_LIST_ARGUMENT (400
 * QUERY_TOO_LARGE / LIST_TOO_LONG, with the limit named).
 */
export function graphqlPrecheck(limits: GraphQLPrecheckLimits): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const refusal = precheckRefusal(req.body, limits);
    if (refusal) refuse(res, refusal.status, refusal.code, refusal.message);
    else next();
  };
}
