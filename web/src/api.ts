// A plain fetch client for the public GraphQL endpoint, typed by the generated documents.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { TypedDocumentString } from './gql/graphql';

const TOKEN_KEY = 'fazhi.token';
const ANONYMOUS_KEY = 'fazhi.anonymous';

/** The session: a token kept in session storage (gone when the tab closes), or anonymous reading. */
export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  anonymous: (): boolean => sessionStorage.getItem(ANONYMOUS_KEY) === '1',
  signIn(token: string | null): void {
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
      sessionStorage.removeItem(ANONYMOUS_KEY);
    } else {
      sessionStorage.removeItem(TOKEN_KEY);
      sessionStorage.setItem(ANONYMOUS_KEY, '1');
    }
  },
  signOut(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(ANONYMOUS_KEY);
  },
};

/** A GraphQL error with its code (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT …). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Runs one operation against /graphql with the session's token. */
export async function request<R, V>(document: TypedDocumentString<R, V>, variables?: V): Promise<R> {
  const token = session.token();
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: document.toString(), variables }) });
  } catch {
    throw new ApiError('无法连接服务器，请稍后重试。', 'NETWORK');
  }
  let body: { data?: R; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`服务器返回了无法读取的应答（HTTP ${response.status}）。`, 'HTTP');
  }
  const first = body.errors?.[0];
  if (first) {
    throw new ApiError(explain(first.extensions?.code, first.message), first.extensions?.code);
  }
  if (!body.data) throw new ApiError('服务器没有返回数据。', 'HTTP');
  return body.data;
}

function explain(code: string | undefined, message: string): string {
  switch (code) {
    case 'UNAUTHENTICATED':
      return `未登录或令牌无效：${message}`;
    case 'FORBIDDEN':
      return `无权执行此操作：${message}`;
    case 'NOT_FOUND':
    case 'BAD_USER_INPUT':
      return `找不到或超出您的范围：${message}`;
    default:
      return message;
  }
}

const preloaded = new Map<string, Promise<unknown>>();
const keyOf = (document: { toString(): string }, variables: unknown) => `${document.toString()}\n${JSON.stringify(variables)}`;

/**
 * Starts a query before its view mounts (the district view's matrix, in parallel with the
 * sign-in check); the view's `useQuery` with the same variables takes the answer.
 */
export function preload<R, V>(document: TypedDocumentString<R, V>, variables: V): void {
  const promise = request(document, variables);
  promise.catch(() => undefined); // a failure is reported by the view that takes it
  preloaded.set(keyOf(document, variables), promise);
}

function takePreloaded<R>(document: { toString(): string }, variables: unknown): Promise<R> | undefined {
  const key = keyOf(document, variables);
  const promise = preloaded.get(key) as Promise<R> | undefined;
  preloaded.delete(key);
  return promise;
}

export interface QueryState<R> {
  data: R | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Runs a query when its variables change; `reload` runs it again (after a mutation). */
export function useQuery<R, V>(document: TypedDocumentString<R, V>, variables: V, skip = false): QueryState<R> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ data: R | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: !skip,
  });
  const run = useCallback(async () => {
    setState((s) => ({ ...s, loading: true }));
    try {
      const variables = JSON.parse(key) as V;
      const data = await (takePreloaded<R>(document, variables) ?? request(document, variables));
      setState({ data, error: null, loading: false });
    } catch (error) {
      setState({ data: null, error: error instanceof ApiError ? error : new ApiError(String(error), undefined), loading: false });
    }
  }, [document, key]);
  useEffect(() => {
    if (!skip) void run();
  }, [run, skip]);
  return { ...state, reload: run };
}
