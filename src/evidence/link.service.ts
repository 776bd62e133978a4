import type { EntityManager } from 'typeorm';
import type { LoadedChecklist } from '../checklist/checklist.service';
import type { Claim } from '../reports/claim.entity';
import type { MetricValue } from '../reports/metric-value.entity';
import { EvidenceLink } from './evidence-link.entity';
import { matchClaims } from './matcher';
import { bulkInsert } from '../db/bulk-insert';

/**
 * Runs the rule matcher over a stored report's claims against one checklist version and
 * stores the proposed links (state PROPOSED, method RULE), each stamped with the item
 * wording it was made against. Pairs that already have a link are left alone.
 */
export async function proposeLinksForReport(
  manager: EntityManager,
  reportId: number,
  claims: Claim[],
  metrics: MetricValue[],
  loaded: LoadedChecklist,
): Promise<number> {
  return (await storeProposedLinks(manager, reportId, claims, metrics, loaded, false)).length;
}

/** The links stored by {@link storeProposedLinks} (without their ids). */
export type StoredLinkRow = Pick<EvidenceLink, 'claimId' | 'itemId' | 'method' | 'state' | 'confidence'>;

/**
 * Like {@link proposeLinksForReport}, returning the stored rows. `freshReport`: the report
 * was created in this transaction, so it has no links yet (skips that query).
 */
export async function storeProposedLinks(
  manager: EntityManager,
  reportId: number,
  claims: Claim[],
  metrics: MetricValue[],
  loaded: LoadedChecklist,
  freshReport: boolean,
): Promise<StoredLinkRow[]> {
  const proposed = matchClaims(
    claims.map((c) => ({
      id: String(c.id),
      text: c.text,
      polarity: c.polarity,
      sectionKind: c.sectionKind,
      sectionPath: c.sectionPath,
    })),
    metrics.map((m) => ({
      claimId: String(m.claimId),
      metric: m.metric,
      value: m.value,
      unit: m.unit,
      qualifier: m.qualifier,
      start: m.start,
      end: m.end,
      text: m.text,
    })),
    loaded.definition.items,
  );
  if (proposed.length === 0) return [];
  const itemsByCode = new Map(loaded.items.map((i) => [i.code, i]));
  const existing = freshReport
    ? []
    : await manager
        .getRepository(EvidenceLink)
        .createQueryBuilder('l')
        .select(['l.claimId', 'l.itemId'])
        .where('l.reportId = :reportId', { reportId })
        .getMany();
  const taken = new Set(existing.map((l) => `${l.claimId}:${l.itemId}`));
  const rows = proposed.flatMap((p) => {
    const item = itemsByCode.get(p.itemCode);
    const claimId = Number(p.claimId);
    if (!item || taken.has(`${claimId}:${item.id}`)) return [];
    taken.add(`${claimId}:${item.id}`);
    return [
      {
        claimId,
        itemId: item.id,
        reportId,
        method: 'RULE' as const,
        confidence: p.confidence,
        state: 'PROPOSED' as const,
        rule: p.rule,
        matched: p.matched,
        reviewer: null,
        reason: null,
        reviewedAt: null,
        itemTextHash: item.textHash,
        itemText: `${item.title}\n${item.text}`,
        createdBy: 'rules',
        version: 1,
      },
    ];
  });
  // updateEntity(false): no re-select of the generated columns (createdAt, version) on SQLite.
  await bulkInsert(manager, EvidenceLink, rows);
  return rows;
}
