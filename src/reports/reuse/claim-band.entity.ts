import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Report } from '../report.entity';

/**
 * One LSH band of a claim's similarity fingerprint (src/reports/reuse/fingerprint.ts),
 * stored at ingest: claims sharing a band key are candidates for near-duplicates. The
 * primary key (bandKey, claimId) is the lookup index. Rows go with their report (ON DELETE
 * CASCADE). claimId has no foreign key on purpose: SQLite looks up the child rows of every
 * deleted parent, and without an index on claimId (which would cost the insert time the
 * WITHOUT ROWID table saves) deleting a report's claims would scan the table once per claim;
 * claims are only ever deleted with their report, whose key already removes the bands.
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

  @ManyToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reportId', foreignKeyConstraintName: 'fk_claim_band_report' })
  report?: Relation<Report>;
}
