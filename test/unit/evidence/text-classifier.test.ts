import { fiveDistrictsFixture } from '../../helpers/labelled-report';
import { evaluateLeaveOneOut, type MatchPipeline } from '../../../src/evidence/evaluation-suite';
import { learnedPipeline, type MatcherModel } from '../../../src/evidence/pipeline';
import {
  classifierOf,
  classifyText,
  gramsOf,
  loadClassifier,
  storeClassifier,
  topItems,
  trainClassifier,
} from '../../../src/evidence/text-classifier';
import type { Example } from '../../../src/evidence/examples';

// classifierOf is watched (and still runs) so the test can see every sentence the matcher's fit learns from
jest.mock('../../../src/evidence/text-classifier', () => {
  const actual = jest.requireActual<typeof import('../../../src/evidence/text-classifier')>('../../../src/evidence/text-classifier');
  return { ...actual, classifierOf: jest.fn(actual.classifierOf) };
});

/** The text classifier learnt from labelled sentences (text-classifier.ts), on invented sentences. */

/** Invented labelled sentences of 12 reports: A's speak of 复议, B's of 普法; a third of each report evidences nothing. */
function invented(): Example[] {
  const out: Example[] = [];
  const places = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸', '子', '丑'];
  places.forEach((p, i) => {
    const source = `report-${i}`;
    out.push({ text: `${p}街道依法办理行政复议案件，纠正违法决定。`, items: ['A'], source });
    out.push({ text: `${p}街道受理复议申请并按期作出复议决定。`, items: ['A'], source });
    out.push({ text: `${p}街道开展普法宣传进社区活动，发放宣传资料。`, items: ['B'], source });
    out.push({ text: `${p}街道组织法治讲座，推进普法教育。`, items: ['B'], source });
    out.push({ text: `${p}街道开展环境卫生整治活动。`, items: [], source });
  });
  return out;
}

it('reads the Han 1-, 2- and 3-grams of a text, each once', () => {
  expect(gramsOf('普法，普法')).toHaveLength(3); // 普, 法, 普法 (the comma breaks the run)
  expect(gramsOf('普法宣')).toHaveLength(6);
  expect(gramsOf('abc 123')).toEqual([]);
});

it('ranks the item whose words a new sentence uses first, and is deterministic', () => {
  const examples = invented();
  const c = trainClassifier(examples, ['A', 'B']);
  expect(topItems(c, '某镇办结行政复议案件三件。', 2)[0]?.itemCode).toBe('A');
  expect(topItems(c, '某镇举办普法宣传活动。', 2)[0]?.itemCode).toBe('B');
  // a sentence of neither kind: both items unlikely
  const z = classifyText(c, '某镇开展环境卫生整治活动。');
  expect(Math.max(...z)).toBeLessThan(0);
  expect(Array.from(classifyText(trainClassifier(examples, ['A', 'B']), '某镇办结行政复议案件。'))).toEqual(
    Array.from(classifyText(c, '某镇办结行政复议案件。')),
  );
});

it('scores a sentence of a known report with the fold model that never saw that report', () => {
  // only report-0 has 信访 sentences (labelled B, twice, so 信访 is a feature): the model of its own
  // fold never saw them and cannot know 信访 means B; the mean of the folds can
  const examples = [
    ...invented(),
    { text: '甲街道畅通信访渠道，化解信访矛盾。', items: ['B'], source: 'report-0' },
    { text: '甲街道按期办结信访事项。', items: ['B'], source: 'report-0' },
  ];
  const c = classifierOf(examples, ['A', 'B']);
  expect(classifierOf(examples, ['A', 'B'])).toBe(c); // learnt once per examples array
  const text = '信访信访信访。';
  const ownFold = classifyText(c, text, 'report-0')[1] as number;
  const mean = classifyText(c, text)[1] as number;
  expect(mean).toBeGreaterThan(ownFold);
});

describe('the classifier in leave-one-report-out', () => {
  const { items: ITEMS, reports } = fiveDistrictsFixture();

  it('never learns from a sentence of the left-out report', () => {
    const spy = jest.mocked(classifierOf);
    const inner = learnedPipeline(3);
    const learnt: string[][] = [];
    const recording: MatchPipeline<MatcherModel> = {
      fit: (items, training) => {
        const before = spy.mock.calls.length;
        const model = inner.fit(items, training);
        expect(spy.mock.calls.length).toBe(before + 1);
        learnt.push((spy.mock.calls[before]?.[0] ?? []).map((e) => e.text));
        return model;
      },
      run: inner.run,
    };
    evaluateLeaveOneOut(ITEMS, reports, recording);
    expect(learnt).toHaveLength(reports.length);
    reports.forEach((left, i) => {
      const own = new Set(left.claims.map((c) => c.text));
      expect(learnt[i]?.some((t) => own.has(t))).toBe(false);
      expect(learnt[i]).toHaveLength((reports.length - 1) * 3);
    });
  });
});

it('stores its model in the examples file and scores a new text the same when loaded', () => {
  const c = trainClassifier(invented(), ['A', 'B']);
  const stored = JSON.parse(JSON.stringify(storeClassifier(c))) as ReturnType<typeof storeClassifier>;
  const back = loadClassifier(stored);
  for (const text of ['某镇办结行政复议案件三件。', '某镇举办普法宣传活动。', '天气晴朗。'])
    expect(Array.from(classifyText(back, text))).toEqual(Array.from(classifyText(c, text)));
});

it('sums every item’s log-odds feature by feature in the order the text’s grams first appear, for any number of items', () => {
  // the reference: the bias, then weight × 1/√n for each known gram in turn, every item at once
  const reference = (c: ReturnType<typeof trainClassifier>, text: string): number[] => {
    const at = gramsOf(text)
      .map((g) => c.features.get(g))
      .filter((f): f is number => f !== undefined);
    const v = at.length === 0 ? 0 : 1 / Math.sqrt(at.length);
    const z = Array.from(c.mean.bias);
    for (const f of at) for (let j = 0; j < z.length; j += 1) z[j] = (z[j] as number) + (c.mean.weights[f * z.length + j] as number) * v;
    return z;
  };
  const examples = invented();
  const texts = ['某镇办结行政复议案件三件，纠正违法决定一件。', '甲街道开展普法宣传进社区活动。', '天气晴朗。', ''];
  // 1, 4, 8, 9, 14 and 31 items: blocks of eight, of four and the rest
  for (const n of [1, 4, 8, 9, 14, 31]) {
    const items = Array.from({ length: n }, (_, j) => (j % 2 === 0 ? 'A' : 'B') + String(j));
    const labelled = examples.map((e, i) => ({ ...e, items: e.items.length === 0 ? [] : [items[i % n] as string] }));
    const c = trainClassifier(labelled, items);
    for (const text of texts) expect(Array.from(classifyText(c, text))).toEqual(reference(c, text));
  }
});
