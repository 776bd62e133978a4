import type { ChecklistItemDefinition } from '../checklist/types';
import type { AnalysedMetric } from '../reading/types';
import { evaluateLinks, sumScores, type ClaimSpan, type Evaluation, type GoldLabel, type Score } from './evaluate';
import { rulesWithout, type RuleTerm } from './leave-one-out';
import type { MatchableClaim } from './matcher';
import type { ProposedLink } from './types';

/**
 * The evaluation protocol of the matcher (docs/evaluation.md), pure: the caller reads the
 * files and analyses the reports.
 *
 * - **tuning**: every labelled seed report matched with the full rules and a model fitted on
 *   all of them. The rules were written looking at these reports, so this figure is fitted,
 *   not a prediction.
 * - **leave-one-report-out**: each labelled report in turn is matched with the rules minus
 *   the terms only its own text contains ({@link rulesWithout}) and a model fitted on the
 *   OTHER reports' labels only, then scored.
 * - **frozen**: reports labelled by someone else before the matcher's output was seen, which
 *   no rule, weight or threshold was changed for; matched with the full rules and the model
 *   fitted on all tuning reports.
 *
 * Each is scored for every signal the pipeline produces (rules alone, similarity alone,
 * combined): micro claim × item and report × item.
 */

/** A report with its gold labels and its analysis. */
export interface LabelledReport {
  name: string;
  raw: string;
  labels: GoldLabel[];
  claims: (MatchableClaim & ClaimSpan)[];
  metrics: AnalysedMetric[];
}

export const SIGNALS = ['rules', 'similarity', 'examples', 'combined'] as const;
export type Signal = (typeof SIGNALS)[number];

/** The links of each signal for one report. */
export type SignalLinks = Record<Signal, ProposedLink[]>;

/**
 * How links are made: `fit` learns whatever is learnt from labelled reports (never from the
 * report being scored), `run` proposes links with what was learnt.
 */
export interface MatchPipeline<Model> {
  fit(items: readonly ChecklistItemDefinition[], training: readonly LabelledReport[]): Model;
  run(items: readonly ChecklistItemDefinition[], report: LabelledReport, model: Model): SignalLinks;
}

/** One report scored for one signal. */
interface ReportScore {
  name: string;
  links: number;
  evaluation: Evaluation;
}

/** One set of reports (tuning, leave-one-out, frozen) scored for one signal. */
export interface SignalResult {
  /** claim × item, micro over the set */
  pairs: Score;
  /** report × item, micro over the set */
  reportItems: Score;
  links: number;
  labelledClaims: number;
  perReport: ReportScore[];
}

export interface SetResult {
  reports: number;
  bySignal: Record<Signal, SignalResult>;
  /** leave-one-out only: the terms dropped for each left-out report */
  dropped?: { name: string; terms: RuleTerm[] }[];
}

/** One signal's figures summed over the given reports. */
function sumReports(perReport: ReportScore[]): SignalResult {
  return {
    pairs: sumScores(perReport.map((p) => p.evaluation.pairs)),
    reportItems: sumScores(perReport.map((p) => p.evaluation.reportItems)),
    links: perReport.reduce((n, p) => n + p.links, 0),
    labelledClaims: perReport.reduce((n, p) => n + p.evaluation.labelledClaims, 0),
    perReport,
  };
}

/** Scores the links of each report for each signal. */
function scoreSet(reports: readonly LabelledReport[], links: readonly SignalLinks[]): SetResult {
  const bySignal = Object.fromEntries(
    SIGNALS.map((signal) => [
      signal,
      sumReports(
        reports.map((r, i) => {
          const own = links[i]?.[signal] ?? []; // links has an entry per report
          return { name: r.name, links: own.length, evaluation: evaluateLinks(r.raw, r.claims, r.labels, own) };
        }),
      ),
    ]),
  ) as Record<Signal, SignalResult>;
  return { reports: reports.length, bySignal };
}

/**
 * The reports `from` ≤ i < `to` of a scored set, summed again (e.g. one labelled set's share of
 * a leave-one-out run over several sets).
 */
export function sliceResult(result: SetResult, from: number, to: number): SetResult {
  const bySignal = Object.fromEntries(
    SIGNALS.map((signal) => [signal, sumReports(result.bySignal[signal].perReport.slice(from, to))]),
  ) as Record<Signal, SignalResult>;
  return {
    reports: bySignal.combined.perReport.length,
    bySignal,
    ...(result.dropped ? { dropped: result.dropped.slice(from, to) } : {}),
  };
}

/** The tuning figure: full rules, model fitted on every report, scored on the same reports. */
export function evaluateTuning<M>(
  items: readonly ChecklistItemDefinition[],
  reports: readonly LabelledReport[],
  pipeline: MatchPipeline<M>,
): SetResult {
  const model = pipeline.fit(items, reports);
  return scoreSet(
    reports,
    reports.map((r) => pipeline.run(items, r, model)),
  );
}

/**
 * Leave-one-report-out. `texts` are the texts whose words count as "seen elsewhere" when
 * deciding which terms are exclusive to the left-out report: every tuning report's raw text
 * (by default the labelled reports themselves).
 */
export function evaluateLeaveOneOut<M>(
  items: readonly ChecklistItemDefinition[],
  reports: readonly LabelledReport[],
  pipeline: MatchPipeline<M>,
): SetResult {
  const dropped: { name: string; terms: RuleTerm[] }[] = [];
  const links = reports.map((report, i) => {
    const others = reports.filter((_, j) => j !== i);
    const rules = rulesWithout(
      items,
      report.raw,
      others.map((o) => o.raw),
    );
    dropped.push({ name: report.name, terms: rules.dropped });
    const model = pipeline.fit(rules.items, others);
    return pipeline.run(rules.items, report, model);
  });
  return { ...scoreSet(reports, links), dropped };
}

