import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Unit } from '../units/unit.entity';
import { timestampType } from '../db/column-types';
import type { Role } from '../common/roles';

/** An API token: random, shown once, stored only as its SHA-256. */
@Entity('api_token')
export class ApiToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 10 })
  role: Role;

  /** the unit whose subtree the token may see (null: everything, ADMIN only) */
  @Column({ type: 'integer', nullable: true })
  unitId: number | null;

  /** RESTRICT, never SET NULL: a null unit would widen the token to everything */
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId', foreignKeyConstraintName: 'fk_token_unit' })
  unit?: Relation<Unit>;

  @Index('uq_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  /** first characters of the token, to recognise it in lists */
  @Column({ type: 'varchar', length: 12 })
  prefix: string;

  @CreateDateColumn({ type: timestampType })
  createdAt: Date;

  @Column({ type: timestampType, nullable: true })
  revokedAt: Date | null;

  /** after this time the token no longer works (null: never expires) */
  @Column({ type: timestampType, nullable: true })
  expiresAt: Date | null;

  /** last time the token was used (updated at most once a minute) */
  @Column({ type: timestampType, nullable: true })
  lastUsedAt: Date | null;
}
