/**
 * Golden output of the reading pipeline (read → match → assess): the guard of every speed
 * change. Runs the pipeline over the seed reports, the labelled frozen sets 1–25's texts (never a
 * held-out set) and a sample of bench-corpus reports, in the ways ingest runs it (unit given, unit read
 * from the text with every registered unit known, no unit known), and writes one JSON line per
 * text and mode; prints the SHA-256 of the whole.
 *
 *   node scripts/run-ts.js scripts/pipeline-golden.ts OUT.jsonl [--reports 300] [--units 43000]
 *
 * A speed change must leave OUT.jsonl byte-identical: `cmp before.jsonl after.jsonl`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asFiledReport, buildCorpus, generateReportText } from '../bench/corpus';
import { loadChecklistFile } from '../src/checklist/checklist-file';
import { withShippedExamples } from '../src/checklist/examples-file';
import { projectRoot } from '../src/common/project-root';
import { LABELLED_SETS } from '../src/evidence/labelled-sets';
import { modelOfDefinition } from '../src/evidence/pipeline';
import { readReport, runPipeline } from '../src/pipeline/report-pipeline';
import type { KnownUnit } from '../src/reading/types';

/**
 * The labelled sets read (all tuning data now, src/evidence/labelled-sets.ts); any other frozen folder — a held-out
 * set being labelled or measured — is never read.
 */
const LABELLED = new Set<string>(LABELLED_SETS);

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

function fixtureTexts(root: string): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const reports = join(root, 'seeds', 'reports');
  for (const f of readdirSync(reports).sort()) out.push({ name: `seeds/${f}`, text: readFileSync(join(reports, f), 'utf8') });
  const fixtures = join(root, 'test', 'fixtures');
  for (const dir of readdirSync(fixtures).sort()) {
    if (!LABELLED.has(dir)) continue;
    const texts = join(fixtures, dir, 'texts');
    if (!existsSync(texts)) continue;
    for (const f of readdirSync(texts).sort()) out.push({ name: `${dir}/${f}`, text: readFileSync(join(texts, f), 'utf8') });
  }
  return out;
}

function main(): void {
  const out = process.argv[2];
  if (!out || out.startsWith('--')) throw new Error('usage: pipeline-golden.ts OUT.jsonl [--reports N] [--units N]');
  const sample = option('--reports', 300);
  const unitCount = option('--units', 43000);
  const root = projectRoot();
  const demo = loadChecklistFile(join(root, 'seeds', 'checklist.yaml')).checklist;
  if (!demo) throw new Error('seeds/checklist.yaml does not load');
  const shipped = withShippedExamples(demo);
  const checklist = { definition: shipped, model: modelOfDefinition(shipped) };
  const manifest = JSON.parse(readFileSync(join(root, 'seeds', 'manifest.json'), 'utf8')) as {
    reports: Array<{ organization: string; aliases: string[]; district: string; city: string; province?: string }>;
  };
  const seedUnits: KnownUnit[] = [];
  const seen = new Set<string>();
  for (const r of manifest.reports) {
    for (const name of [r.organization, r.district, r.city, ...(r.province ? [r.province] : [])]) {
      if (seen.has(name)) continue;
      seen.add(name);
      seedUnits.push({ name, aliases: name === r.organization ? r.aliases : [] });
    }
  }
  const corpus = buildCorpus({ units: unitCount, years: 2 });
  const registry: KnownUnit[] = [...corpus.units.map((u) => ({ name: u.name, aliases: u.aliases })), ...seedUnits];

  const lines: string[] = [];
  const record = (name: string, mode: string, value: unknown): void => {
    lines.push(JSON.stringify({ name, mode, value }));
  };
  for (const { name, text } of fixtureTexts(root)) {
    record(name, 'seed-units', runPipeline(text, { knownUnits: seedUnits }, checklist));
    record(name, 'registry', runPipeline(text, { knownUnits: registry }, checklist));
    record(name, 'none', readReport(text, {}));
  }
  const step = Math.max(1, Math.floor(corpus.reports.length / sample));
  const specs = corpus.reports.filter((_, i) => i % step === 0).slice(0, sample);
  for (const spec of specs) {
    const text = generateReportText(corpus, spec);
    const name = `corpus/${spec.unit}/${spec.year}`;
    record(name, 'given', runPipeline(text, { unit: spec.unit, year: spec.year, knownUnits: registry }, checklist));
    record(name, 'filed', runPipeline(asFiledReport(spec, text), { knownUnits: registry }, checklist));
    record(name, 'none', readReport(text, {}));
  }
  const body = `${lines.join('\n')}\n`;
  writeFileSync(out, body);
  const hash = createHash('sha256').update(body).digest('hex');
  process.stdout.write(`${lines.length} results, sha256 ${hash}\n`);
}

main();
