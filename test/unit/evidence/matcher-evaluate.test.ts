import { compareCodes, evaluateLinks, goldByClaim, score, sumScores } from '../../../src/evidence/evaluate';

/** The evaluator's arithmetic on a tiny synthetic gold set (no tuned figure is asserted). */

const RAW = '甲句子说出庭应诉。乙句子说信访和调解。丙句子什么也不是。丁句子没有标注。';
// claims: [0,9) [9,19) [19,28) [28,36)
const CLAIMS = [
  { id: 'c1', start: 0, end: 9 },
  { id: 'c2', start: 9, end: 19 },
  { id: 'c3', start: 19, end: 28 },
  { id: 'c4', start: 28, end: 36 },
];
const LABELS = [
  { quote: '出庭应诉', items: ['7.4'] },
  { quote: '信访', items: ['7.2'] },
  { quote: '调解', items: ['7.1'] },
  { quote: '什么也不是', items: [] },
];

describe('evaluateLinks', () => {
  it('counts TP, FP and FN over labelled claims and keeps unlabelled claims apart', () => {
    const links = [
      { claimId: 'c1', itemCode: '7.4' }, // TP
      { claimId: 'c2', itemCode: '7.2' }, // TP
      { claimId: 'c3', itemCode: '10.7' }, // FP on a claim labelled with no item
      { claimId: 'c4', itemCode: '7.1' }, // unlabelled claim: not scored
    ];
    const e = evaluateLinks(RAW, CLAIMS, LABELS, links);
    expect(e.labelledClaims).toBe(3);
    expect(e.pairs).toEqual({ tp: 2, fp: 1, fn: 1, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
    expect(e.unlabelledLinks).toEqual([{ claimId: 'c4', itemCode: '7.1' }]);
    expect(e.errors).toEqual([
      { claimId: 'c2', itemCode: '7.1', kind: 'FN' },
      { claimId: 'c3', itemCode: '10.7', kind: 'FP' },
    ]);
    expect([...e.perItem.keys()]).toEqual(['7.1', '7.2', '7.4', '10.7']);
    expect(e.perItem.get('7.1')).toMatchObject({ tp: 0, fp: 0, fn: 1, precision: null, recall: 0, f1: 0 });
    expect(e.perItem.get('10.7')).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0, recall: null });
    // report × item: linked {7.4, 7.2, 10.7} vs gold {7.4, 7.2, 7.1}
    expect(e.reportItems).toMatchObject({ tp: 2, fp: 1, fn: 1 });
  });

  it('maps a quote to the claim containing it, or overlapping it most, and reports bad quotes', () => {
    const { gold, problems } = goldByClaim(RAW, CLAIMS, [
      { quote: '出庭应诉。乙', items: ['7.4'] }, // straddles c1 and c2: 5 characters in c1
      { quote: '句子', items: ['1.1'] }, // not unique
      { quote: '没有这句', items: ['1.1'] },
    ]);
    expect([...gold.entries()].map(([id, s]) => [id, [...s]])).toEqual([['c1', ['7.4']]]);
    expect(problems).toEqual([
      { quote: '出庭应诉。乙', problem: 'SPANS_CLAIMS' },
      { quote: '句子', problem: 'NOT_UNIQUE' },
      { quote: '没有这句', problem: 'NOT_FOUND' },
    ]);
  });

  it('merges the items of several quotes of one claim', () => {
    const e = evaluateLinks(
      RAW,
      CLAIMS,
      [LABELS[1]!, LABELS[2]!],
      [
        { claimId: 'c2', itemCode: '7.1' },
        { claimId: 'c2', itemCode: '7.2' },
      ],
    );
    expect(e.pairs).toMatchObject({ tp: 2, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
  });
});

describe('score arithmetic', () => {
  it('computes precision, recall and F1, null where undefined', () => {
    expect(score(3, 1, 2)).toEqual({ tp: 3, fp: 1, fn: 2, precision: 0.75, recall: 0.6, f1: (2 * 0.75 * 0.6) / 1.35 });
    expect(score(0, 0, 0)).toEqual({ tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null });
  });

  it('sums counts for a micro average', () => {
    expect(sumScores([score(1, 1, 0), score(2, 0, 2)])).toEqual(score(3, 1, 2));
  });

  it('orders item codes numerically', () => {
    expect(['10.1', '2.1', '10.10', '10.2', '1.1', '10'].sort(compareCodes)).toEqual(['1.1', '2.1', '10', '10.1', '10.2', '10.10']);
  });
});
