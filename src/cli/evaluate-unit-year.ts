/**
 * `npm run -s evaluate:unit-year [-- --json] [--frozen DIR] [--tentative] [--max-confident-wrong N]`: how often the analyser reads the
 * reporting unit and the year right, on (a) the seed reports rewritten as other units in
 * other years and (b) the frozen test set's labelled real reports (test/fixtures/frozen: any
 * .json/.yaml label file whose entries carry `report` — the path of the text — and `unit`,
 * `unitLevel`, `year`). Nothing is given to the analyser: no unit, no year, no registry. With `--max-confident-wrong N`
 * the command exits 1 when either set has more than N units read with confidence and wrong (what ingest would store
 * under another unit): the guard over the tuning sets.
 */
import { Command } from 'commander';
import { parseCommandLine } from './command-line';
import { existsSync, readFileSync, readdirSync, statSync } from 'fs';
import { readFile } from 'fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'path';
import { parse } from 'yaml';
import { extractDocument } from '../documents/extract';
import {
  levelOfName,
  rewrittenCases,
  scoreUnitYear,
  type SourceReport,
  type UnitYearCase,
  type UnitYearScore,
} from '../reading/unit-year-eval';
import { UNIT_LEVELS, type UnitLevel } from '../reading/types';
import { projectRoot } from '../common/project-root';
import { parseUnitFile } from '../units/unit-file';
import type { CliIO } from './analyze';

const DEFAULT_FROZEN = join(projectRoot(), 'test', 'fixtures', 'frozen');

/** The seed reports with their unit, its aliases and the units above it (seeds/units.yaml, seeds/reports.yaml). */
export function loadSeedSources(seedDir = join(projectRoot(), 'seeds')): SourceReport[] {
  const unitFile = join(seedDir, 'units.yaml');
  const { units, errors } = parseUnitFile(readFileSync(unitFile, 'utf8'), unitFile);
  if (errors.length) throw new Error(errors.join('\n'));
  const byName = new Map(units.map((u) => [u.name, u]));
  const list = (
    parse(readFileSync(join(seedDir, 'reports.yaml'), 'utf8')) as { reports: Array<{ file: string; unit: string; year: number }> }
  ).reports;
  return list.map((r) => {
    const unit = byName.get(r.unit);
    if (!unit) throw new Error(`${r.file}: unit ${r.unit} is not in units.yaml`);
    const ancestors: string[] = [];
    for (let p = unit.parentName; p; p = byName.get(p)?.parentName ?? null) ancestors.push(p);
    return {
      id: r.file,
      text: readFileSync(join(seedDir, r.file), 'utf8'),
      unit: { name: unit.name, aliases: unit.aliases, ancestors },
      year: r.year,
    };
  });
}

interface LabelEntry {
  report: string;
  unit?: unknown;
  unitLevel?: unknown;
  year?: unknown;
  aliases?: unknown;
}

function labelFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(?:json|ya?ml)$/iu.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Entries with a `report` path and a `unit` or `year`, wherever they sit in a label document. */
function labelEntries(doc: unknown): LabelEntry[] {
  const out: LabelEntry[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.report === 'string' && ('unit' in o || 'year' in o)) out.push(o as unknown as LabelEntry);
      else Object.values(o).forEach(visit);
    }
  };
  visit(doc);
  return out;
}

