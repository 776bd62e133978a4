/**
 * The load test of the six list and page queries with many distinct bodies
 * (bench/load-bodies.ts), against the project's server and, with `--peer`, against
 * PostGraphile 5 over the same PostgreSQL database (bench/peer-server.ts, a child process):
 * same bodies' worth of requests, same connections and duration, one query at a time,
 * alternating which server goes first.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { QueryBodies } from './load-bodies';
import type { LoadReply, LoadRequest } from './load-client';
import type { DatabaseConfig } from '../src/config';
import type { OurServerRequest } from './our-server';
import type { PeerServerRequest } from './peer-server';
import type { IdleQuestion } from './server-idle';
import { round, textTable } from './stats';
import { cpuBetween, type BackendCpu } from './database-cpu';
import type { LoadResult, PeerQueryResult, PeerResult } from './types';

type Memory = { rssMB: number; heapUsedMB: number; cpuMs: number };

/** A server under load: where it answers, how to wait until it is idle, its memory. */
export interface Target {
  url: string;
  /** resolves once every request received has been answered, with the server's memory */
  idle(): Promise<Memory>;
}

/** A server in a child process of its own (ours or PostGraphile). */
export interface ServerProcess extends Target {
  name: string;
  /** from the fork to the first answer it can give */
  startSeconds: number;
  stop(): Promise<void>;
}

