/**
 * The evidence an assessment page shows — claims, their links and their metric values — for a
 * batch of claim ids in one statement (UNION ALL of the three shapes, one snapshot), limited
 * to the caller's units through each row's report, as the claim, link and metric loaders are
 * (src/graphql/loaders.ts `SCOPE.viaReport`).
 */
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { entityFromRaw } from '../db/hydrate';
import { EvidenceLink } from '../evidence/evidence-link.entity';
import { Claim } from '../reports/claim.entity';
import { MetricValue } from '../reports/metric-value.entity';
import { readRows } from '../db/read-rows';

/** A claim (null outside the caller's scope or when gone) with its links and metric values, each by id. */
export interface ClaimEvidence {
  claim: Claim | null;
  links: EvidenceLink[];
  metrics: MetricValue[];
}

const TABLES = [
  { entity: Claim, table: 'claim', alias: 'c', key: 'id' },
  { entity: EvidenceLink, table: 'evidence_link', alias: 'l', key: 'claimId' },
  { entity: MetricValue, table: 'metric_value', alias: 'm', key: 'claimId' },
] as const;

export async function evidenceRows(ds: DataSource, claimIds: readonly number[], scope: readonly number[] | null): Promise<ClaimEvidence[]> {
  const postgres = ds.options.type === 'postgres';
  const params: unknown[] = [];
  const p = (value: unknown): string => {
    params.push(value);
    return postgres ? `$${params.length}` : '?';
  };
  const columns = TABLES.map((t) => ds.getMetadata(t.entity as EntityTarget<ObjectLiteral>).columns);
  // typed NULLs: PostgreSQL types a column NULL in the first two branches as text
  const none = (column: (typeof columns)[number][number]): string =>
    postgres ? `CAST(NULL AS ${ds.driver.normalizeType(column)})` : 'NULL';
  const branches = TABLES.map((t, k) => {
    const select = TABLES.map((other, j) =>
      columns[j]!.map((c) => (j === k ? `"${other.alias}"."${c.databaseName}"` : none(c)) + ` AS "${other.alias}_${c.databaseName}"`).join(
        ', ',
      ),
    ).join(', ');
    let sql = `SELECT ${k} AS "kind", ${select} FROM "${t.table}" "${t.alias}" WHERE "${t.alias}"."${t.key}" IN (${claimIds.map(p).join(', ')})`;
    if (scope !== null) {
      const units = scope.length ? scope : [-1];
      sql += ` AND "${t.alias}"."reportId" IN (SELECT "sr"."id" FROM "report" "sr" WHERE "sr"."unitId" IN (${units.map(p).join(', ')}))`;
    }
    return sql;
  });
  const raw = await readRows(ds, branches.join(' UNION ALL '), params);
  const byClaim = new Map<number, ClaimEvidence>(claimIds.map((id) => [id, { claim: null, links: [], metrics: [] }]));
  for (const r of raw) {
    const kind = Number(r.kind);
    if (kind === 0) {
      const claim = entityFromRaw(ds, Claim, r, 'c');
      byClaim.get(claim.id)!.claim = claim; // asked for by id
    } else if (kind === 1) {
      const link = entityFromRaw(ds, EvidenceLink, r, 'l');
      byClaim.get(link.claimId)?.links.push(link);
    } else {
      const metric = entityFromRaw(ds, MetricValue, r, 'm');
      byClaim.get(metric.claimId)?.metrics.push(metric);
    }
  }
  for (const e of byClaim.values()) {
    e.links.sort((a, b) => a.id - b.id);
    e.metrics.sort((a, b) => a.id - b.id);
  }
  return claimIds.map((id) => byClaim.get(id)!);
}
