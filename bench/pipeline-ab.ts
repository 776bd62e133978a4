/**
 * Interleaved A/B of the whole reading pipeline, in ONE process, so both sides see the same
 * machine state: every argument is a built `dist/` folder (a copy of another commit's build:
 * each is loaded as its own module instances, its seeds read from the folder beside it), and
 * each round times `runPipeline(text, { knownUnits }, shipped checklist)` and then
 * `readReport(text, { knownUnits })` over the same filed bench-corpus reports with each build in
 * turn (the order reversed every other round). MB/s per second of this process's CPU time.
 *
 *   npm run -s build && cp -a dist /tmp/ab/B   # and an older commit's build as /tmp/ab/A, with
 *   # package.json, node_modules and seeds reachable from /tmp/ab (links will do)
 *   node dist/bench/pipeline-ab.js [--reports 300] [--rounds 6] [--units 43000] /tmp/ab/A /tmp/ab/B
 *
 * Prints each round, each build's figures and median, and every build's ratio to the first (whole pipeline and
 * reading alone), per round and of the medians.
 */
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type * as Corpus from './corpus';
import type * as ChecklistFile from '../src/checklist/checklist-file';
import type * as ExamplesFile from '../src/checklist/examples-file';
import type * as Pipeline from '../src/evidence/pipeline';
import type * as ReportPipeline from '../src/pipeline/report-pipeline';
import { positiveOption } from './positive-option';

const load = createRequire(__filename);

interface Build {
  name: string;
  run: (text: string) => void;
  read: (text: string) => void;
  whole: number[];
  reading: number[];
}

function cpuSeconds(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const load3 = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

function main(): void {
  const reports = positiveOption('--reports', 300);
  const rounds = positiveOption('--rounds', 6);
  const units = positiveOption('--units', 43000);
  const dists = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  if (dists.length < 2) throw new Error('usage: pipeline-ab.js [--reports N] [--rounds R] [--units U] DIST_A DIST_B …');
  const folders = dists.map((d) => resolve(d));
  const corpusOf = load(join(folders[0] as string, 'bench', 'corpus.js')) as typeof Corpus;
  const corpus = corpusOf.buildCorpus({ units, years: 1 });
  const knownUnits = corpus.units.map((u) => ({ name: u.name, aliases: u.aliases }));
  const step = Math.max(1, Math.floor(corpus.reports.length / reports));
  const specs = corpus.reports.filter((_, i) => i % step === 0).slice(0, reports);
  const texts = specs.map((s) => corpusOf.asFiledReport(s, corpusOf.generateReportText(corpus, s)));
  const mb = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0) / 1e6;
  const builds: Build[] = folders.map((folder) => {
    const { loadChecklistFile } = load(join(folder, 'src', 'checklist', 'checklist-file.js')) as typeof ChecklistFile;
    const { withShippedExamples } = load(join(folder, 'src', 'checklist', 'examples-file.js')) as typeof ExamplesFile;
    const { modelOfDefinition } = load(join(folder, 'src', 'evidence', 'pipeline.js')) as typeof Pipeline;
    const { runPipeline, readReport } = load(join(folder, 'src', 'pipeline', 'report-pipeline.js')) as typeof ReportPipeline;
    const demo = loadChecklistFile(join(folder, '..', 'seeds', 'checklist.yaml')).checklist;
    if (!demo) throw new Error(`${folder}/../seeds/checklist.yaml does not load`);
    const shipped = withShippedExamples(demo);
    const checklist = { definition: shipped, model: modelOfDefinition(shipped) };
    // warm-up: the known-unit index, the checklist tables, the JIT
    for (const t of texts.slice(0, 20)) runPipeline(t, { knownUnits }, checklist);
    return {
      name: basename(folder),
      run: (t) => void runPipeline(t, { knownUnits }, checklist),
      read: (t) => void readReport(t, { knownUnits }),
      whole: [],
      reading: [],
    };
  });
  process.stdout.write(`${texts.length} filed reports, ${mb.toFixed(2)} MB, ${knownUnits.length} known units; load ${load3()}\n`);
  for (let r = 0; r < rounds; r += 1) {
    for (const b of r % 2 === 0 ? builds : [...builds].reverse()) {
      const whole = cpuSeconds(() => texts.forEach(b.run));
      const reading = cpuSeconds(() => texts.forEach(b.read));
      b.whole.push(mb / whole);
      b.reading.push(mb / reading);
      process.stdout.write(
        `round ${r + 1} ${b.name}: whole ${(mb / whole).toFixed(2)} MB/s of CPU (${((whole * 1000) / texts.length).toFixed(2)} ms/report), ` +
          `reading ${(mb / reading).toFixed(2)} MB/s; load ${load3()}\n`,
      );
    }
  }
  const list = (xs: readonly number[]): string => xs.map((x) => x.toFixed(2)).join(' / ');
  for (const b of builds) {
    process.stdout.write(
      `${b.name}: whole ${list(b.whole)} (median ${median(b.whole).toFixed(2)}), reading ${list(b.reading)} (median ${median(b.reading).toFixed(2)})\n`,
    );
  }
  const [base, ...others] = builds;
  for (const b of others) {
    if (!base) break;
    for (const part of ['whole', 'reading'] as const) {
      const ratios = b[part].map((x, i) => (x / (base[part][i] as number)).toFixed(2)).join(' ');
      process.stdout.write(
        `${b.name} / ${base.name}: ${part} ×${(median(b[part]) / median(base[part])).toFixed(3)} (medians), per round ${ratios}\n`,
      );
    }
  }
}

main();
