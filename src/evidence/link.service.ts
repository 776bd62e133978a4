import type { EntityManager } from 'typeorm';
import type { LoadedChecklist } from '../checklist/checklist.service';
import type { Claim } from '../reports/claim.entity';
import type { MetricValue } from '../reports/metric-value.entity';
import { EvidenceLink } from './evidence-link.entity';
import { matchClaims } from './matcher';

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
  if (proposed.length === 0) return 0;
  const itemsByCode = new Map(loaded.items.map((i) => [i.code, i]));
  const existing = await manager
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
  for (let i = 0; i < rows.length; i += 200) {
    await manager.getRepository(EvidenceLink).insert(rows.slice(i, i + 200));
  }
  return rows.length;
}
