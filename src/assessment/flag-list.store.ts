/**
 * The flags list across units (the `flags` query): the stored flags of stored assessments and,
 * for reporting units without a stored assessment, the REPORT_MISSING their "no report"
 * result has — derived in the same SQL statement, since "no report" is never stored.
 */
import type { DataSource } from 'typeorm';
import { entityFromRaw } from '../db/hydrate';
import { Unit } from '../units/unit.entity';
import type { FlagCode, Severity } from '../checklist/types';
import type { LocalText } from '../i18n/messages';
import { REPORTING_LEVELS } from '../units/reporting-levels';
import type { FlagResult } from './types';
import { readRows } from '../db/read-rows';
import { ASSESSMENT_DATA_VERSION, KeptPerVersion } from '../db/cache-version';

/** Totals kept per filter and scope (per data source); past this many filters, the oldest is forgotten. */
const keptTotals = new KeptPerVersion<number>(2_000);

/**
 * Pages kept per filter, scope, derived flags and window (per data source), each with the data
 * version it was read at; past this many, the oldest is forgotten (a page of 50 flags with their
 * units: ≈ 50 KB).
 */
const keptPages = new KeptPerVersion<{ total: number; rows: ListedFlag[] }>(500);

const SEVERITY_RANK: Record<Severity, number> = { ERROR: 0, WARNING: 1, INFO: 2 };

/** Which flags; every list is an `IN` (null or absent: any). */
export interface FlagListFilter {
  /** checklist versions (database ids); null: any */
  checklistId: number | null;
  /**
   * null: any year; "no report" is then derived for the (checklist, year) pairs that have a
   * stored assessment (a year somebody reported for)
   */
  year: number | null;
  /** the caller's scope; null: all units */
  scope: readonly number[] | null;
  unitIds: readonly number[] | null;
  codes: readonly FlagCode[] | null;
  severities: readonly Severity[] | null;
  itemCodes: readonly string[] | null;
}

/** The REPORT_MISSING a checklist version gives a unit without a report (none when switched off). */
export interface MissingReportFlag {
  checklistId: number;
  flag: FlagResult;
}

/** One listed flag: `id` null for a derived REPORT_MISSING. */
export interface ListedFlag {
  id: number | null;
  unitId: number;
  year: number;
  code: FlagCode;
  severity: Severity;
  itemCode: string | null;
  message: string;
  text: LocalText | null;
  claimIds: number[];
  /** the flag's unit */
  unit: Unit;
}

interface RawFlag {
  id: number | string | null;
  /** null on the one row of a page past the end (it carries the total) */
  unitId: number | string | null;
  year: number | string;
  code: FlagCode;
  severity: Severity;
  itemCode: string | null;
  message: string;
  text: string | null;
  claimIds: string;
}

/**
 * A page of flags ordered by severity (ERROR first), unit name, year (latest first), then
 * stored order (a derived REPORT_MISSING first), with the total: one statement.
 *
 * The page is chosen from narrow rows (ids and sort keys: each stored flag keeps its unit's
 * name, so `ix_flag_list` serves a page of one code × year in order), and only the page's rows
 * are read whole with their units. The total is counted in the same statement the first time a
 * filter and scope is asked and again only after a write: the statement reads the flags' data
 * version (the `flags:*` counters of `cache_version`, bumped by triggers in the transaction of
 * every write to flags, assessments and units: migration FlagTotals) and counts only when it is
 * not the one the kept total was counted at. At 43 000 units the count walked every flag of a
 * code × year (54 of 56 ms: bench/README.md, seventh pass); the page is 1.6 ms.
 *
 * The page itself is kept too, per filter, scope, derived flags and window, with the data
 * version it was read at: the next request for the same page first reads that version alone
 * and answers the kept page when it has not moved (no write to flags, assessments or units
 * committed since), and sends the whole statement otherwise.
 */
