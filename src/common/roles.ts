/**
 * Roles and what they may do. Scope (which units) is separate: every role but ADMIN is
 * bound to one unit's subtree, enforced where data is loaded (src/graphql/loaders.ts).
 */
export type Role = 'ADMIN' | 'REVIEWER' | 'UNIT' | 'VIEWER';
export const ROLES: readonly Role[] = ['ADMIN', 'REVIEWER', 'UNIT', 'VIEWER'];

export type Operation =
  'READ' | 'INGEST_REPORT' | 'REVIEW_EVIDENCE' | 'SET_NOT_APPLICABLE' | 'LOCK_ASSESSMENT' | 'IMPORT_CHECKLIST' | 'READ_AUDIT' | 'EXPORT';

/** The operations each role may perform (within its scope). */
export const PERMISSIONS: Readonly<Record<Role | 'ANONYMOUS', readonly Operation[]>> = {
  ADMIN: ['READ', 'INGEST_REPORT', 'REVIEW_EVIDENCE', 'SET_NOT_APPLICABLE', 'LOCK_ASSESSMENT', 'IMPORT_CHECKLIST', 'READ_AUDIT', 'EXPORT'],
  REVIEWER: ['READ', 'REVIEW_EVIDENCE', 'SET_NOT_APPLICABLE', 'LOCK_ASSESSMENT', 'READ_AUDIT', 'EXPORT'],
  UNIT: ['READ', 'INGEST_REPORT', 'EXPORT'],
  VIEWER: ['READ', 'EXPORT'],
  ANONYMOUS: ['READ', 'EXPORT'],
};

/** Whether a role may perform an operation. */
export function allows(role: Role | 'ANONYMOUS', operation: Operation): boolean {
  return PERMISSIONS[role].includes(operation);
}
