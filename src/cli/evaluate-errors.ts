import type { ChecklistItemDefinition } from '../checklist/types';
import {
  classifyErrors,
  FALSE_LINK_CAUSES,
  MISS_CAUSES,
  tallyErrors,
  unscoredLabelItems,
  type ClassifiedError,
  type ErrorCause,
} from '../evidence/error-analysis';
import type { LabelledReport, MatchPipeline, SetResult } from '../evidence/evaluation-suite';
import { namedItems, sourceOf, type MatcherModel } from '../evidence/pipeline';
import { formatTable } from './text-table';

/**
 * `evaluate --cross --errors`: the cross-fitted false negatives and false positives counted by
 * cause (src/evidence/error-analysis.ts), pooled over the labelled sets (the cross-fitted figure's
 * errors; every sentence scored by a model that never saw its set), and per item for the items with
 * the most errors.
 */

const CAUSE_NAMES: Record<ErrorCause, string> = {
  reading: '(a) 引文不在一个断言内 quote not inside one claim (reading)',
  unproposed: '(b) 无信号提出该项 no signal proposes the item',
  rejected: '(c) 提出但被决策否定 proposed, rejected by the decision',
  sibling: '(d) 误连同一部分的兄弟项 false link to a sibling item',
  otherPart: '(e) 误连另一部分的项 false link to another part',
  emptySentence: '(f) 误连于标注为 [] 的句子 false link on a [] sentence',
};

/** A pipeline that also records, per report it runs on, what the signals named per claim (for the causes). */
export function tracingPipeline(
  pipeline: MatchPipeline<MatcherModel>,
  named: Map<LabelledReport, Map<string, Set<string>>>,
): MatchPipeline<MatcherModel> {
  return {
    fit: pipeline.fit,
    run: (items, report, model) => {
      named.set(report, namedItems(report.claims, report.metrics, items, model, { excludeSource: sourceOf(report) }));
      return pipeline.run(items, report, model);
    },
  };
}

/** The classified errors of the combined links of a scored set's reports (`reports` in the set's order). */
export function errorsOfSet(
  items: readonly ChecklistItemDefinition[],
  reports: readonly LabelledReport[],
  result: SetResult,
  named: ReadonlyMap<LabelledReport, ReadonlyMap<string, ReadonlySet<string>>>,
): { errors: ClassifiedError[]; unscored: number } {
  const errors: ClassifiedError[] = [];
  let unscored = 0;
  result.bySignal.combined.perReport.forEach((scored, i) => {
    const report = reports[i];
    if (!report) return;
    errors.push(
      ...classifyErrors(items, {
        raw: report.raw,
        claims: report.claims,
        labels: report.labels,
        errors: scored.evaluation.errors,
        named: named.get(report) ?? new Map(),
      }),
    );
    unscored += unscoredLabelItems(report.raw, report.claims, report.labels);
  });
  return { errors, unscored };
}

/** The tables (text) or object (JSON) of the errors by cause. */
export function errorReport(
  errors: readonly ClassifiedError[],
  unscored: number,
  top = 10,
): { text: string; json: Record<string, unknown> } {
  const tally = tallyErrors(errors);
  const fn = errors.filter((e) => e.kind === 'FN').length;
  const fp = errors.length - fn;
  const share = (n: number, of: number) => (of === 0 ? '—' : ((100 * n) / of).toFixed(1));
  const causeRows = [
    ...MISS_CAUSES.map((c) => ['FN', CAUSE_NAMES[c], String(tally.byCause[c]), share(tally.byCause[c], fn)]),
    ...FALSE_LINK_CAUSES.map((c) => ['FP', CAUSE_NAMES[c], String(tally.byCause[c]), share(tally.byCause[c], fp)]),
  ];
  const items = [...tally.byItem.entries()].slice(0, top);
  const causes = [...MISS_CAUSES, ...FALSE_LINK_CAUSES];
  const text = [
    `错误原因 Errors by cause (cross-fitted, pooled labelled sets): FN ${fn}, FP ${fp}; labelled items of quotes outside every claim (not scored): ${unscored}`,
    formatTable(['kind', 'cause', 'n', '% of kind'], causeRows, [2, 3]).replace(/\n$/u, ''),
    '',
    `按项 By item (the ${top} with most errors)`,
    formatTable(
      ['item', 'FN', 'FP', ...causes.map((c) => `(${'abcdef'[causes.indexOf(c)]})`)],
      items.map(([code, row]) => [code, String(row.fn), String(row.fp), ...causes.map((c) => String(row[c]))]),
      causes.map((_, i) => i + 3).concat([1, 2]),
    ).replace(/\n$/u, ''),
  ].join('\n');
  const json = {
    fn,
    fp,
    unscoredLabelItems: unscored,
    byCause: tally.byCause,
    byItem: items.map(([code, row]) => ({ item: code, ...row })),
  };
  return { text, json };
}
