import { inventedItem, labelledReport } from '../../helpers/labelled-report';
import { evaluateLeaveOneOut, evaluateTuning, type LabelledReport, type MatchPipeline } from '../../../src/evidence/evaluation-suite';
import { exampleReason, exampleVotes, indexExamples, nearestExamples, type Example } from '../../../src/evidence/examples';
import {
  examplesOfReports,
  examplesPipeline,
  proposeCombinedLinks,
  proposeLinks,
  RULES_ONLY_MODEL,
  sourceOf,
  type MatcherModel,
} from '../../../src/evidence/pipeline';
import { similarityWords } from '../../../src/evidence/similarity';

/** The examples signal (examples.ts) and its honest use in the evaluation, on small invented texts. */

// no rule term: only the examples can link
const ITEMS = [inventedItem('5.3', '严格规范执法'), inventedItem('7.2', '依法办理信访'), inventedItem('8.2', '执法监督')];

const EXAMPLES: Example[] = [
  { text: '组织开展行政执法案卷评查，评查案卷三十卷。', items: ['8.2'], source: 'a' },
  { text: '开展行政执法案卷评查并通报评查结果。', items: ['8.2'], source: 'b' },
  { text: '畅通群众信访渠道，按期办结信访事项。', items: ['7.2'], source: 'b' },
  { text: '街道组织开展环境卫生整治活动。', items: [], source: 'c' },
];

describe('nearest labelled examples', () => {
  const index = indexExamples(EXAMPLES, similarityWords);

  it('finds the examples sharing the telling words, nearest first, and never those of the excluded source', () => {
    const near = nearestExamples(index, similarityWords('落实行政执法案卷评查制度'), 3);
    expect(near.map((n) => n.example.source)).toEqual(['b', 'a']);
    expect(near[0]?.cosine).toBeGreaterThan(near[1]?.cosine ?? 1);
    expect(near[0]?.cosine).toBeLessThanOrEqual(1 + 1e-9);
    const withoutB = nearestExamples(index, similarityWords('落实行政执法案卷评查制度'), 3, 'b');
    expect(withoutB.map((n) => n.example.source)).toEqual(['a']);
    expect(nearestExamples(index, similarityWords('今天天气很好'), 3)).toEqual([]);
  });

  it('an identical sentence is its own nearest example with cosine 1', () => {
    const [first] = nearestExamples(index, similarityWords(EXAMPLES[2]?.text ?? ''), 1);
    expect(first?.example).toBe(EXAMPLES[2]);
    expect(first?.cosine).toBeCloseTo(1, 9);
  });

  it('the neighbours vote for their items, a negative example votes for none and lowers the others’ share', () => {
    const votes = exampleVotes(nearestExamples(index, similarityWords('按期办结信访事项并开展案卷评查'), 4));
    expect(votes.map((v) => v.itemCode).sort()).toEqual(['7.2', '8.2']);
    for (const v of votes) expect(v.score).toBeGreaterThan(0);
    expect(votes.reduce((s, v) => s + v.score, 0)).toBeLessThan(1);
    expect(votes[0]?.rank).toBe(1);
    // only the negative example is near: no vote at all
    expect(exampleVotes(nearestExamples(index, similarityWords('环境卫生整治'), 4))).toEqual([]);
  });

  it('says why in Chinese, quoting the nearest example that voted (shortened)', () => {
    const [vote] = exampleVotes(nearestExamples(index, similarityWords('组织开展行政执法案卷评查三十卷'), 2));
    expect(vote?.itemCode).toBe('8.2');
    expect(exampleReason(vote!)).toBe('与已标注例句相近：「组织开展行政执法案卷评查，评查案卷三十卷。」');
    const long = { ...vote!, nearest: { cosine: 1, example: { text: '一'.repeat(40), items: ['8.2'], source: 'x' } } };
    expect(exampleReason(long)).toBe(`与已标注例句相近：「${'一'.repeat(24)}…」`);
  });
});

const report = labelledReport;

// A's fire-drill sentence has no like in B or C: only A itself could vote for it
const A = report('A', [
  ['组织开展行政执法案卷评查工作。', ['8.2']],
  ['组织消防应急疏散演练两次。', ['5.3']],
]);
const B = report('B', [
  ['开展行政执法案卷评查并通报结果。', ['8.2']],
  ['按期办结群众信访事项。', ['7.2']],
]);
const C = report('C', [
  ['认真办理群众信访事项。', ['7.2']],
  ['开展环境卫生整治活动。', []],
]);

/** A model made of the training reports' sentences, with a fixed calibration: the vote share is the probability. */
function fixedModel(training: readonly LabelledReport[]): MatcherModel {
  return {
    ...RULES_ONLY_MODEL,
    examples: {
      examples: examplesOfReports(training),
      neighbours: 3,
      calibration: { intercept: -4, slope: 8, top: 0 },
      threshold: 0.3,
      aloneThreshold: 0.3,
    },
  };
}

const fixed: MatchPipeline<MatcherModel> = { fit: (_items, training) => fixedModel(training), run: examplesPipeline().run };

const linksOf = (links: { claimId: string; itemCode: string }[]) => links.map((l) => `${l.claimId}:${l.itemCode}`);

describe('a report’s own sentences are never its examples', () => {
  it('with its own sentences among the examples (no exclusion), the fire drill would be found: the test below can fail', () => {
    const model = fixedModel([A, B, C]);
    expect(linksOf(proposeLinks(A.claims, [], ITEMS, model).examples)).toContain('A-1:5.3');
    expect(linksOf(proposeCombinedLinks(A.claims, [], ITEMS, model))).toContain('A-1:5.3');
  });

  it('in leave-one-report-out: A is matched with B’s and C’s examples only', () => {
    const loo = evaluateLeaveOneOut(ITEMS, [A, B, C], fixed);
    const left = loo.bySignal.examples.perReport[0];
    expect(left?.evaluation.errors).toEqual([{ claimId: 'A-1', itemCode: '5.3', kind: 'FN' }]);
    // what the others teach still reaches A: its 案卷评查 sentence is like B's
    expect(left?.evaluation.pairs.tp).toBe(1);
    expect(loo.bySignal.combined.perReport[0]?.evaluation.errors).toEqual([{ claimId: 'A-1', itemCode: '5.3', kind: 'FN' }]);
  });

  it('in leave-one-report-out with the fitted pipeline: the left-out report is in no fold’s examples', () => {
    const seen: string[][] = [];
    const inner = examplesPipeline(3);
    const recording: MatchPipeline<MatcherModel> = {
      fit: (items, training) => {
        const model = inner.fit(items, training);
        seen.push([...new Set(model.examples?.examples.map((e) => e.source) ?? [])]);
        return model;
      },
      run: inner.run,
    };
    evaluateLeaveOneOut(ITEMS, [A, B, C], recording);
    expect(seen).toEqual([
      [sourceOf(B), sourceOf(C)],
      [sourceOf(A), sourceOf(C)],
      [sourceOf(A), sourceOf(B)],
    ]);
  });

  it('in the tuning figure (trained on every report), the report being scored is excluded when it is matched', () => {
    const tuning = evaluateTuning(ITEMS, [A, B, C], fixed);
    expect(tuning.bySignal.examples.perReport[0]?.evaluation.errors).toEqual([{ claimId: 'A-1', itemCode: '5.3', kind: 'FN' }]);
  });
});
