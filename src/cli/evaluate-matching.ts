/**
 * How well the matcher reads reports, measured so that it cannot flatter (docs/evaluation.md):
 *
 *   npm run -s evaluate [-- --json] [--verbose] [--no-frozen] [--cross]
 *
 * - 留一报告交叉验证 (leave-one-report-out): every labelled report — the seeds
 *   (test/fixtures/labels) and every set of {@link LABELLED_SETS} — is matched with rules built
 *   without the rule terms only its own text contains (among all labelled reports) and a model
 *   fitted on the OTHER reports' labels, then scored; micro over all of them, and per set.
 * - 冻结测试集 (frozen): the held-out set {@link HELD_OUT_SET} (docs/evaluation.md), matched as the
 *   product matches: the full rules, the similarity fitted on the seeds and the examples of every
 *   labelled set of {@link LABELLED_SETS} (what `--write-examples` ships). While it is one of {@link LABELLED_SETS}
 *   it is tuning data like the others and says so. Empty (reports 0, figures null) until labelled;
 *   `null` while no held-out set is pending (`frozen: { set: null, pending: true }`, 冻结集待标注).
 * - each labelled set as the product reads it (the same model; a report's own sentences are never
 *   its examples): tuning figures.
 * - 调优集 (tuning): the five seed reports with the full rules: fitted, not a prediction.
 *
 * Each is shown for the rules alone, the similarity alone, the labelled examples alone and all
 * combined (src/evidence/pipeline.ts `combine`); micro
 * precision / recall / F1 over claim × item pairs, and report × item beside them.
 * `--json` prints `{ leaveOneReportOut, frozen, frozen1, …, frozen6, tuning }` with the
 * combined figures at the top of each and `bySignal` inside (`leaveOneReportOut.sets` per set).
 * `--verbose` lists the leave-one-out errors of the seed reports (never a held-out text).
 * `--no-frozen` leaves every frozen folder out (leave-one-out over the seeds only).
 * `--held-out-only` prints only `{ frozen }`, the held-out set as the plain command scores it (no leave-one-out run),
 *   and `frozen.unscoredAsMisses`: the same figures with the labelled items no claim can carry counted as misses.
 *
 * `--from-reviews`: learning from reviewers measured on the seeds (four reports' gold labels
 * replayed as reviews, the fifth scored before/after, all rotations; then frozen sets 1 and 2),
 * and for each checklist version in the database of the environment its stored review
 * decisions and the model before → after re-estimating from them; `--apply` stores the
 * re-estimates (a new matcher_weights row per version, written to the audit trail). Then the
 * examples and learned decision re-learnt from reviews (review-replay.ts): the shipped model with
 * four seed reports' labels replayed as reviews, the fifth scored before/after; and for each
 * labelled set a model without it and the next set, the next set's labels replayed, the set scored.
 * `--cross --errors`: the cross-fitted errors counted by cause (src/evidence/error-analysis.ts), pooled and per item.
 * `--cross`: leave-one-set-out over all the labelled data (the seeds and {@link LABELLED_SETS}),
 * each set scored with what is learnt (calibration, thresholds) fitted without it; pooled over the
 * labelled sets it is the cross-fitted figure of docs/evaluation.md. `--no-frozen` does not apply.
 * `--fit` prints the starting similarity calibration fitted on the seed labels, for the
 * checklist file's `matching:` block.
 * `--no-examples`: the matcher without the examples signal (the figures before it), plain and `--cross`.
 * `--no-learned`: the examples signal without the learned decision (learned.ts): the signals joined by
 * `combine` as before it, plain and `--cross`; `--write-examples --no-learned` writes no decision.
 * `--neighbours K`: how many nearest examples vote (default 20).
 * `--write-examples [FILE]`: writes the product's examples (seeds/examples.json) from the labelled
 * sets (never the seed reports) with the vote calibration and threshold fitted on them.
 * `--help` prints the options; an unknown option or a missing value exits 2 with a Chinese message (nothing run).
 * Exit code 1 when the checklist or a label file is bad.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatChecklistErrors, loadChecklistFile } from '../checklist/checklist-file';
import type { ChecklistItemDefinition } from '../checklist/types';
import { extractDocument } from '../documents/extract';
import { compareCodes, sumScores, type GoldFile, type Score } from '../evidence/evaluate';
import { replayEvaluation, type ReplayResult } from '../evidence/review-replay';
import {
  countingUnscoredAsMisses,
  evaluateCross,
  evaluateFrozen,
  evaluateLeaveOneOut,
  evaluateTuning,
  sliceResult,
  SIGNALS,
  summarise,
  type LabelledReport,
  type MatchPipeline,
  type SetResult,
  type Signal,
} from '../evidence/evaluation-suite';
import {
  combinedPipeline,
  examplesPipeline,
  fitModel,
  learnedPipeline,
  fromReviewsPipeline,
  sourceOf,
  storedClassifierOf,
  TERM_WEIGHT_FLOOR,
  type MatcherModel,
} from '../evidence/pipeline';
import { EXAMPLES_FILE, type ExamplesFile } from '../checklist/examples-file';
import { analyzeReport } from '../reading/analyze';
import { projectRoot } from '../common/project-root';
import { formatTable } from './text-table';
import { errorReport, errorsOfSet, tracingPipeline } from './evaluate-errors';
import { unscoredLabelItems } from '../evidence/error-analysis';
import { LABELLED_SETS } from '../evidence/labelled-sets';

interface GoldFileWithMeta extends GoldFile {
  unit?: string;
  year?: number;
}

/**
 * The held-out set `--json` reports as `frozen`, a folder of test/fixtures, or `null` while no
 * held-out set is pending (then `frozen` is `{ set: null, pending: true }` and the table says
 * 冻结集待标注). Point it at a new set once that set is labelled (one line), at measurement time;
 * a held-out set must not be in {@link LABELLED_SETS}. Sets 1–25 have each been read and are
 * tuning data now (docs/evaluation.md; sets 24 and 25 were read, held out, at d4c7f7b and
 * again at 8724368). Frozen sets 26 and 27 were read, held out, at b20aed5, 4710e2a and b4ec804
 * (session 36); the next held-out set is frozen set 28: the lead points this at `frozen-28` at
 * measurement time.
 */
