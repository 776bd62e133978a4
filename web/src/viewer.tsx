// Sign-in by token, and the caller (role, scope, permissions) for every view.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiError, request, session } from './api';
import type { ViewerQuery as ViewerData } from './gql/graphql';
import { LEVEL, ROLE } from './labels';
import { ViewerQuery } from './operations';

export type Viewer = ViewerData['viewer'];

const ViewerContext = createContext<Viewer | null>(null);

/** The signed-in caller (inside <SignedIn>). */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer outside <SignedIn>');
  return viewer;
}

export function mayReview(viewer: Viewer): boolean {
  return viewer.permissions.includes('REVIEW_EVIDENCE');
}

/** Renders children once a token (or anonymous reading) is accepted; the sign-in form until then. */
export function SignedIn(props: { children: ComponentChildren }) {
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState(() => Boolean(session.token() || session.anonymous()));

  async function check() {
    setBusy(true);
    try {
      const data = await request(ViewerQuery);
      setViewer(data.viewer);
      setError(null);
    } catch (e) {
      session.signOut();
      setError(
        e instanceof ApiError && e.code === 'UNAUTHENTICATED' ? '令牌无效、已撤销，或服务器不允许匿名访问。' : String((e as Error).message),
      );
    } finally {
      setBusy(false);
      setRestoring(false);
    }
  }
  useEffect(() => {
    if (restoring) void check();
  }, []);
  if (restoring) return <p aria-busy="true">正在登录…</p>;

  if (viewer) {
    return (
      <ViewerContext.Provider value={viewer}>
        <Header viewer={viewer} onSignOut={() => (session.signOut(), setViewer(null))} />
        <main id="main">{props.children}</main>
      </ViewerContext.Provider>
    );
  }
  return (
    <main id="main" class="signin">
      <h1>法治清单</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const token = String(new FormData(e.currentTarget).get('token') ?? '').trim();
          if (!token) return setError('请输入令牌。');
          session.signIn(token);
          void check();
        }}
      >
        <label for="token">API 令牌</label>
        <input id="token" name="token" type="password" autoComplete="off" placeholder="fzq_…" required />
        <button type="submit" disabled={busy}>
          登录
        </button>
        <p class="hint">令牌只保存在本标签页的会话存储中，关闭标签页即失效。令牌由管理员用 npm run token -- create 生成。</p>
      </form>
      <p>
        <button
          type="button"
          class="link"
          disabled={busy}
          onClick={() => {
            session.signIn(null);
            void check();
          }}
        >
          不登录，匿名浏览（仅在服务器允许时）
        </button>
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </main>
  );
}

function Header(props: { viewer: Viewer; onSignOut: () => void }) {
  const { viewer } = props;
  const scope =
    viewer.scope === null || viewer.scope === undefined
      ? '全部单位'
      : viewer.scope.map((u) => `${u.name}（${LEVEL[u.level] ?? u.level}）`).join('、');
  return (
    <header class="top">
      <a class="skip" href="#main">
        跳到正文
      </a>
      <a href="/app/" class="brand">
        法治清单
      </a>
      <span data-testid="viewer">
        <span class="who">{viewer.name}</span> · <span data-testid="role">{ROLE[viewer.role] ?? viewer.role}</span> · 范围：
        <span data-testid="scope">{scope}</span>
      </span>
      <button type="button" onClick={props.onSignOut}>
        退出
      </button>
    </header>
  );
}
