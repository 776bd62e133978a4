import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { ChecklistItem } from '../checklist/checklist-item.entity';
import { Claim } from '../reports/claim.entity';
import { Report } from '../reports/report.entity';
import { doubleType, timestampType } from '../db/column-types';
import type { LinkMethod, LinkState } from './types';

/** A claim ↔ checklist item link (佐证), proposed by rules or added by a person, reviewable. */
@Entity('evidence_link')
@Index('uq_link_claim_item', ['claimId', 'itemId'], { unique: true })
export class EvidenceLink {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  claimId: number;

  @ManyToOne(() => Claim, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'claimId', foreignKeyConstraintName: 'fk_link_claim' })
  claim?: Relation<Claim>;

  @Index('ix_link_item')
  @Column({ type: 'integer' })
  itemId: number;

  @ManyToOne(() => ChecklistItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'itemId', foreignKeyConstraintName: 'fk_link_item' })
  item?: Relation<ChecklistItem>;

  @Index('ix_link_report')
  @Column({ type: 'integer' })
  reportId: number;

  @ManyToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reportId', foreignKeyConstraintName: 'fk_link_report' })
  report?: Relation<Report>;

  @Column({ type: 'varchar', length: 10 })
  method: LinkMethod;

  @Column({ type: doubleType })
  confidence: number;

  @Column({ type: 'varchar', length: 10 })
  state: LinkState;

  /** which rule fired (`keyword`, `together`, `metric`) or `manual` */
  @Column({ type: 'varchar', length: 40 })
  rule: string;

  /** the words or metric keys that fired */
  @Column({ type: 'simple-json' })
  matched: string[];

  @Column({ type: 'varchar', length: 100, nullable: true })
  reviewer: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: timestampType, nullable: true })
  reviewedAt: Date | null;

  /** stamp of the item wording the link was made against */
  @Column({ type: 'varchar', length: 64 })
  itemTextHash: string;

  @Column({ type: 'text' })
  itemText: string;

  @Column({ type: 'varchar', length: 100 })
  createdBy: string;

  /** the link of the previous checklist version whose review this one carries over */
  @Index('ix_link_carried_from')
  @Column({ type: 'integer', nullable: true })
  carriedFromId: number | null;

  @ManyToOne(() => EvidenceLink, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'carriedFromId', foreignKeyConstraintName: 'fk_link_carried_from' })
  carriedFrom?: Relation<EvidenceLink>;

  /** for a SUSPECT link: the item as it was when the link was accepted, and as it is now */
  @Column({ type: 'simple-json', nullable: true })
  itemChange: { before: string; after: string } | null;

  @CreateDateColumn({ type: timestampType })
  createdAt: Date;

  /** optimistic concurrency: a review must name the version it saw */
  @VersionColumn()
  version: number;
}
