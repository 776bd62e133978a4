import { fiveDistrictsFixture } from '../../helpers/labelled-report';
import { evaluateLeaveOneOut, type MatchPipeline } from '../../../src/evidence/evaluation-suite';
import {
  decideClaim,
  isSlogan,
  learnDecision,
  pairFeatures,
  pairProbability,
  type ClaimSignals,
  type TrainingClaim,
} from '../../../src/evidence/learned';
import { learnedPipeline, type MatcherModel } from '../../../src/evidence/pipeline';

// learnDecision is watched (and still runs) so the test can see every training row it is given
jest.mock('../../../src/evidence/learned', () => {
  const actual = jest.requireActual<typeof import('../../../src/evidence/learned')>('../../../src/evidence/learned');
  return { ...actual, learnDecision: jest.fn(actual.learnDecision) };
});

/** The learned decision over the signals (learned.ts), on invented signals and invented reports. */

function signals(
  id: string,
  s: {
    rule?: string[];
    context?: string[];
    ex?: Record<string, number>;
    sim?: Record<string, number>;
    bi?: Record<string, number>;
    cls?: Record<string, number>;
  },
): ClaimSignals {
  const rank = (m: Record<string, number>) =>
    new Map(Object.entries(m).map(([code, score], i) => [code, { score, rank: i + 1, nearest: score }]));
  return {
    claimId: id,
    rule: new Set(s.rule ?? []),
    context: new Set(s.context ?? []),
    similarity: rank(s.sim ?? {}),
    examples: rank(s.ex ?? {}),
    bigram: rank(s.bi ?? {}),
    ...(s.cls ? { classifier: rank(s.cls) } : {}),
  };
}

/**
 * Invented training claims in 8 reports: item A's rule is right 9 times in 10, item B's rule only
 * 1 time in 5; a strong examples vote for B (0.8) is right, a weak one (0.1) is not.
 */
function training(): TrainingClaim[] {
  const out: TrainingClaim[] = [];
  for (let i = 0; i < 80; i += 1) {
    const group = i % 8;
    out.push({ signals: signals(`a${i}`, { rule: ['A'] }), gold: new Set(i % 10 === 0 ? [] : ['A']), group });
    out.push({ signals: signals(`b${i}`, { rule: ['B'] }), gold: new Set(i % 5 === 0 ? ['B'] : []), group });
    out.push({ signals: signals(`e${i}`, { ex: { B: 0.8 } }), gold: new Set(i % 10 === 0 ? [] : ['B']), group });
    out.push({ signals: signals(`w${i}`, { ex: { B: 0.1 } }), gold: new Set(i % 10 === 0 ? ['B'] : []), group });
    out.push({ signals: signals(`n${i}`, {}), gold: new Set(), group });
  }
  return out;
}

