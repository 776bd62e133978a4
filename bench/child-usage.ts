/**
 * Preloaded into the `fazhi ingest` process the bench starts (`node -r dist/bench/child-usage.js
 * bin/fazhi.js ingest DIR`, bench/cli-ingest.ts): when the process exits, writes its resource
 * usage (peak RSS of the whole process, worker threads included; CPU of all its threads) to the
 * file named by FAZHI_BENCH_USAGE_FILE. Worker threads load preloads too; only the main thread writes.
 */
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const out = process.env.FAZHI_BENCH_USAGE_FILE;
if (out && isMainThread) {
  let peakHeapUsed = 0;
  const sample = setInterval(() => (peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed)), 250);
  sample.unref();
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      out,
      JSON.stringify({
        maxRssKb: usage.maxRSS,
        userCpuUs: usage.userCPUTime,
        systemCpuUs: usage.systemCPUTime,
        peakMainHeapUsedMb: Math.round(peakHeapUsed / 1e6),
        execArgv: process.execArgv,
      }),
    );
  });
}
