import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Caller } from '../common/caller';
import { authenticate, countActiveTokens } from './token.service';
import { keptUntilChange } from '../db/change-notices';

/** The anonymous local reader: may read everything, change nothing. */
const ANONYMOUS: Caller = { name: 'anonymous', role: 'ANONYMOUS', scope: null };

/** Whether a host name or address is this machine only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Why the server must not start, or null: bound beyond this machine without any API
 * token, anyone on the network could read every unit's data.
 */
export function bindingProblem(host: string, activeTokens: number): string | null {
  if (isLoopback(host) || activeTokens > 0) return null;
  return (
    `HOST=${host} would expose the server beyond this machine, but no API tokens exist, so nobody could be told apart. ` +
    'Create one first (npm run token -- create --role ADMIN --name "…"), or bind to 127.0.0.1.'
  );
}

/** What the server allows callers without a token (from the configuration). */
export interface AnonymousPolicy {
  /** the address the server is bound to */
  host: string;
  /** ALLOW_ANONYMOUS_READ=1: anonymous reads stay allowed although tokens exist (loopback only) */
  allowAnonymousRead: boolean;
}

/**
 * The caller of an HTTP request: the holder of a valid, unexpired `Authorization: Bearer`
 * token. Without a token: the anonymous reader only while the server is bound to this
 * machine and either no token exists yet (a fresh install) or ALLOW_ANONYMOUS_READ=1;
 * otherwise the request is refused with UNAUTHENTICATED (HTTP 401), so a scoped token's
 * holder cannot drop the header to see every unit.
 */
export async function callerOfRequest(
  ds: DataSource,
  authorization: string | undefined,
  policy: AnonymousPolicy | string,
): Promise<Caller> {
  const { host, allowAnonymousRead } = typeof policy === 'string' ? { host: policy, allowAnonymousRead: false } : policy;
  const unauthenticated = (message: string) =>
    new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  if (!authorization) {
    if (!isLoopback(host)) throw unauthenticated('Send an API token: Authorization: Bearer <token>.');
    if (allowAnonymousRead || (await keptUntilChange(ds, 'activeTokens', () => countActiveTokens(ds))) === 0) return ANONYMOUS;
    throw unauthenticated(
      '已创建 API 令牌，匿名访问已关闭：请发送 Authorization: Bearer <token>（或由管理员设置 ALLOW_ANONYMOUS_READ=1）。',
    );
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  const token = match?.[1];
  if (token === undefined) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  const caller = await authenticate(ds, token);
  if (!caller) throw unauthenticated('Unknown, revoked or expired API token.');
  return caller;
}
