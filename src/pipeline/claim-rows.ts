import type { ReportAnalysis } from '../reading/types';
import type { Claim } from '../reports/claim.entity';

/** The stored fields of a report's claims, in order: what one-by-one and batched ingest both write. */
export type ClaimFields = Pick<
  Claim,
  'reportId' | 'localId' | 'position' | 'sectionPath' | 'sectionKind' | 'polarity' | 'start' | 'end' | 'text'
>;

export function claimFieldsOf(analysis: Pick<ReportAnalysis, 'claims'>, reportId: number): ClaimFields[] {
  return analysis.claims.map((c, position) => ({
    reportId,
    localId: c.id,
    position,
    sectionPath: c.sectionPath,
    sectionKind: c.sectionKind,
    polarity: c.polarity,
    start: c.start,
    end: c.end,
    text: c.text,
  }));
}
