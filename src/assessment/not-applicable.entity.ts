import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Checklist } from '../checklist/checklist.entity';
import { Unit } from '../units/unit.entity';
import { timestampType } from '../db/column-types';

/** An item marked not applicable for one unit and year, with its justification. */
@Entity('not_applicable_mark')
@Index('uq_not_applicable', ['unitId', 'checklistId', 'year', 'itemCode'], { unique: true })
export class NotApplicableMarkEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  unitId: number;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId', foreignKeyConstraintName: 'fk_not_applicable_unit' })
  unit?: Relation<Unit>;

  @Column({ type: 'integer' })
  checklistId: number;

  @ManyToOne(() => Checklist, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'checklistId', foreignKeyConstraintName: 'fk_not_applicable_checklist' })
  checklist?: Relation<Checklist>;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 20 })
  itemCode: string;

  @Column({ type: 'text' })
  justification: string;

  @Column({ type: 'varchar', length: 100 })
  createdBy: string;

  @CreateDateColumn({ type: timestampType })
  createdAt: Date;
}
