import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Checklist } from '../../src/checklist/checklist.entity';
import { loadChecklistDefinition } from '../../src/checklist/checklist.service';
import { goldByClaim, type GoldFile } from '../../src/evidence/evaluate';
import { EvidenceLink } from '../../src/evidence/evidence-link.entity';
import { MatcherWeights } from '../../src/checklist/matcher-weights.entity';
import { applyLearnedModel, learnFromReviews, modelForChecklist } from '../../src/evidence/matcher-weights.service';
import { matcherInputFromRows } from '../../src/evidence/matcher-input.store';
import { proposeCombinedLinks, withExamplesOf } from '../../src/evidence/pipeline';
import { matchReport } from '../../src/pipeline/report-pipeline';
import { MetricValue } from '../../src/reports/metric-value.entity';
import { reviewLink } from '../../src/pipeline/review.service';
import { Claim } from '../../src/reports/claim.entity';
import { Report } from '../../src/reports/report.entity';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { Unit } from '../../src/units/unit.entity';
import { demoChecklist } from '../helpers/seeds';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

/** Learning from reviewers on a real database: decisions in, re-estimated weights stored and audited. */

let db: TestDatabase;
let checklistId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  checklistId = (await db.dataSource.getRepository(Checklist).findOneOrFail({ where: { key: demoChecklist().key } })).id;
});
afterAll(async () => db?.close());

/** Reviews every link of 胡家园街's labelled claims as its gold labels say (accept or reject). */
async function reviewAsGold(): Promise<number> {
  const gold = JSON.parse(readFileSync(join(__dirname, '../fixtures/labels/004_hujiayuanjie_2022.json'), 'utf8')) as GoldFile;
  const unit = await db.dataSource.getRepository(Unit).findOneOrFail({ where: { name: '胡家园街' } });
  const report = await db.dataSource.getRepository(Report).findOneOrFail({ where: { unitId: unit.id, year: 2022 } });
  const raw = report.rawText;
  const claims = await db.dataSource.getRepository(Claim).find({ where: { reportId: report.id }, order: { position: 'ASC' } });
  const byClaim = goldByClaim(
    raw,
    claims.map((c) => ({ id: String(c.id), start: c.start, end: c.end })),
    gold.labels,
  ).gold;
  const items = await loadChecklistDefinition(db.dataSource.manager, checklistId);
  const codeOf = new Map(items.items.map((i) => [i.id, i.code]));
  const links = await db.dataSource.getRepository(EvidenceLink).find({ where: { reportId: report.id } });
  let reviewed = 0;
  for (const link of links) {
    const truth = byClaim.get(String(link.claimId));
    if (!truth) continue;
    const accept = truth.has(codeOf.get(link.itemId) ?? '');
    const result = await reviewLink(db.dataSource, db.lock, {
      linkId: link.id,
      action: accept ? 'ACCEPT' : 'REJECT',
      reason: accept ? null : '与条目无关',
      actor: 'reviewer',
    });
    expect(result.ok).toBe(true);
    reviewed += 1;
  }
  return reviewed;
}

