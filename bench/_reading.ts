import { buildCorpus, generateReportText } from './corpus';
import { analyzeReport } from '../src/reading/analyze';
import { runPipeline } from '../src/pipeline/report-pipeline';
import { modelOfDefinition } from '../src/evidence/pipeline';
import { loadChecklistFile } from '../src/checklist/checklist-file';
const n = Number(process.argv[2] ?? 2000);
const mode = process.argv[3] ?? 'read';
const corpus = buildCorpus({ units: n, years: 1 });
const specs = corpus.reports.filter((_, i) => i % Math.max(1, Math.floor(corpus.reports.length / 60)) === 0).slice(0, 60);
const texts = specs.map((s) => generateReportText(corpus, s));
const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
const known = corpus.units.map((u) => ({ name: u.name, aliases: u.aliases }));
const def = loadChecklistFile('seeds/checklist.yaml').checklist!;
const checklist = { definition: def, model: modelOfDefinition(def) };
const run = () => {
  let ok = 0;
  for (let i = 0; i < texts.length; i++) {
    const list = mode === 'fresh' ? known.map((k) => ({ ...k })) : known; // 'fresh': a new list per file, as ingest did
    if (mode === 'pipeline') {
      const r = runPipeline(texts[i]!, { knownUnits: list }, checklist);
      if (r.analysis.unit?.name === specs[i]!.unit) ok++;
    } else {
      const a = analyzeReport(texts[i]!, { knownUnits: list });
      if (a.unit?.name === specs[i]!.unit && a.year?.value === specs[i]!.year) ok++;
    }
  }
  return ok;
};
run();
const t = process.hrtime.bigint();
const ok = run();
const s = Number(process.hrtime.bigint() - t) / 1e9;
console.log(
  JSON.stringify({
    units: n,
    mode,
    texts: texts.length,
    mb: +(bytes / 1e6).toFixed(2),
    seconds: +s.toFixed(2),
    mbPerSecond: +(bytes / 1e6 / s).toFixed(2),
    msPerReport: +((s * 1000) / texts.length).toFixed(1),
    detected: ok,
  }),
);
