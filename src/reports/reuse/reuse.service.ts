/**
 * Storage side of reuse detection (pure core: fingerprint.ts, reuse.ts): the claims' LSH
 * bands stored at ingest, the boilerplate list computed from the corpus (cached), and the
 * queries behind `Report.reuse` and `Claim.similarClaims`.
 */
import { In, type DataSource, type EntityManager } from 'typeorm';
import { bulkInsert } from '../../db/bulk-insert';
import { Claim } from '../claim.entity';
import { Report } from '../report.entity';
import { Unit } from '../../units/unit.entity';
import { ClaimBand } from './claim-band.entity';
import { boilerplateShingles, fingerprintClaim, REUSE_THRESHOLD, shingleHashes } from './fingerprint';
import { findReuse, type ReportReuse, type ReuseCandidate, type ReuseClaim, type ReuseKind, type ReuseMatch } from './reuse';

const CHUNK = 500;
/** a band key shared by more claims than this is a set phrase of the genre, not a copy: not followed */
const BUCKET_LIMIT = 10;
/** units whose claims the boilerplate list is computed from (evenly spread over all units with reports) */
const BOILERPLATE_SAMPLE_UNITS = 300;

/** Time spent on reuse at ingest (fingerprints computed and stored, last year's claims compared), for the bench. */
export const reuseTiming = { ms: 0, claims: 0, bandsMs: 0, insertMs: 0 };

/** The names a unit goes by (dropped from its claims before comparing). */
export function namesOf(unit: Pick<Unit, 'name' | 'aliases'> | null | undefined): string[] {
  return unit ? [unit.name, ...(unit.aliases ?? [])] : [];
}

/** Names of units by id, in one query per 500. */
async function unitNamesById(ds: DataSource | EntityManager, ids: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    for (const u of await ds
      .getRepository(Unit)
      .find({ select: ['id', 'name', 'aliases'], where: { id: In(unique.slice(i, i + CHUNK)) } })) {
      out.set(u.id, namesOf(u));
    }
  }
  return out;
}

/**
 * How many rows the bucket of each key (of `keys`) holds, counted up to {@link BUCKET_LIMIT} + 1
 * (keys of an empty bucket are left out). A bucket holding more than BUCKET_LIMIT rows is never
 * followed (`candidatesFor` counts up to BUCKET_LIMIT + 1 and drops it) and rows are never
 * removed from claim_band, so a row added to it would never be read: the bands of the
 * sentences every report repeats (most of a generated corpus's claims) are not stored again
 * and again ({@link keptBandRows}).
 */
export async function bucketSizes(manager: EntityManager, keys: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const postgres = manager.connection.options.type === 'postgres';
  for (let i = 0; i < keys.length; i += KEY_CHUNK) {
    const chunk = keys.slice(i, i + KEY_CHUNK);
    const values = chunk.map((_, j) => `(CAST(${postgres ? `$${j + 1}` : '?'} AS integer))`).join(', ');
    const rows = await manager.query<Array<{ bandKey: number; n: number | string }>>(
      `SELECT "bandKey", "n" FROM (SELECT k.column1 AS "bandKey",
         (SELECT COUNT(*) FROM (SELECT 1 FROM "claim_band" x WHERE x."bandKey" = k.column1 LIMIT ${BUCKET_LIMIT + 1}) AS bucket) AS "n"
       FROM (VALUES ${values}) AS k) AS sizes WHERE "n" > 0`,
      chunk,
    );
    for (const r of rows) out.set(Number(r.bandKey), Number(r.n));
  }
  return out;
}

/** Band keys per statement of {@link bucketSizes}. */
const KEY_CHUNK = 2000;

type BandRowToStore = Pick<ClaimBand, 'bandKey' | 'claimId' | 'reportId'>;

/** The band rows of a report's claims (pure): a text repeated within the report once, by its first claim. */
export function claimBandRows(
  claims: ReadonlyArray<Pick<Claim, 'id' | 'reportId' | 'text'>>,
  unitNames: readonly string[],
): BandRowToStore[] {
  const started = performance.now();
  const rows: BandRowToStore[] = [];
  const seen = new Set<string>();
  for (const c of claims) {
    if (seen.has(c.text)) continue;
    seen.add(c.text);
    const print = fingerprintClaim(c.text, unitNames);
    if (!print) continue;
    for (const bandKey of new Set(print.bands)) rows.push({ bandKey, claimId: c.id, reportId: c.reportId });
  }
  reuseTiming.bandsMs += performance.now() - started;
  reuseTiming.ms += performance.now() - started;
  reuseTiming.claims += claims.length;
  return rows;
}

