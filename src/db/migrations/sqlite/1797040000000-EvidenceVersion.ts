import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createFlagVersionTriggers, dropFlagVersionTriggers } from './flag-version-triggers';

/**
 * The assessments' data version (the `flags:0` counter of migration FlagTotals) also moved by
 * every write to what a unit's assessment page shows besides units, assessments and flags: the
 * report, its claims, their links and metric values (src/assessment/assessment-batch.store.ts
 * `unitPage` keeps the page per data version). SQLite's triggers run per row: one UPDATE of a
 * one-row key per report, claim, link or metric value written.
 */
const WATCHED = ['report', 'claim', 'evidence_link', 'metric_value'];

export class EvidenceVersion1797040000000 implements MigrationInterface {
  name = 'EvidenceVersion1797040000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await createFlagVersionTriggers(queryRunner, WATCHED);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropFlagVersionTriggers(queryRunner, WATCHED);
  }
}
