import type { DataSource, EntityManager } from 'typeorm';
import { recomputeAssessment } from './recompute.service';
import { recordAudit } from '../audit/audit.service';
import { ChecklistItem } from '../checklist/checklist-item.entity';
import { runWrite, type WriteLock } from '../db/write-lock';
import { Claim } from '../reports/claim.entity';
import { Report } from '../reports/report.entity';
import { fail, ok, type Outcome, type UserErrorCode } from '../common/user-error';
import { Checklist } from '../checklist/checklist.entity';
import { EvidenceLink } from '../evidence/evidence-link.entity';
import { nextLinkState, type ReviewAction } from '../evidence/review-state';
import { observeReview } from '../observability/events';

export interface ReviewInput {
  linkId: number;
  action: ReviewAction;
  /** required for REJECT */
  reason?: string | null;
  /** the version the reviewer saw; a different current version means someone else changed it */
  expectedVersion?: number | null;
  actor: string;
}

/**
 * Accepts, rejects (reason required) or reopens a link, following the declared
 * transitions, with an optimistic version check: of two reviewers acting at once, one
 * wins and the other gets STALE_VERSION; the audit trail records both attempts. The
 * assessment of the link's unit, checklist and year is recomputed (unless locked).
 */
export async function reviewLink(dataSource: DataSource, lock: WriteLock, input: ReviewInput): Promise<Outcome<EvidenceLink>> {
  const outcome = await reviewUnobserved(dataSource, lock, input);
  observeReview(outcome, input);
  return outcome;
}

async function reviewUnobserved(dataSource: DataSource, lock: WriteLock, input: ReviewInput): Promise<Outcome<EvidenceLink>> {
  if (input.action === 'REJECT' && !input.reason?.trim()) {
    return fail('REASON_REQUIRED', 'A rejection needs a reason.', 'input.reason');
  }
  return runWrite(dataSource, lock, async (manager) => {
    const repo = manager.getRepository(EvidenceLink);
    const link = await repo.findOne({ where: { id: input.linkId } });
    if (!link) return fail<EvidenceLink>('NOT_FOUND', 'No such evidence link.', 'input.linkId');
    const before = { state: link.state, version: link.version, reason: link.reason };
    const refuse = async (code: UserErrorCode, message: string, field: string | null) => {
      await recordAudit(manager, {
        actor: input.actor,
        action: `LINK_${input.action}`,
        entityType: 'EvidenceLink',
        entityId: link.id,
        unitId: await unitOfReport(manager, link.reportId),
        before,
        after: { refused: code, expectedVersion: input.expectedVersion ?? null },
        succeeded: false,
      });
      return fail<EvidenceLink>(code, message, field);
    };
    if (input.expectedVersion != null && input.expectedVersion !== link.version) {
      return refuse(
        'STALE_VERSION',
        `The link changed since you saw it (version ${input.expectedVersion}, now ${link.version}); reload and review again.`,
        'input.expectedVersion',
      );
    }
    const next = nextLinkState(link.state, input.action);
    if (!next) {
      return refuse(
        'INVALID_TRANSITION',
        `A ${link.state} link cannot be ${input.action.toLowerCase()}ed; reopen it first.`,
        'input.action',
      );
    }
    const now = new Date();
    const reason =
      input.action === 'REJECT' ? (input.reason as string).trim() : input.action === 'REOPEN' ? null : input.reason?.trim() || null;
    // The version guard in the WHERE clause also protects against another process.
    const result = await manager
      .createQueryBuilder()
      .update(EvidenceLink)
      .set({ state: next, reviewer: input.actor, reason, reviewedAt: now, version: link.version + 1 })
      .where('id = :id AND version = :version', { id: link.id, version: link.version })
      .execute();
    if (result.affected === 0) {
      return refuse('STALE_VERSION', 'The link was changed by someone else; reload and review again.', 'input.expectedVersion');
    }
    const updated = await repo.findOneOrFail({ where: { id: link.id } });
    await recordAudit(manager, {
      actor: input.actor,
      action: `LINK_${input.action}`,
      entityType: 'EvidenceLink',
      entityId: link.id,
      unitId: await unitOfReport(manager, link.reportId),
      before,
      after: { state: updated.state, version: updated.version, reason: updated.reason },
    });
    await recomputeForLink(manager, updated);
    return ok(updated);
  });
}

