import type { EntityManager } from 'typeorm';
import type { LoadedChecklist } from '../checklist/checklist.service';
import type { Claim } from '../reports/claim.entity';
import type { MetricValue } from '../reports/metric-value.entity';
import type { ReportSection } from '../reports/report-section.entity';
import { EvidenceLink } from '../evidence/evidence-link.entity';
import { modelForChecklist } from '../evidence/matcher-weights.service';
import { matcherInputFromRows } from '../evidence/matcher-input.store';
import type { ProposedLink } from '../evidence/types';
import { matchReport } from './report-pipeline';
import { bulkInsert } from '../db/bulk-insert';

/**
 * Runs the matcher over a stored report's claims (with its sections' headings, as at ingest) against one checklist version — the rules
 * and, with the version's learnt model (matcher-weights.service.ts), the similarity, combined
 * by `combine` in pipeline.ts — and stores the proposed links (state PROPOSED, method RULE or
 * SIMILARITY), each stamped with the item wording it was made against. Pairs that already
 * have a link are left alone.
 */
export async function proposeLinksForReport(
  manager: EntityManager,
  reportId: number,
  claims: Claim[],
  metrics: MetricValue[],
  sections: readonly Pick<ReportSection, 'path' | 'heading'>[],
  loaded: LoadedChecklist,
): Promise<number> {
  const model = await modelForChecklist(manager, loaded.checklist.id);
  const input = matcherInputFromRows(claims, metrics, sections);
  const proposed = matchReport(input.claims, input.metrics, { definition: loaded.definition, model });
  return (await storeLinks(manager, reportId, proposed, loaded, false)).length;
}

/** The links stored by {@link storeLinks} (without their ids). */
export type StoredLinkRow = Pick<EvidenceLink, 'claimId' | 'itemId' | 'method' | 'state' | 'confidence'>;

/**
 * Stores the matcher's proposed links (claim ids are the stored claims' ids) as PROPOSED,
 * each stamped with the item wording it was made against, and returns the stored rows.
 * Pairs that already have a link are left alone. `freshReport`: the report was created in
 * this transaction, so it has no links yet (skips that query).
 */
export async function storeLinks(
  manager: EntityManager,
  reportId: number,
  proposed: readonly ProposedLink[],
  loaded: LoadedChecklist,
  freshReport: boolean,
): Promise<StoredLinkRow[]> {
  if (proposed.length === 0) return [];
  const existing = freshReport
    ? []
    : await manager
        .getRepository(EvidenceLink)
        .createQueryBuilder('l')
        .select(['l.claimId', 'l.itemId'])
        .where('l.reportId = :reportId', { reportId })
        .getMany();
  const rows = proposedLinkRows(reportId, proposed, loaded, new Set(existing.map((l) => `${l.claimId}:${l.itemId}`)));
  // updateEntity(false): no re-select of the generated columns (createdAt, version) on SQLite.
  await bulkInsert(manager, EvidenceLink, rows);
  return rows;
}

/**
 * The rows {@link storeLinks} stores (pure): one PROPOSED link per proposal whose item is in
 * the version and whose claim × item pair is not in `taken` (which it extends).
 */
export function proposedLinkRows(reportId: number, proposed: readonly ProposedLink[], loaded: LoadedChecklist, taken: Set<string>) {
  const itemsByCode = new Map(loaded.items.map((i) => [i.code, i]));
  return proposed.flatMap((p) => {
    const item = itemsByCode.get(p.itemCode);
    const claimId = Number(p.claimId);
    if (!item || taken.has(`${claimId}:${item.id}`)) return [];
    taken.add(`${claimId}:${item.id}`);
    return [
      {
        claimId,
        itemId: item.id,
        reportId,
        method: p.method,
        confidence: p.confidence,
        state: 'PROPOSED' as const,
        rule: p.rule,
        matched: p.matched,
        reviewer: null,
        reason: null,
        reviewedAt: null,
        itemTextHash: item.textHash,
        itemText: `${item.title}\n${item.text}`,
        createdBy: p.method === 'RULE' ? 'rules' : 'similarity',
        version: 1,
      },
    ];
  });
}
