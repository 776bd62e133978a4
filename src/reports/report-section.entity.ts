import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Report } from './report.entity';
import type { SectionKind } from '../reading/types';

/** A heading and its body in a report. */
@Entity('report_section')
export class ReportSection {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_section_report')
  @Column({ type: 'integer' })
  reportId: number;

  @ManyToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reportId', foreignKeyConstraintName: 'fk_section_report' })
  report?: Relation<Report>;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 100 })
  path: string;

  @Column({ type: 'text' })
  heading: string;

  @Column({ type: 'varchar', length: 20 })
  kind: SectionKind;

  @Column({ type: 'integer' })
  level: number;

  @Column({ type: 'integer' })
  start: number;

  @Column({ type: 'integer' })
  end: number;
}