function packageVersion(name: string): string {
  const main = require.resolve(name);
  let dir = dirname(main);
  while (!dir.endsWith(join('node_modules', ...name.split('/')))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Forks `script`, sends it `request`, and waits for its endpoint. */
async function startProcess(
  name: string,
  script: string,
  request: object,
  env: NodeJS.ProcessEnv,
  execArgv: string[] = [],
): Promise<ServerProcess> {
  const started = process.hrtime.bigint();
  const child: ChildProcess = fork(join(__dirname, script), [], { env, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { ok: boolean; endpoint?: string; error?: string }) =>
      m.ok && m.endpoint ? resolve(m.endpoint) : reject(new Error(`${name} did not start: ${m.error ?? 'no endpoint'}`)),
    );
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
    child.send(request);
  });
  let asked = 0;
  return {
    name,
    startSeconds: round(Number(process.hrtime.bigint() - started) / 1e9, 2),
    url,
    idle: () =>
      new Promise<Memory>((resolve) => {
        asked += 1;
        const id = asked;
        const listener = (m: { idle?: number; rssMB: number; heapUsedMB: number; cpuMs: number }): void => {
          if (m.idle !== id) return;
          child.off('message', listener);
          resolve({ rssMB: m.rssMB, heapUsedMB: m.heapUsedMB, cpuMs: m.cpuMs });
        };
        child.on('message', listener);
        const question: IdleQuestion = { ask: 'idle', id };
        child.send(question);
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Our server (bench/our-server.ts) over the benchmark database, in a fresh process (`execArgv`: e.g. `--cpu-prof`). */
export function startOurs(database: DatabaseConfig, execArgv: string[] = []): Promise<ServerProcess> {
  const request: OurServerRequest = { database };
  return startProcess('ours', 'our-server.js', request, { ...process.env, TZ: 'UTC' }, execArgv);
}

/** PostGraphile over `databaseUrl` with a pool of `poolMax` connections (the project's server uses 10). */
export function startPeer(databaseUrl: string, poolMax: number): Promise<ServerProcess> {
  const request: PeerServerRequest = { url: databaseUrl, poolMax };
  const name = `PostGraphile ${packageVersion('postgraphile')} (amber preset + @graphile/simplify-inflection ${packageVersion('@graphile/simplify-inflection')})`;
  return startProcess(name, 'peer-server.js', request, { ...process.env, GRAPHILE_ENV: 'production' });
}

/** Bodies sent one at a time before each load (the servers' caches and JIT warm up). */
const WARM_UP = 20;

/** Runs autocannon (bench/load-client.ts, its own process) against one server, then waits until that server is idle. */
async function load(
  name: string,
  target: Target,
  bodies: string[],
  connections: number,
  seconds: number,
  database: BackendCpu | null,
): Promise<LoadResult> {
  // both servers start fresh: the first bodies once, one at a time, before the clock starts
  for (const body of bodies.slice(0, WARM_UP)) {
    await (await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
  }
  const before = await target.idle();
  const databaseBefore = await database?.();
  const request: LoadRequest = { url: target.url, bodies, connections, seconds };
  const reply = await new Promise<LoadReply>((resolve, reject) => {
    const child = fork(join(__dirname, 'load-client.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message: { ok: boolean; reply?: LoadReply; error?: string }) =>
      message.ok && message.reply ? resolve(message.reply) : reject(new Error(message.error ?? 'load client failed')),
    );
    child.once('error', reject);
    child.once('exit', (code) => (code ? reject(new Error(`load client exited with ${code}`)) : undefined));
    child.send(request);
  });
  const after = await target.idle();
  const databaseAfter = await database?.();
  return {
    name,
    connections,
    seconds: round(reply.seconds, 1),
    bodies: bodies.length,
    requests: reply.requests,
    requestsPerSecond: reply.requestsPerSecond,
    latency: reply.latency,
    errors: reply.errors,
    non2xx: reply.non2xx,
    timeouts: reply.timeouts,
    graphqlErrors: reply.graphqlErrors,
    memoryBefore: { rssMB: before.rssMB, heapUsedMB: before.heapUsedMB },
    memoryAfter: { rssMB: after.rssMB, heapUsedMB: after.heapUsedMB },
    serverCpuMsPerRequest: round((after.cpuMs - before.cpuMs) / Math.max(reply.requests, 1), 2),
    ...(databaseBefore && databaseAfter
      ? { databaseCpuMsPerRequest: round(cpuBetween(databaseBefore, databaseAfter) / Math.max(reply.requests, 1), 2) }
      : {}),
  };
}

/**
 * The load test: each query in turn on our server and (when given) on the peer, the server
 * that goes first alternating from one query to the next. Returns our loads and the side by side.
 */
export async function loadQueries(
  queries: QueryBodies[],
  ours: Target,
  peer: ServerProcess | null,
  connections: number,
  seconds: number,
  progress: (message: string) => void,
  /** the CPU of the database's backends (bench/database-cpu.ts), when it can be read */
  database: BackendCpu | null = null,
): Promise<{ loads: LoadResult[]; peer: PeerResult | null }> {
  const loads: LoadResult[] = [];
  const side: PeerQueryResult[] = [];
  for (const [index, q] of queries.entries()) {
    const runOurs = async (): Promise<LoadResult> => {
      progress(`load: ${q.name} (ours, ${q.ours.length} bodies), ${connections} connections for ${seconds} s`);
      return load(q.name, ours, q.ours, connections, seconds, database);
    };
    if (!peer || !q.peer) {
      loads.push(await runOurs());
      continue;
    }
    const peerBodies = q.peer;
    const runPeer = async (): Promise<LoadResult> => {
      progress(`load: ${q.name} (PostGraphile, ${peerBodies.length} bodies), ${connections} connections for ${seconds} s`);
      return load(q.name, peer, peerBodies, connections, seconds, database);
    };
    let o: LoadResult;
    let p: LoadResult;
    if (index % 2 === 0) {
      o = await runOurs();
      p = await runPeer();
    } else {
      p = await runPeer();
      o = await runOurs();
    }
    loads.push(o);
    side.push({
      name: q.name,
      description: q.description,
      equivalence: q.equivalence,
      ours: o,
      peer: p,
      ratio: round(o.requestsPerSecond / Math.max(p.requestsPerSecond, 0.1), 2),
    });
  }
  return { loads, peer: peer ? { server: peer.name, startSeconds: peer.startSeconds, queries: side } : null };
}

/** The printed side-by-side table. */
export function formatPeer(peer: PeerResult): string {
  const errors = (l: LoadResult): number => l.errors + l.non2xx + l.graphqlErrors + l.timeouts;
  const rows: Array<Array<string | number>> = [
    [
      'ours vs ' + peer.server,
      'bodies',
      'req/s',
      'p50 ms',
      'p99 ms',
      'errors',
      'peer req/s',
      'peer p50',
      'peer p99',
      'peer errors',
      'ours ÷ peer',
      'CPU ms/req ours / peer',
      'database CPU ms/req ours / peer',
      'same answers',
    ],
  ];
  for (const q of peer.queries) {
    const e = q.equivalence;
    rows.push([
      q.name,
      `${q.ours.bodies ?? '-'} / ${q.peer.bodies ?? '-'}`,
      q.ours.requestsPerSecond,
      q.ours.latency.p50,
      q.ours.latency.p99,
      errors(q.ours),
      q.peer.requestsPerSecond,
      q.peer.latency.p50,
      q.peer.latency.p99,
      errors(q.peer),
      `${q.ratio}×`,
      `${q.ours.serverCpuMsPerRequest ?? '-'} / ${q.peer.serverCpuMsPerRequest ?? '-'}`,
      `${q.ours.databaseCpuMsPerRequest ?? '-'} / ${q.peer.databaseCpuMsPerRequest ?? '-'}`,
      e ? `${e.equal}/${e.compared}` : '-',
    ]);
  }
  const mismatches = peer.queries.filter((q) => q.equivalence?.firstMismatch).map((q) => `  ${q.name}: ${q.equivalence?.firstMismatch}`);
  return [textTable(rows), ...(mismatches.length ? ['answers that differ (first of each query):', ...mismatches] : [])].join('\n');
}
