import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampType } from '../db/column-types';

/**
 * Who changed what, when: before → after. No foreign keys on purpose: the trail must outlive
 * what it describes (a deleted report or unit keeps its history), and entityId points into a
 * different table for each entityType.
 */
@Entity('audit_entry')
@Index('ix_audit_entity', ['entityType', 'entityId'])
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  actor: string;

  /** e.g. LINK_ACCEPTED, LINK_REJECTED, LINK_ADDED, ITEM_NOT_APPLICABLE, ASSESSMENT_LOCKED, REPORT_INGESTED */
  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ type: 'varchar', length: 40 })
  entityType: string;

  @Column({ type: 'integer' })
  entityId: number;

  @Column({ type: 'simple-json', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'simple-json', nullable: true })
  after: Record<string, unknown> | null;

  /** the unit the change concerns (scopes who may read the entry); null for checklists and tokens */
  @Index('ix_audit_unit')
  @Column({ type: 'integer', nullable: true })
  unitId: number | null;

  /** false when the change was refused (e.g. a stale concurrent review) */
  @Column({ type: 'boolean', default: true })
  succeeded: boolean;

  @CreateDateColumn({ type: timestampType })
  at: Date;
}
