import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Checklist } from './checklist.entity';
import type { MatchRules } from './types';

/** A node of the checklist tree: a part (heading, not assessable) or an item. */
@Entity('checklist_item')
@Index('uq_checklist_item_code', ['checklistId', 'code'], { unique: true })
export class ChecklistItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  checklistId: number;

  @ManyToOne(() => Checklist, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'checklistId', foreignKeyConstraintName: 'fk_checklist_item_checklist' })
  checklist?: Relation<Checklist>;

  @Column({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  parentCode: string | null;

  /** order of the item in the file */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'boolean' })
  assessable: boolean;

  @Column({ type: 'integer' })
  points: number;

  @Column({ type: 'simple-json' })
  match: MatchRules;

  /** SHA-256 of title + text: links remember the wording they were made against */
  @Column({ type: 'varchar', length: 64 })
  textHash: string;
}
