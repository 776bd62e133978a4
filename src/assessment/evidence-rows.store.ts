/**
 * The evidence an assessment page shows — claims, their links and their metric values — for a
 * batch of claim ids in one statement (UNION ALL of the three shapes, one snapshot), limited
 * to the caller's units through each row's report, as the claim, link and metric loaders are
 * (src/graphql/loaders.ts `SCOPE.viaReport`).
 */
import type { DataSource } from 'typeorm';
import { EvidenceLink } from '../evidence/evidence-link.entity';
import { Claim } from '../reports/claim.entity';
import { MetricValue } from '../reports/metric-value.entity';
import { readRows } from '../db/read-rows';
import { unionEntities, unionSql, type UnionBranch } from '../db/union-rows';

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

/**
 * The three branches (claims, links, metric values) of the claims whose ids `claims()` gives
 * (a list of placeholders or a subquery; called once per branch, in the order the text reads:
 * SQLite's `?` are numbered by position), in the caller's scope.
 */
export function evidenceBranches(claims: () => string, scope: readonly number[] | null, p: (value: unknown) => string): UnionBranch[] {
  return TABLES.map((t) => {
    let from = `FROM "${t.table}" "${t.alias}" WHERE "${t.alias}"."${t.key}" IN (${claims()})`;
    if (scope !== null) {
      const units = scope.length ? scope : [-1];
      from += ` AND "${t.alias}"."reportId" IN (SELECT "sr"."id" FROM "report" "sr" WHERE "sr"."unitId" IN (${units.map(p).join(', ')}))`;
    }
    return { entity: t.entity, alias: t.alias, from };
  });
}

/** The rows of {@link evidenceBranches} by claim: every claim read, with its links and metric values in id order. */
export function evidenceByClaim(claims: Claim[], links: EvidenceLink[], metrics: MetricValue[]): Map<number, ClaimEvidence> {
  const byClaim = new Map<number, ClaimEvidence>(claims.map((claim) => [claim.id, { claim, links: [], metrics: [] }]));
  for (const link of links) byClaim.get(link.claimId)?.links.push(link);
  for (const metric of metrics) byClaim.get(metric.claimId)?.metrics.push(metric);
  for (const e of byClaim.values()) {
    e.links.sort((a, b) => a.id - b.id);
    e.metrics.sort((a, b) => a.id - b.id);
  }
  return byClaim;
}

export async function evidenceRows(ds: DataSource, claimIds: readonly number[], scope: readonly number[] | null): Promise<ClaimEvidence[]> {
  const postgres = ds.options.type === 'postgres';
  const params: unknown[] = [];
  const p = (value: unknown): string => {
    params.push(value);
    return postgres ? `$${params.length}` : '?';
  };
  const branches = evidenceBranches(() => claimIds.map(p).join(', '), scope, p);
  const [claims, links, metrics] = unionEntities(ds, branches, await readRows(ds, unionSql(ds, branches), params));
  const byClaim = evidenceByClaim(claims as Claim[], links as EvidenceLink[], metrics as MetricValue[]);
  // a claim outside the scope or gone: null, with the links and metric values read for it (none: they are read by claim and scope alike)
  return claimIds.map((id) => byClaim.get(id) ?? { claim: null, links: [], metrics: [] });
}
