import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { UnitLevel } from '../reading/types';
import { timestampType } from '../db/column-types';

/** An organisation in the hierarchy (省/市/区/街道/乡镇) with its aliases. */
@Entity('unit')
export class Unit {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_unit_name', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  level: UnitLevel;

  /** other names of the same unit (万兴街道 for 万兴街) */
  @Column({ type: 'simple-json' })
  aliases: string[];

  @Index('ix_unit_parent')
  @Column({ type: 'integer', nullable: true })
  parentId: number | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parentId', foreignKeyConstraintName: 'fk_unit_parent' })
  parent?: Relation<Unit>;

  @CreateDateColumn({ type: timestampType })
  createdAt: Date;
}
