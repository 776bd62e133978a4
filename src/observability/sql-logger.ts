import type { Logger, QueryRunner } from 'typeorm';
import { checkRequestDeadline, currentRequest } from './request-context';

const NOT_COUNTED = /^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SAVEPOINT|RELEASE|PRAGMA)/iu;

/**
 * The DataSource's TypeORM logger: counts each SQL statement for the current request
 * (metric `fazhi_sql_statements_per_request`), refuses it with QUERY_TIMEOUT once the
 * request's time budget is spent (`checkRequestDeadline`), and passes everything on to an
 * optional inner logger (the tests' and benchmark's statement counter).
 */
export class RequestSqlLogger implements Logger {
  constructor(private readonly inner?: Logger) {}

  logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    const request = currentRequest();
    if (request && !NOT_COUNTED.test(query)) {
      // the request's time budget, checked before each of its statements (transaction control —
      // ROLLBACK above all — always runs); TypeORM calls this before it sends the statement
      checkRequestDeadline();
      request.statements += 1;
    }
    this.inner?.logQuery(query, parameters, queryRunner);
  }
  logQueryError(error: string | Error, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.inner?.logQueryError(error, query, parameters, queryRunner);
  }
  logQuerySlow(time: number, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.inner?.logQuerySlow(time, query, parameters, queryRunner);
  }
  logSchemaBuild(message: string, queryRunner?: QueryRunner): void {
    this.inner?.logSchemaBuild(message, queryRunner);
  }
  logMigration(message: string, queryRunner?: QueryRunner): void {
    this.inner?.logMigration(message, queryRunner);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown, queryRunner?: QueryRunner): void {
    this.inner?.log(level, message, queryRunner);
  }
}
