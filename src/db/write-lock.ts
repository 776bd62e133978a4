import type { DataSource, EntityManager } from 'typeorm';

/**
 * Serialises write transactions within this process. SQLite through TypeORM shares one
 * connection, and two transactions started at once fail ("cannot start a transaction
 * within a transaction"); PostgreSQL copes, but serialising keeps behaviour the same on
 * both. Across processes, unique constraints and optimistic versions keep data correct.
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `work` after every earlier call has finished, success or failure. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** Attempts of a write transaction that lost a race with another process. */
const WRITE_ATTEMPTS = 5;

/**
 * Whether an error means "another connection was writing at the same time; run the
 * transaction again": SQLite's busy/locked (including a stale WAL snapshot), and
 * PostgreSQL's serialization failure and deadlock.
 */
function isWriteConflict(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; message?: string; driverError?: { code?: string } };
  const code = e?.code ?? e?.driverError?.code;
  return (
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_LOCKED' ||
    code === '40001' ||
    code === '40P01' ||
    /SQLITE_BUSY|database is locked/.test(e?.message ?? '')
  );
}

/**
 * Runs `work` in one transaction under the process's write lock, and runs it again (with a
 * short pause) when it lost a race with another process's write. The work must be
 * safe to repeat: everything it did in the failed attempt was rolled back.
 */
export async function runWrite<T>(dataSource: DataSource, lock: WriteLock, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await lock.run(() => dataSource.transaction(work));
    } catch (error) {
      if (attempt >= WRITE_ATTEMPTS || !isWriteConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}
