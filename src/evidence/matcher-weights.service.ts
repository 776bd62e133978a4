import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import type { ChecklistDefinition } from '../checklist/types';
import { ChecklistItem } from '../checklist/checklist-item.entity';
import { Claim } from '../reports/claim.entity';
import { MetricValue } from '../reports/metric-value.entity';
import { ReportSection } from '../reports/report-section.entity';
import { EvidenceLink } from './evidence-link.entity';
import { MatcherWeights } from '../checklist/matcher-weights.entity';
import {
  fitModelOn,
  learnFromReviewedClaims,
  RULES_ONLY_MODEL,
  proposeLinks,
  withExamplesOf,
  scoreAgainstGold,
  type ClaimsWithGold,
  type MatcherModel,
  type ReviewedLink,
} from './pipeline';
import { matcherInputFromRows } from './matcher-input.store';
import type { Score } from './evaluate';
import { sumScores } from './evaluate';

/**
 * Storage of what the matcher learnt per checklist version, and learning it from reviewers.
 *
 * - On import, a checklist file's `matching.similarity` becomes the version's first row
 *   (source CHECKLIST).
 * - {@link learnFromReviews} reads every decided link of the version's items — ACCEPTED and
 *   REJECTED links, accepted MANUAL links being items the matcher missed — and re-estimates
 *   the model from them ({@link fitModelOn}: term weights from the rule links' decisions,
 *   calibration and threshold from the reviewed claims). A claim counts as reviewed when
 *   every link of it is decided (ACCEPTED or REJECTED; not PROPOSED or SUSPECT); its accepted
 *   items are its true items. With examples shipped with the version (and their learned
 *   decision), the reviewed claims also become examples beside them and training rows of the
 *   decision, re-fitted anchored on the shipped one ({@link learnFromReviewedClaims}).
 * - {@link applyLearnedModel} stores the re-estimate as a new row (source REVIEWS) and writes
 *   the audit trail (before → after). Nothing is learnt silently: only that call changes the
 *   model, and the `evaluate --from-reviews` command shows before and after first.
 */

/** The model in force for a checklist version: its newest row, or rules alone. */
export async function modelForChecklist(manager: EntityManager, checklistId: number): Promise<MatcherModel> {
  const row = await manager.getRepository(MatcherWeights).findOne({ where: { checklistId }, order: { id: 'DESC' } });
  return row ? modelOfRow(row) : RULES_ONLY_MODEL;
}

function modelOfRow(row: Pick<MatcherWeights, 'id' | 'calibration' | 'threshold' | 'termWeights' | 'decision' | 'examples'>): MatcherModel {
  const model: MatcherModel = {
    calibration: row.calibration,
    threshold: row.threshold,
    aloneThreshold: row.threshold,
    termWeights: row.termWeights,
  };
  if (!row.decision && !row.examples) return model;
  return { ...model, reviewed: { id: row.id, examples: row.examples ?? [], ...(row.decision ? { decision: row.decision } : {}) } };
}

/** The reviewed claims and decisions of one checklist version. */
interface ReviewEvidence {
  claims: ClaimsWithGold[];
  decisions: ReviewedLink[];
  /** decided links (accepted + rejected) */
  decided: number;
  reviewedClaims: number;
}

/** Reads the reviewers' decisions on the links of one checklist version's items. */
async function reviewEvidence(manager: EntityManager, checklistId: number): Promise<ReviewEvidence> {
  const items = await manager.getRepository(ChecklistItem).find({ where: { checklistId } });
  const codeOf = new Map(items.map((i) => [i.id, i.code]));
  if (items.length === 0) return { claims: [], decisions: [], decided: 0, reviewedClaims: 0 };
  const links = await manager
    .getRepository(EvidenceLink)
    .createQueryBuilder('l')
    .where('l.itemId IN (:...ids)', { ids: items.map((i) => i.id) })
    .orderBy('l.id')
    .getMany();
  const byClaim = new Map<number, EvidenceLink[]>();
  for (const l of links) byClaim.set(l.claimId, [...(byClaim.get(l.claimId) ?? []), l]);
  // decided: ACCEPTED or REJECTED; PROPOSED and SUSPECT (awaiting a reviewer again) are not
  const isDecided = (l: EvidenceLink) => l.state === 'ACCEPTED' || l.state === 'REJECTED';
  const reviewedIds = [...byClaim.entries()].filter(([, list]) => list.every(isDecided)).map(([id]) => id);
  const decisions: ReviewedLink[] = links
    .filter((l) => isDecided(l) && l.method === 'RULE')
    .map((l) => ({ itemCode: codeOf.get(l.itemId) ?? '', matched: l.matched, accepted: l.state === 'ACCEPTED' }));
  const decided = links.filter(isDecided).length;
  if (reviewedIds.length === 0) return { claims: [], decisions, decided, reviewedClaims: 0 };
  const claims: Claim[] = [];
  const metrics: MetricValue[] = [];
  for (let i = 0; i < reviewedIds.length; i += 500) {
    const chunk = reviewedIds.slice(i, i + 500);
    claims.push(
      ...(await manager.getRepository(Claim).createQueryBuilder('c').where('c.id IN (:...ids)', { ids: chunk }).orderBy('c.id').getMany()),
    );
    metrics.push(
      ...(await manager.getRepository(MetricValue).createQueryBuilder('m').where('m.claimId IN (:...ids)', { ids: chunk }).getMany()),
    );
  }
  const gold = new Map<string, Set<string>>();
  for (const id of reviewedIds) {
    gold.set(String(id), new Set((byClaim.get(id) ?? []).filter((l) => l.state === 'ACCEPTED').map((l) => codeOf.get(l.itemId) ?? '')));
  }
  // one set per report: a reviewed claim's votes never come from its own report's examples
  const byReport = new Map<number, { claims: Claim[]; metrics: MetricValue[] }>();
  const claimReport = new Map<number, number>();
  for (const c of claims) {
    claimReport.set(c.id, c.reportId);
    const r = byReport.get(c.reportId) ?? { claims: [], metrics: [] };
    r.claims.push(c);
    byReport.set(c.reportId, r);
  }
  for (const m of metrics) byReport.get(claimReport.get(m.claimId) ?? -1)?.metrics.push(m);
  // the reports' section headings: the claims are matched with the context they had at ingest
  const sectionsOf = new Map<number, ReportSection[]>();
  const reportIds = [...byReport.keys()];
  for (let i = 0; i < reportIds.length; i += 500) {
    const rows = await manager
      .getRepository(ReportSection)
      .createQueryBuilder('s')
      .select(['s.reportId', 's.path', 's.heading'])
      .where('s.reportId IN (:...ids)', { ids: reportIds.slice(i, i + 500) })
      .getMany();
    for (const row of rows) sectionsOf.set(row.reportId, [...(sectionsOf.get(row.reportId) ?? []), row]);
  }
  const sets: ClaimsWithGold[] = [...byReport.entries()]
    .sort(([a], [b]) => a - b)
    .map(([reportId, r]) => {
      const input = matcherInputFromRows(r.claims, r.metrics, sectionsOf.get(reportId) ?? []);
      return {
        ...input,
        gold: new Map(input.claims.flatMap((c) => (gold.has(c.id) ? [[c.id, gold.get(c.id) as Set<string>] as const] : []))),
        source: `report:${reportId}`,
      };
    });
  return { claims: sets, decisions, decided, reviewedClaims: reviewedIds.length };
}