/**
 * The rows of one report to store, given the bucket sizes before it ({@link bucketSizes}):
 * those whose bucket is not yet full. `sizes` is updated with the rows kept, so the next
 * report of a batch sees them as if this one had been stored.
 */
export function keptBandRows(rows: readonly BandRowToStore[], sizes: Map<number, number>): BandRowToStore[] {
  const kept = rows.filter((r) => (sizes.get(r.bandKey) ?? 0) <= BUCKET_LIMIT);
  for (const r of kept) sizes.set(r.bandKey, (sizes.get(r.bandKey) ?? 0) + 1);
  return kept;
}

/**
 * Computes and stores the band keys of a report's claims (in the ingest transaction),
 * leaving out the rows of buckets already too full to be followed ({@link bucketSizes}).
 */
export async function storeClaimBands(
  manager: EntityManager,
  claims: ReadonlyArray<Pick<Claim, 'id' | 'reportId' | 'text'>>,
  unitNames: readonly string[],
): Promise<void> {
  const rows = claimBandRows(claims, unitNames);
  const inserting = performance.now();
  const sizes = await bucketSizes(manager, [...new Set(rows.map((r) => r.bandKey))]);
  await bulkInsert(manager, ClaimBand, keptBandRows(rows, sizes));
  reuseTiming.insertMs += performance.now() - inserting;
  reuseTiming.ms += performance.now() - inserting;
}

interface BoilerplateCache {
  /** the stored row's generation (PostgreSQL), 0 on SQLite */
  generation: number;
  /** current reports when the list was computed */
  reports: number;
  set: Set<number>;
}
const boilerplateCaches = new WeakMap<object, BoilerplateCache>();

/** Whether a list computed over `computedAt` current reports still stands for `reports` (within 5%; any change below 20). */
function stillFits(computedAt: number, reports: number): boolean {
  return computedAt === reports || (computedAt >= 20 && Math.abs(reports - computedAt) <= 0.05 * computedAt);
}

/**
 * The boilerplate shingles of the corpus: those found in the reports of at least 5% of the
 * units (and at least 3 units), counted over the current reports of up to
 * {@link BOILERPLATE_SAMPLE_UNITS} units spread evenly over all units with reports, and
 * recomputed when the number of current reports has changed by more than 5% (any change below
 * 20 reports). On PostgreSQL, where several server processes share the database, the list is
 * kept in `corpus_boilerplate` and every process uses the stored one (each keeps a parsed copy
 * while the row's generation is the same), so two servers never answer `reuse` with two
 * different lists; on SQLite (one process) it is kept in memory.
 */
export async function corpusBoilerplate(ds: DataSource): Promise<Set<number>> {
  const reports = await ds.getRepository(Report).count({ where: { state: 'CURRENT' } });
  const shared = ds.options.type === 'postgres';
  const cached = boilerplateCaches.get(ds);
  if (shared) {
    const [row] = (await ds.query('SELECT "generation", "reports" FROM "corpus_boilerplate" WHERE "id" = 1')) as StoredBoilerplateRow[];
    if (row && stillFits(Number(row.reports), reports)) {
      if (cached && cached.generation === Number(row.generation)) return cached.set;
      const stored = await storedBoilerplate(ds);
      if (stored) return stored.set;
    }
  } else if (cached && stillFits(cached.reports, reports)) {
    return cached.set;
  }
  const set = await computeBoilerplate(ds);
  if (!shared) {
    boilerplateCaches.set(ds, { generation: 0, reports, set });
    return set;
  }
  await ds.query(
    'INSERT INTO "corpus_boilerplate" ("id", "generation", "reports", "shingles") VALUES (1, 1, $1, $2) ' +
      'ON CONFLICT ("id") DO UPDATE SET "generation" = "corpus_boilerplate"."generation" + 1, "reports" = EXCLUDED."reports", "shingles" = EXCLUDED."shingles"',
    [reports, JSON.stringify([...set].sort((a, b) => a - b))],
  );
  // another process may have stored its list in the meantime: use whichever was stored last
  return (await storedBoilerplate(ds))?.set ?? set;
}

interface StoredBoilerplateRow {
  generation: number | string;
  reports: number | string;
  shingles?: string;
}

