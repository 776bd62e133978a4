/**
 * The reuse bench (issue 17): builds a corpus with planted copies (bench/corpus.ts,
 * `plantReuse`), ingests it through the product's ingest service into a fresh SQLite file,
 * then measures
 * - the cost of reuse at ingest (fingerprints computed and stored, last year's claims
 *   compared: `reuseTiming`) as a share of the ingest time;
 * - detection: every current report's reuse view (`reportReuse`, what `Report.reuse`
 *   answers), its claims compared with the planted truth — precision and recall over the
 *   claims of the reports' own paragraphs (planted copies are positives, fresh paragraphs
 *   negatives; claims from the seed paragraphs every generated report recombines are shared
 *   by design and only counted);
 * - latency of the reuse view per report (p50, p95) and of `similarClaimsFor` for one
 *   report's claims.
 *
 *   node scripts/run-ts.js bench/reuse.ts [--units 300] [--years 3] [--out FILE.json]
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from '../src/app/data-source';
import { runWrite, WriteLock } from '../src/db/write-lock';
import { ingestReport } from '../src/pipeline/ingest.service';
import { Claim } from '../src/reports/claim.entity';
import { Report } from '../src/reports/report.entity';
import { fingerprintClaim, foldForReuse } from '../src/reports/reuse/fingerprint';
import { corpusBoilerplate, reportReuse, reuseTiming, similarClaimsFor } from '../src/reports/reuse/reuse.service';
import { loadSeeds } from '../src/seeds/load-seeds';
import { Unit } from '../src/units/unit.entity';
import { upsertUnits } from '../src/units/unit.service';
import { buildCorpus, generateReportText, plantedParagraphs, type PlantedParagraph } from './corpus';
import { percentile, round } from './stats';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function log(message: string): void {
  process.stderr.write(`[bench:reuse] ${message}\n`);
}

async function main(): Promise<void> {
  const units = arg('units', 300);
  const years = arg('years', 3);
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex > 0 ? process.argv[outIndex + 1] : null;
  const corpus = buildCorpus({ units, years, plantReuse: true });
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-reuse-'));
  const ds = createDataSource({ type: 'sqlite', path: join(dir, 'reuse.sqlite') });
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
  log(`${corpus.units.length} units, ${corpus.reports.length} reports`);

  // ── ingest ──
  reuseTiming.ms = 0;
  reuseTiming.claims = 0;
  let ingestMs = 0;
  const truth = new Map<string, PlantedParagraph[]>();
  for (let i = 0; i < corpus.reports.length; i += 1) {
    const spec = corpus.reports[i]!; // i < corpus.reports.length
    const text = generateReportText(corpus, spec);
    truth.set(`${spec.unit}|${spec.year}`, plantedParagraphs(corpus, spec));
    const started = performance.now();
    const result = await ingestReport(
      ds,
      lock,
      { text, unit: spec.unit, year: spec.year, source: `bench/${spec.year}/${spec.unit}.txt`, actor: 'bench' },
      { maxReportBytes: 5 * 1024 * 1024 },
    );
    ingestMs += performance.now() - started;
    if (!result.ok) throw new Error(`${spec.unit} ${spec.year}: ${result.errors.map((e) => e.message).join('; ')}`);
    if ((i + 1) % 500 === 0) log(`ingested ${i + 1}/${corpus.reports.length} (${round((i + 1) / (ingestMs / 1000), 1)} reports/s)`);
  }

  // ── detection ──
  // For a report's own paragraph p: positive when it is a planted copy, or when another
  // unit copied it in the same year (then it is found there too).
  const copiedBy = new Set<string>();
  for (const [key, paragraphs] of truth) {
    const year = Number(key.split('|')[1]);
    for (const p of paragraphs) if (p.copyOf?.kind === 'SAME_YEAR') copiedBy.add(`${p.copyOf.unit}|${year}`);
  }
  const unitNames = new Map((await ds.getRepository(Unit).find()).map((u) => [u.id, u.name]));
  const reports = await ds.getRepository(Report).find({ select: ['id', 'unitId', 'year'], where: { state: 'CURRENT' } });
  const started = performance.now();
  await corpusBoilerplate(ds);
  const boilerplateMs = performance.now() - started;
  const latencies: number[] = [];
  const similarLatencies: number[] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let wrongKind = 0;
  let seedClaimsFlagged = 0;
  let seedClaims = 0;
  const shares: number[] = [];
  for (const [index, report] of reports.entries()) {
    const unit = unitNames.get(report.unitId) as string;
    const paragraphs = truth.get(`${unit}|${report.year}`) ?? [];
    const t0 = performance.now();
    const reuse = await reportReuse(ds, report, null);
    latencies.push(performance.now() - t0);
    const claims = await ds.getRepository(Claim).find({ select: ['id', 'text'], where: { reportId: report.id } });
    if (index % 10 === 0) {
      const t1 = performance.now();
      await similarClaimsFor(
        ds,
        claims.map((c) => c.id),
        null,
      );
      similarLatencies.push(performance.now() - t1);
    }
    const detected = new Map<string, Set<string>>();
    for (const m of reuse.matches) detected.set(m.claimId, new Set([...(detected.get(m.claimId) ?? []), m.kind]));
    const folded = paragraphs.map((p) => foldForReuse(p.text));
    let reusedChars = 0;
    let ownChars = 0;
    for (const claim of claims) {
      const f = foldForReuse(claim.text);
      const at = f.length >= 8 ? folded.findIndex((p) => p.includes(f)) : -1;
      const para = at >= 0 ? paragraphs[at] : undefined;
      const found = detected.get(String(claim.id));
      if (!para) {
        seedClaims += 1;
        if (found) seedClaimsFlagged += 1;
        continue;
      }
      const kinds = new Set<string>();
      if (para.copyOf) kinds.add(para.copyOf.kind);
      const positive = kinds.size > 0 || isCopiedFresh(paragraphs, para, copiedBy, unit, report.year);
      ownChars += claim.text.length;
      if (found) reusedChars += claim.text.length;
      if (positive && found) {
        tp += 1;
        if (kinds.size && ![...kinds].some((k) => found.has(k))) wrongKind += 1;
      } else if (positive) {
        fn += 1;
        if (process.env.DEBUG_REUSE && fn <= 2) {
          log(`FN ${unit} ${report.year} ${JSON.stringify(para.copyOf)} ${claim.text}`);
          const u = await ds.getRepository(Unit).findOneBy({ id: report.unitId });
          const print = fingerprintClaim(claim.text, [u!.name, ...u!.aliases]);
          const rows = await ds.query(
            `SELECT "bandKey", COUNT(*) n FROM claim_band WHERE "bandKey" IN (${print!.bands.join(',')}) GROUP BY "bandKey"`,
          );
          log(`  names ${u!.name} ${u!.aliases} bands ${JSON.stringify(rows)}`);
        }
      } else if (found) {
        fp += 1;
        if (process.env.DEBUG_REUSE && fp <= 4) {
          const m = reuse.matches.find((x) => x.claimId === String(claim.id));
          const other = await ds.getRepository(Claim).findOneBy({ id: Number(m?.matchedClaimId) });
          log(
            `FP ${unit} ${report.year} ${m?.kind} ${m?.similarity} copiedBy=${copiedBy.has(`${unit}|${report.year}`)} ${claim.text} <> ${other?.text} from ${m?.unitId}`,
          );
        }
      } else tn += 1;
    }
    if (ownChars) shares.push(reusedChars / ownChars);
    if ((index + 1) % 1000 === 0) log(`checked ${index + 1}/${reports.length}`);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const similarSorted = [...similarLatencies].sort((a, b) => a - b);
  const result = {
    command: `node scripts/run-ts.js bench/reuse.ts --units ${units} --years ${years}`,
    corpus: { units, years, reports: corpus.reports.length },
    ingest: {
      seconds: round(ingestMs / 1000, 1),
      reportsPerSecond: round(corpus.reports.length / (ingestMs / 1000), 1),
      reuseSeconds: round(reuseTiming.ms / 1000, 2),
      reuseShareOfIngest: round(reuseTiming.ms / ingestMs, 4),
      fingerprintComputeSeconds: round(reuseTiming.bandsMs / 1000, 2),
      fingerprintInsertSeconds: round(reuseTiming.insertMs / 1000, 2),
      lastYearComparisonSeconds: round((reuseTiming.ms - reuseTiming.bandsMs - reuseTiming.insertMs) / 1000, 2),
    },
    detection: {
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      trueNegatives: tn,
      precision: round(tp / Math.max(1, tp + fp), 4),
      recall: round(tp / Math.max(1, tp + fn), 4),
      positivesFoundWithAnotherKindOnly: wrongKind,
      seedClaims,
      seedClaimsFoundReused: seedClaimsFlagged,
    },
    latencyMs: {
      boilerplateListFirstBuild: round(boilerplateMs, 1),
      reportReuseP50: round(percentile(sorted, 50), 1),
      reportReuseP95: round(percentile(sorted, 95), 1),
      reportReuseMax: round(sorted[sorted.length - 1] ?? 0, 1),
      similarClaimsForAReportP50: round(percentile(similarSorted, 50), 1),
      similarClaimsForAReportP95: round(percentile(similarSorted, 95), 1),
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (out) writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  await ds.destroy();
  rmSync(dir, { recursive: true, force: true });
}

/** Whether a fresh paragraph of the unit was copied by another unit in the same year (the last two are). */
function isCopiedFresh(paragraphs: PlantedParagraph[], para: PlantedParagraph, copiedBy: Set<string>, unit: string, year: number): boolean {
  if (para.copyOf || !copiedBy.has(`${unit}|${year}`)) return false;
  const own = paragraphs.filter((p) => p.copyOf?.kind !== 'SAME_YEAR');
  const index = own.indexOf(para);
  return index >= own.length - 2;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