const HELD_OUT_SET: string | null = null;

const SIGNAL_NAMES: Record<Signal, string> = {
  rules: '规则 rules',
  similarity: '相似度 similarity',
  examples: '例句 examples',
  combined: '合并 combined',
};

function pct(v: number | null): string {
  return v === null ? '—' : (v * 100).toFixed(1);
}

/** A table whose first column is left-aligned and every other one (the figures) right-aligned. */
function table(header: string[], rows: string[][]): string {
  return formatTable(
    header,
    rows,
    header.map((_, i) => i).filter((i) => i > 0),
  ).replace(/\n$/u, '');
}

function scoreCells(s: Score): string[] {
  return [String(s.tp), String(s.fp), String(s.fn), pct(s.precision), pct(s.recall), pct(s.f1)];
}

function labelFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** Reads a gold file and analyses its report. Problems go to `problems` (never report text). */
async function loadLabelled(root: string, file: string, problems: string[]): Promise<LabelledReport | null> {
  let gold: GoldFileWithMeta;
  try {
    gold = JSON.parse(readFileSync(file, 'utf8')) as GoldFileWithMeta;
  } catch (e) {
    problems.push(`${relative(root, file)}: 无法读取标注文件 (cannot read the label file): ${(e as Error).message}`);
    return null;
  }
  if (typeof gold.report !== 'string' || !Array.isArray(gold.labels)) {
    problems.push(`${relative(root, file)}: 标注文件缺少 report 或 labels (expected { report, labels })`);
    return null;
  }
  const path = join(root, gold.report);
  let raw: string;
  if (gold.report.toLowerCase().endsWith('.txt')) {
    raw = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } else {
    const extracted = await extractDocument(readFileSync(path), path);
    if (!extracted.ok) {
      problems.push(`${relative(root, file)}: 报告无法读取 (report unreadable): ${extracted.code}`);
      return null;
    }
    raw = extracted.text;
  }
  const analysis = analyzeReport(raw, { ...(gold.unit ? { unit: gold.unit } : {}), ...(gold.year ? { year: gold.year } : {}) });
  const name = `${gold.report.split('/').pop()?.slice(0, 3) ?? ''} ${gold.unit ?? ''} ${gold.year ?? ''}`.trim();
  return { name, raw, labels: gold.labels, claims: analysis.claims, metrics: analysis.metrics };
}

function loadItems(root: string): ChecklistItemDefinition[] | string {
  const loaded = loadChecklistFile(join(root, 'seeds', 'checklist.yaml'), 'seeds/checklist.yaml');
  return loaded.checklist ? loaded.checklist.items : formatChecklistErrors(loaded.errors);
}

function setRows(label: string, set: SetResult): string[][] {
  return SIGNALS.map((signal) => {
    const s = set.bySignal[signal];
    return [
      label,
      SIGNAL_NAMES[signal],
      String(set.reports),
      String(s.labelledClaims),
      String(s.links),
      ...scoreCells(s.pairs),
      pct(s.reportItems.precision),
      pct(s.reportItems.recall),
      pct(s.reportItems.f1),
    ];
  });
}

/** One labelled set's reports and figures, in the order of {@link LABELLED_SETS} after the seeds. */
interface NamedResult {
  name: string;
  result: SetResult;
}

function combinedRow(label: string, set: SetResult): string[] {
  return setRows(label, set).find((r) => r[1] === SIGNAL_NAMES.combined) ?? [];
}

