/**
 * How often the unit and year of a generated report are read right with a national registry known, as a folder
 * ingest reads them (no unit given; every generated province, city, district, 街道 and 镇 registered): builds a bench
 * corpus of `--units` reporting units, files the first `--reports` of its reports as a unit does (title naming the
 * unit and year, {@link asFiledReport}) and reads each with `readReport(text, { knownUnits })`. Prints every misread
 * report and the count, and how many were read right but tentatively (a folder ingest refuses those with
 * `UNIT_UNCERTAIN`, so they are failed rows of a national run too); no database, one thread.
 *
 *   npm run -s build && node dist/bench/unit-reading.js [--units 43000] [--reports 4000]
 */
import { readReport } from '../src/pipeline/report-pipeline';
import type { KnownUnit } from '../src/reading/types';
import { asFiledReport, buildCorpus, generateReportText } from './corpus';
import { positiveOption } from './positive-option';

function main(): void {
  const units = positiveOption('--units', 43000);
  const reports = positiveOption('--reports', 4000);
  const corpus = buildCorpus({ units, years: 1 });
  const knownUnits: KnownUnit[] = corpus.units.map((u) => ({ name: u.name, aliases: u.aliases }));
  const specs = corpus.reports.slice(0, reports);
  let misread = 0;
  let tentative = 0;
  for (const spec of specs) {
    const a = readReport(asFiledReport(spec, generateReportText(corpus, spec)), { knownUnits });
    if (a.unit?.name === spec.unit && a.year?.value === spec.year) {
      if (a.unit.tentative) {
        tentative += 1;
        process.stdout.write(
          `tentative ${spec.unit} ${spec.year}: ${a.unit.reason} [${a.unitCandidates
            .slice(0, 3)
            .map((c) => `${c.name} ${c.confidence}`)
            .join(', ')}]\n`,
        );
      }
      continue;
    }
    misread += 1;
    const top = a.unitCandidates
      .slice(0, 3)
      .map((c) => `${c.name} ${c.confidence}`)
      .join(', ');
    process.stdout.write(`misread ${spec.unit} ${spec.year}: read ${a.unit?.name ?? '(none)'} ${a.year?.value ?? '(none)'} [${top}]\n`);
  }
  process.stdout.write(
    `${misread} of ${specs.length} reports misread (${((misread / specs.length) * 100).toFixed(2)} %), ` +
      `${tentative} read right but tentatively (refused at ingest), ${corpus.units.length} units known\n`,
  );
}

main();
