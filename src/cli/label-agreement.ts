/**
 * Agreement between two labellers of one labelled set (docs/evaluation.md, "Agreement between two
 * labellers, set 6"):
 *
 *   npm run -s evaluate -- --agreement test/fixtures/frozen-6 [--a labels] [--b relabel] [--json] [--verbose]
 *
 * Labeller A's files (`labels/`, treated as gold) and labeller B's (`relabel/`, treated as the
 * prediction) label the same `texts/`; each text is read by the analyser (with A's unit and year,
 * as `evaluate` reads it) and both labellings are aligned to its sentences as the matcher is scored
 * (src/evidence/label-agreement.ts). Prints claim × item and report × item precision / recall / F1,
 * Cohen's kappa per item and the items disagreed on most; `--verbose` lists every sentence the two
 * labelled differently. Runs no matcher. Exit code 1 when a folder or a label file is missing or bad.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { projectRoot } from '../common/project-root';
import type { GoldLabel } from '../evidence/evaluate';
import { KAPPA_MIN_CLAIMS, labelAgreement, mostDisagreed, type LabelAgreement, type TwoLabellings } from '../evidence/label-agreement';
import { analyzeReport } from '../reading/analyze';
import { formatTable, truncateToWidth } from './text-table';

interface LabelFile {
  report: string;
  unit?: string | null;
  year?: number | null;
  labels: GoldLabel[];
}

function option(argv: readonly string[], name: string, fallback: string): string {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
}

function readLabelFile(path: string): LabelFile | string {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as LabelFile;
    if (typeof parsed.report !== 'string' || !Array.isArray(parsed.labels))
      return '标注文件缺少 report 或 labels (expected { report, labels })';
    return parsed;
  } catch (e) {
    return `无法读取标注文件 (cannot read the label file): ${(e as Error).message}`;
  }
}

const pct = (v: number | null): string => (v === null ? '—' : (v * 100).toFixed(1));
const kappaCell = (v: number | null): string => (v === null ? '—' : v.toFixed(2));

function text(result: LabelAgreement, set: string, a: string, b: string, raws: Map<string, string>, verbose: boolean): string {
  const out: string[] = [];
  out.push(`标注一致性 Agreement between two labellers: ${set}, A = ${a}/ (gold), B = ${b}/ (prediction)`);
  out.push(
    `${result.reports} reports; sentences labelled by A ${result.claims.labelledByA}, by B ${result.claims.labelledByB}, by both ${result.claims.labelledByBoth}; ` +
      `B's links on sentences A did not label (not scored): ${result.unscoredLinksOfB}`,
  );
  out.push('');
  const row = (label: string, s: LabelAgreement['pairs']) => [
    label,
    String(s.tp),
    String(s.fp),
    String(s.fn),
    pct(s.precision),
    pct(s.recall),
    pct(s.f1),
  ];
  out.push(
    formatTable(
      ['micro', 'TP', 'FP', 'FN', 'P %', 'R %', 'F1 %'],
      [row('claim × item', result.pairs), row('report × item', result.reportItems)],
      [1, 2, 3, 4, 5, 6],
    ),
  );
  out.push('');
  out.push(`Per item (sentences either labeller labelled; kappa where ≥ ${KAPPA_MIN_CLAIMS} sentences carry the item)`);
  out.push('');
  out.push(
    formatTable(
      ['item', 'both', 'only A', 'only B', 'kappa'],
      result.perItem.map((i) => [i.code, String(i.both), String(i.onlyA), String(i.onlyB), kappaCell(i.kappa)]),
      [1, 2, 3, 4],
    ),
  );
  out.push(`mean kappa over items with one: ${kappaCell(result.meanKappa)}`);
  out.push('');
  out.push(
    `Most disagreed: ${mostDisagreed(result.perItem, 8)
      .map((i) => `${i.code} (${i.onlyA + i.onlyB}: only A ${i.onlyA}, only B ${i.onlyB})`)
      .join(', ')}`,
  );
  if (verbose) {
    for (const r of result.perReport) {
      if (r.differences.length === 0) continue;
      out.push('');
      out.push(r.name);
      const raw = raws.get(r.name) ?? '';
      for (const d of r.differences)
        out.push(
          `  A [${d.a.join(' ')}]  B [${d.b.join(' ')}]  ${truncateToWidth(raw.slice(d.start, d.end).replace(/\s+/g, ' ').trim(), 90)}`,
        );
    }
  }
  return out.join('\n');
}

/** `evaluate --agreement DIR`: resolves to the exit code. */
export async function runLabelAgreementCli(argv: string[]): Promise<number> {
  const root = projectRoot();
  const setArg = option(argv, '--agreement', '');
  const a = option(argv, '--a', 'labels');
  const b = option(argv, '--b', 'relabel');
  const dir = resolve(root, setArg);
  if (setArg === '' || !existsSync(join(dir, a)) || !existsSync(join(dir, b))) {
    process.stderr.write(
      `用法 usage: evaluate --agreement DIR [--a labels] [--b relabel]：DIR 下需有 ${a}/ 与 ${b}/ (both folders are needed)\n`,
    );
    return 1;
  }
  const problems: string[] = [];
  const reports: TwoLabellings[] = [];
  const raws = new Map<string, string>();
  for (const file of readdirSync(join(dir, b))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const where = relative(root, join(dir, b, file));
    const fileB = readLabelFile(join(dir, b, file));
    const fileA = existsSync(join(dir, a, file))
      ? readLabelFile(join(dir, a, file))
      : `${a}/ 中没有同名文件 (no file of that name in ${a}/)`;
    if (typeof fileA === 'string' || typeof fileB === 'string') {
      problems.push(`${where}: ${typeof fileA === 'string' ? fileA : String(fileB)}`);
      continue;
    }
    if (fileA.report !== fileB.report) {
      problems.push(`${where}: 两份标注指向不同的报告 (the two files label different reports)`);
      continue;
    }
    const raw = readFileSync(join(root, fileA.report), 'utf8').replace(/^\uFEFF/, '');
    const analysis = analyzeReport(raw, { ...(fileA.unit ? { unit: fileA.unit } : {}), ...(fileA.year ? { year: fileA.year } : {}) });
    const name = file.replace(/\.json$/, '');
    raws.set(name, raw);
    reports.push({ name, raw, claims: analysis.claims, a: fileA.labels, b: fileB.labels });
  }
  for (const p of problems) process.stderr.write(`${p}\n`);
  if (problems.length > 0) return 1;
  const result = labelAgreement(reports);
  const spanning = (list: { problems: { problem: string }[] }[]) => list.reduce((n, e) => n + e.problems.length, 0);
  const nA = spanning(result.perReport.map((r) => r.evaluation));
  const nB = spanning(result.perReport.map((r) => ({ problems: r.problemsB })));
  if (nA + nB > 0)
    process.stderr.write(
      `警告 warning: ${nA} 条 A 标注、${nB} 条 B 标注无法完整对应到一个断言 (labels not mapping to exactly one claim; scored by most overlap)\n`,
    );
  if (argv.includes('--json')) {
    const { perReport, ...figures } = result;
    const json = {
      set: relative(root, dir),
      a,
      b,
      ...figures,
      mostDisagreed: mostDisagreed(result.perItem, 8).map((i) => i.code),
      perReport: perReport.map((r) => ({ name: r.name, pairs: r.evaluation.pairs, differences: r.differences.length })),
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    process.stdout.write(`${text(result, relative(root, dir), a, b, raws, argv.includes('--verbose') || argv.includes('-v'))}\n`);
  }
  return 0;
}