export interface ManualLinkInput {
  claimId: number;
  itemId: number;
  reason?: string | null;
  actor: string;
}

/**
 * Adds a link a person made (method MANUAL, state ACCEPTED, confidence 1) from any claim
 * to an item of a checklist that covers the report's year, stamped with the item text.
 */
export async function addManualLink(dataSource: DataSource, lock: WriteLock, input: ManualLinkInput): Promise<Outcome<EvidenceLink>> {
  return runWrite(dataSource, lock, async (manager) => {
    const claim = await manager.getRepository(Claim).findOne({ where: { id: input.claimId } });
    if (!claim) return fail<EvidenceLink>('NOT_FOUND', 'No such claim.', 'input.claimId');
    const item = await manager.getRepository(ChecklistItem).findOne({ where: { id: input.itemId } });
    if (!item) return fail<EvidenceLink>('NOT_FOUND', 'No such checklist item.', 'input.itemId');
    if (!item.assessable)
      return fail<EvidenceLink>('ITEM_NOT_ASSESSABLE', `${item.code} is a part heading, not an assessable item.`, 'input.itemId');
    const report = await manager.getRepository(Report).findOneOrFail({ where: { id: claim.reportId } });
    const checklist = await manager.getRepository(Checklist).findOneOrFail({ where: { id: item.checklistId } });
    if (report.year < checklist.yearFrom || report.year > checklist.yearTo) {
      return fail<EvidenceLink>(
        'YEAR_OUT_OF_RANGE',
        `The checklist covers ${checklist.yearFrom}–${checklist.yearTo}; the report is for ${report.year}.`,
        'input.itemId',
      );
    }
    const existing = await manager.getRepository(EvidenceLink).findOne({ where: { claimId: claim.id, itemId: item.id } });
    if (existing) {
      return fail<EvidenceLink>(
        'LINK_EXISTS',
        `This claim is already linked to ${item.code} (state ${existing.state}); review that link instead.`,
        'input.claimId',
      );
    }
    const repo = manager.getRepository(EvidenceLink);
    const link = await repo.save(
      repo.create({
        claimId: claim.id,
        itemId: item.id,
        reportId: claim.reportId,
        method: 'MANUAL',
        confidence: 1,
        state: 'ACCEPTED',
        rule: 'manual',
        matched: [],
        reviewer: input.actor,
        reason: input.reason?.trim() || null,
        reviewedAt: new Date(),
        itemTextHash: item.textHash,
        itemText: `${item.title}\n${item.text}`,
        createdBy: input.actor,
      }),
    );
    await recordAudit(manager, {
      actor: input.actor,
      action: 'LINK_ADDED',
      entityType: 'EvidenceLink',
      entityId: link.id,
      unitId: report.unitId,
      after: { claimId: claim.id, item: item.code, state: link.state, reason: link.reason },
    });
    await recomputeForLink(manager, link);
    return ok(link);
  });
}

/** Recomputes the assessment a link counts in, when its report is the current one. */
async function recomputeForLink(manager: EntityManager, link: EvidenceLink): Promise<void> {
  const report = await manager.getRepository(Report).findOneOrFail({ where: { id: link.reportId } });
  if (report.state !== 'CURRENT') return;
  const item = await manager.getRepository(ChecklistItem).findOneOrFail({ where: { id: link.itemId } });
  await recomputeAssessment(manager, report.unitId, item.checklistId, report.year);
}

async function unitOfReport(manager: EntityManager, reportId: number): Promise<number | null> {
  return (await manager.getRepository(Report).findOne({ where: { id: reportId }, select: ['id', 'unitId'] }))?.unitId ?? null;
}
