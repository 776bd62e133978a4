import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ChecklistItem } from './checklist-item.entity';
import { doubleType } from '../db/column-types';
import type { Comparison } from './types';

/** A quantitative requirement on a checklist item (指标 / 目标值). */
@Entity('target')
export class Target {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_target_item')
  @Column({ type: 'integer' })
  itemId: number;

  @ManyToOne(() => ChecklistItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'itemId', foreignKeyConstraintName: 'fk_target_item' })
  item?: Relation<ChecklistItem>;

  @Column({ type: 'varchar', length: 80 })
  metric: string;

  @Column({ type: 'varchar', length: 2, nullable: true })
  op: Comparison | null;

  @Column({ type: doubleType, nullable: true })
  threshold: number | null;

  @Column({ type: 'varchar', length: 10 })
  unit: string;
}
