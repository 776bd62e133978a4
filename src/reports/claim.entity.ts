import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Report } from './report.entity';
import type { Polarity, SectionKind } from '../reading/types';

/** A sentence or enumerated clause of a report, with offsets into the raw text. */
@Entity('claim')
@Index('ix_claim_report_position', ['reportId', 'position'])
export class Claim {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  reportId: number;

  @ManyToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reportId', foreignKeyConstraintName: 'fk_claim_report' })
  report?: Relation<Report>;

  /** the analyser's id within its report (c1, c2 …) */
  @Column({ type: 'varchar', length: 20 })
  localId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 100 })
  sectionPath: string;

  @Column({ type: 'varchar', length: 20 })
  sectionKind: SectionKind;

  @Column({ type: 'varchar', length: 10 })
  polarity: Polarity;

  @Column({ type: 'integer' })
  start: number;

  @Column({ type: 'integer' })
  end: number;

  @Column({ type: 'text' })
  text: string;
}
