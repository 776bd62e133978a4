import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Unit } from '../units/unit.entity';
import { timestampType } from '../db/column-types';

export type ReportState = 'CURRENT' | 'REPLACED';

/** One unit's annual report for one year, raw text kept verbatim. */
@Entity('report')
@Index('ix_report_unit_year', ['unitId', 'year'])
// at most one current report per unit and year, even under concurrent ingests
@Index('uq_report_current', ['unitId', 'year'], { unique: true, where: `"state" = 'CURRENT'` })
export class Report {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  unitId: number;

  /** a unit with reports cannot be deleted: its reports are the evidence of its assessments */
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId', foreignKeyConstraintName: 'fk_report_unit' })
  unit?: Relation<Unit>;

  /** the year the report describes */
  @Column({ type: 'integer' })
  year: number;

  /** the text as received (or extracted from a document); offsets point into it */
  @Column({ type: 'text' })
  rawText: string;

  /** SHA-256 of rawText */
  @Index('ix_report_sha256')
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** file name or other origin */
  @Column({ type: 'varchar', length: 500 })
  source: string;

  /** SHA-256 of the original file when it was a document (.docx, .pdf …) */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sourceSha256: string | null;

  /** publication date on the web page, if known (YYYY-MM-DD) */
  @Column({ type: 'varchar', length: 10, nullable: true })
  publishedDate: string | null;

  /** CURRENT, or REPLACED by a later report for the same unit and year */
  @Column({ type: 'varchar', length: 10, default: 'CURRENT' })
  state: ReportState;

  @Index('ix_report_replaced_by')
  @Column({ type: 'integer', nullable: true })
  replacedById: number | null;

  /** deleting the newer report leaves the older one REPLACED, pointing at nothing */
  @ManyToOne(() => Report, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'replacedById', foreignKeyConstraintName: 'fk_report_replaced_by' })
  replacedBy?: Relation<Report>;

  @CreateDateColumn({ type: timestampType })
  createdAt: Date;
}
