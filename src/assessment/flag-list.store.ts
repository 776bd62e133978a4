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
  unitId: number | string;
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
 * stored order (a derived REPORT_MISSING first), with the total: one statement (two for a page past the end).
 */
export async function listFlags(
  ds: DataSource,
  filter: FlagListFilter,
  missing: readonly MissingReportFlag[],
  page: { offset: number; limit: number },
): Promise<{ total: number; rows: ListedFlag[] }> {
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

  // each flag's unit row, for the unit field (no second statement)
  const unitColumns = ds
    .getMetadata(Unit)
    .columns.map((c) => `"u"."${c.databaseName}" AS "u_${c.databaseName}"`)
    .join(', ');

  // stored flags
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
    ` "f"."code" AS "code", "f"."severity" AS "severity", "f"."severityRank" AS "severityRank", "f"."itemCode" AS "itemCode",` +
    ` "f"."message" AS "message", "f"."text" AS "text", "f"."claimIds" AS "claimIds", "u"."name" AS "unitName", ${unitColumns}` +
    ` FROM "assessment_flag" "f" JOIN "unit" "u" ON "u"."id" = "f"."unitId"` +
    (stored.length ? ` WHERE ${stored.join(' AND ')}` : '');

  // derived REPORT_MISSING of units without a stored assessment
  const derived = missing.filter(
    (m) =>
      (filter.checklistId === null || m.checklistId === filter.checklistId) &&
      (filter.codes === null || filter.codes.includes(m.flag.code)) &&
      (filter.severities === null || filter.severities.includes(m.flag.severity)) &&
      filter.itemCodes === null,
  );
  if (derived.length) {
    // built in the order the text reads: SQLite's `?` are numbered by position
    let branch = ` UNION ALL SELECT NULL, 0, "u"."id", "y"."year", "y"."checklistId", ${p('REPORT_MISSING')}, "m"."severity", "m"."severityRank", NULL,`;
    branch += ` "m"."message", "m"."text", '[]', "u"."name", ${unitColumns} FROM "unit" "u" CROSS JOIN (`;
    branch +=
      filter.year !== null
        ? derived
            .map((m) => `SELECT CAST(${p(m.checklistId)} AS integer) AS "checklistId", CAST(${p(filter.year)} AS integer) AS "year"`)
            .join(' UNION ALL ')
        : `SELECT DISTINCT "a"."checklistId" AS "checklistId", "a"."year" AS "year" FROM "assessment" "a"`;
    branch += `) "y" JOIN (`;
    branch += derived
      .map(
        (m) =>
          `SELECT CAST(${p(m.checklistId)} AS integer) AS "checklistId", CAST(${p(m.flag.severity)} AS varchar(10)) AS "severity",` +
          ` CAST(${p(SEVERITY_RANK[m.flag.severity])} AS integer) AS "severityRank", CAST(${p(m.flag.message)} AS text) AS "message",` +
          ` CAST(${p(m.flag.text ? JSON.stringify(m.flag.text) : null)} AS text) AS "text"`,
      )
      .join(' UNION ALL ');
    branch += `) "m" ON "m"."checklistId" = "y"."checklistId" WHERE "u"."level" IN (${list(REPORTING_LEVELS)})`;
    for (const condition of unitConditions(`"u"."id"`)) branch += ` AND ${condition}`;
    branch += ` AND NOT EXISTS (SELECT 1 FROM "assessment" "x" WHERE "x"."unitId" = "u"."id" AND "x"."checklistId" = "y"."checklistId" AND "x"."year" = "y"."year")`;
    sql += branch;
  }
  // the page and the total in one statement; a page past the end (or `first: 0`) counts apart
  const countParams = [...params];
  const pageSql =
    `SELECT "all_flags".*, COUNT(*) OVER () AS "total" FROM (${sql}) "all_flags"` +
    ` ORDER BY "severityRank" ASC, "unitName" ASC, "year" DESC, "sortId" ASC, "checklistId" ASC` +
    ` LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`;
  const rows: Array<RawFlag & { total: number | string }> = await ds.query(pageSql, params);
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && (page.offset > 0 || page.limit === 0)) {
    const counted: Array<{ n: number | string }> = await ds.query(`SELECT COUNT(*) AS "n" FROM (${sql}) "all_flags"`, countParams);
    total = Number(counted[0]?.n ?? 0);
  }
  return {
    total,
    rows: rows.map((r) => ({
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
}