/** The frozen set: full rules, model fitted on all tuning reports, scored on the frozen reports. */
export function evaluateFrozen<M>(
  items: readonly ChecklistItemDefinition[],
  tuning: readonly LabelledReport[],
  frozen: readonly LabelledReport[],
  pipeline: MatchPipeline<M>,
): SetResult {
  const model = pipeline.fit(items, tuning);
  return scoreSet(
    frozen,
    frozen.map((r) => pipeline.run(items, r, model)),
  );
}

/** One labelled set of the tuning data for {@link evaluateCross}. */
interface NamedSet {
  name: string;
  reports: readonly LabelledReport[];
}

/** The result of {@link evaluateCross}: each set scored with a model fitted without it. */
interface CrossResult {
  /** per set, in input order; the seeds (first set) by leave-one-report-out */
  folds: { name: string; trainedOn: string[]; result: SetResult }[];
  /** every set but the first (the report sets), pooled: the cross-fitted figure */
  pooled: SetResult;
}

/**
 * Leave-one-set-out over the tuning data: the first set (the seed reports, whose text the
 * rules were written from) is scored report by report as in {@link evaluateLeaveOneOut}, with
 * a model fitted on its other reports AND every other set; each further set is scored with the
 * full rules and a model fitted on the seeds and the other sets, never on itself. So whatever
 * is LEARNT (calibration, thresholds) never saw the labels it is scored on. Rule terms written
 * by hand are not re-fitted per fold: every text an engineer read while writing them counts as
 * fitted, whatever this figure says (docs/evaluation.md).
 */
export function evaluateCross<M>(
  items: readonly ChecklistItemDefinition[],
  sets: readonly NamedSet[],
  pipeline: MatchPipeline<M>,
): CrossResult {
  const [seeds, ...rest] = sets;
  if (!seeds) return { folds: [], pooled: scoreSet([], []) };
  const folds: CrossResult['folds'] = [];
  const others = (k: number) => sets.filter((_, j) => j !== k);
  // the seeds: leave one report out, trained on the other seeds and every other set
  const extra = rest.flatMap((s) => s.reports);
  const dropped: { name: string; terms: RuleTerm[] }[] = [];
  const seedLinks = seeds.reports.map((report, i) => {
    const otherSeeds = seeds.reports.filter((_, j) => j !== i);
    const rules = rulesWithout(
      items,
      report.raw,
      otherSeeds.map((o) => o.raw),
    );
    dropped.push({ name: report.name, terms: rules.dropped });
    return pipeline.run(rules.items, report, pipeline.fit(rules.items, [...otherSeeds, ...extra]));
  });
  folds.push({
    name: seeds.name,
    trainedOn: [`${seeds.name} (other reports)`, ...rest.map((s) => s.name)],
    result: { ...scoreSet(seeds.reports, seedLinks), dropped },
  });
  const pooledReports: LabelledReport[] = [];
  const pooledLinks: SignalLinks[] = [];
  rest.forEach((set, k) => {
    const training = others(k + 1);
    const model = pipeline.fit(
      items,
      training.flatMap((s) => s.reports),
    );
    const links = set.reports.map((r) => pipeline.run(items, r, model));
    folds.push({ name: set.name, trainedOn: training.map((s) => s.name), result: scoreSet(set.reports, links) });
    pooledReports.push(...set.reports);
    pooledLinks.push(...links);
  });
  return { folds, pooled: scoreSet(pooledReports, pooledLinks) };
}

/**
 * Claim × item figures with the labelled items no claim can carry counted as misses: a label whose quote lies outside
 * every claim (a heading alone on its line, `（一）深入推进政府职能转变`; until matcher19 also the heading part of a line whose
 * body follows on it) is not scored by the evaluation, yet for a user it is an item the product never links there. Precision is unchanged (no link is added);
 * recall and F1 fall by what the reading leaves unscorable.
 */
export function countingUnscoredAsMisses(
  counts: { tp: number; fp: number; fn: number },
  unscoredLabelItems: number,
): { unscoredLabelItems: number; fn: number; precision: number | null; recall: number | null; f1: number | null } {
  const r4 = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 10000);
  const fn = counts.fn + unscoredLabelItems;
  const precision = counts.tp + counts.fp > 0 ? counts.tp / (counts.tp + counts.fp) : null;
  const recall = counts.tp + fn > 0 ? counts.tp / (counts.tp + fn) : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  return { unscoredLabelItems, fn, precision: r4(precision), recall: r4(recall), f1: r4(f1) };
}

/** The figures of one signal as printed by `evaluate --json` (ratios rounded to 4 places). */
export function summarise(result: SignalResult | null, reports: number): Record<string, unknown> {
  const r4 = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 10000);
  if (result === null || reports === 0) {
    return { reports, labelledClaims: 0, links: 0, tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null, reportItems: null };
  }
  const p = result.pairs;
  const ri = result.reportItems;
  return {
    reports,
    labelledClaims: result.labelledClaims,
    links: result.links,
    tp: p.tp,
    fp: p.fp,
    fn: p.fn,
    precision: r4(p.precision),
    recall: r4(p.recall),
    f1: r4(p.f1),
    reportItems: { tp: ri.tp, fp: ri.fp, fn: ri.fn, precision: r4(ri.precision), recall: r4(ri.recall), f1: r4(ri.f1) },
  };
}
