/**
 * Only the load part of the peer bench, for A/B work on the API: over a PostgreSQL database
 * that a full run kept (`npm run bench -- --db postgres --ingest given --keep`, which prints
 * the database it kept), starts our server and PostGraphile in fresh processes, builds the
 * same bodies (bench/load-bodies.ts, answers compared) and loads the queries asked for, each on
 * both servers in the same run (bench/peer.ts). No ingest, no sequential timings.
 *
 *   node dist/bench/load-only.js --db-url postgres://…/fazhi_bench_123 [--queries units,flags]
 *     [--seconds 10] [--connections 32] [--rounds 1] [--no-peer] [--profile DIR]
 *
 * `--rounds N` repeats the loads (ours and the peer alternate who goes first), `--profile DIR`
 * starts our server with `node --cpu-prof --cpu-prof-dir DIR` (the profile is written when it stops).
 */
import { Command, InvalidArgumentError } from 'commander';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { buildBodies, readContext, type QueryName } from './load-bodies';
import { formatPeer, loadQueries, startOurs, startPeer, type ServerProcess } from './peer';
import { round } from './stats';
import { backendCpuReader } from './database-cpu';
import { wholeNumber } from './positive-option';

const NAMES: QueryName[] = ['units', 'reports', 'ranking', 'flags', 'assessment', 'coverageMatrix'];

interface Options {
  dbUrl: string;
  queries: QueryName[];
  seconds: number;
  connections: number;
  rounds: number;
  peer: boolean;
  profile?: string;
}

function parse(argv: string[]): Options {
  const program = new Command('load-only')
    .requiredOption('--db-url <url>', 'a PostgreSQL database a bench run kept (--keep)')
    .option(
      '--queries <list>',
      `comma-separated, of ${NAMES.join(', ')}`,
      (v: string) =>
        v.split(',').map((name) => {
          if (!NAMES.includes(name as QueryName)) throw new InvalidArgumentError(`unknown query ${name}`);
          return name as QueryName;
        }),
      NAMES,
    )
    .option('--seconds <s>', 'seconds of each load', wholeNumber, 10)
    .option('--connections <c>', 'connections', wholeNumber, 32)
    .option('--rounds <n>', 'times to run every load', wholeNumber, 1)
    .option('--no-peer', 'our server only')
    .option('--profile <dir>', 'our server with --cpu-prof into DIR');
  program.parse(argv, { from: 'user' });
  return program.opts<Options>();
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  const say = (m: string): void => void process.stderr.write(`[load-only] ${m}\n`);
  const client = new Client({ connectionString: o.dbUrl });
  await client.connect();
  let ours: ServerProcess | null = null;
  let peer: ServerProcess | null = null;
  const database = await backendCpuReader(o.dbUrl);
  try {
    const query = async (sql: string) => (await client.query(sql)).rows as Array<Record<string, unknown>>;
    const checklistId = Number((await query('SELECT id FROM checklist ORDER BY version DESC LIMIT 1'))[0]?.id);
    const years = (await query('SELECT DISTINCT year FROM report ORDER BY year')).map((r) => Number(r.year));
    const context = await readContext(query, checklistId, years);
    ours = await startOurs({ type: 'postgres', url: o.dbUrl }, o.profile ? ['--cpu-prof', '--cpu-prof-dir', o.profile] : []);
    if (o.peer) peer = await startPeer(o.dbUrl, 10);
    say(`load average ${round(loadavg()[0] ?? NaN)}; building bodies`);
    const post = async (url: string, body: string): Promise<Record<string, unknown>> => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      if (!response.ok || json.errors)
        throw new Error(`GraphQL request failed (${response.status}): ${JSON.stringify(json).slice(0, 500)}`);
      return json.data ?? {};
    };
    const all = await buildBodies(post, { ours: ours.url, peer: peer?.url ?? null }, context);
    const chosen = all.filter((q) => o.queries.includes(q.name));
    for (let round_ = 1; round_ <= o.rounds; round_ += 1) {
      const started = round(loadavg()[0] ?? NaN);
      const result = await loadQueries(
        round_ % 2 ? chosen : [...chosen].reverse(),
        ours,
        peer,
        o.connections,
        o.seconds,
        say,
        database?.read ?? null,
      );
      say(`round ${round_}: load average ${started} at start, ${round(loadavg()[0] ?? NaN)} at end`);
      if (result.peer) process.stdout.write(`${formatPeer(result.peer)}\n`);
      else
        for (const l of result.loads)
          process.stdout.write(
            `${l.name}: ${l.requestsPerSecond} req/s, p50 ${l.latency.p50} ms, p99 ${l.latency.p99} ms, server CPU ${l.serverCpuMsPerRequest} ms/request, database CPU ${l.databaseCpuMsPerRequest ?? '-'} ms/request, errors ${l.errors + l.non2xx + l.graphqlErrors + l.timeouts}\n`,
          );
    }
  } finally {
    await ours?.stop();
    await peer?.stop();
    await client.end();
    await database?.end();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`load-only: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
