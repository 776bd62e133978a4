import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ChecklistDefinition } from './types';
import { doubleType, timestampType } from '../db/column-types';

/** One edition (version) of a district's 工作任务清单. */
@Entity('checklist')
@Index('uq_checklist_key_version', ['key', 'version'], { unique: true })
export class Checklist {
  @PrimaryGeneratedColumn()
  id: number;

  /** stable key shared by all versions of one checklist */
  @Column({ type: 'varchar', length: 100 })
  key: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 200 })
  issuer: string;

  @Column({ type: 'integer' })
  yearFrom: number;

  @Column({ type: 'integer' })
  yearTo: number;

  /** status → factor rules of the checklist file */
  @Column({ type: 'simple-json' })
  scoring: ChecklistDefinition['scoring'];

  /** flag code → enabled/severity */
  @Column({ type: 'simple-json' })
  flags: ChecklistDefinition['flags'];

  /** REUSED_EVIDENCE threshold (`reuse.threshold` of the file), null when the file does not set it */
  @Column({ type: doubleType, nullable: true })
  reuseThreshold: number | null;

  /** SHA-256 of the definition it was imported from, to make re-import idempotent */
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 300 })
  source: string;

  @CreateDateColumn({ type: timestampType })
  createdAt: Date;
}