describe('learnDecision', () => {
  const model = learnDecision(training(), ['A', 'B'], 3);

  it('learns per item how far a signal is right: a reliable rule links, an unreliable one is vetoed', () => {
    expect(pairProbability(model, signals('x', { rule: ['A'] }), 'A')).toBeGreaterThan(0.7);
    expect(pairProbability(model, signals('x', { rule: ['B'] }), 'B')).toBeLessThan(0.35);
    expect(decideClaim(model, signals('x', { rule: ['A'] }), ['A', 'B'], 3).map((d) => d.itemCode)).toEqual(['A']);
    expect(decideClaim(model, signals('x', { rule: ['B'] }), ['A', 'B'], 3)).toEqual([]);
  });

  it('gives a pair the sigmoid of Σ weight × value over its features, summed in their order', () => {
    const pairs: Array<[ClaimSignals, string]> = [
      [signals('x', { rule: ['A'], ex: { B: 0.8, A: 0.3 }, sim: { A: 2.5 }, bi: { B: 1.2 }, cls: { A: 0.9 } }), 'A'],
      [signals('x', { rule: ['A'], ex: { B: 0.8 } }), 'B'],
      [{ ...signals('x', { context: ['B'] }), clauses: new Map([['B', { cls: 0.7, cls1: 1, sim1: 0, bi1: 1, start: 0, end: 3 }]]) }, 'B'],
      [signals('x', {}), 'A'],
    ];
    for (const [s, item] of pairs) {
      let z = 0;
      for (const [name, v] of pairFeatures(s, item)) z += (model.weights[name] ?? 0) * v;
      expect(pairProbability(model, s, item)).toBe(z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
    }
    expect(pairFeatures(pairs[1]?.[0] as ClaimSignals, 'B').map(([name]) => name)).toEqual([
      'bias',
      'B|bias',
      'ex',
      'B|ex',
      'ex1',
      'B|ex1',
      'exNear',
      'B|exNear',
      'otherRule',
      'B|otherRule',
    ]);
  });

  it('links a strong examples vote without a rule, not a weak one, and nothing without any signal', () => {
    expect(decideClaim(model, signals('x', { ex: { B: 0.8 } }), ['A', 'B'], 3).map((d) => d.itemCode)).toEqual(['B']);
    expect(decideClaim(model, signals('x', { ex: { B: 0.1 } }), ['A', 'B'], 3)).toEqual([]);
    expect(decideClaim(model, signals('x', {}), ['A', 'B'], 3)).toEqual([]);
  });

  it('chooses its threshold inside the grid from out-of-fold scores, and is deterministic', () => {
    expect(model.threshold).toBeGreaterThanOrEqual(0.1);
    expect(model.threshold).toBeLessThanOrEqual(0.9);
    expect(learnDecision(training(), ['A', 'B'], 3)).toEqual(model);
  });

  it('gives at most `cap` links a claim, best first', () => {
    const many = decideClaim(model, signals('x', { rule: ['A'], ex: { B: 0.8 } }), ['A', 'B'], 1);
    expect(many).toHaveLength(1);
  });
});

describe('learnDecision with the character-bigram signal', () => {
  // invented: a strong bigram score for C (no other signal) is right 9 times in 10, a weak one never
  const claims: TrainingClaim[] = [];
  for (let i = 0; i < 80; i += 1) {
    const group = i % 8;
    claims.push({ signals: signals(`s${i}`, { bi: { C: 12 } }), gold: new Set(i % 10 === 0 ? [] : ['C']), group });
    claims.push({ signals: signals(`w${i}`, { bi: { C: 1 } }), gold: new Set(), group });
    claims.push({ signals: signals(`n${i}`, {}), gold: new Set(), group });
  }
  const model = learnDecision(claims, ['A', 'C'], 3);

  it('links an item only the bigram similarity names when its score is strong, not when weak', () => {
    expect(model.weights.bi).toBeGreaterThan(0);
    expect(decideClaim(model, signals('x', { bi: { C: 12 } }), ['A', 'C'], 3).map((d) => d.itemCode)).toEqual(['C']);
    expect(decideClaim(model, signals('x', { bi: { C: 1 } }), ['A', 'C'], 3)).toEqual([]);
    expect(decideClaim(model, signals('x', {}), ['A', 'C'], 3)).toEqual([]);
  });
});

describe('learnDecision with the text classifier', () => {
  // invented: a confident classifier (0.9) for C with no other signal is right 9 times in 10, an unsure one (0.2) never
  const claims: TrainingClaim[] = [];
  for (let i = 0; i < 80; i += 1) {
    const group = i % 8;
    claims.push({ signals: signals(`s${i}`, { cls: { C: 0.9 } }), gold: new Set(i % 10 === 0 ? [] : ['C']), group });
    claims.push({ signals: signals(`w${i}`, { cls: { C: 0.2 } }), gold: new Set(), group });
    claims.push({ signals: signals(`n${i}`, {}), gold: new Set(), group });
  }
  const model = learnDecision(claims, ['A', 'C'], 3);

  it('links an item only the classifier names when it is confident, not when unsure', () => {
    expect(model.weights.cls).toBeGreaterThan(0);
    expect(decideClaim(model, signals('x', { cls: { C: 0.9 } }), ['A', 'C'], 3).map((d) => d.itemCode)).toEqual(['C']);
    expect(decideClaim(model, signals('x', { cls: { C: 0.2 } }), ['A', 'C'], 3)).toEqual([]);
    expect(decideClaim(model, signals('x', {}), ['A', 'C'], 3)).toEqual([]);
  });
});

describe('learnDecision with the clauses of a long claim', () => {
  // invented: on claims of several clauses, an item the classifier puts first on one clause (0.9)
  // is right 9 times in 10 although no signal names it for the whole claim; one it puts third (0.2), never
  const clause = (code: string, cls: number, cls1: number) => new Map([[code, { cls, cls1, sim1: cls1, bi1: 0, start: 0, end: 10 }]]);
  const claims: TrainingClaim[] = [];
  for (let i = 0; i < 80; i += 1) {
    const group = i % 8;
    claims.push({
      signals: { ...signals(`s${i}`, { rule: ['A'] }), clauses: clause('C', 0.9, 1) },
      gold: new Set(i % 10 === 0 ? ['A'] : ['A', 'C']),
      group,
    });
    claims.push({ signals: { ...signals(`w${i}`, { rule: ['A'] }), clauses: clause('C', 0.2, 0) }, gold: new Set(['A']), group });
    claims.push({ signals: signals(`n${i}`, {}), gold: new Set(), group });
  }
  const model = learnDecision(claims, ['A', 'C'], 3);

  it('links a second item a clause names confidently, not one it names weakly', () => {
    expect(model.weights.clsC).toBeGreaterThan(0);
    const strong = { ...signals('x', { rule: ['A'] }), clauses: clause('C', 0.9, 1) };
    const weak = { ...signals('x', { rule: ['A'] }), clauses: clause('C', 0.2, 0) };
    expect(decideClaim(model, strong, ['A', 'C'], 3).map((d) => d.itemCode)).toEqual(['A', 'C']);
    expect(decideClaim(model, weak, ['A', 'C'], 3).map((d) => d.itemCode)).toEqual(['A']);
  });
});

describe('isSlogan: a heading or lead clause that names only an aim (docs/design.md)', () => {
  it('is a slogan when short, with no count, no named thing and no verb of work done; not when it says what was done, counts, names a thing or runs long', () => {
    const slogans = [
      '一是压实主体责任。',
      '（二）优化法治化营商环境',
      '1.深入学习贯彻习近平法治思想。',
      '强化组织领导。',
      '三是持续优化营商环境，释放改革活力。',
    ];
    const work = [
      '一是调整镇法治建设工作领导班子。',
      '全年累计办理各类服务事项5万余件。',
      '推行“三书一函”监督机制。',
      '组织开展普法活动。',
      '镇党委坚持把法治政府建设纳入全镇经济社会发展总体规划和年度工作计划。',
    ];
    expect([...slogans, ...work].map((t) => [t, isSlogan(t)])).toEqual([...slogans.map((t) => [t, true]), ...work.map((t) => [t, false])]);
  });
});

describe('learnDecision with the slogan shape', () => {
  // invented: item A's rule is right 9 times in 10 on a claim that is no slogan, never on a slogan
  const claims: TrainingClaim[] = [];
  for (let i = 0; i < 80; i += 1) {
    const group = i % 8;
    claims.push({ signals: signals(`a${i}`, { rule: ['A'] }), gold: new Set(i % 10 === 0 ? [] : ['A']), group });
    claims.push({ signals: { ...signals(`s${i}`, { rule: ['A'] }), slogan: 1 }, gold: new Set(), group });
  }
  const model = learnDecision(claims, ['A', 'B'], 3);

  it('vetoes a rule link on a slogan, keeps it on a sentence of work done, and leaves unnamed items alone', () => {
    expect(model.weights.slogan).toBeLessThan(0);
    expect(decideClaim(model, signals('x', { rule: ['A'] }), ['A', 'B'], 3).map((d) => d.itemCode)).toEqual(['A']);
    expect(decideClaim(model, { ...signals('x', { rule: ['A'] }), slogan: 1 }, ['A', 'B'], 3)).toEqual([]);
    // the feature is given only for an item a signal names
    expect(pairFeatures({ ...signals('x', { rule: ['A'] }), slogan: 1 }, 'B').some(([name]) => name === 'slogan')).toBe(false);
    expect(pairFeatures({ ...signals('x', { rule: ['A'] }), slogan: 1 }, 'A').some(([name]) => name === 'slogan')).toBe(true);
  });
});

describe('learned decision in leave-one-report-out', () => {
  const { items: ITEMS, reports } = fiveDistrictsFixture();

  it('never trains on a claim of the left-out report', () => {
    const spy = jest.mocked(learnDecision);
    const inner = learnedPipeline(3);
    const rows: string[][] = [];
    const recording: MatchPipeline<MatcherModel> = {
      fit: (items, training) => {
        const before = spy.mock.calls.length;
        const model = inner.fit(items, training);
        expect(spy.mock.calls.length).toBe(before + 1);
        rows.push((spy.mock.calls[before]?.[0] ?? []).map((c) => c.signals.claimId));
        return model;
      },
      run: inner.run,
    };
    evaluateLeaveOneOut(ITEMS, reports, recording);
    expect(rows).toHaveLength(reports.length);
    reports.forEach((left, i) => {
      const own = new Set(left.claims.map((c) => c.id));
      expect(rows[i]?.some((id) => own.has(id))).toBe(false);
      // every labelled claim of the other reports is a training row
      expect(rows[i]).toHaveLength((reports.length - 1) * 3);
    });
  });
});

describe('learnDecision anchored on a prior decision (learning from reviewers)', () => {
  const prior = learnDecision(training(), ['A', 'B'], 3);
  /** Reviewed claims of 2 reports where item B's rule, which the prior distrusts, is always right. */
  const reviewed = (n: number): TrainingClaim[] =>
    Array.from({ length: n }, (_, i) => ({ signals: signals(`r${i}`, { rule: ['B'] }), gold: new Set(['B']), group: i % 2 }));

  it('gives the prior back when no claim is given, threshold included', () => {
    expect(learnDecision([], ['A', 'B'], 3, { prior })).toEqual(prior);
  });

  it('moves from the prior towards the reviews, the further the more reviews and the weaker the anchor', () => {
    const p = (model: typeof prior) => pairProbability(model, signals('x', { rule: ['B'] }), 'B');
    const few = learnDecision(reviewed(10), ['A', 'B'], 3, { prior, priorStrength: 10 });
    const many = learnDecision(reviewed(200), ['A', 'B'], 3, { prior, priorStrength: 10 });
    const anchored = learnDecision(reviewed(200), ['A', 'B'], 3, { prior, priorStrength: 1000 });
    expect(p(few)).toBeGreaterThan(p(prior));
    expect(p(many)).toBeGreaterThan(p(few));
    expect(p(many)).toBeGreaterThan(0.7);
    expect(p(anchored)).toBeLessThan(p(many));
    // item A's reliable rule still links (the shared rule weight only rose)
    expect(pairProbability(many, signals('x', { rule: ['A'] }), 'A')).toBeGreaterThan(0.7);
    // the prior's threshold is kept
    expect(many.threshold).toBe(prior.threshold);
  });
});
