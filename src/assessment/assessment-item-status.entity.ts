import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Checklist } from '../checklist/checklist.entity';
import type { ItemStatus } from '../checklist/types';
import { Unit } from '../units/unit.entity';
import { doubleType } from '../db/column-types';
import { Assessment } from './assessment.entity';

/**
 * One item's status in a stored assessment: the narrow rows the coverage matrix reads (one
 * per assessable item), written with the assessment at every recompute and gone with it
 * (ON DELETE CASCADE). The primary key (assessmentId, itemCode) is the lookup index (on
 * SQLite the table itself: WITHOUT ROWID). Unit, checklist version and year repeat the
 * assessment's so that the rows describe themselves (and can be filtered across units).
 */
@Entity('assessment_item_status')
export class AssessmentItemStatus {
  @PrimaryColumn({ type: 'integer' })
  assessmentId: number;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessmentId', foreignKeyConstraintName: 'fk_item_status_assessment' })
  assessment?: Relation<Assessment>;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  itemCode: string;

  @Column({ type: 'integer' })
  unitId: number;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId', foreignKeyConstraintName: 'fk_item_status_unit' })
  unit?: Relation<Unit>;

  @Column({ type: 'integer' })
  checklistId: number;

  @ManyToOne(() => Checklist, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'checklistId', foreignKeyConstraintName: 'fk_item_status_checklist' })
  checklist?: Relation<Checklist>;

  @Column({ type: 'integer' })
  year: number;

  /** counting accepted + proposed links */
  @Column({ type: 'varchar', length: 20 })
  status: ItemStatus;

  /** counting accepted links only */
  @Column({ type: 'varchar', length: 20 })
  confirmedStatus: ItemStatus;

  /** points × factor of `status` */
  @Column({ type: doubleType })
  score: number;

  @Column({ type: doubleType })
  confirmedScore: number;
}
