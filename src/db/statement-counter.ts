import type { Logger, QueryRunner } from 'typeorm';

/**
 * A TypeORM logger that counts SQL statements, used by tests and benchmarks to check
 * that a request's number of statements does not grow with the rows it returns.
 */
export class StatementCounter implements Logger {
  count = 0;
  statements: string[] = [];
  /** keep the statement texts (off by default to save memory) */
  record = false;

  reset(): void {
    this.count = 0;
    this.statements = [];
  }

  logQuery(query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    if (/^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SAVEPOINT|RELEASE|PRAGMA)/i.test(query)) return;
    this.count += 1;
    if (this.record) this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