/** The stored list (PostgreSQL), parsed and kept as this process's copy. */
async function storedBoilerplate(ds: DataSource): Promise<BoilerplateCache | null> {
  const [row] = (await ds.query(
    'SELECT "generation", "reports", "shingles" FROM "corpus_boilerplate" WHERE "id" = 1',
  )) as StoredBoilerplateRow[];
  if (!row) return null;
  const entry = {
    generation: Number(row.generation),
    reports: Number(row.reports),
    set: new Set(JSON.parse(row.shingles ?? '[]') as number[]),
  };
  boilerplateCaches.set(ds, entry);
  return entry;
}

/** Computes the boilerplate list from the corpus (see {@link corpusBoilerplate}). */
async function computeBoilerplate(ds: DataSource): Promise<Set<number>> {
  const unitRows = await ds
    .getRepository(Report)
    .createQueryBuilder('r')
    .select('DISTINCT r.unitId', 'unitId')
    .where('r.state = :state', { state: 'CURRENT' })
    .orderBy('"unitId"')
    .getRawMany<{ unitId: number }>();
  const all = unitRows.map((r) => Number(r.unitId));
  const step = Math.max(1, all.length / BOILERPLATE_SAMPLE_UNITS);
  const sample =
    all.length <= BOILERPLATE_SAMPLE_UNITS
      ? all
      : Array.from({ length: BOILERPLATE_SAMPLE_UNITS }, (_, i) => all[Math.floor(i * step)]).filter((id) => id !== undefined);
  const byUnit = new Map<number, Set<number>>();
  const names = await unitNamesById(ds, sample);
  for (let i = 0; i < sample.length; i += CHUNK) {
    const rows = await ds
      .createQueryBuilder()
      .select(['c.text AS "text"', 'r.unitId AS "unitId"'])
      .from('claim', 'c')
      .innerJoin('report', 'r', 'r.id = c."reportId"')
      .where('r.state = :state', { state: 'CURRENT' })
      .andWhere('r."unitId" IN (:...units)', { units: sample.slice(i, i + CHUNK) })
      .getRawMany<{ text: string; unitId: number }>();
    for (const row of rows) {
      const unitId = Number(row.unitId);
      let set = byUnit.get(unitId);
      if (!set) byUnit.set(unitId, (set = new Set()));
      for (const s of shingleHashes(row.text, names.get(unitId))) set.add(s);
    }
  }
  return boilerplateShingles(byUnit);
}

/** How a claim of another report relates to the report: same unit earlier/later, other unit same/other year. */
function reuseKind(self: { unitId: number; year: number }, other: { unitId: number; year: number }): ReuseKind | 'LATER' | 'OTHER' {
  if (other.unitId === self.unitId) return other.year < self.year ? 'EARLIER' : 'LATER';
  return other.year === self.year ? 'SAME_YEAR' : 'OTHER';
}

interface BandRow {
  bandKey: number;
  claimId: number;
  reportId: number;
  unitId: number;
  year: number;
}

/**
 * Claims of other current reports sharing a band with the given claims, within `scope`
 * (unit ids, null for all), without the bands shared by more than {@link BUCKET_LIMIT} claims:
 * one query per {@link CHUNK} band keys, which counts each key's bucket only up to
 * BUCKET_LIMIT + 1 rows (a slogan's bucket holds thousands) and brings the claims' report,
 * unit, year and text along. CROSS JOIN keeps SQLite's join order as written (keys outside,
 * then the primary key of claim_band): with a few hundred keys its planner otherwise scans
 * all of claim_band (seconds instead of milliseconds); PostgreSQL plans CROSS JOIN freely.
 */
