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
