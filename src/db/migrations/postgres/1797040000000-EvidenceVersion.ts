import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The assessments' data version (src/db/cache-version.ts `ASSESSMENT_DATA_VERSION`, the
 * `flags:*` counters of migration FlagTotals) also moved by every write to what a unit's
 * assessment page shows besides units, assessments and flags: the report, its claims, their
 * links and metric values. Then the page (src/assessment/assessment-batch.store.ts `unitPage`)
 * can be kept per data version like the district views and the flags pages. The same statement
 * trigger function as FlagTotals: one UPDATE of a one-row key per writing statement (an ingest
 * batch's multi-row INSERTs of claims, links and metric values bump it once each).
 */
const WATCHED = ['report', 'claim', 'evidence_link', 'metric_value'];

export class EvidenceVersion1797040000000 implements MigrationInterface {
  name = 'EvidenceVersion1797040000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of WATCHED) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_flag_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "bump_flag_version"()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of WATCHED) await queryRunner.query(`DROP TRIGGER "${table}_flag_version" ON "${table}"`);
  }
}
