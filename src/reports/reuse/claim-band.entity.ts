import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One LSH band of a claim's similarity fingerprint (src/reports/reuse/fingerprint.ts),
 * stored at ingest: claims sharing a band key are candidates for near-duplicates. The
 * primary key (bandKey, claimId) is the lookup index.
 */
@Entity('claim_band')
export class ClaimBand {
  /** a signed 32-bit hash of the band's index and its MinHash rows */
  @PrimaryColumn({ type: 'integer' })
  bandKey: number;

  @PrimaryColumn({ type: 'integer' })
  claimId: number;

  @Column({ type: 'integer' })
  reportId: number;
}