function printText(
  items: ChecklistItemDefinition[],
  loo: SetResult,
  looBySet: NamedResult[],
  perSet: NamedResult[],
  heldOut: { name: string; tuned: boolean; result: SetResult } | null,
  tuning: SetResult,
  verbose: boolean,
  tuningReports: LabelledReport[],
): string {
  const out: string[] = [];
  out.push('匹配质量 Matching quality (micro; claim × item pairs over labelled claims, report × item beside)');
  out.push('');
  out.push(
    table(
      ['set', 'signal', 'reports', 'labelled claims', 'links', 'TP', 'FP', 'FN', 'P %', 'R %', 'F1 %', 'report×item P %', 'R %', 'F1 %'],
      [
        ...setRows(`留一报告 leave-one-report-out (${looBySet.map((s) => s.name).join(' + ')})`, loo),
        ...looBySet.map((s) => combinedRow(`  留一报告 of which ${s.name}`, s.result)),
        ...perSet.map((s) => combinedRow(`${s.name} (full rules, seed model; tuning data)`, s.result)),
        ...(heldOut === null
          ? [['冻结测试集 frozen: 冻结集待标注 (no held-out set pending)', '', '0', '', '', '', '', '', '—', '—', '—', '—', '—', '—']]
          : heldOut.result.reports > 0
            ? setRows(`冻结测试集 frozen = ${heldOut.name}${heldOut.tuned ? ' (tuning data now)' : ' (held out)'}`, heldOut.result)
            : [[`冻结测试集 frozen = ${heldOut.name}`, '(no labelled reports)', '0', '', '', '', '', '', '—', '—', '—', '—', '—', '—']]),
        ...setRows('调优集 tuning (fitted, not a prediction)', tuning),
      ],
    ),
  );
  out.push('');
  out.push('Leave-one-report-out per seed report (combined)');
  out.push('');
  const combined = loo.bySignal.combined;
  const seeds = tuningReports.length;
  out.push(
    table(
      ['left out', 'terms dropped', 'labelled claims', 'links', 'TP', 'FP', 'FN', 'P %', 'R %', 'F1 %'],
      combined.perReport
        .slice(0, seeds)
        .map((r, i) => [
          r.name,
          String(loo.dropped?.[i]?.terms.length ?? 0),
          String(r.evaluation.labelledClaims),
          String(r.links),
          ...scoreCells(r.evaluation.pairs),
        ]),
    ),
  );
  const dropped = (loo.dropped ?? []).slice(seeds).reduce((n, d) => n + d.terms.length, 0);
  out.push(`(the other ${combined.perReport.length - seeds} reports: ${dropped} rule terms dropped in all)`);
  out.push('');
  out.push('Leave-one-report-out per item (combined, every labelled report)');
  out.push('');
  const perItem = new Map<string, Score[]>();
  for (const r of combined.perReport) for (const [code, s] of r.evaluation.perItem) perItem.set(code, [...(perItem.get(code) ?? []), s]);
  const titles = new Map(items.map((i) => [i.code, i.title]));
  out.push(
    table(
      ['item', 'title', 'TP', 'FP', 'FN', 'P %', 'R %', 'F1 %'],
      [...perItem.entries()]
        .sort(([a], [b]) => compareCodes(a, b))
        .map(([code, list]) => [code, (titles.get(code) ?? '').slice(0, 16), ...scoreCells(sumScores(list))]),
    ),
  );
  if (verbose) {
    for (const [i, r] of combined.perReport.slice(0, seeds).entries()) {
      const report = tuningReports[i]!; // the first entries of combined.perReport are the seed reports
      out.push('');
      out.push(
        `Leave-one-out errors in ${r.name}; terms dropped: ${(loo.dropped?.[i]?.terms ?? []).map((t) => `${t.itemCode}:${t.term}`).join(' ') || '-'}`,
      );
      const text = new Map(report.claims.map((c) => [c.id, `[${c.sectionKind}] ${c.text}`]));
      for (const e of r.evaluation.errors)
        out.push(`  ${e.kind} ${e.itemCode.padEnd(5)} ${e.claimId}: ${(text.get(e.claimId) ?? '').slice(0, 90)}`);
    }
  }
  return out.join('\n');
}

/**
 * The reviews stored in the database of the environment (SQLITE_PATH / DATABASE_URL), per
 * checklist version: how many decisions, and the model before and after re-estimating it from
 * them; `apply` stores the re-estimates (audited). No database file: says so, creates none.
 */
async function reviewsInDatabase(apply: boolean, json: boolean): Promise<number> {
  const { loadConfig } = await import('../config');
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    process.stderr.write(`evaluate: ${(e as Error).message}\n`);
    return 1;
  }
  if (config.database.type === 'sqlite' && !existsSync(config.database.path)) {
    if (!json)
      process.stdout.write(
        `\n数据库 ${config.database.path} 不存在，没有可学习的审核记录（no database: nothing reviewed to learn from; run npm start first）\n`,
      );
    return 0;
  }
  // the database modules load only when reviews are asked for: the rest of the command needs none
  const { openDatabase } = await import('./open-database');
  const { Checklist } = await import('../checklist/checklist.entity');
  const { loadChecklistDefinition } = await import('../checklist/checklist.service');
  const { learnFromReviews, applyLearnedModel } = await import('../evidence/matcher-weights.service');
  const { runWrite } = await import('../db/write-lock');
  const db = await openDatabase();
  try {
    const checklists = await db.dataSource.getRepository(Checklist).find({ order: { key: 'ASC', version: 'ASC' } });
    const out: string[] = ['', '数据库中的审核 Reviews in the database (model before → after re-estimating from them)', ''];
    const rows: string[][] = [];
    for (const checklist of checklists) {
      const loaded = await loadChecklistDefinition(db.dataSource.manager, checklist.id);
      const learned = await learnFromReviews(db.dataSource.manager, checklist.id, loaded.definition);
      const low = Object.values(learned.after.termWeights)
        .flatMap((w) => Object.values(w))
        .filter((w) => w < TERM_WEIGHT_FLOOR).length;
      let applied = '-';
      if (apply && learned.evidence.decided > 0) {
        const row = await runWrite(db.dataSource, db.lock, (m) =>
          applyLearnedModel(m, checklist.id, learned, `cli:evaluate (${process.env.USER ?? 'unknown'})`),
        );
        applied = `已保存 stored #${row.id}`;
      }
      rows.push([
        `${checklist.key} v${checklist.version}`,
        String(learned.evidence.decided),
        String(learned.evidence.reviewedClaims),
        `${learned.before.threshold} → ${learned.after.threshold}`,
        String(low),
        `${pct(learned.scoreBefore.f1)} → ${pct(learned.scoreAfter.f1)}`,
        learned.after.reviewed
          ? `${learned.after.reviewed.examples.length}${learned.after.reviewed.decision ? ' + decision 判定' : ''}`
          : '-',
        apply ? applied : learned.evidence.decided > 0 ? '(--apply 保存 to store)' : '-',
      ]);
    }
    out.push(
      table(
        [
          'checklist',
          'decisions',
          'reviewed claims',
          'similarity threshold',
          'words rejected',
          'F1 % on reviewed claims (fitted)',
          'examples 例句 (+ decision)',
          'applied',
        ],
        rows,
      ),
    );
    if (!json) process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  } finally {
    await db.dataSource.destroy();
  }
}

