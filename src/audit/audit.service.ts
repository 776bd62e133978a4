import type { EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  actor: string;
  action: string;
  entityType: string;
  entityId: number;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** the unit the change concerns, for scoped reading */
  unitId?: number | null;
  /** false for a refused attempt (kept so the trail shows both sides of a conflict) */
  succeeded?: boolean;
}

/** Appends one entry to the audit trail (who, what, when, before → after). */
export async function recordAudit(manager: EntityManager, record: AuditRecord): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(AuditEntry)
    .updateEntity(false)
    .values({
      actor: record.actor,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      // simple-json columns: TypeORM's deep-partial type does not accept arbitrary records
      before: (record.before ?? null) as never,
      after: (record.after ?? null) as never,
      unitId: record.unitId ?? null,
      succeeded: record.succeeded ?? true,
    })
    .execute();
}
