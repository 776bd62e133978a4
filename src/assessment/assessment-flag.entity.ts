import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Checklist } from '../checklist/checklist.entity';
import { Unit } from '../units/unit.entity';
import type { FlagCode, Severity } from '../checklist/types';
import type { LocalText } from '../i18n/messages';
import { Assessment } from './assessment.entity';

/** A flag of a stored assessment, kept in its own table so flags can be filtered across units. */
@Entity('assessment_flag')
// the `flags` list's filter and order (severity, unit name, then id), and the unit: a page of one
// code × year is read from this index alone, in order, and only its rows are read whole
@Index('ix_flag_list', ['checklistId', 'year', 'code', 'severityRank', 'unitName', 'id', 'unitId'])
export class AssessmentFlag {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_flag_assessment')
  @Column({ type: 'integer' })
  assessmentId: number;

  @ManyToOne(() => Assessment, (assessment) => assessment.flagRows, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessmentId', foreignKeyConstraintName: 'fk_flag_assessment' })
  assessment?: Relation<Assessment>;

  @Column({ type: 'integer' })
  unitId: number;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId', foreignKeyConstraintName: 'fk_flag_unit' })
  unit?: Relation<Unit>;

  /**
   * the unit's name, copied so that an index serves the list's order (unit names do not
   * change: units are upserted by name; a rename in SQL is copied by a trigger on `unit`)
   */
  @Column({ type: 'varchar', length: 100 })
  unitName: string;

  @Column({ type: 'integer' })
  checklistId: number;

  @ManyToOne(() => Checklist, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'checklistId', foreignKeyConstraintName: 'fk_flag_checklist' })
  checklist?: Relation<Checklist>;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 40 })
  code: FlagCode;

  @Column({ type: 'varchar', length: 10 })
  severity: Severity;

  /** 0 ERROR, 1 WARNING, 2 INFO: orders flags by severity */
  @Column({ type: 'integer' })
  severityRank: number;

  @Column({ type: 'varchar', length: 20, nullable: true })
  itemCode: string | null;

  /** the message in Chinese (the default locale) */
  @Column({ type: 'text' })
  message: string;

  /** the message by catalogue key and parameters (src/i18n/messages.ts); null for flags stored before it */
  @Column({ type: 'simple-json', nullable: true })
  text: LocalText | null;

  /** stored claim ids that explain it */
  @Column({ type: 'simple-json' })
  claimIds: number[];
}