/** Replays summed: the scored reports' counts before and after, the reviewed claims added up. */
function pooledReplay(runs: readonly ReplayResult[]): ReplayResult {
  return {
    reviewed: runs.flatMap((r) => r.reviewed),
    scored: runs.flatMap((r) => r.scored),
    reviewedClaims: runs.reduce((n, r) => n + r.reviewedClaims, 0),
    before: sumScores(runs.map((r) => r.before)),
    after: sumScores(runs.map((r) => r.after)),
  };
}

/** The replays of the learned decision and examples (review-replay.ts) as tables. */
function replayText(replay: ReturnType<typeof replayEvaluation>): string {
  const row = (label: string, r: ReplayResult) => [label, String(r.reviewedClaims), ...scoreCells(r.before), ...scoreCells(r.after)];
  const header = ['scored', 'reviewed claims', 'TP', 'FP', 'FN', 'P %', 'R %', 'F1 %', 'after: TP', 'FP', 'FN', 'P %', 'R %', 'F1 %'];
  return [
    '从审核学习：学得的判定与例句 Learning from reviews, the learned decision and examples: the model before (fitted without the',
    "reviewed and scored reports), the reviewed reports' gold labels replayed as reviews of what it proposes, the decision re-fitted",
    "on them anchored on the model's and their claims added as examples; the scored report read before and after.",
    '',
    'Seeds: the model of the labelled sets (as shipped); the other four seed reports reviewed',
    '',
    table(header, [...replay.seeds.map((r) => row(r.scored[0] ?? '', r)), row('micro', pooledReplay(replay.seeds))]),
    '',
    "Sets: a model of the seeds and the other sets; the next set reviewed (another district's reviewers)",
    '',
    table(header, [...replay.sets.map((r) => row(`${r.set} (reviewed ${r.reviewedSet})`, r)), row('micro', pooledReplay(replay.sets))]),
  ].join('\n');
}

function summariseScore(p: Score): Record<string, number | null> {
  const r4 = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 10000);
  return { tp: p.tp, fp: p.fp, fn: p.fn, precision: r4(p.precision), recall: r4(p.recall), f1: r4(p.f1) };
}

/**
 * Learning from reviewers, measured: the gold labels of four seed reports replayed as reviews
 * (every rule link accepted or rejected), the term weights re-estimated from them, and the
 * fifth report scored before and after; all five rotations, then the frozen set.
 */
function fromReviewsText(
  before: SetResult,
  after: SetResult,
  frozenBefore: SetResult,
  frozenAfter: SetResult,
  frozen2Before: SetResult,
  frozen2After: SetResult,
  weights: Record<string, Record<string, number>>,
): string {
  const out: string[] = [];
  out.push('从审核学习 Learning from reviews: gold labels of 4 seed reports replayed as reviews, the 5th scored (combined signal)');
  out.push('');
  const rows = before.bySignal.combined.perReport.map((r, i) => {
    const a = after.bySignal.combined.perReport[i]!; // before and after score the same reports
    return [r.name, ...scoreCells(r.evaluation.pairs), ...scoreCells(a.evaluation.pairs)];
  });
  rows.push(['micro', ...scoreCells(before.bySignal.combined.pairs), ...scoreCells(after.bySignal.combined.pairs)]);
  if (frozenBefore.reports > 0) {
    rows.push([
      `冻结测试集 frozen (${frozenBefore.reports})`,
      ...scoreCells(frozenBefore.bySignal.combined.pairs),
      ...scoreCells(frozenAfter.bySignal.combined.pairs),
    ]);
  }
  if (frozen2Before.reports > 0) {
    rows.push([
      `冻结测试集 2 frozen-2 (${frozen2Before.reports})`,
      ...scoreCells(frozen2Before.bySignal.combined.pairs),
      ...scoreCells(frozen2After.bySignal.combined.pairs),
    ]);
  }
  out.push(table(['scored report', 'TP', 'FP', 'FN', 'P %', 'R %', 'F1 %', 'after: TP', 'FP', 'FN', 'P %', 'R %', 'F1 %'], rows));
  out.push('');
  const low = Object.entries(weights).flatMap(([code, words]) =>
    Object.entries(words)
      .filter(([, w]) => w < TERM_WEIGHT_FLOOR)
      .map(([word, w]) => `${code} ${word} ${w.toFixed(2)}`),
  );
  out.push(
    `Rule words reviewers mostly rejected (weight < ${TERM_WEIGHT_FLOOR}; all five seed reports replayed as reviews): ${low.length}`,
  );
  for (const line of low) out.push(`  ${line}`);
  return out.join('\n');
}

