/**
 * Preloaded into the `fazhi ingest` process the bench starts (`NODE_OPTIONS='--require
 * dist/bench/child-usage.js' bin/fazhi ingest DIR`, bench/cli-ingest.ts): when the process exits,
 * writes its resource usage (peak RSS of the whole process, worker threads included; CPU of all
 * its threads) and the batch writer's time by statement kind (ingest-batch.store.ts
 * `writerTiming`, when the command loaded it) to the file FAZHI_BENCH_USAGE_FILE.main.<pid>. Worker threads load preloads too: each writes the peak
 * of its own heap (used and committed, sampled every second) to FAZHI_BENCH_USAGE_FILE.worker.<pid>.<threadId>.
 */
import { writeFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { isMainThread, threadId } from 'node:worker_threads';
import type { writerTiming as WriterTiming } from '../src/pipeline/ingest-batch.store';

/** The writer's timing of this process, if the command loaded the writer (never loaded from here). */
function writerTimingOf(): typeof WriterTiming | null {
  const loaded = require.cache[require.resolve('../src/pipeline/ingest-batch.store')];
  return (loaded?.exports as { writerTiming?: typeof WriterTiming } | undefined)?.writerTiming ?? null;
}

const out = process.env.FAZHI_BENCH_USAGE_FILE;
if (out && isMainThread) {
  let peakHeapUsed = 0;
  const sample = setInterval(() => (peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed)), 250);
  sample.unref();
  process.on('exit', () => {
    const usage = process.resourceUsage();
    // bin/fazhi.js may run itself again with a heap bound: each process writes its own file
    writeFileSync(
      `${out}.main.${process.pid}`,
      JSON.stringify({
        maxRssKb: usage.maxRSS,
        userCpuUs: usage.userCPUTime,
        systemCpuUs: usage.systemCPUTime,
        peakMainHeapUsedMb: Math.round(peakHeapUsed / 1e6),
        execArgv: process.execArgv,
        writer: writerTimingOf(),
      }),
    );
  });
}

if (out && !isMainThread) {
  const peak = { usedMb: 0, committedMb: 0, limitMb: Math.round(getHeapStatistics().heap_size_limit / 1e6) };
  const sample = setInterval(() => {
    const h = getHeapStatistics();
    const used = Math.round(h.used_heap_size / 1e6);
    const committed = Math.round(h.total_heap_size / 1e6);
    if (used <= peak.usedMb && committed <= peak.committedMb) return;
    peak.usedMb = Math.max(peak.usedMb, used);
    peak.committedMb = Math.max(peak.committedMb, committed);
    writeFileSync(`${out}.worker.${process.pid}.${threadId}`, JSON.stringify(peak));
  }, 1000);
  sample.unref();
}
