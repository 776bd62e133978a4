import { In, type EntityManager } from 'typeorm';
import type { LoadedChecklist } from '../checklist/checklist.service';
import type { ChecklistItemDefinition } from '../checklist/types';
import { EvidenceLink } from './evidence-link.entity';
import { describeItem, itemChanged } from './item-change';
import type { LinkState } from './types';

/** What carrying the reviews of one report over to a new checklist version did. */
export interface CarryOverResult {
  /** reviews carried unchanged (ACCEPTED or REJECTED on an item that did not change) */
  carried: number;
  /** accepted links whose item changed: now SUSPECT */
  suspect: number;
}

/**
 * The state a reviewed link of the previous version takes in the new one, or null when
 * nothing is carried (the new version's rules decide alone):
 * - item unchanged: ACCEPTED and REJECTED stay as they were, SUSPECT stays suspect;
 * - item changed (title, text, rules or targets): ACCEPTED and SUSPECT become SUSPECT
 *   (counted as proposed until confirmed or rejected); a rejection is not carried, so the
 *   reviewer sees the link afresh if the new rules propose it.
 */
export function carriedState(prior: LinkState, changed: boolean): LinkState | null {
  if (prior === 'PROPOSED') return null;
  if (prior === 'SUSPECT') return 'SUSPECT';
  if (!changed) return prior;
  return prior === 'ACCEPTED' ? 'SUSPECT' : null;
}

/**
 * Carries the reviews of one report's links from the previous checklist version to the
 * new one (whose rule links were just proposed): reviews of unchanged items untouched,
 * accepted links of changed items SUSPECT with the item as it was and as it is. A reviewed
 * link whose claim the new rules no longer propose is copied (a manual link stays manual).
 * Items removed in the new version take nothing.
 */
export async function carryOverReviews(
  manager: EntityManager,
  reportId: number,
  previous: LoadedChecklist,
  next: LoadedChecklist,
): Promise<CarryOverResult> {
  const result: CarryOverResult = { carried: 0, suspect: 0 };
  const repo = manager.getRepository(EvidenceLink);
  const priorLinks = await repo.find({
    where: { reportId, itemId: In(previous.items.map((i) => i.id)), state: In(['ACCEPTED', 'REJECTED', 'SUSPECT']) },
    order: { id: 'ASC' },
  });
  if (priorLinks.length === 0) return result;
  const prevCode = new Map(previous.items.map((i) => [i.id, i.code]));
  const prevDef = new Map(previous.definition.items.map((d) => [d.code, d]));
  const nextItem = new Map(next.items.map((i) => [i.code, i]));
  const nextDef = new Map(next.definition.items.map((d) => [d.code, d]));
  const current = await repo.find({ where: { reportId, itemId: In(next.items.map((i) => i.id)) } });
  const byPair = new Map(current.map((l) => [`${l.claimId}:${l.itemId}`, l]));
  for (const prior of priorLinks) {
    const code = prevCode.get(prior.itemId) as string;
    const item = nextItem.get(code);
    const before = prevDef.get(code) as ChecklistItemDefinition;
    const after = nextDef.get(code);
    if (!item || !after) continue;
    const state = carriedState(prior.state, itemChanged(before, after));
    if (state === null) continue;
    const itemChange =
      state === 'SUSPECT' ? { before: prior.itemChange?.before ?? describeItem(before), after: describeItem(after) } : null;
    const review = {
      state,
      reviewer: prior.reviewer,
      reason: prior.reason,
      reviewedAt: prior.reviewedAt,
      carriedFromId: prior.id,
      itemChange,
    };
    const existing = byPair.get(`${prior.claimId}:${item.id}`);
    if (existing) {
      await repo.update({ id: existing.id }, review);
    } else {
      await repo.save(
        repo.create({
          claimId: prior.claimId,
          itemId: item.id,
          reportId,
          method: prior.method,
          confidence: prior.confidence,
          rule: prior.rule,
          matched: prior.matched,
          itemTextHash: item.textHash,
          itemText: `${item.title}\n${item.text}`,
          createdBy: prior.createdBy,
          ...review,
        }),
      );
    }
    if (state === 'SUSPECT') result.suspect += 1;
    else result.carried += 1;
  }
  return result;
}
