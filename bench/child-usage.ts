/**
 * Preloaded into the `fazhi ingest` process the bench starts (`NODE_OPTIONS='--require
 * dist/bench/child-usage.js' bin/fazhi ingest DIR`, bench/cli-ingest.ts): when the process exits,
 * writes its resource usage (peak RSS of the whole process, worker threads included; CPU of all
 * its threads) and the batch writer's time by statement kind (ingest-batch.store.ts
 * `writerTiming`, when the command loaded it) to the file FAZHI_BENCH_USAGE_FILE.main.<pid>. Worker threads load preloads too: each writes the peak
 * of its own heap (used and committed, sampled every second) to FAZHI_BENCH_USAGE_FILE.worker.<pid>.<threadId>.
 * Both also keep a timeline of their memory every MEMORY_SAMPLE_MS (the main thread: RSS of the
 * process and `process.memoryUsage()`; a worker: its heap), to tell a leak (grows with the reports)
 * from a plateau.
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

/** How often the memory timelines are sampled, ms. */
const MEMORY_SAMPLE_MS = 2000;

/** Bytes as MB, one decimal. */
const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;

const out = process.env.FAZHI_BENCH_USAGE_FILE;
if (out && isMainThread) {
  let peakHeapUsed = 0;
  const sample = setInterval(() => (peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed)), 250);
  sample.unref();
  // [epoch ms, RSS, heap used, heap committed, external, array buffers (MB)]
  const memory: number[][] = [];
  const memorySample = setInterval(() => {
    const m = process.memoryUsage();
    memory.push([Date.now(), mb(m.rss), mb(m.heapUsed), mb(m.heapTotal), mb(m.external), mb(m.arrayBuffers)]);
  }, MEMORY_SAMPLE_MS);
  memorySample.unref();
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
        memory,
      }),
    );
  });
}

if (out && !isMainThread) {
  const peak = { usedMb: 0, committedMb: 0, limitMb: Math.round(getHeapStatistics().heap_size_limit / 1e6) };
  // [epoch ms, heap used, heap committed (MB)]; a worker has no exit event to write it at, so each write carries it
  const memory: number[][] = [];
  let lastMemorySample = 0;
  const sample = setInterval(() => {
    const h = getHeapStatistics();
    const used = Math.round(h.used_heap_size / 1e6);
    const committed = Math.round(h.total_heap_size / 1e6);
    const now = Date.now();
    const timelineDue = now - lastMemorySample >= MEMORY_SAMPLE_MS;
    if (timelineDue) {
      lastMemorySample = now;
      memory.push([now, mb(h.used_heap_size), mb(h.total_heap_size)]);
    }
    if (used <= peak.usedMb && committed <= peak.committedMb && !timelineDue) return;
    peak.usedMb = Math.max(peak.usedMb, used);
    peak.committedMb = Math.max(peak.committedMb, committed);
    writeFileSync(`${out}.worker.${process.pid}.${threadId}`, JSON.stringify({ ...peak, memory }));
  }, 1000);
  sample.unref();
}