export async function listFlags(
  ds: DataSource,
  filter: FlagListFilter,
  missing: readonly MissingReportFlag[],
  page: { offset: number; limit: number },
): Promise<{ total: number; rows: ListedFlag[] }> {
  // a page read before, still what the database holds when no write has been committed since
  const pageKey = JSON.stringify([filter, missing, page]);
  const keptPage = await keptPages.current(ds, pageKey);
  if (keptPage) return keptPage;
  const postgres = ds.options.type === 'postgres';
  const params: unknown[] = [];
  const p = (value: unknown): string => {
    params.push(value);
    return postgres ? `$${params.length}` : '?';
  };
  const list = (values: readonly unknown[]): string => (values.length ? values.map(p).join(', ') : 'NULL');
  const unitConditions = (column: string): string[] => [
    ...(filter.scope ? [`${column} IN (${list(filter.scope)})`] : []),
    ...(filter.unitIds ? [`${column} IN (${list(filter.unitIds)})`] : []),
  ];
  // derived REPORT_MISSING of units without a stored assessment
  const derived = missing.filter(
    (m) =>
      (filter.checklistId === null || m.checklistId === filter.checklistId) &&
      (filter.codes === null || filter.codes.includes(m.flag.code)) &&
      (filter.severities === null || filter.severities.includes(m.flag.severity)) &&
      filter.itemCodes === null,
  );

  /**
   * Every listed flag as a narrow row: the sort keys, and for a derived REPORT_MISSING its
   * severity and message (a stored flag's are read for the page only). Built in the order the
   * text reads (SQLite's `?` are numbered by position); built twice: for the page and the count.
   */
  const narrow = (): string => {
    const stored = [
      ...unitConditions(`"f"."unitId"`),
      ...(filter.year !== null ? [`"f"."year" = ${p(filter.year)}`] : []),
      ...(filter.checklistId !== null ? [`"f"."checklistId" = ${p(filter.checklistId)}`] : []),
      ...(filter.codes ? [`"f"."code" IN (${list(filter.codes)})`] : []),
      ...(filter.severities ? [`"f"."severity" IN (${list(filter.severities)})`] : []),
      ...(filter.itemCodes ? [`"f"."itemCode" IN (${list(filter.itemCodes)})`] : []),
    ];
    let sql =
      `SELECT "f"."id" AS "id", "f"."id" AS "sortId", "f"."unitId" AS "unitId", "f"."year" AS "year", "f"."checklistId" AS "checklistId",` +
      ` "f"."severityRank" AS "severityRank", "f"."unitName" AS "unitName", CAST(NULL AS varchar(10)) AS "derivedSeverity",` +
      ` CAST(NULL AS text) AS "derivedMessage", CAST(NULL AS text) AS "derivedText" FROM "assessment_flag" "f"` +
      (stored.length ? ` WHERE ${stored.join(' AND ')}` : '');
    if (!derived.length) return sql;
    sql += ` UNION ALL SELECT NULL, 0, "u"."id", "y"."year", "y"."checklistId", "m"."severityRank", "u"."name", "m"."severity", "m"."message", "m"."text"`;
    sql += ` FROM "unit" "u" CROSS JOIN (`;
    sql +=
      filter.year !== null
        ? derived
            .map((m) => `SELECT CAST(${p(m.checklistId)} AS integer) AS "checklistId", CAST(${p(filter.year)} AS integer) AS "year"`)
            .join(' UNION ALL ')
        : `SELECT DISTINCT "a"."checklistId" AS "checklistId", "a"."year" AS "year" FROM "assessment" "a"`;
    sql += `) "y" JOIN (`;
    sql += derived
      .map(
        (m) =>
          `SELECT CAST(${p(m.checklistId)} AS integer) AS "checklistId", CAST(${p(m.flag.severity)} AS varchar(10)) AS "severity",` +
          ` CAST(${p(SEVERITY_RANK[m.flag.severity])} AS integer) AS "severityRank", CAST(${p(m.flag.message)} AS text) AS "message",` +
          ` CAST(${p(m.flag.text ? JSON.stringify(m.flag.text) : null)} AS text) AS "text"`,
      )
      .join(' UNION ALL ');
    sql += `) "m" ON "m"."checklistId" = "y"."checklistId" WHERE "u"."level" IN (${list(REPORTING_LEVELS)})`;
    for (const condition of unitConditions(`"u"."id"`)) sql += ` AND ${condition}`;
    sql += ` AND NOT EXISTS (SELECT 1 FROM "assessment" "x" WHERE "x"."unitId" = "u"."id" AND "x"."checklistId" = "y"."checklistId" AND "x"."year" = "y"."year")`;
    return sql;
  };

  // each flag's unit row, for the unit field (no second statement)
  const unitColumns = ds
    .getMetadata(Unit)
    .columns.map((c) => `"u"."${c.databaseName}" AS "u_${c.databaseName}"`)
    .join(', ');
  const order = (t: string): string =>
    `"${t}"."severityRank" ASC, "${t}"."unitName" ASC, "${t}"."year" DESC, "${t}"."sortId" ASC, "${t}"."checklistId" ASC`;
  // the total: counted only when the flags' data version moved since it was last counted for
  // the same filter and scope (read in the same statement, so the version and the count are
  // of one snapshot); otherwise NULL, and the kept one is used
  const keyStart = params.length;
  const versionParam = p(null);
  const countedFlags = narrow();
  const key = countedFlags + JSON.stringify(params.slice(keyStart + 1));
  const kept = keptTotals.get(ds, key);
  params[keyStart] = kept?.version ?? null;
  const counted =
    `SELECT "v"."version" AS "version", CASE WHEN "v"."version" = CAST(${versionParam} AS bigint) THEN NULL` +
    ` ELSE (SELECT COUNT(*) FROM (${countedFlags}) "counted") END AS "total" FROM (${ASSESSMENT_DATA_VERSION}) "v"`;
  const chosen = `SELECT * FROM (${narrow()}) "all_flags" ORDER BY ${order('all_flags')} LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`;
  // one row at least (the total), even for a page past the end
  const sql =
    `SELECT "t"."total" AS "total", "t"."version" AS "version", "page"."id" AS "id", "page"."unitId" AS "unitId", "page"."year" AS "year",` +
    ` COALESCE("f"."code", 'REPORT_MISSING') AS "code", COALESCE("f"."severity", "page"."derivedSeverity") AS "severity",` +
    ` "f"."itemCode" AS "itemCode", COALESCE("f"."message", "page"."derivedMessage") AS "message",` +
    ` CASE WHEN "f"."id" IS NULL THEN "page"."derivedText" ELSE "f"."text" END AS "text", COALESCE("f"."claimIds", '[]') AS "claimIds", ${unitColumns}` +
    ` FROM (${counted}) "t" LEFT JOIN (${chosen}) "page" ON 1 = 1` +
    ` LEFT JOIN "assessment_flag" "f" ON "f"."id" = "page"."id" LEFT JOIN "unit" "u" ON "u"."id" = "page"."unitId"` +
    ` ORDER BY ${order('page')}`;
  const rows: Array<RawFlag & { total: number | string | null; version: number | string }> = await readRows(ds, sql, params);
  const first = rows[0];
  let total: number;
  if (first && first.total !== null) {
    total = Number(first.total);
    keptTotals.keep(ds, key, String(first.version), total);
  } else if (first && kept && String(first.version) === kept.version) total = kept.value;
  else throw new Error('flags: no total'); // the statement always counts unless the kept total is of its version
  const answer = {
    total,
    rows: rows
      .filter((r) => r.unitId !== null)
      .map((r) => ({
        id: r.id === null ? null : Number(r.id),
        unit: entityFromRaw(ds, Unit, r as unknown as Record<string, unknown>, 'u'),
        unitId: Number(r.unitId),
        year: Number(r.year),
        code: r.code,
        severity: r.severity,
        itemCode: r.itemCode,
        message: r.message,
        text: r.text ? (JSON.parse(r.text) as LocalText) : null,
        claimIds: (JSON.parse(r.claimIds) as Array<number | string>).map(Number),
      })),
  };
  keptPages.keep(ds, pageKey, String(first.version), answer);
  return answer;
}