/** Before and after of learning from one checklist version's reviews. */
export interface LearnedModel {
  before: MatcherModel;
  after: MatcherModel;
  evidence: ReviewEvidence;
  /** the reviewed claims scored with each model (fitted on the same claims: not a prediction) */
  scoreBefore: Score;
  scoreAfter: Score;
}

/** Fewest reviewed claims before a calibration is re-estimated (below: the current one is kept). */
const MIN_REVIEWED_CLAIMS = 20;

/**
 * Re-estimates the model of a checklist version from its reviews. With fewer than
 * {@link MIN_REVIEWED_CLAIMS} reviewed claims only the term weights are re-estimated and the
 * calibration and threshold stay as they are.
 */
export async function learnFromReviews(
  manager: EntityManager,
  checklistId: number,
  definition: Pick<ChecklistDefinition, 'items' | 'examples'>,
): Promise<LearnedModel> {
  const { items } = definition;
  const before = await modelForChecklist(manager, checklistId);
  const evidence = await reviewEvidence(manager, checklistId);
  const fitted = fitModelOn(items, evidence.claims, evidence.decisions);
  // what earlier reviews taught is re-learnt from every review of the version, from the shipped examples and decision
  const base: MatcherModel =
    evidence.reviewedClaims >= MIN_REVIEWED_CLAIMS
      ? { ...fitted, aloneThreshold: fitted.threshold }
      : {
          calibration: before.calibration,
          threshold: before.threshold,
          aloneThreshold: before.aloneThreshold,
          termWeights: fitted.termWeights,
        };
  // the examples and decision: from the version's shipped ones, with the new term weights
  const reviewed = evidence.reviewedClaims > 0 ? learnFromReviewedClaims(items, withExamplesOf(base, definition), evidence.claims) : null;
  const after: MatcherModel = reviewed ? { ...base, reviewed: { id: 0, ...reviewed } } : base;
  // scored on the links the product proposes with each model (context included, see context.ts)
  const scoreWith = (model: MatcherModel) =>
    sumScores(
      evidence.claims.map((s) =>
        scoreAgainstGold(
          proposeLinks(s.claims, s.metrics, items, withExamplesOf(model, definition), { excludeSource: s.source }).combined,
          s.gold,
        ),
      ),
    );
  return { before, after, evidence, scoreBefore: scoreWith(before), scoreAfter: scoreWith(after) };
}

/** Stores a learnt model as the checklist version's newest row and audits it. */
export async function applyLearnedModel(
  manager: EntityManager,
  checklistId: number,
  learned: LearnedModel,
  actor: string,
): Promise<MatcherWeights> {
  const repo = manager.getRepository(MatcherWeights);
  const row = await repo.save(
    repo.create({
      checklistId,
      source: 'REVIEWS',
      calibration: learned.after.calibration,
      threshold: learned.after.threshold,
      termWeights: learned.after.termWeights,
      decision: learned.after.reviewed?.decision ?? null,
      examples: learned.after.reviewed
        ? learned.after.reviewed.examples.map((e) => ({ text: e.text, items: [...e.items], source: e.source }))
        : null,
      decisions: learned.evidence.decided,
      createdBy: actor,
    }),
  );
  await recordAudit(manager, {
    actor,
    action: 'LEARN_MATCHER_WEIGHTS',
    entityType: 'Checklist',
    entityId: checklistId,
    before: { calibration: learned.before.calibration, threshold: learned.before.threshold, termWeights: learned.before.termWeights },
    after: {
      calibration: row.calibration,
      threshold: row.threshold,
      termWeights: row.termWeights,
      decision: row.decision,
      reviewExamples: row.examples?.length ?? 0,
      decisions: row.decisions,
      matcherWeightsId: row.id,
    },
  });
  return row;
}
