import type { ChecklistItemDefinition } from '../../../src/checklist/types';
import { combine, estimateTermWeights, fitModelOn, weighRuleLinks, type Candidate } from '../../../src/evidence/pipeline';
import { calibrate, probability, similarities, similarityWords } from '../../../src/evidence/similarity';
import type { ProposedLink } from '../../../src/evidence/types';

/** The similarity signal, its calibration and the one combining function, on small inputs. */

function item(code: string, title: string, text: string, keywords: string[] = []): ChecklistItemDefinition {
  return {
    code,
    parentCode: code.split('.')[0] ?? null,
    title,
    text,
    assessable: true,
    points: 3,
    match: { keywords, together: [], exclude: [], metrics: [] },
    targets: [],
  };
}

const ITEMS = [
  item('5.5', '执法装备与非现场执法', '配齐执法记录仪、移动执法终端等执法装备，推进非现场执法。'),
  item('7.2', '依法办理信访', '依法分类处理信访诉求，按期办理信访事项，落实领导接访制度。'),
];

const rule = (claimId: string, itemCode: string, matched: string[] = ['w']): ProposedLink => ({
  claimId,
  itemCode,
  method: 'RULE',
  confidence: 0.75,
  rule: 'keyword',
  matched,
});
const cand = (claimId: string, itemCode: string, p: number, rule: Candidate['rule'] = 'similarity'): Candidate => ({
  claimId,
  itemCode,
  probability: p,
  rule,
  matched: ['词'],
});

describe('similarity', () => {
  it('cuts words with jieba (parts of long words too) and drops one-character words and numbers', () => {
    const words = similarityWords('为执法队员配备执法记录仪20台');
    expect(words).toEqual(expect.arrayContaining(['执法', '队员', '配备', '记录仪']));
    expect(words.every((w) => w.length >= 2 && !/\d/.test(w))).toBe(true);
  });

  it('ranks the item sharing the telling words first and says which words matched', () => {
    const s = similarities('街道为执法队员新配备移动执法终端', ITEMS);
    expect(s[0]).toMatchObject({ itemCode: '5.5', rank: 1 });
    expect(s[0]?.words).toEqual(expect.arrayContaining(['终端', '执法']));
    expect(s.find((x) => x.itemCode === '7.2')).toBeUndefined();
    expect(similarities('今天天气很好', ITEMS)).toEqual([]);
  });

  it('calibrates scores into probabilities that grow with the score', () => {
    const examples = [
      ...[1, 2, 3, 4].map((score) => ({ score, rank: 2, positive: false })),
      ...[5, 6, 7].map((score) => ({ score, rank: 1, positive: score > 5 })),
      ...[8, 9, 10].map((score) => ({ score, rank: 1, positive: true })),
    ];
    const c = calibrate(examples);
    expect(probability(c, { score: 2, rank: 2 })).toBeLessThan(0.2);
    expect(probability(c, { score: 9, rank: 1 })).toBeGreaterThan(0.8);
    expect(calibrate([{ score: 3, rank: 1, positive: false }])).toEqual({ intercept: -5, slope: 0, top: 0 });
  });
});

describe('combine', () => {
  it('keeps every rule link and adds similarity links above the threshold for unlinked items, within the cap', () => {
    const out = combine(
      [rule('c1', '7.2')],
      [{ candidates: [cand('c1', '7.2', 0.99), cand('c1', '5.5', 0.7), cand('c2', '5.5', 0.4), cand('c3', '7.2', 0.6)], threshold: 0.5 }],
    );
    expect(out.map((l) => `${l.claimId}:${l.itemCode}:${l.method}`)).toEqual(['c1:7.2:RULE', 'c1:5.5:SIMILARITY', 'c3:7.2:SIMILARITY']);
    expect(
      combine([rule('c1', '1.1'), rule('c1', '2.1'), rule('c1', '3.1')], [{ candidates: [cand('c1', '5.5', 0.9)], threshold: 0.5 }]),
    ).toHaveLength(3);
  });

  it('takes the signals in order, each at its own threshold, and never links an item twice', () => {
    const out = combine(
      [rule('c1', '1.1')],
      [
        {
          candidates: [cand('c1', '2.1', 0.6, 'examples'), cand('c2', '7.2', 0.55, 'examples'), cand('c3', '5.5', 0.9, 'examples')],
          threshold: 0.5,
        },
        { candidates: [cand('c1', '2.1', 0.95), cand('c2', '5.5', 0.85), cand('c3', '5.5', 0.99)], threshold: 0.8 },
        { candidates: [cand('c4', '5.5', 0.99)], threshold: 1 },
      ],
    );
    expect(out.map((l) => `${l.claimId}:${l.itemCode}:${l.rule}`)).toEqual([
      'c1:1.1:keyword',
      'c1:2.1:examples',
      'c2:7.2:examples',
      'c2:5.5:similarity',
      'c3:5.5:examples',
    ]);
  });
});

describe('learning from reviews', () => {
  it('weighs a rule word by the share of its links reviewers accepted, and drops links of rejected words', () => {
    const weights = estimateTermWeights([
      { itemCode: '5.3', matched: ['消防'], accepted: true },
      { itemCode: '5.3', matched: ['罚款'], accepted: false },
      { itemCode: '5.3', matched: ['罚款'], accepted: false },
      { itemCode: '5.3', matched: ['罚款'], accepted: false },
    ]);
    expect(weights['5.3']?.['消防']).toBeCloseTo((1 + 1.6) / 3, 3);
    expect(weights['5.3']?.['罚款']).toBeCloseTo(1.6 / 5, 3);
    const kept = weighRuleLinks(
      [rule('c1', '5.3', ['罚款']), rule('c2', '5.3', ['罚款', '消防']), rule('c3', '5.3', ['行政处罚'])],
      weights,
    );
    expect(kept.map((l) => l.claimId)).toEqual(['c2', 'c3']);
  });
});

describe('fitting the similarity threshold', () => {
  // two claims each truly about one item, and a third about neither that shares words with 7.2
  const claims = [
    { id: 'c1', text: '配齐执法记录仪和移动执法终端，推进非现场执法。' },
    { id: 'c2', text: '依法分类处理信访诉求，按期办理信访事项。' },
    { id: 'c3', text: '领导接访制度写入年度计划，信访事项不在此列。' },
  ].map((c) => ({ ...c, polarity: 'POSITIVE' as const, sectionKind: 'ACHIEVEMENT' as const, sectionPath: '一' }));
  const gold = new Map([
    ['c1', new Set(['5.5'])],
    ['c2', new Set(['7.2'])],
    ['c3', new Set<string>()],
  ]);

  it('only keeps thresholds whose training precision reaches the floor, else proposes no similarity link', () => {
    const open = fitModelOn(ITEMS, [{ claims, metrics: [], gold }], null, { precisionFloor: 0 });
    expect(open.threshold).toBeLessThan(1);
    const strict = fitModelOn(ITEMS, [{ claims, metrics: [], gold }], null, { precisionFloor: 1.01 });
    expect(strict.threshold).toBe(1);
    expect(strict.aloneThreshold).toBe(1);
  });
});
