import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** resolves when a line matching `pattern` was printed */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `src/index.ts` as a real server process on a free-ish port with the given environment
 * (`SERVER_FROM_DIST=1`: the built `dist/src/index.js`, as `npm start` runs it — for measurements).
 */
export async function startServerProcess(env: Record<string, string>, port: number): Promise<ServerProcess> {
  const args =
    process.env.SERVER_FROM_DIST === '1'
      ? [join(ROOT, 'dist/src/index.js')]
      : ['-r', join(ROOT, 'scripts/swc-register.js'), join(ROOT, 'src/index.ts')];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const w of [...waiters]) {
      const match = out.split('\n').find((line) => w.pattern.test(line));
      if (match !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(match);
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const existing = out.split('\n').find((line) => pattern.test(line));
      if (existing !== undefined) return resolve(existing);
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${out}`)), timeoutMs);
      waiters.push({
        pattern,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
      void exited.then(() => setTimeout(() => reject(new Error(`server exited before ${pattern}; output:\n${out}`)), 50));
    });
  await waitFor(/GraphQL listening at/);
  return { child, url: `http://127.0.0.1:${port}/graphql`, output: () => out, waitFor, exited };
}

/** A port the system says is free now (a fixed range can land on PostgreSQL's 5432 or another service's). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