describe('learning from reviewers', () => {
  it('starts from the checklist file’s calibration, stored with the checklist version', async () => {
    const rows = await db.dataSource.getRepository(MatcherWeights).find({ where: { checklistId } });
    expect(rows.map((r) => r.source)).toEqual(['CHECKLIST']);
    const file = demoChecklist().matching?.similarity;
    expect(rows[0]).toMatchObject({ threshold: file?.threshold, decisions: 0, termWeights: {} });
    expect(rows[0]?.calibration).toEqual({ intercept: file?.intercept, slope: file?.slope, top: file?.top });
    expect((await loadChecklistDefinition(db.dataSource.manager, checklistId)).definition.matching).toEqual(demoChecklist().matching);
  });

  it('re-estimates term weights and the threshold from decisions, changing nothing until applied, then stores and audits them', async () => {
    const decided = await reviewAsGold();
    expect(decided).toBeGreaterThan(50);
    const { definition } = await loadChecklistDefinition(db.dataSource.manager, checklistId);
    const learned = await learnFromReviews(db.dataSource.manager, checklistId, definition);
    expect(learned.evidence.decided).toBe(decided);
    expect(learned.evidence.reviewedClaims).toBeGreaterThan(20);
    // every rule word reviewers saw has a weight; one rejected more often than accepted weighs less than the prior
    const weights = Object.values(learned.after.termWeights).flatMap((w) => Object.values(w));
    expect(weights.length).toBeGreaterThan(10);
    expect(weights.every((w) => w > 0 && w < 1)).toBe(true);
    // learning alone changes nothing stored
    expect(await db.dataSource.getRepository(MatcherWeights).count({ where: { checklistId } })).toBe(1);
    expect(await modelForChecklist(db.dataSource.manager, checklistId)).toEqual(learned.before);

    const row = await db.dataSource.transaction((m) => applyLearnedModel(m, checklistId, learned, 'reviewer'));
    expect(row).toMatchObject({ source: 'REVIEWS', decisions: decided, threshold: learned.after.threshold });
    expect((await modelForChecklist(db.dataSource.manager, checklistId)).termWeights).toEqual(learned.after.termWeights);
    const audit = await db.dataSource.getRepository(AuditEntry).findOneOrFail({ where: { action: 'LEARN_MATCHER_WEIGHTS' } });
    expect(audit).toMatchObject({ actor: 'reviewer', entityType: 'Checklist', entityId: checklistId });
    expect(audit.after).toMatchObject({ decisions: decided, matcherWeightsId: row.id });
    // on the reviewed claims themselves the learnt model is no worse (fitted there: not a prediction)
    expect(learned.scoreAfter.f1 ?? 0).toBeGreaterThanOrEqual(learned.scoreBefore.f1 ?? 0);
  });

  it('stores the learned decision re-fitted on the reviews and the reviewed claims as examples with the version, and matching then uses them', async () => {
    const { definition } = await loadChecklistDefinition(db.dataSource.manager, checklistId);
    const shipped = definition.examples;
    expect(shipped?.decision).toBeDefined();
    const learned = await learnFromReviews(db.dataSource.manager, checklistId, definition);
    const taught = learned.after.reviewed;
    // every reviewed claim of 胡家园街 is an example (its accepted items; none: a negative one), its report named
    expect(taught?.examples.length).toBeGreaterThan(20);
    expect(new Set(taught?.examples.map((e) => e.source))).toEqual(new Set([expect.stringMatching(/^report:\d+$/u)]));
    // the decision moved from the shipped one towards the reviews, and kept its features
    expect(taught?.decision).toBeDefined();
    expect(taught?.decision).not.toEqual(shipped?.decision);
    expect(Object.keys(taught?.decision?.weights ?? {})).toEqual(expect.arrayContaining(Object.keys(shipped?.decision?.weights ?? {})));

    const row = await db.dataSource.transaction((m) => applyLearnedModel(m, checklistId, learned, 'reviewer'));
    const stored = await db.dataSource.getRepository(MatcherWeights).findOneByOrFail({ id: row.id });
    expect(stored.decision).toEqual(taught?.decision);
    expect(stored.examples).toHaveLength(taught?.examples.length ?? -1);

    // matching a report of this version now reads with the stored decision and examples
    const model = await modelForChecklist(db.dataSource.manager, checklistId);
    expect(model.reviewed).toMatchObject({ id: row.id, decision: taught?.decision });
    const used = withExamplesOf(model, definition).examples;
    expect(used?.decision).toEqual(taught?.decision);
    expect(used?.examples).toHaveLength((shipped?.examples.length ?? 0) + (taught?.examples.length ?? 0));
    const unit = await db.dataSource.getRepository(Unit).findOneOrFail({ where: { name: '万兴街' } });
    const report = await db.dataSource.getRepository(Report).findOneOrFail({ where: { unitId: unit.id } });
    const claims = await db.dataSource.getRepository(Claim).find({ where: { reportId: report.id }, order: { position: 'ASC' } });
    const metrics = await db.dataSource.getRepository(MetricValue).find({ where: { reportId: report.id } });
    const input = matcherInputFromRows(claims, metrics);
    const matched = matchReport(input.claims, input.metrics, { definition, model });
    const expected = proposeCombinedLinks(input.claims, input.metrics, definition.items, {
      ...model,
      examples: { ...shipped!, examples: [...shipped!.examples, ...(taught?.examples ?? [])], decision: taught!.decision! },
    });
    expect(matched).toEqual(expected);
    // …which is not what the shipped decision alone links
    const { reviewed: _learnt, ...withoutReviews } = model;
    expect(matchReport(input.claims, input.metrics, { definition, model: withoutReviews })).not.toEqual(matched);
  });
});
