import { cohenKappa, labelAgreement, mostDisagreed } from '../../../src/evidence/label-agreement';

/** Two labellers compared on tiny invented reports (no figure of a real set is asserted). */

// claims: [0,7) [7,15) [15,22) [22,28)
const RAW = '甲说出庭应诉。乙说信访和调解。丙什么也不是。丁没有标注。';
const CLAIMS = [
  { id: 'c1', start: 0, end: 7 },
  { id: 'c2', start: 7, end: 15 },
  { id: 'c3', start: 15, end: 22 },
  { id: 'c4', start: 22, end: 28 },
];
const FIRST = {
  name: 'first',
  raw: RAW,
  claims: CLAIMS,
  a: [
    { quote: '出庭应诉', items: ['7.4'] },
    { quote: '信访和调解', items: ['7.2', '7.1'] },
    { quote: '什么也不是', items: [] },
  ],
  b: [
    { quote: '甲说出庭', items: ['7.4'] },
    { quote: '乙说信访', items: ['7.2'] }, // misses 7.1
    { quote: '丙什么', items: ['10.7'] }, // a link on a sentence A labelled with no item
    { quote: '丁没有', items: ['7.1'] }, // a sentence A did not label: not scored
  ],
};

// six sentences; A gives 1.1 to the first five, B to the first four and the sixth
const RAW2 = '第一句。第二句。第三句。第四句。第五句。第六句。';
const SECOND = {
  name: 'second',
  raw: RAW2,
  claims: [0, 1, 2, 3, 4, 5].map((i) => ({ id: `s${i}`, start: i * 4, end: i * 4 + 4 })),
  a: ['一', '二', '三', '四', '五', '六'].map((n, i) => ({ quote: `第${n}句`, items: i < 5 ? ['1.1'] : [] })),
  b: ['一', '二', '三', '四', '五', '六'].map((n, i) => ({ quote: `第${n}句`, items: i === 4 ? [] : ['1.1'] })),
};

describe('labelAgreement', () => {
  it('scores B against A as the matcher is scored: claim × item and report × item over the claims A labelled', () => {
    const r = labelAgreement([FIRST]);
    expect(r.pairs).toEqual({ tp: 2, fp: 1, fn: 1, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
    // report × item: B {7.4, 7.2, 10.7} on A's claims vs A {7.4, 7.2, 7.1}
    expect(r.reportItems).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(r.claims).toEqual({ labelledByA: 3, labelledByB: 4, labelledByBoth: 3 });
    expect(r.unscoredLinksOfB).toBe(1);
    expect(r.perReport[0]!.differences.map((d) => [d.claimId, d.a, d.b])).toEqual([
      ['c2', ['7.1', '7.2'], ['7.2']],
      ['c3', [], ['10.7']],
      ['c4', [], ['7.1']],
    ]);
  });

  it('counts each item over every claim either labeller labelled, with kappa only where enough claims carry it', () => {
    const r = labelAgreement([FIRST, SECOND]);
    const item = (code: string) => r.perItem.find((i) => i.code === code);
    expect(r.perItem.map((i) => i.code)).toEqual(['1.1', '7.1', '7.2', '7.4', '10.7']);
    expect(item('7.1')).toEqual({ code: '7.1', both: 0, onlyA: 1, onlyB: 1, kappa: null });
    // 1.1 over the 10 claims: both 4, only A 1, only B 1, neither 4 → observed 0.8, chance 0.5
    expect(item('1.1')).toMatchObject({ both: 4, onlyA: 1, onlyB: 1 });
    expect(item('1.1')!.kappa).toBeCloseTo(0.6, 10);
    expect(r.meanKappa).toBeCloseTo(0.6, 10);
    expect(mostDisagreed(r.perItem, 2).map((i) => i.code)).toEqual(['1.1', '7.1']);
    expect(r.pairs).toMatchObject({ tp: 6, fp: 2, fn: 2 });
  });

  it('aligns a quote that straddles two sentences to the one it overlaps most, and reports it', () => {
    const r = labelAgreement([{ ...FIRST, b: [{ quote: '出庭应诉。乙', items: ['7.4'] }] }]);
    expect(r.perReport[0]!.problemsB).toEqual([{ quote: '出庭应诉。乙', problem: 'SPANS_CLAIMS' }]);
    expect(r.pairs).toMatchObject({ tp: 1, fp: 0, fn: 2 });
  });
});

describe('cohenKappa', () => {
  it('is 1 for identical ratings, 0 at chance, null when chance agreement is total', () => {
    expect(cohenKappa(3, 0, 0, 7)).toBe(1);
    expect(cohenKappa(20, 5, 5, 70)).toBeCloseTo(0.275 / 0.375, 10);
    expect(cohenKappa(25, 25, 25, 25)).toBe(0);
    expect(cohenKappa(0, 0, 0, 10)).toBeNull();
  });
});
