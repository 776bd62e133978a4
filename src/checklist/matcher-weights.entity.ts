import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Checklist } from './checklist.entity';
import { doubleType, timestampType } from '../db/column-types';
import type { LearnedDecision, SimilaritySettings } from './types';

/** Logistic calibration of the similarity signal (src/evidence/similarity.ts). */
type Calibration = Omit<SimilaritySettings, 'threshold'>;

/**
 * What the matcher learnt for one checklist version (src/evidence/pipeline.ts MatcherModel):
 * the similarity calibration and threshold and the rule words' weights, and — learnt from
 * reviewers — the reviewed claims as examples and the learned decision re-fitted on them. Rows are only added,
 * never changed: the newest row of a checklist version is in force; older rows are its
 * history. `source`: CHECKLIST (the file's starting calibration, written on import) or
 * REVIEWS (re-estimated from reviewers' decisions by `evaluate --from-reviews --apply`).
 */
@Entity('matcher_weights')
export class MatcherWeights {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_matcher_weights_checklist')
  @Column({ type: 'integer' })
  checklistId: number;

  @ManyToOne(() => Checklist, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'checklistId', foreignKeyConstraintName: 'fk_matcher_weights_checklist' })
  checklist?: Relation<Checklist>;

  @Column({ type: 'varchar', length: 20 })
  source: 'CHECKLIST' | 'REVIEWS';

  @Column({ type: 'simple-json' })
  calibration: Calibration;

  @Column({ type: doubleType })
  threshold: number;

  /** item code → rule word → weight */
  @Column({ type: 'simple-json' })
  termWeights: Record<string, Record<string, number>>;

  /**
   * the learned decision re-fitted on the version's reviewed claims, anchored on the one its
   * shipped examples carry (src/evidence/pipeline.ts learnFromReviewedClaims); null: the shipped one
   */
  @Column({ type: 'simple-json', nullable: true })
  decision: LearnedDecision | null;

  /** the reviewed claims as labelled examples, used beside the version's shipped ones; null: none */
  @Column({ type: 'simple-json', nullable: true })
  examples: Array<{ text: string; items: string[]; source: string }> | null;

  /** how many review decisions it was learnt from (0 for CHECKLIST) */
  @Column({ type: 'integer' })
  decisions: number;

  @Column({ type: 'varchar', length: 100 })
  createdBy: string;

  @CreateDateColumn({ type: timestampType })
  createdAt: Date;
}
