import { AfterLoad, Column, Entity, Index, OneToMany, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
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

  @Index('ix_assessment_checklist_year')
  @Column({ type: 'integer' })
  checklistId: number;

  @Column({ type: 'integer' })
  year: number;

  /** the current report it was computed from, null when the unit has none that year */
  @Column({ type: 'integer', nullable: true })
  reportId: number | null;

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
