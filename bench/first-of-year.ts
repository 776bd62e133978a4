/**
 * The first report of a year at a given registry size (issue 16): a fresh SQLite database with
 * the seed checklist and units plus N generated 街道 under one district, then the seed reports
 * ingested (unit given) into a year nobody reported for yet; prints the time and SQL statements
 * of the first report of that year and of the ones after it, and the assessments stored. Until
 * issue 16 the first report also stored a "no report" assessment for every other unit.
 *
 *   node scripts/run-ts.js bench/first-of-year.ts [--units 20000]
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from '../src/app/data-source';
import { StatementCounter } from '../src/db/statement-counter';
import { runWrite, WriteLock } from '../src/db/write-lock';
import { ingestReport } from '../src/pipeline/ingest.service';
import { parse } from 'yaml';
import { loadSeeds } from '../src/seeds/load-seeds';
import { upsertUnits } from '../src/units/unit.service';
import { msSince, round } from './stats';

async function main(): Promise<void> {
  const at = process.argv.indexOf('--units');
  const units = at > 0 ? Number(process.argv[at + 1]) : 20000;
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-first-of-year-'));
  const counter = new StatementCounter();
  const ds = createDataSource({ type: 'sqlite', path: join(dir, 'bench.sqlite') }, { counter });
  try {
    await ds.initialize();
    await ds.runMigrations();
    const lock = new WriteLock();
    await loadSeeds(ds, lock, undefined, { reports: false });
    await runWrite(ds, lock, (m) =>
      upsertUnits(m, [
        { name: '基准区', level: 'DISTRICT', aliases: [], parentName: '天津市' },
        ...Array.from({ length: units }, (_, i) => ({
          name: `基准${i + 1}街道`,
          level: 'STREET' as const,
          aliases: [],
          parentName: '基准区',
        })),
      ]),
    );
    const list = (parse(readFileSync('seeds/reports.yaml', 'utf8')) as { reports: Array<{ unit: string; file: string }> }).reports;
    const reports = list.map((r) => ({ unit: r.unit, raw: readFileSync(join('seeds', r.file), 'utf8') }));
    const timings: Array<{ unit: string; ms: number; statements: number }> = [];
    // the process's first report (2024) warms up the reading, matching and caches; then 2025 from its first report on
    for (const [index, seed] of [reports[0]!, ...reports].entries()) {
      const year = index === 0 ? 2024 : 2025;
      counter.reset();
      const start = process.hrtime.bigint();
      const result = await ingestReport(
        ds,
        lock,
        { text: seed.raw, unit: seed.unit, year, source: `bench/${year}/${seed.unit}.txt`, actor: 'bench' },
        { maxReportBytes: 5 * 1024 * 1024 },
      );
      if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
      timings.push({ unit: seed.unit, ms: round(msSince(start), 1), statements: counter.count });
    }
    const stored = Number((await ds.query(`SELECT COUNT(*) AS n FROM assessment WHERE year = 2025`))[0].n);
    process.stdout.write(
      `${units} generated units (+ the seeds'): warm-up report (2024) ${timings[0]!.ms} ms; reports of 2025 in order ${timings
        .slice(1)
        .map((t) => `${t.ms} ms / ${t.statements} statements`)
        .join(', ')}; ` + `assessments stored for 2025: ${stored}\n`,
    );
  } finally {
    if (ds.isInitialized) await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
