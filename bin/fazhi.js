#!/usr/bin/env node
/**
 * The `fazhi` command (package.json `bin`; `npx fazhi …`, `npm run <command> -- …`): runs the
 * compiled dispatcher, src/cli/fazhi.ts. `npm ci` compiles it (the `prepare` script).
 */
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, '..', 'dist', 'src', 'cli', 'fazhi.js');
if (!existsSync(compiled)) {
  process.stderr.write('fazhi: 代码尚未编译，请先运行 npm run build (not compiled yet: run npm run build)\n');
  process.exit(2);
}
/**
 * `fazhi ingest` and `fazhi worker` run with a bounded heap and MALLOC_ARENA_MAX=2. The launcher
 * bin/fazhi (package.json `bin`, the npm scripts) sets both and execs node: one process. Run as
 * `node bin/fazhi.js ingest …` without `--max-old-space-size` (on the command line or in
 * NODE_OPTIONS), this file runs itself again with the same settings and exits with its child's
 * code — a second, waiting node process (68–71 MB of RSS over a national year; bench/README.md,
 * ingest9), the fallback for that way of starting it. Why the bound: it is that of each analysis
 * worker (WORKER_HEAP_MB in src/pipeline/analysis-pool.ts; Node gives worker threads the
 * process's value), and it keeps the main thread's heap near what it holds: at 43 000 units its
 * peak heap went from 222 to 108 MB and the process's peak RSS from 716 to 598 MB (600 reports;
 * bench/README.md, "What `fazhi ingest` holds"). Ctrl-C reaches both processes (one process
 * group); SIGTERM and SIGHUP sent to this one are passed on. MALLOC_ARENA_MAX=2 unless set:
 * glibc otherwise gives each thread that allocates (the pool's workers, libuv's threads running
 * SQLite) a malloc arena of its own, and `fazhi ingest` of 2 000 reports at 43 000 units peaked at
 * 446 MB of RSS with 2 arenas against 464–474 MB without (bench/README.md, ingest8). The values
 * are bin/fazhi's too: change both. With the bound, `--max-semi-space-size=8` (4 in sessions 34–36, 8 again since; 4 kept a national year
 * under 500 MB of RSS, bench/README.md "a national year, eleventh time"): the main thread's young
 * generation, as bin/fazhi sets it (its committed heap at the peak 133–137 → 111–115 MB; bench/README.md, ingest10;
 * on PostgreSQL too since the national year at 8525809: the same CPU, peak RSS 478 against 508 MB).
 */
const HEAP_MB = { ingest: 256, worker: 256 };
const heapMb = HEAP_MB[process.argv[2]];
/**
 * FAZHI_NODE_FLAGS, when set (even empty), replaces the node flags of `ingest` and `worker`
 * (bin/fazhi's words): this file runs itself again with them unless it already runs with them all.
 */
const overrideFlags = process.env.FAZHI_NODE_FLAGS === undefined ? null : process.env.FAZHI_NODE_FLAGS.split(/\s+/).filter(Boolean);
// bin/fazhi's: the heap bound and the semi-space setting
const flags = overrideFlags ?? [`--max-old-space-size=${heapMb}`, '--max-semi-space-size=8'];
const flagsSet = overrideFlags
  ? overrideFlags.every((f) => process.execArgv.includes(f))
  : [...process.execArgv, ...(process.env.NODE_OPTIONS || '').split(/\s+/)].some((a) => /^--max[-_]old[-_]space[-_]size/.test(a));
if (heapMb && !flagsSet) {
  const { spawn } = require('node:child_process');
  const { constants } = require('node:os');
  const child = spawn(process.execPath, [...process.execArgv, ...flags, process.argv[1], ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { MALLOC_ARENA_MAX: '2', ...process.env },
  });
  process.on('SIGINT', () => undefined); // the child hears it from the terminal and says what is in
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (e) => {
    process.stderr.write(`fazhi: ${e.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] || 0)));
} else {
  require(compiled).main();
}
