import { inventedItem, labelledReport } from '../../helpers/labelled-report';
import { evaluateLeaveOneOut, evaluateTuning, type LabelledReport, type MatchPipeline } from '../../../src/evidence/evaluation-suite';
import {
  exampleReason,
  exampleVotes,
  indexExamples,
  nearestExamples,
  nearestExamplesOf,
  nearestVotes,
  type Example,
} from '../../../src/evidence/examples';
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

  it('gives the k best of every example’s cosine, summed over the query’s words in their order, ties in example order', () => {
    // repeats make ties; the query's words and their weights as nearestExamples takes them
    const many: Example[] = [...EXAMPLES, ...EXAMPLES.map((e) => ({ ...e, source: `${e.source}2` })), ...EXAMPLES.slice(0, 2)];
    const big = indexExamples(many, similarityWords);
    const reference = (words: readonly string[], k: number, exclude?: string) => {
      const ids: number[] = [];
      for (const w of words) {
        const id = big.wordId.get(w);
        if (id !== undefined && !Number.isNaN(big.idf[id] as number) && !ids.includes(id)) ids.push(id);
      }
      const count = (id: number) => words.filter((w) => big.wordId.get(w) === id).length;
      const q = ids.map((id) => (1 + Math.log(count(id))) * (big.idf[id] as number));
      const norm = Math.sqrt(q.reduce((sum, v) => sum + v * v, 0)) || 1;
      const scored = many.map((example, at) => {
        let cosine = 0;
        ids.forEach((id, w) => {
          for (let i = big.postingStart[id] as number; i < (big.postingStart[id + 1] as number); i += 1)
            if (big.postingAt[i] === at) cosine += ((q[w] as number) / norm) * (big.postingWeight[i] as number);
        });
        return { example, cosine, at };
      });
      return scored
        .filter((n) => n.cosine > 0 && n.example.source !== exclude)
        .sort((a, b) => b.cosine - a.cosine || a.at - b.at)
        .slice(0, k)
        .map(({ example, cosine }) => ({ example, cosine }));
    };
    let ties = 0;
    for (const text of ['落实行政执法案卷评查制度', '按期办结信访事项并开展案卷评查', '组织开展环境卫生整治和普法宣传', '今天天气很好']) {
      const words = similarityWords(text);
      for (const k of [1, 2, 3, 5, 20, 25])
        for (const exclude of [undefined, 'a', 'b2']) {
          const near = nearestExamples(big, words, k, exclude);
          expect(near).toEqual(reference(words, k, exclude));
          ties += near.filter((n, i) => i > 0 && near[i - 1]?.cosine === n.cosine).length;
        }
    }
    expect(ties).toBeGreaterThan(10);
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

  it('votes read from the index’s typed arrays equal the votes of the neighbours’ examples, sums and order included', () => {
    // several items per example, a repeated item, ties between items, negatives, sources excluded
    const many: Example[] = [
      ...EXAMPLES,
      { text: '开展行政执法案卷评查，办结信访事项。', items: ['8.2', '7.2'], source: 'd' },
      { text: '按期办结信访事项，开展案卷评查。', items: ['7.2', '8.2', '7.2'], source: 'e' },
      { text: '街道组织开展环境卫生整治和信访事项办理。', items: [], source: 'e' },
      ...EXAMPLES.map((e) => ({ ...e, source: `${e.source}2` })),
    ];
    const big = indexExamples(many, similarityWords);
    let compared = 0;
    for (const text of ['按期办结信访事项并开展案卷评查', '落实行政执法案卷评查制度', '环境卫生整治', '今天天气很好'])
      for (const k of [1, 2, 3, 5, 20])
        for (const exclude of [undefined, 'b', 'e']) {
          const expected = exampleVotes(nearestExamplesOf(big, text, k, exclude));
          const votes = nearestVotes(big, text, k, exclude);
          expect(votes).toEqual(expected);
          votes.forEach((v, i) => expect(v.nearest.example).toBe(expected[i]?.nearest.example));
          compared += votes.length;
        }
    expect(compared).toBeGreaterThan(40);
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
