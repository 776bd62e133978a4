/**
 * What storing the fingerprints really costs at ingest, all in (issue 17): the reuse bench
 * (bench/reuse.ts) counts the time inside `storeClaimBands`, which leaves out the WAL pages
 * the band rows add to each commit. This A/B ingests the same corpus into two fresh SQLite
 * files in one process, report by report (A first for even reports, B first for odd ones,
 * so load changes hit both alike): A as the product does, B with a trigger that drops every
 * `claim_band` row (`RAISE(IGNORE)`: the bands are still computed and the INSERT still sent,
 * the rows are not stored). (A − B) / A is the share of ingest time the stored rows cost,
 * commits included; with B's own time in `storeClaimBands` (computing and sending the bands)
 * added, the share of the whole fingerprinting (`fingerprintShareAllIn`).
 *
 *   node scripts/run-ts.js bench/reuse-ab.ts [--units 2000] [--years 3]
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/app/data-source';
import { runWrite, WriteLock } from '../src/db/write-lock';
import { ingestReport } from '../src/pipeline/ingest.service';
import { reuseTiming } from '../src/reports/reuse/reuse.service';
import { loadSeeds } from '../src/seeds/load-seeds';
import { upsertUnits } from '../src/units/unit.service';
import { buildCorpus, generateReportText, type Corpus } from './corpus';
import { round } from './stats';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function open(dir: string, name: string, corpus: Corpus): Promise<{ ds: DataSource; lock: WriteLock }> {
  const ds = createDataSource({ type: 'sqlite', path: join(dir, `${name}.sqlite`) });
  await ds.initialize();
  await ds.runMigrations();
  const lock = new WriteLock();
  await loadSeeds(ds, lock, undefined, { reports: false });
  await runWrite(ds, lock, (m) =>
    upsertUnits(
      m,
      corpus.units.map((u) => ({ name: u.name, level: u.level, aliases: u.aliases, parentName: u.parentName })),
    ),
  );
  return { ds, lock };
}

async function main(): Promise<void> {
  const units = arg('units', 2000);
  const years = arg('years', 3);
  const corpus = buildCorpus({ units, years, plantReuse: true });
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-reuse-ab-'));
  const a = await open(dir, 'a', corpus);
  const b = await open(dir, 'b', corpus);
  await b.ds.query(`CREATE TRIGGER "bench_drop_claim_band" BEFORE INSERT ON "claim_band" BEGIN SELECT RAISE(IGNORE); END`);
  const ms = { a: 0, b: 0, aStore: 0, bStore: 0 };
  const ingestInto = async (
    db: { ds: DataSource; lock: WriteLock },
    text: string,
    unit: string,
    year: number,
  ): Promise<[number, number]> => {
    const before = reuseTiming.bandsMs + reuseTiming.insertMs;
    const started = performance.now();
    const result = await ingestReport(
      db.ds,
      db.lock,
      { text, unit, year, source: `bench/${year}/${unit}.txt`, actor: 'bench' },
      { maxReportBytes: 5 * 1024 * 1024 },
    );
    if (!result.ok) throw new Error(`${unit} ${year}: ${result.errors.map((e) => e.message).join('; ')}`);
    return [performance.now() - started, reuseTiming.bandsMs + reuseTiming.insertMs - before];
  };
  const summary = (done: number) => ({
    reports: done,
    aSeconds: round(ms.a / 1000, 1),
    bSeconds: round(ms.b / 1000, 1),
    storedRowsShareAB: round((ms.a - ms.b) / ms.a, 4),
    fingerprintShareAsTheBenchCountsIt: round(ms.aStore / ms.a, 4),
    fingerprintShareInBWithoutRows: round(ms.bStore / ms.b, 4),
    // computing the bands and sending them (B's time in storeClaimBands) plus what storing the rows adds (A − B)
    fingerprintShareAllIn: round((ms.a - ms.b + ms.bStore) / ms.a, 4),
  });
  for (let i = 0; i < corpus.reports.length; i += 1) {
    const spec = corpus.reports[i]!; // i < corpus.reports.length
    const text = generateReportText(corpus, spec);
    const order = i % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    for (const which of order) {
      const [total, store] = await ingestInto(which === 'a' ? a : b, text, spec.unit, spec.year);
      ms[which] += total;
      ms[which === 'a' ? 'aStore' : 'bStore'] += store;
    }
    if ((i + 1) % 500 === 0) process.stderr.write(`[bench:reuse-ab] ${JSON.stringify(summary(i + 1))}\n`);
  }
  const [rows] = (await a.ds.query(`SELECT COUNT(*) AS n FROM "claim_band"`)) as Array<{ n: number }>;
  process.stdout.write(
    `${JSON.stringify({ command: `node scripts/run-ts.js bench/reuse-ab.ts --units ${units} --years ${years}`, ...summary(corpus.reports.length), claimBandRowsInA: Number(rows?.n) }, null, 2)}\n`,
  );
  await a.ds.destroy();
  await b.ds.destroy();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