async function candidatesFor(
  ds: DataSource,
  claims: ReadonlyArray<{ text: string; reportId: number; unitNames: readonly string[] }>,
  scope: readonly number[] | null,
): Promise<{ rows: BandRow[]; texts: Map<number, string>; names: Map<number, string[]> }> {
  const keys = [...new Set(claims.flatMap((c) => fingerprintClaim(c.text, c.unitNames)?.bands ?? []))];
  const rows: BandRow[] = [];
  const texts = new Map<number, string>();
  const postgres = ds.options.type === 'postgres';
  for (let i = 0; i < keys.length; i += CHUNK) {
    const chunk = keys.slice(i, i + CHUNK);
    const params: unknown[] = [];
    const mark = (value: unknown): string => {
      params.push(value);
      return postgres ? `$${params.length}` : '?';
    };
    // VALUES names its column column1 on both databases
    const values = chunk.map((k) => `(CAST(${mark(k)} AS integer))`).join(', ');
    const state = mark('CURRENT');
    const inScope = scope ? ` AND r."unitId" IN (${(scope.length ? scope : [-1]).map((u) => mark(u)).join(', ')})` : '';
    const found = await ds.query<Array<{ bandKey: number; claimId: number; reportId: number; unitId: number; year: number; text: string }>>(
      `SELECT b."bandKey" AS "bandKey", b."claimId" AS "claimId", b."reportId" AS "reportId", r."unitId" AS "unitId", r."year" AS "year", c."text" AS "text"
       FROM (VALUES ${values}) AS k CROSS JOIN "claim_band" b CROSS JOIN "report" r CROSS JOIN "claim" c
       WHERE b."bandKey" = k.column1 AND r."id" = b."reportId" AND c."id" = b."claimId"
         AND (SELECT COUNT(*) FROM (SELECT 1 FROM "claim_band" x WHERE x."bandKey" = k.column1 LIMIT ${BUCKET_LIMIT + 1}) AS bucket) BETWEEN 2 AND ${BUCKET_LIMIT}
         AND r."state" = ${state}${inScope}`,
      params,
    );
    for (const r of found) {
      const claimId = Number(r.claimId);
      rows.push({ bandKey: Number(r.bandKey), claimId, reportId: Number(r.reportId), unitId: Number(r.unitId), year: Number(r.year) });
      texts.set(claimId, r.text);
    }
  }
  return {
    rows,
    texts,
    names: await unitNamesById(
      ds,
      rows.map((r) => r.unitId),
    ),
  };
}

function asCandidates(
  rows: BandRow[],
  texts: Map<number, string>,
  names: Map<number, string[]>,
  self: { unitId: number; year: number },
  kinds: ReadonlySet<string> | null,
) {
  const bands = new Map<string, number[]>();
  const candidates = new Map<string, ReuseCandidate>();
  for (const r of rows) {
    const kind = reuseKind(self, r);
    if (kinds && !kinds.has(kind)) continue;
    const id = String(r.claimId);
    bands.set(id, [...(bands.get(id) ?? []), r.bandKey]);
    if (!candidates.has(id)) {
      candidates.set(id, {
        id,
        text: texts.get(r.claimId) ?? '',
        unitNames: names.get(r.unitId) ?? [],
        reportId: r.reportId,
        unitId: r.unitId,
        year: r.year,
        kind: kind as ReuseKind,
      });
    }
  }
  return { candidates: [...candidates.values()], bandsOf: (id: string) => bands.get(id) ?? [] };
}

/**
 * The reuse view of one report: its claims found in the same unit's earlier reports and in
 * other units' reports of the same year (current reports within `scope` only).
 */
export async function reportReuse(
  ds: DataSource,
  report: Pick<Report, 'id' | 'unitId' | 'year'>,
  scope: readonly number[] | null,
): Promise<ReportReuse> {
  const claims = await ds
    .getRepository(Claim)
    .find({ select: ['id', 'text', 'reportId'], where: { reportId: report.id }, order: { position: 'ASC' } });
  const unitNames = (await unitNamesById(ds, [report.unitId])).get(report.unitId) ?? [];
  const boilerplate = await corpusBoilerplate(ds);
  const own = claims.map((c) => ({ id: String(c.id), text: c.text, reportId: c.reportId, unitNames }));
  const { rows, texts, names } = await candidatesFor(ds, own, scope);
  const { candidates, bandsOf } = asCandidates(rows, texts, names, report, new Set(['EARLIER', 'SAME_YEAR']));
  return findReuse(own, candidates, boilerplate, REUSE_THRESHOLD, bandsOf);
}

/** A similar claim of another report, with how it relates to the claim's report. */
export interface SimilarClaim extends Omit<ReuseMatch, 'kind'> {
  kind: ReuseKind | 'LATER' | 'OTHER';
}

/**
 * Similar claims (≥ REUSE_THRESHOLD of the claim found in them) of other current reports
 * within `scope`, for many claims at once (the DataLoader of `Claim.similarClaims`): one
 * pass over the bands of all of them.
 */