function jsonOf(set: SetResult): Record<string, unknown> {
  return {
    ...summarise(set.bySignal.combined, set.reports),
    bySignal: Object.fromEntries(SIGNALS.map((s) => [s, summarise(set.bySignal[s], set.reports)])),
  };
}

/**
 * `--write-examples [FILE]`: the product's examples (seeds/examples.json by default) from the
 * labelled sets of {@link LABELLED_SETS} — never the seed reports, whose labelled sentences would
 * otherwise be the demo reports' own answers — with the vote calibration and threshold fitted on
 * those sets (each report's votes without its own sentences), for the checklist's key and item codes.
 */
function writeExamples(
  root: string,
  items: ChecklistItemDefinition[],
  sets: ReadonlyArray<{ name: string; reports: LabelledReport[] }>,
  argv: string[],
  hadProblems: boolean,
): number {
  const loaded = loadChecklistFile(join(root, 'seeds', 'checklist.yaml'), 'seeds/checklist.yaml').checklist;
  if (!loaded) return 1;
  const at = argv.indexOf('--write-examples');
  const next = argv[at + 1];
  const out = next && !next.startsWith('--') ? next : join(root, EXAMPLES_FILE);
  const reports = sets.flatMap((s) => s.reports);
  const model = fitModel(items, reports, { examples: true, learned: !argv.includes('--no-learned') });
  const ex = model.examples;
  if (!ex) return 1;
  const classifier = storedClassifierOf(items, model);
  // an example's source as a reader can find it: the labelled set and the report's label file
  const names = new Map(sets.flatMap((s) => s.reports.map((r) => [sourceOf(r), `${s.name}/${r.name}`] as const)));
  const file: ExamplesFile = {
    checklist: { key: loaded.key, version: loaded.version, itemCodes: items.filter((i) => i.assessable).map((i) => i.code) },
    generatedBy: `npm run -s examples:write — labelled sets ${sets.map((s) => s.name).join(', ')} (not the seed reports)`,
    neighbours: ex.neighbours,
    calibration: ex.calibration,
    threshold: ex.threshold,
    aloneThreshold: ex.aloneThreshold,
    ...(ex.decision ? { decision: ex.decision } : {}),
    ...(classifier ? { classifier } : {}),
    examples: ex.examples.map((e) => ({ items: [...e.items], text: e.text, source: names.get(e.source) ?? '?' })),
  };
  // one example a line: the file is read and diffed by people
  // the classifier on one line (its weights are one base64 string)
  const { examples, classifier: stored, ...head } = file;
  const body = JSON.stringify(head, null, 2).replace(/\n\}$/u, '');
  const classifierLine = stored ? `\n  "classifier": ${JSON.stringify(stored)},` : '';
  writeFileSync(
    out,
    `${body},${classifierLine}\n  "examples": [\n${examples.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]\n}\n`,
  );
  process.stdout.write(
    `写入 wrote ${relative(process.cwd(), out) || out}: ${file.examples.length} examples from ${reports.length} reports; ` +
      `vote calibration ${JSON.stringify(ex.calibration)}, threshold ${ex.threshold}\n`,
  );
  return hadProblems ? 1 : 0;
}

/** The options `fazhi evaluate` knows; the ones taking a value say so (`--write-examples` takes an optional file). */
const EVALUATE_OPTIONS: Readonly<Record<string, 'flag' | 'value' | 'optional-value'>> = {
  '--json': 'flag',
  '--verbose': 'flag',
  '-v': 'flag',
  '--no-frozen': 'flag',
  '--cross': 'flag',
  '--errors': 'flag',
  '--held-out-only': 'flag',
  '--from-reviews': 'flag',
  '--apply': 'flag',
  '--fit': 'flag',
  '--no-examples': 'flag',
  '--no-learned': 'flag',
  '--no-classifier': 'flag',
  '--neighbours': 'value',
  '--write-examples': 'optional-value',
};

const EVALUATE_USAGE = `用法 / usage: npm run -s evaluate -- [选项]
  --json              以 JSON 输出（leaveOneReportOut、frozen、tuning …）
  --held-out-only     只评估留出的冻结集（不做留一报告验证）
  --cross             按标注集交叉拟合（leave-one-set-out）；加 --errors 按原因统计错误
  --no-frozen         不读任何冻结集目录
  --no-examples       不用标注例句信号；--no-learned 不用学习的判定；--no-classifier 不用文本分类器
  --neighbours K      参与投票的最近例句数（默认 20）
  --from-reviews      从审核决定学习（前后对比）；加 --apply 保存重新估计的权重
  --write-examples [FILE]  写出产品的例句与判定（默认 seeds/examples.json）
  --fit               打印在示例报告上拟合的相似度校准
  --agreement DIR     比较两位标注者对同一集合的标注（不运行匹配器）
  --verbose, -v       列出示例报告的留一错误
  --help, -h          显示本说明
说明见 docs/evaluation.md。`;