/** The frozen set's labelled reports as scoring cases (texts read from the labels' `report` paths). */
export async function loadFrozenCases(dir: string): Promise<{ cases: UnitYearCase[]; problems: string[] }> {
  const cases: UnitYearCase[] = [];
  const problems: string[] = [];
  if (!existsSync(dir)) return { cases, problems: [`${dir}: 不存在`] };
  const seen = new Set<string>();
  for (const file of labelFiles(dir)) {
    let doc: unknown;
    try {
      doc = parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    for (const e of labelEntries(doc)) {
      const candidates = isAbsolute(e.report)
        ? [e.report]
        : [resolve(dirname(file), e.report), resolve(projectRoot(), e.report), resolve(dir, e.report)];
      const path = candidates.find((p) => existsSync(p) && statSync(p).isFile());
      if (!path) {
        problems.push(`${relative(projectRoot(), file)}: 找不到报告文件 ${e.report}`);
        continue;
      }
      if (seen.has(path)) continue;
      seen.add(path);
      const extracted = await extractDocument(await readFile(path), path);
      if (!extracted.ok) {
        problems.push(`${relative(projectRoot(), path)}: ${extracted.message}`);
        continue;
      }
      const unit = typeof e.unit === 'string' && e.unit.trim() ? e.unit.trim() : null;
      const level = UNIT_LEVELS.includes(e.unitLevel as UnitLevel) ? (e.unitLevel as UnitLevel) : unit ? levelOfName(unit) : null;
      const year = typeof e.year === 'number' ? e.year : typeof e.year === 'string' && /^\d{4}$/u.test(e.year) ? Number(e.year) : null;
      const aliases = Array.isArray(e.aliases) ? e.aliases.filter((a): a is string => typeof a === 'string') : [];
      cases.push({ id: relative(projectRoot(), path), text: extracted.text, expected: { unit, unitLevel: level, aliases, year } });
    }
  }
  return { cases, problems };
}

/** Both evaluations: rewritten seeds, and the frozen set when it has labelled reports. */
export interface UnitYearEvaluation {
  rewrittenSeeds: UnitYearScore;
  frozen: UnitYearScore | null;
  problems: string[];
}

export async function evaluateUnitYear(frozenDir = DEFAULT_FROZEN, seedDir?: string): Promise<UnitYearEvaluation> {
  const rewrittenSeeds = scoreUnitYear(rewrittenCases(loadSeedSources(seedDir)));
  const frozenCases = await loadFrozenCases(frozenDir);
  const frozen = frozenCases.cases.length > 0 ? scoreUnitYear(frozenCases.cases) : null;
  return { rewrittenSeeds, frozen, problems: frozenCases.problems };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Every unit read tentatively, right or wrong, with its confidence and reason. */
function tentativeReadings(s: UnitYearScore): Array<{ id: string; unit: string; right: boolean; confidence: number; reason: string }> {
  return s.outcomes
    .filter((o) => o.unitTentative && o.detectedUnit !== null)
    .map((o) => ({ id: o.id, unit: o.detectedUnit!, right: o.unitRight, confidence: o.unitConfidence ?? 0, reason: o.unitReason ?? '' }));
}

function summary(e: UnitYearEvaluation, listTentative = false): string {
  const lines = ['单位与年度识别评估（不给单位、年度和登记单位）'];
  const block = (title: string, s: UnitYearScore | null): void => {
    if (!s) {
      lines.push(`${title}：没有已标注的报告`);
      return;
    }
    lines.push(`${title}：${s.reports} 份报告；单位正确 ${pct(s.unit)}，年度正确 ${pct(s.year)}，两者都正确 ${pct(s.both)}`);
    lines.push(
      `  单位为推定（把握较低，导入时不入库）${s.tentativeUnits} 份，其中错 ${s.tentativeWrong} 份；有把握却读错（导入会存到别的单位名下）${s.confidentWrong} 份`,
    );
    if (listTentative) {
      for (const t of tentativeReadings(s)) {
        lines.push(`  推定 ${t.id}：${t.unit}（把握 ${t.confidence}，${t.right ? '对' : '错'}）——${t.reason}`);
      }
    }
    for (const o of s.outcomes.filter((x) => !x.unitRight || !x.yearRight)) {
      lines.push(
        `  错误 ${o.id}：单位 ${o.detectedUnit ?? '（无）'}${o.unitTentative ? '（推定）' : ''}（应为 ${o.expectedUnit ?? '（无）'}），年度 ${o.detectedYear ?? '（无）'}（应为 ${o.expectedYear ?? '（无）'}）`,
      );
    }
  };
  block('改写的示例报告 (rewritten seeds)', e.rewrittenSeeds);
  block('冻结测试集 (frozen set)', e.frozen);
  for (const p of e.problems) lines.push(`  注意：${p}`);
  return `${lines.join('\n')}\n`;
}

function figures(s: UnitYearScore | null): object | null {
  if (!s) return null;
  return {
    reports: s.reports,
    unit: s.unit,
    year: s.year,
    both: s.both,
    tentativeUnits: s.tentativeUnits,
    tentativeWrong: s.tentativeWrong,
    confidentWrong: s.confidentWrong,
    tentative: tentativeReadings(s),
    misses: s.outcomes
      .filter((o) => !o.unitRight || !o.yearRight)
      .map(({ id, expectedUnit, detectedUnit, unitTentative, expectedYear, detectedYear }) => ({
        id,
        expectedUnit,
        detectedUnit,
        unitTentative,
        expectedYear,
        detectedYear,
      })),
  };
}

/** The sets over `max` units read with confidence and wrong, as a Chinese line each. */
function confidentWrongOver(e: UnitYearEvaluation, max: number): string[] {
  const sets: Array<[string, UnitYearScore | null]> = [
    ['改写的示例报告', e.rewrittenSeeds],
    ['冻结测试集', e.frozen],
  ];
  return sets
    .filter(([, s]) => s !== null && s.confidentWrong > max)
    .map(
      ([title, s]) =>
        `${title}有 ${s!.confidentWrong} 份报告的单位有把握却读错（上限 ${max}）：${s!.outcomes
          .filter((o) => o.detectedUnit !== null && !o.unitRight && !o.unitTentative)
          .map((o) => `${o.id} 读作 ${o.detectedUnit}（应为 ${o.expectedUnit ?? '（无）'}）`)
          .join('；')}\n`,
    );
}

/** Runs the command; returns the exit code (0; 1 when `--max-confident-wrong` is exceeded; 2 for bad arguments). */
export async function runEvaluateUnitYearCli(
  argv: string[],
  io: CliIO = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  type Options = { json?: boolean; frozen: string; tentative?: boolean; maxConfidentWrong?: string };
  let opts: Options = { frozen: DEFAULT_FROZEN };
  const program = new Command()
    .name('fazhi evaluate-unit-year')
    .description('单位与年度识别的正确率：改写的示例报告和冻结测试集')
    .option('--json', 'print one JSON document')
    .option('--frozen <dir>', 'folder of the frozen test set (label files and texts)', DEFAULT_FROZEN)
    .option('--tentative', 'list every unit read tentatively (right or wrong) with its confidence and reason')
    .option('--max-confident-wrong <n>', 'exit 1 when a set has more than n units read with confidence and wrong')
    .action((o: Options) => {
      opts = o;
    });
  const stop = await parseCommandLine(program, argv, io, 2);
  if (stop !== null) return stop;
  const max = opts.maxConfidentWrong === undefined ? null : Number(opts.maxConfidentWrong);
  if (max !== null && !(Number.isInteger(max) && max >= 0)) {
    io.stderr.write(`--max-confident-wrong 须为非负整数，收到“${opts.maxConfidentWrong}”\n`);
    return 2;
  }
  const result = await evaluateUnitYear(resolve(opts.frozen));
  if (opts.json) {
    const doc = { rewrittenSeeds: figures(result.rewrittenSeeds), frozen: figures(result.frozen), problems: result.problems };
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else io.stdout.write(summary(result, opts.tentative));
  const over = max === null ? [] : confidentWrongOver(result, max);
  for (const line of over) io.stderr.write(line);
  return over.length > 0 ? 1 : 0;
}

if (require.main === module) {
  runEvaluateUnitYearCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`evaluate:unit-year: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