export async function similarClaimsFor(
  ds: DataSource,
  claimIds: readonly number[],
  scope: readonly number[] | null,
): Promise<Map<number, SimilarClaim[]>> {
  const out = new Map<number, SimilarClaim[]>(claimIds.map((id) => [id, []]));
  const claims: Claim[] = [];
  for (let i = 0; i < claimIds.length; i += CHUNK) {
    claims.push(
      ...(await ds.getRepository(Claim).find({ select: ['id', 'text', 'reportId'], where: { id: In(claimIds.slice(i, i + CHUNK)) } })),
    );
  }
  if (claims.length === 0) return out;
  const reports = new Map(
    (
      await ds
        .getRepository(Report)
        .find({ select: ['id', 'unitId', 'year'], where: { id: In([...new Set(claims.map((c) => c.reportId))]) } })
    ).map((r) => [r.id, r]),
  );
  const ownNames = await unitNamesById(
    ds,
    [...reports.values()].map((r) => r.unitId),
  );
  const boilerplate = await corpusBoilerplate(ds);
  const own = claims.map((c) => ({
    id: String(c.id),
    text: c.text,
    reportId: c.reportId,
    unitNames: ownNames.get(reports.get(c.reportId)?.unitId ?? -1) ?? [],
  }));
  const { rows, texts, names } = await candidatesFor(ds, own, scope);
  // one comparison per report of the batch, against the claims of the other reports
  for (const [reportId, self] of reports) {
    const { candidates, bandsOf } = asCandidates(
      rows.filter((r) => r.reportId !== reportId),
      texts,
      names,
      self,
      null,
    );
    const found = findReuse(
      own.filter((c) => c.reportId === reportId),
      candidates,
      boilerplate,
      REUSE_THRESHOLD,
      bandsOf,
    );
    const kinds = new Map(rows.map((r) => [String(r.claimId), reuseKind(self, r)]));
    for (const m of found.matches) out.get(Number(m.claimId))?.push({ ...m, kind: kinds.get(m.matchedClaimId) ?? m.kind });
  }
  return out;
}

/**
 * The claims of a report that repeat a claim of the same unit's report of the year before
 * (every pair compared, over all of the text), with their similarity: what REUSED_EVIDENCE
 * is decided from (the assessment applies the checklist's threshold).
 */
export async function reusedFromPreviousYear(
  manager: EntityManager,
  unitId: number,
  year: number,
  claims: readonly ReuseClaim[],
  unitNames?: readonly string[],
): Promise<PreviousYearReuse[]> {
  const started = performance.now();
  const previous = await manager.getRepository(Report).findOne({ select: ['id'], where: { unitId, year: year - 1, state: 'CURRENT' } });
  if (!previous) {
    reuseTiming.ms += performance.now() - started;
    return [];
  }
  const all = await manager
    .getRepository(Claim)
    .find({ select: ['id', 'text'], where: { reportId: previous.id }, order: { position: 'ASC' } });
  const names = unitNames ?? (await unitNamesById(manager, [unitId])).get(unitId) ?? [];
  reuseTiming.ms += performance.now() - started;
  return reuseOfPreviousYear(claims, names, { reportId: previous.id, unitId, year: year - 1, claims: all });
}

/** A claim repeating one of the unit's report of the year before. */
export interface PreviousYearReuse {
  claimId: string;
  previousClaimId: string;
  year: number;
  similarity: number;
}

/**
 * {@link reusedFromPreviousYear} once the report of the year before and its claims (in
 * position order) are at hand: pure, so a batch of reports compares each with last year's
 * report whether that one is stored already or in the same batch.
 */
export function reuseOfPreviousYear(
  claims: readonly ReuseClaim[],
  names: readonly string[],
  previous: { reportId: number; unitId: number; year: number; claims: ReadonlyArray<{ id: number; text: string }> },
): PreviousYearReuse[] {
  const started = performance.now();
  // one claim per distinct text: a text repeated in last year's report is compared once
  const firstByText = new Map<string, { id: number; text: string }>();
  for (const c of previous.claims) if (!firstByText.has(c.text)) firstByText.set(c.text, c);
  const before = [...firstByText.values()];
  const found = findReuse(
    claims.map((c) => ({ ...c, unitNames: names })),
    before.map((c) => ({
      id: String(c.id),
      text: c.text,
      unitNames: names,
      reportId: previous.reportId,
      unitId: previous.unitId,
      year: previous.year,
      kind: 'EARLIER' as const,
    })),
    new Set(),
    0.5,
    null,
  );
  const best = new Map<string, ReuseMatch>();
  for (const m of found.matches) if (!best.has(m.claimId)) best.set(m.claimId, m);
  reuseTiming.ms += performance.now() - started;
  return [...best.values()].map((m) => ({ claimId: m.claimId, previousClaimId: m.matchedClaimId, year: m.year, similarity: m.similarity }));
}
