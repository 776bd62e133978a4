import { inventedItem, labelledReport } from '../../helpers/labelled-report';
import { evaluateLeaveOneOut, evaluateTuning, sliceResult, type MatchPipeline } from '../../../src/evidence/evaluation-suite';
import { exclusiveTerms, withoutTerms } from '../../../src/evidence/leave-one-out';
import { rulesOnlyPipeline } from '../../../src/evidence/pipeline';

/** The leave-one-report-out machinery itself, on tiny synthetic reports. */

const report = labelledReport;

// 8.2's keyword 卷宗 is not in the item's wording and only report A uses it;
// 案卷评查 is in the wording; 信访 is used by two reports.
const ITEMS = [
  inventedItem('8.2', '开展行政执法案卷评查', { keywords: ['卷宗', '案卷评查'] }),
  inventedItem('7.2', '依法办理信访', { keywords: ['信访'], together: [['接待', '群众来访']], exclude: ['信访宣传'] }),
];
const A = report('A', [
  ['甲街评查行政执法卷宗三十卷。', ['8.2']],
  ['甲街开展案卷评查。', ['8.2']],
  ['甲街接待群众来访十次。', ['7.2']],
  ['甲街开展信访宣传并受理信访事项。', ['7.2']],
]);
const B = report('B', [
  ['乙街办理信访事项五件。', ['7.2']],
  ['乙街开展案卷评查。', ['8.2']],
]);
const C = report('C', [['丙街没有相关工作。', []]]);

describe('leave-one-report-out', () => {
  it('finds the terms only the left-out report contains, keeping those of the item’s own wording', () => {
    const terms = exclusiveTerms(ITEMS, A.raw, [B.raw, C.raw]).map((t) => `${t.itemCode}:${t.field}:${t.term}`);
    expect(terms).toEqual(['8.2:keywords:卷宗', '7.2:together:接待', '7.2:together:群众来访', '7.2:exclude:信访宣传']);
    expect(exclusiveTerms(ITEMS, B.raw, [A.raw, C.raw])).toEqual([]);
  });

  it('drops a together group whole when one of its words is dropped', () => {
    const [, i72] = withoutTerms(ITEMS, [{ itemCode: '7.2', field: 'together', term: '接待' }]);
    expect(i72?.match.together).toEqual([]);
    expect(i72?.match.keywords).toEqual(['信访']);
  });

  it('a rule term that appears in only one report contributes nothing when that report is left out', () => {
    const tuning = evaluateTuning(ITEMS, [A, B, C], rulesOnlyPipeline).bySignal.rules.perReport[0];
    const loo = evaluateLeaveOneOut(ITEMS, [A, B, C], rulesOnlyPipeline);
    const left = loo.bySignal.rules.perReport[0];
    // with the full rules, 卷宗 finds claim A-0 and the together group finds A-2
    expect(tuning?.evaluation.errors).toEqual([{ claimId: 'A-3', itemCode: '7.2', kind: 'FN' }]);
    // A left out: 卷宗 and the together group are gone (A-0, A-2 missed), and the exclude term
    // 信访宣传 no longer vetoes 7.2 on A-3
    expect(left?.evaluation.errors).toEqual([
      { claimId: 'A-0', itemCode: '8.2', kind: 'FN' },
      { claimId: 'A-2', itemCode: '7.2', kind: 'FN' },
    ]);
    expect(loo.dropped?.[0]?.terms.map((t) => t.term)).toEqual(['卷宗', '接待', '群众来访', '信访宣传']);
    // B left out keeps every rule: nothing B says is exclusive to it
    expect(loo.dropped?.[1]?.terms).toEqual([]);
    expect(loo.bySignal.rules.perReport[1]?.evaluation.errors).toEqual([]);
  });

  it('fits the model on the other reports only', () => {
    const seen: string[][] = [];
    const recording: MatchPipeline<string[]> = {
      fit: (_items, training) => training.map((r) => r.name),
      run: (items, r, model) => {
        seen.push([r.name, ...model]);
        return rulesOnlyPipeline.run(items, r, null);
      },
    };
    evaluateLeaveOneOut(ITEMS, [A, B, C], recording);
    expect(seen).toEqual([
      ['A', 'B', 'C'],
      ['B', 'A', 'C'],
      ['C', 'A', 'B'],
    ]);
  });

  it('a run over several labelled sets is read back per set: each slice sums only its own reports', () => {
    // A, B, C as one pool (every report's exclusive terms judged against all the others)
    const loo = evaluateLeaveOneOut(ITEMS, [A, B, C], rulesOnlyPipeline);
    const first = sliceResult(loo, 0, 1);
    const rest = sliceResult(loo, 1, 3);
    expect(first.reports).toBe(1);
    expect(rest.reports).toBe(2);
    expect(first.bySignal.rules.pairs).toEqual(loo.bySignal.rules.perReport[0]?.evaluation.pairs);
    expect(first.dropped?.[0]?.terms.map((t) => t.term)).toEqual(['卷宗', '接待', '群众来访', '信访宣传']);
    // A's slice misses its two claims that only A's own terms found; B and C lose nothing
    expect(first.bySignal.rules.pairs.fn).toBe(2);
    expect(rest.bySignal.rules.pairs).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    expect(first.bySignal.rules.pairs.tp + rest.bySignal.rules.pairs.tp).toBe(loo.bySignal.rules.pairs.tp);
  });

  it('leaves the checklist as it is (the same array) when a report has no exclusive term', () => {
    expect(withoutTerms(ITEMS, [])).toBe(ITEMS);
  });
});
