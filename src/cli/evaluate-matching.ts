/**
 * Prints precision / recall / F1 of the rule matcher's links against the hand-labelled gold
 * sets in test/fixtures/labels/*.json, per report and overall (micro), and per item.
 *
 *   npm run -s build && node dist/src/cli/evaluate-matching.js [--verbose] [label.json …]
 *
 * `--verbose` lists every wrong (FP) and missed (FN) claim → item pair with the claim text.
 * The figures are reported, not asserted: no test pins a tuned number.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatChecklistErrors, loadChecklistFile } from '../checklist/checklist-file';
import type { ChecklistItemDefinition } from '../checklist/types';
import { compareCodes, evaluateLinks, sumScores, type Evaluation, type GoldFile, type Score } from '../evidence/evaluate';
import { matchClaims } from '../evidence/matcher';
import { analyzeReport } from '../reports/analysis/analyze';
import type { AnalysedClaim } from '../reports/analysis/types';
import { projectRoot } from '../shared/project-root';

interface GoldFileWithMeta extends GoldFile {
  unit?: string;
  year?: number;
  /** labelled after the keywords were written and never used to tune them */
  heldOut?: boolean;
}

interface ReportRun {
  name: string;
  heldOut: boolean;
  evaluation: Evaluation;
  links: number;
  claims: AnalysedClaim[];
}

/** Terminal width of a string: CJK and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, n: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, n - width(s)));
  return right ? fill + s : s + fill;
}

function pct(v: number | null): string {
  return v === null ? '—' : (v * 100).toFixed(1);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i], i > 0)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function scoreCells(s: Score): string[] {
  return [String(s.tp), String(s.fp), String(s.fn), pct(s.precision), pct(s.recall), pct(s.f1)];
}

function run(files: string[], verbose: boolean): number {
  const root = projectRoot();
  const loaded = loadChecklistFile(join(root, 'seeds', 'checklist.yaml'), 'seeds/checklist.yaml');
  if (!loaded.checklist) {
    process.stderr.write(`${formatChecklistErrors(loaded.errors)}\n`);
    return 1;
  }
  const items: ChecklistItemDefinition[] = loaded.checklist.items;
  const runs: ReportRun[] = [];
  for (const file of files) {
    const gold = JSON.parse(readFileSync(file, 'utf8')) as GoldFileWithMeta;
    const raw = readFileSync(join(root, gold.report), 'utf8');
    const analysis = analyzeReport(raw, { ...(gold.unit ? { unit: gold.unit } : {}), ...(gold.year ? { year: gold.year } : {}) });
    const links = matchClaims(analysis.claims, analysis.metrics, items);
    const evaluation = evaluateLinks(raw, analysis.claims, gold.labels, links);
    const heldOut = gold.heldOut === true;
    const name =
      `${gold.report.split('/').pop()?.slice(0, 3) ?? ''} ${gold.unit ?? ''} ${gold.year ?? ''}${heldOut ? ' (held-out)' : ''}`.trim();
    runs.push({ name, heldOut, evaluation, links: links.length, claims: analysis.claims });
    for (const p of evaluation.problems) process.stderr.write(`${relative(root, file)}: label ${JSON.stringify(p.quote)}: ${p.problem}\n`);
  }

  const out: string[] = [];
  out.push('Rule matcher vs hand-labelled gold sets (claim × item pairs over labelled claims)');
  out.push('');
  const groups: [string, ReportRun[]][] = [
    ['tuning set (micro)', runs.filter((r) => !r.heldOut)],
    ['held-out set (micro)', runs.filter((r) => r.heldOut)],
    ['overall (micro)', runs],
  ];
  const totals = groups
    .filter(([, list]) => list.length > 0 && (list.length < runs.length || list === runs))
    .map(([label, list]) => [
      label,
      String(list.reduce((n, r) => n + r.evaluation.labelledClaims, 0)),
      String(list.reduce((n, r) => n + r.links, 0)),
      ...scoreCells(sumScores(list.map((r) => r.evaluation.pairs))),
      String(list.reduce((n, r) => n + r.evaluation.unlabelledLinks.length, 0)),
    ]);
  out.push(
    table(
      ['report', 'labelled claims', 'links', 'TP', 'FP', 'FN', 'precision %', 'recall %', 'F1 %', 'links on unlabelled claims'],
      [
        ...runs.map((r) => [
          r.name,
          String(r.evaluation.labelledClaims),
          String(r.links),
          ...scoreCells(r.evaluation.pairs),
          String(r.evaluation.unlabelledLinks.length),
        ]),
        ...totals,
      ],
    ),
  );
  out.push('');
  out.push('Report × item (does the report have at least one link / one gold label for the item)');
  out.push('');
  out.push(
    table(
      ['report', 'TP', 'FP', 'FN', 'precision %', 'recall %', 'F1 %'],
      [
        ...runs.map((r) => [r.name, ...scoreCells(r.evaluation.reportItems)]),
        ...groups
          .filter(([, list]) => list.length > 0 && (list.length < runs.length || list === runs))
          .map(([label, list]) => [label, ...scoreCells(sumScores(list.map((r) => r.evaluation.reportItems)))]),
      ],
    ),
  );
  out.push('');
  out.push('Per item (claim × item pairs, all reports)');
  out.push('');
  const perItem = new Map<string, { tp: number; fp: number; fn: number }[]>();
  for (const r of runs) {
    for (const [code, s] of r.evaluation.perItem) perItem.set(code, [...(perItem.get(code) ?? []), s]);
  }
  const titles = new Map(items.map((i) => [i.code, i.title]));
  out.push(
    table(
      ['item', 'title', 'TP', 'FP', 'FN', 'precision %', 'recall %', 'F1 %'],
      [...perItem.entries()]
        .sort(([a], [b]) => compareCodes(a, b))
        .map(([code, list]) => [code, (titles.get(code) ?? '').slice(0, 16), ...scoreCells(sumScores(list))]),
    ),
  );

  if (verbose) {
    for (const r of runs) {
      out.push('');
      out.push(`Errors in ${r.name}`);
      const text = new Map(r.claims.map((c) => [c.id, `[${c.sectionKind}] ${c.text}`]));
      for (const e of r.evaluation.errors)
        out.push(`  ${e.kind} ${pad(e.itemCode, 5)} ${e.claimId}: ${(text.get(e.claimId) ?? '').slice(0, 90)}`);
      for (const l of r.evaluation.unlabelledLinks)
        out.push(`  ?? ${pad(l.itemCode, 5)} ${l.claimId}: ${(text.get(l.claimId) ?? '').slice(0, 90)}`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

function main(argv: string[]): number {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  let files = argv.filter((a) => !a.startsWith('-'));
  if (files.length === 0) {
    const dir = join(projectRoot(), 'test', 'fixtures', 'labels');
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f));
  }
  return run(files, verbose);
}

process.exitCode = main(process.argv.slice(2));
