/**
 * Speed of the pure reading pipeline on one core, with a national registry known: builds a
 * bench corpus of `--units` reporting units (43,000 by default; with their streets, districts,
 * cities and provinces every one is a known unit), files a sample of its reports as a unit
 * does (title naming the unit and year) and times, on this thread, in `--runs` interleaved rounds:
 *
 *   reading   readReport(text, { knownUnits })                       unit and year read from the text
 *   pipeline  runPipeline(text, { knownUnits }, demo checklist)      read → match → assess
 *   matching  matchReport(claims, metrics, checklist) on the reports read once, per claim, with
 *             rules alone, + the similarity, + the similarity and the labelled examples
 *             (seeds/examples.json), + the learned decision over them when the file carries one
 *             (the product): what each signal costs a claim, A/B in the same round
 *
 * MB is the UTF-8 size of the texts; MB/s per second of this process's CPU time (user + system),
 * as one core gives it on a shared machine, and of wall time. Prints one line per round and the load average.
 *
 *   npm run -s build && node dist/bench/pipeline-speed.js [--units 43000] [--reports 300] [--runs 3]
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadChecklistFile } from '../src/checklist/checklist-file';
import { withShippedExamples } from '../src/checklist/examples-file';
import { projectRoot } from '../src/common/project-root';
import { modelOfDefinition } from '../src/evidence/pipeline';
import { matchReport, readReport, runPipeline, type PipelineChecklist } from '../src/pipeline/report-pipeline';
import { RULES_ONLY_MODEL } from '../src/evidence/pipeline';
import type { KnownUnit } from '../src/reading/types';
import { asFiledReport, buildCorpus, generateReportText } from './corpus';
import { positiveOption } from './positive-option';

/** Wall and CPU seconds of `run` on this thread (the machine is shared: CPU time is what one core gives). */
function seconds(run: () => void): { wall: number; cpu: number } {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  run();
  const used = process.cpuUsage(cpu);
  return { wall: Number(process.hrtime.bigint() - start) / 1e9, cpu: (used.user + used.system) / 1e6 };
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function main(): void {
  const units = positiveOption('--units', 43000);
  const sample = positiveOption('--reports', 300);
  const runs = positiveOption('--runs', 3);
  const startBuild = process.hrtime.bigint();
  const corpus = buildCorpus({ units, years: 1 });
  const built = Number(process.hrtime.bigint() - startBuild) / 1e9;
  const knownUnits: KnownUnit[] = corpus.units.map((u) => ({ name: u.name, aliases: u.aliases }));
  const step = Math.max(1, Math.floor(corpus.reports.length / sample));
  const specs = corpus.reports.filter((_, i) => i % step === 0).slice(0, sample);
  const texts = specs.map((s) => asFiledReport(s, generateReportText(corpus, s)));
  const mb = texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0) / 1e6;
  const demo = loadChecklistFile(join(projectRoot(), 'seeds', 'checklist.yaml')).checklist;
  if (!demo) throw new Error('seeds/checklist.yaml does not load');
  const shipped = withShippedExamples(demo);
  if (!shipped.examples) throw new Error('seeds/examples.json does not apply to seeds/checklist.yaml');
  const checklist = { definition: shipped, model: modelOfDefinition(shipped) };
  // the shipped examples without the learned decision: the combination before it, A/B in the same round
  const { decision, ...voting } = shipped.examples;
  const withoutDecision = { ...shipped, examples: voting };
  const signals: Array<[string, PipelineChecklist]> = [
    ['rules', { definition: demo, model: RULES_ONLY_MODEL }],
    ['+ similarity', { definition: demo, model: modelOfDefinition(demo) }],
    ['+ similarity + examples', { definition: withoutDecision, model: modelOfDefinition(withoutDecision) }],
    ...(decision ? ([['+ learned decision (shipped)', checklist]] as Array<[string, PipelineChecklist]>) : []),
  ];
  // the decision without the text classifier (its weights dropped: it reads none), A/B in the same round
  if (decision && decision.weights.cls !== undefined) {
    const weights = Object.fromEntries(Object.entries(decision.weights).filter(([name]) => !/(^|\|)cls1?$/u.test(name)));
    const noClassifier = { ...shipped, examples: { ...shipped.examples, classifier: undefined, decision: { ...decision, weights } } };
    signals.splice(3, 0, ['+ learned decision, no text classifier', { definition: noClassifier, model: modelOfDefinition(noClassifier) }]);
  }

  process.stdout.write(
    `pipeline speed, one core: ${knownUnits.length} known units (${units} reporting; corpus built in ${round(built, 1)} s), ` +
      `${texts.length} filed reports, ${round(mb, 2)} MB; load average ${load()}\n`,
  );
  // warm-up: the known-unit index, the checklist tables, the JIT
  for (const t of texts.slice(0, 20)) runPipeline(t, { knownUnits }, checklist);
  const analyses = texts.map((t) => readReport(t, { knownUnits }));
  const claims = analyses.reduce((n, a) => n + a.claims.length, 0);
  const matching = new Map<string, number[]>(signals.map(([name]) => [name, []]));
  const reading: number[] = [];
  const pipeline: number[] = [];
  const rate = (t: { wall: number; cpu: number }): string =>
    `${round(mb / t.cpu)} MB/s of CPU (${round((t.cpu * 1000) / texts.length)} ms/report; wall ${round(mb / t.wall)} MB/s)`;
  for (let r = 1; r <= runs; r += 1) {
    const read = seconds(() => {
      for (const t of texts) readReport(t, { knownUnits });
    });
    const whole = seconds(() => {
      for (const t of texts) runPipeline(t, { knownUnits }, checklist);
    });
    reading.push(mb / read.cpu);
    pipeline.push(mb / whole.cpu);
    process.stdout.write(`run ${r}: reading ${rate(read)}, whole pipeline ${rate(whole)}; load average ${load()}\n`);
    const perClaim: string[] = [];
    for (const [name, c] of signals) {
      const t = seconds(() => {
        for (const a of analyses) matchReport(a.claims, a.metrics, c);
      });
      const us = (t.cpu * 1e6) / claims;
      matching.get(name)?.push(us);
      perClaim.push(`${name} ${round(us, 1)} µs`);
    }
    process.stdout.write(`run ${r}: matching per claim (${claims} claims, CPU): ${perClaim.join(', ')}; load average ${load()}\n`);
  }
  const range = (xs: number[]): string => `${round(Math.min(...xs))}–${round(Math.max(...xs))}`;
  process.stdout.write(`reading ${range(reading)} MB/s; whole pipeline ${range(pipeline)} MB/s (per CPU-second, ${runs} runs)\n`);
  process.stdout.write(
    `matching µs per claim (CPU, ${runs} runs): ${[...matching].map(([name, us]) => `${name} ${range(us)}`).join('; ')}\n`,
  );
}

main();
