import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Caller } from '../context';
import { authenticate } from './token.service';

/** The anonymous local reader: may read everything, change nothing. */
export const ANONYMOUS: Caller = { name: 'anonymous', role: 'ANONYMOUS', scope: null };

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

/**
 * The caller of an HTTP request: the holder of a valid `Authorization: Bearer` token; the
 * anonymous reader when no token is sent and the server is bound to this machine;
 * otherwise the request is refused with UNAUTHENTICATED (HTTP 401).
 */
export async function callerOfRequest(ds: DataSource, authorization: string | undefined, host: string): Promise<Caller> {
  const unauthenticated = (message: string) =>
    new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  if (!authorization) {
    if (isLoopback(host)) return ANONYMOUS;
    throw unauthenticated('Send an API token: Authorization: Bearer <token>.');
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  const caller = await authenticate(ds, match[1]);
  if (!caller) throw unauthenticated('Unknown or revoked API token.');
  return caller;
}
