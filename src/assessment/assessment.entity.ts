import {
  AfterLoad,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { Checklist } from '../checklist/checklist.entity';
import { Report } from '../reports/report.entity';
import { Unit } from '../units/unit.entity';
import { doubleType, timestampType } from '../db/column-types';
import { AssessmentFlag } from './assessment-flag.entity';
import { withStoredFlags } from './stored-flags';
import type { AssessmentResult } from './types';

/** One unit × checklist × year: the stored result of the assessment (考核), lockable. */
@Entity('assessment')
@Index('uq_assessment', ['unitId', 'checklistId', 'year'], { unique: true })
export class Assessment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  unitId: number;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId', foreignKeyConstraintName: 'fk_assessment_unit' })
  unit?: Relation<Unit>;

  @Index('ix_assessment_checklist_year')
  @Column({ type: 'integer' })
  checklistId: number;

  @ManyToOne(() => Checklist, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'checklistId', foreignKeyConstraintName: 'fk_assessment_checklist' })
  checklist?: Relation<Checklist>;

  @Column({ type: 'integer' })
  year: number;

  /** the current report it was computed from, null when the unit has none that year */
  @Index('ix_assessment_report')
  @Column({ type: 'integer', nullable: true })
  reportId: number | null;

  /** a deleted report leaves the stored result in place until it is recomputed */
  @ManyToOne(() => Report, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reportId', foreignKeyConstraintName: 'fk_assessment_report' })
  report?: Relation<Report>;

  /**
   * The full result: items, coverage, score and flags. Stored without its flags (they are
   * stored once, as the `assessment_flag` rows below) and whole again once loaded.
   */
  @Column({ type: 'simple-json' })
  result: AssessmentResult;

  /** the stored flags, loaded with every assessment (eager) and put back into `result` */
  @OneToMany(() => AssessmentFlag, (flag) => flag.assessment, { eager: true })
  flagRows?: AssessmentFlag[];

  @Column({ type: doubleType })
  coverageConfirmed: number;

  @Column({ type: doubleType })
  coverageProposed: number;

  @Column({ type: doubleType })
  scoreConfirmed: number;

  @Column({ type: doubleType })
  scoreProposed: number;

  // The rest of what list views (coverage matrix, ranking) show, so that they never read
  // `result`: coverage counts, score earned and possible, and the number of flags.

  @Column({ type: 'integer', default: 0 })
  coveredConfirmed: number;

  @Column({ type: 'integer', default: 0 })
  partialConfirmed: number;

  @Column({ type: 'integer', default: 0 })
  coveredProposed: number;

  @Column({ type: 'integer', default: 0 })
  partialProposed: number;

  /** assessable items minus those marked not applicable (the same in both views) */
  @Column({ type: 'integer', default: 0 })
  assessableItems: number;

  @Column({ type: doubleType, default: 0 })
  earnedConfirmed: number;

  @Column({ type: doubleType, default: 0 })
  earnedProposed: number;

  /** points of the assessable items (the same in both views) */
  @Column({ type: doubleType, default: 0 })
  possiblePoints: number;

  @Column({ type: 'integer', default: 0 })
  flagCount: number;

  @Column({ type: 'boolean', default: false })
  locked: boolean;

  @Column({ type: timestampType, nullable: true })
  lockedAt: Date | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  lockedBy: string | null;

  @Column({ type: timestampType })
  computedAt: Date;

  @VersionColumn()
  version: number;

  @AfterLoad()
  protected putFlagsBack(): void {
    if (this.result && this.flagRows) this.result = withStoredFlags(this.result, this.flagRows);
  }
}
