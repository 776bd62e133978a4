import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampType } from '../db/column-types';

/** An item marked not applicable for one unit and year, with its justification. */
@Entity('not_applicable_mark')
@Index('uq_not_applicable', ['unitId', 'checklistId', 'year', 'itemCode'], { unique: true })
export class NotApplicableMarkEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  unitId: number;

  @Column({ type: 'integer' })
  checklistId: number;

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
