import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Claim } from './claim.entity';
import { Report } from './report.entity';
import { doubleType } from '../db/column-types';
import type { Qualifier } from '../reading/types';

/** A number found in a claim, with its metric key when recognised. */
@Entity('metric_value')
export class MetricValue {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_metric_report')
  @Column({ type: 'integer' })
  reportId: number;

  @ManyToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reportId', foreignKeyConstraintName: 'fk_metric_report' })
  report?: Relation<Report>;

  @Index('ix_metric_claim')
  @Column({ type: 'integer' })
  claimId: number;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claimId', foreignKeyConstraintName: 'fk_metric_claim' })
  claim?: Relation<Claim>;

  @Column({ type: 'varchar', length: 80, nullable: true })
  metric: string | null;

  @Column({ type: doubleType })
  value: number;

  @Column({ type: 'varchar', length: 10 })
  unit: string;

  @Column({ type: 'varchar', length: 10 })
  qualifier: Qualifier;

  @Column({ type: 'integer' })
  start: number;

  @Column({ type: 'integer' })
  end: number;

  @Column({ type: 'text' })
  text: string;
}
