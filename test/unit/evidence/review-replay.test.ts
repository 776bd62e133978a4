import { inventedItem, labelledReport } from '../../helpers/labelled-report';
import { fitModel, learnFromReviewedClaims, proposeLinks, sourceOf } from '../../../src/evidence/pipeline';
import { replayAsReviews, replayReviews } from '../../../src/evidence/review-replay';

/** Learning from reviewers for the examples and the learned decision, on invented reports and items. */

const ITEMS = [
  inventedItem('5.3', '严格规范执法', { keywords: ['执法'] }),
  inventedItem('7.2', '依法办理信访', { keywords: ['信访'] }),
  inventedItem('8.1', '推进政务公开', { keywords: ['政务公开'] }),
];

/** A district's report: its rules fire where they should, and one 公开 sentence no rule names is 8.1. */
function report(name: string) {
  return labelledReport(name, [
    [`${name}街道规范行政执法行为，开展执法检查。`, ['5.3']],
    [`${name}街道畅通信访渠道，按期办结信访事项。`, ['7.2']],
    [`${name}街道主动公开财政预决算和重大决策信息。`, ['8.1']],
    [`${name}街道组织执法人员参加篮球比赛。`, []],
    [`${name}街道开展环境卫生整治活动。`, []],
  ]);
}

const TRAINING = ['甲', '乙', '丙', '丁', '戊', '己'].map(report);
const model = fitModel(ITEMS, TRAINING, { examples: true, learned: true, neighbours: 3 });

describe('gold labels replayed as reviews', () => {
  it('reviews a claim the model linked or that evidences an item; a claim with neither was never looked at', () => {
    const r = report('庚');
    const replayed = replayAsReviews(ITEMS, r, model);
    const linked = new Set(proposeLinks(r.claims, r.metrics, ITEMS, model, { excludeSource: sourceOf(r) }).combined.map((l) => l.claimId));
    for (const c of r.claims) {
      const truth = replayed.gold.get(c.id);
      const evidences = c.text.includes('执法检查') || c.text.includes('信访') || c.text.includes('公开');
      expect(truth !== undefined).toBe(evidences || linked.has(c.id));
    }
    expect(replayed.gold.get('庚-2')).toEqual(new Set(['8.1']));
    expect(replayed.source).toBe(sourceOf(r));
  });
});

describe('learnFromReviewedClaims', () => {
  it('makes every reviewed claim an example of its report, and re-fits the decision from the shipped one', () => {
    const reviewed = ['庚', '辛'].map((n) => replayAsReviews(ITEMS, report(n), model));
    const learnt = learnFromReviewedClaims(ITEMS, model, reviewed);
    expect(learnt?.examples).toHaveLength(reviewed.reduce((n, r) => n + r.gold.size, 0));
    expect(new Set(learnt?.examples.map((e) => e.source))).toEqual(new Set(reviewed.map((r) => r.source)));
    expect(learnt?.decision).toBeDefined();
    expect(Object.keys(learnt?.decision?.weights ?? {})).toEqual(
      expect.arrayContaining(Object.keys(model.examples?.decision?.weights ?? {})),
    );
    // no reviews: the shipped decision itself
    expect(learnFromReviewedClaims(ITEMS, model, [])).toEqual({ examples: [], decision: model.examples?.decision });
  });

  it('learns nothing for a model without examples (the signal is off for that checklist version)', () => {
    const plain = fitModel(ITEMS, TRAINING);
    expect(learnFromReviewedClaims(ITEMS, plain, [replayAsReviews(ITEMS, report('庚'), plain)])).toBeNull();
  });

  it('is measured before and after on a report neither fit nor reviews saw', () => {
    const result = replayReviews(ITEMS, model, [report('庚'), report('辛')], [report('壬')]);
    expect(result.reviewed).toEqual(['庚', '辛']);
    expect(result.scored).toEqual(['壬']);
    expect(result.reviewedClaims).toBeGreaterThanOrEqual(6);
    expect(result.before.tp + result.before.fn).toBe(3);
    expect(result.after.tp + result.after.fn).toBe(3);
  });
});