/**
 * The first argument `fazhi evaluate` does not know, or a value missing after an option that needs one
 * (a Chinese message), or `null`: a mistyped option must not start an hour-long leave-one-out run silently.
 */
export function evaluateArgumentProblem(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const kind = EVALUATE_OPTIONS[arg];
    if (kind === undefined) return `不认识的参数“${arg}”（unknown option）。\n${EVALUATE_USAGE}`;
    const next = argv[i + 1];
    if (kind === 'value') {
      if (next === undefined || next.startsWith('-')) return `参数 ${arg} 后面缺少取值（missing value）。\n${EVALUATE_USAGE}`;
      i += 1;
    } else if (kind === 'optional-value' && next !== undefined && !next.startsWith('-')) i += 1;
  }
  return null;
}

/** Runs the command (`fazhi evaluate`); returns the exit code. */
export async function runEvaluateCli(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${EVALUATE_USAGE}\n`);
    return 0;
  }
  // --agreement DIR: two labellers of one set compared (src/cli/label-agreement.ts); runs no matcher
  if (argv.includes('--agreement')) return (await import('./label-agreement')).runLabelAgreementCli(argv);
  const argumentProblem = evaluateArgumentProblem(argv);
  if (argumentProblem !== null) {
    process.stderr.write(`${argumentProblem}\n`);
    return 2;
  }
  const json = argv.includes('--json');
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const root = projectRoot();
  const items = loadItems(root);
  if (typeof items === 'string') {
    process.stderr.write(`${items}\n`);
    return 1;
  }
  const problems: string[] = [];
  const tuningReports = (
    await Promise.all(labelFiles(join(root, 'test', 'fixtures', 'labels')).map((f) => loadLabelled(root, f, problems)))
  ).filter((r): r is LabelledReport => r !== null);
  const cross = argv.includes('--cross');
  const fromReviews = argv.includes('--from-reviews');
  // --no-frozen: while rules or weights are being worked on, no frozen folder is read
  const noFrozen = argv.includes('--no-frozen') && !cross;
  const loadSet = async (dir: string) =>
    noFrozen
      ? []
      : (await Promise.all(labelFiles(join(root, 'test', 'fixtures', dir, 'labels')).map((f) => loadLabelled(root, f, problems)))).filter(
          (r): r is LabelledReport => r !== null,
        );
  const sets: { name: string; reports: LabelledReport[] }[] = [];
  for (const dir of LABELLED_SETS) sets.push({ name: dir, reports: await loadSet(dir) });
  const setReports = (dir: string) => sets.find((s) => s.name === dir)?.reports ?? [];
  // the held-out set is read only by the plain command, never by --cross or --from-reviews, so
  // nothing can be fitted on it
  const heldOutTuned = HELD_OUT_SET !== null && (LABELLED_SETS as readonly string[]).includes(HELD_OUT_SET);
  const heldOutReports =
    HELD_OUT_SET === null ? [] : heldOutTuned ? setReports(HELD_OUT_SET) : cross || fromReviews ? [] : await loadSet(HELD_OUT_SET);
  const neighboursArg = argv.indexOf('--neighbours');
  const neighbours = neighboursArg >= 0 ? Number(argv[neighboursArg + 1]) : undefined;
  // --no-examples: the matcher before the examples signal (rules, similarity and context only)
  const withExamples = !argv.includes('--no-examples');
  // --no-learned: the examples signal without the learned decision (the signals combined by `combine`)
  const learned = withExamples && !argv.includes('--no-learned');
  // --no-classifier: the learned decision without the text classifier (text-classifier.ts) among its signals
  const withClassifier = !argv.includes('--no-classifier');
  const pipeline = !withExamples ? combinedPipeline : learned ? learnedPipeline(neighbours, withClassifier) : examplesPipeline(neighbours);
  const warnLabelProblems = (name: string, set: SetResult) => {
    // labels whose quote maps to no single claim are counted and warned about, not fatal:
    // they are the labeller's data, scored as the evaluator maps them
    const n = set.bySignal.rules.perReport.reduce((k, r) => k + r.evaluation.problems.length, 0);
    if (n > 0) process.stderr.write(`警告 warning: ${name}: ${n} 条标注无法完整对应到一个断言 (labels not mapping to exactly one claim)\n`);
  };
  const tuning = evaluateTuning(items, tuningReports, pipeline);
  // label quotes that do not map to one claim: quoted for the seed reports, only counted for the others
  for (const r of tuning.bySignal.rules.perReport)
    for (const p of r.evaluation.problems) problems.push(`${r.name}: 标注 label ${JSON.stringify(p.quote)}: ${p.problem}`);
  for (const p of problems) process.stderr.write(`${p}\n`);

  if (fromReviews) {
    const frozenReports = setReports('frozen');
    const frozen2Reports = setReports('frozen-2');
    const loo = evaluateLeaveOneOut(items, tuningReports, pipeline);
    const frozen = evaluateFrozen(items, tuningReports, frozenReports, pipeline);
    const frozen2 = evaluateFrozen(items, tuningReports, frozen2Reports, pipeline);
    warnLabelProblems('frozen', frozen);
    warnLabelProblems('frozen-2', frozen2);
    const after = evaluateLeaveOneOut(items, tuningReports, fromReviewsPipeline);
    const frozenAfter = evaluateFrozen(items, tuningReports, frozenReports, fromReviewsPipeline);
    const frozen2After = evaluateFrozen(items, tuningReports, frozen2Reports, fromReviewsPipeline);
    const learned = fitModel(items, tuningReports, { fromReviews: true });
    // the learned decision and examples re-learnt from replayed reviews (review-replay.ts)
    const replay = replayEvaluation(
      items,
      tuningReports,
      sets.filter((s) => s.reports.length > 0),
      neighbours,
    );
    if (json) {
      const rotations = {
        before: jsonOf(loo),
        after: jsonOf(after),
        perReport: loo.bySignal.combined.perReport.map((r, i) => ({
          leftOut: r.name,
          before: summariseScore(r.evaluation.pairs),
          after: summariseScore(after.bySignal.combined.perReport[i]!.evaluation.pairs), // the same reports
        })),
      };
      const replayJson = (r: ReplayResult) => ({
        reviewed: r.reviewed.length,
        reviewedClaims: r.reviewedClaims,
        before: summariseScore(r.before),
        after: summariseScore(r.after),
      });
      const output = {
        rotations,
        frozen: { before: jsonOf(frozen), after: jsonOf(frozenAfter) },
        frozen2: { before: jsonOf(frozen2), after: jsonOf(frozen2After) },
        decision: {
          seeds: {
            ...replayJson(pooledReplay(replay.seeds)),
            perReport: replay.seeds.map((r) => ({ scored: r.scored[0], ...replayJson(r) })),
          },
          sets: {
            ...replayJson(pooledReplay(replay.sets)),
            perSet: replay.sets.map((r) => ({ scored: r.set, reviewedSet: r.reviewedSet, ...replayJson(r) })),
          },
        },
      };
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    } else {
      process.stdout.write(`${fromReviewsText(loo, after, frozen, frozenAfter, frozen2, frozen2After, learned.termWeights)}\n\n`);
      process.stdout.write(`${replayText(replay)}\n`);
    }
    const stored = await reviewsInDatabase(argv.includes('--apply'), json);
    return problems.length > 0 || stored !== 0 ? 1 : 0;
  }
  if (cross) {
    // --errors: what each signal named per claim is recorded as the folds run, for the causes of the errors
    const named = new Map<LabelledReport, Map<string, Set<string>>>();
    const withErrors = argv.includes('--errors');
    const crossed = evaluateCross(
      items,
      [{ name: 'seeds', reports: tuningReports }, ...sets],
      withErrors ? tracingPipeline(pipeline, named) : pipeline,
    );
    for (const f of crossed.folds.slice(1)) warnLabelProblems(f.name, f.result);
    const errors = withErrors
      ? (() => {
          const all = sets.map((s, k) => errorsOfSet(items, s.reports, (crossed.folds[k + 1] as { result: SetResult }).result, named));
          return errorReport(
            all.flatMap((a) => a.errors),
            all.reduce((n, a) => n + a.unscored, 0),
          );
        })()
      : null;
    if (json) {
      process.stdout.write(
        `${JSON.stringify(
          {
            cross: { ...jsonOf(crossed.pooled), sets: crossed.folds.slice(1).map((f) => f.name) },
            folds: Object.fromEntries(crossed.folds.map((f) => [f.name, { trainedOn: f.trainedOn, ...jsonOf(f.result) }])),
            ...(errors ? { errors: errors.json } : {}),
          },
          null,
          2,
        )}\n`,
      );
    } else {
      const out = [
        '交叉拟合 Cross-fitted (leave-one-set-out): each set scored with the similarity calibration and thresholds fitted WITHOUT it',
        '(seeds: leave-one-report-out, trained on the other seeds + every labelled set; each labelled set: trained on the seeds + the other sets).',
        'Hand-written rule terms are not re-fitted: they count as fitted to every text anyone read while writing them.',
        '',
        table(
          [
            'set',
            'signal',
            'reports',
            'labelled claims',
            'links',
            'TP',
            'FP',
            'FN',
            'P %',
            'R %',
            'F1 %',
            'report×item P %',
            'R %',
            'F1 %',
          ],
          [
            ...crossed.folds.flatMap((f) => setRows(`${f.name} (trained on ${f.trainedOn.join(' + ')})`, f.result)),
            ...setRows('合计 pooled labelled sets', crossed.pooled),
          ],
        ),
        ...(errors ? ['', errors.text] : []),
      ];
      process.stdout.write(`${out.join('\n')}\n`);
    }
    return problems.length > 0 ? 1 : 0;
  }
  if (argv.includes('--write-examples')) {
    return writeExamples(root, items, sets, argv, problems.length > 0);
  }
  if (argv.includes('--fit')) {
    const model = fitModel(items, tuningReports);
    const c = model.calibration;
    process.stdout.write(
      [
        '# 相似度信号的起始校准：在五份种子报告（调优集）的标注上拟合 — fitted on the five seed reports (tuning set)',
        '# by `npm run -s evaluate -- --fit`; re-estimated per checklist version from reviews by `evaluate -- --from-reviews --apply`',
        'matching:',
        `  similarity: { intercept: ${c.intercept}, slope: ${c.slope}, top: ${c.top}, threshold: ${model.threshold} }`,
        '',
      ].join('\n'),
    );
    return problems.length > 0 ? 1 : 0;
  }

  // leave-one-report-out over every labelled report: the seeds first, then each set in order
  const labelled = [{ name: 'seeds', reports: tuningReports }, ...sets];
  // --held-out-only: the held-out set's figures alone (the single read of a new frozen set), without the
  // leave-one-report-out run (half an hour on a loaded 2-core machine); the same model as the plain command
  if (argv.includes('--held-out-only'))
    return printHeldOutOnly(items, labelled, tuningReports, heldOutReports, pipeline, withExamples, neighbours, learned, withClassifier);
  const loo = evaluateLeaveOneOut(
    items,
    labelled.flatMap((s) => s.reports),
    pipeline,
  );
  let at = 0;
  const looBySet = labelled.map((s) => {
    at += s.reports.length;
    return { name: s.name, result: sliceResult(loo, at - s.reports.length, at) };
  });
  const asProduct = productPipeline(items, labelled, pipeline, withExamples, neighbours, learned, withClassifier);
  const perSet = sets
    .filter((s) => s.reports.length > 0)
    .map((s) => ({ name: s.name, result: evaluateFrozen(items, tuningReports, s.reports, asProduct) }));
  for (const s of perSet) warnLabelProblems(s.name, s.result);
  // no held-out set pending (HELD_OUT_SET null): nothing is read, `frozen` says so
  const heldOut =
    HELD_OUT_SET === null
      ? null
      : {
          name: HELD_OUT_SET,
          tuned: heldOutTuned,
          result: perSet.find((s) => s.name === HELD_OUT_SET)?.result ?? evaluateFrozen(items, tuningReports, heldOutReports, asProduct),
        };
  if (heldOut && !heldOutTuned) warnLabelProblems(heldOut.name, heldOut.result);
  if (json) {
    // each labelled set as the product reads it, keyed frozen1, frozen2, … (folder frozen-N → frozenN)
    const setKeys = Object.fromEntries(perSet.map((s) => [s.name === 'frozen' ? 'frozen1' : s.name.replace('-', ''), jsonOf(s.result)]));
    const output = {
      leaveOneReportOut: {
        ...jsonOf(loo),
        sets: Object.fromEntries(looBySet.map((s) => [s.name, summarise(s.result.bySignal.combined, s.result.reports)])),
      },
      frozen: heldOut
        ? { set: heldOut.name, heldOut: !heldOut.tuned, ...jsonOf(heldOut.result) }
        : { set: null, heldOut: false, pending: true, ...summarise(null, 0) },
      ...setKeys,
      tuning: jsonOf(tuning),
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    process.stdout.write(`${printText(items, loo, looBySet, perSet, heldOut, tuning, verbose, tuningReports)}\n`);
  }
  return problems.length > 0 ? 1 : 0;
}

/**
 * The matcher as the product matches: the similarity fitted on the seeds (the checklist file's calibration) and the
 * examples of every labelled set (seeds/examples.json, `--write-examples`).
 */
function productPipeline(
  items: ChecklistItemDefinition[],
  labelled: { name: string; reports: LabelledReport[] }[],
  pipeline: MatchPipeline<MatcherModel>,
  withExamples: boolean,
  neighbours: number | undefined,
  learned: boolean,
  classifier: boolean,
): MatchPipeline<MatcherModel> {
  const shipped = withExamples
    ? fitModel(
        items,
        labelled.slice(1).flatMap((s) => s.reports),
        { examples: true, neighbours, learned, classifier },
      ).examples
    : undefined;
  return {
    fit: (its, training) => ({ ...fitModel(its, training), ...(shipped ? { examples: shipped } : {}) }),
    run: pipeline.run,
  };
}

/** `--held-out-only`: `{ frozen }` as the plain command's JSON has it, nothing else computed. */
function printHeldOutOnly(
  items: ChecklistItemDefinition[],
  labelled: { name: string; reports: LabelledReport[] }[],
  tuningReports: LabelledReport[],
  heldOutReports: LabelledReport[],
  pipeline: MatchPipeline<MatcherModel>,
  withExamples: boolean,
  neighbours: number | undefined,
  learned: boolean,
  withClassifier: boolean,
): number {
  if (HELD_OUT_SET === null) {
    process.stdout.write(`${JSON.stringify({ frozen: { set: null, heldOut: false, pending: true, ...summarise(null, 0) } }, null, 2)}\n`);
    return 0;
  }
  const asProduct = productPipeline(items, labelled, pipeline, withExamples, neighbours, learned, withClassifier);
  const result = evaluateFrozen(items, tuningReports, heldOutReports, asProduct);
  const tuned = (LABELLED_SETS as readonly string[]).includes(HELD_OUT_SET);
  // the labelled items no claim can carry (not scored above), counted as the misses they are for a user
  const unscored = heldOutReports.reduce((n, r) => n + unscoredLabelItems(r.raw, r.claims, r.labels), 0);
  const unscoredAsMisses = countingUnscoredAsMisses(result.bySignal.combined.pairs, unscored);
  process.stdout.write(
    `${JSON.stringify({ frozen: { set: HELD_OUT_SET, heldOut: !tuned, ...jsonOf(result), unscoredAsMisses } }, null, 2)}\n`,
  );
  return 0;
}

if (require.main === module) {
  runEvaluateCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`evaluate: 意外错误 (unexpected error): ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
