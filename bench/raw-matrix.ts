/**
 * "The limit": the coverage matrix of a district computed by one hand-written SQL query
 * straight on the database driver (sqlite3 / pg), without TypeORM, GraphQL or HTTP. It
 * reads the same narrow storage as the GraphQL resolver (the list columns of `assessment`,
 * `assessment_item_status`) and returns, per reporting unit under the parent (recursive),
 * the row totals, the rank (ties share a rank) and the status and confirmed status of every
 * assessable item in checklist order; a unit without a stored assessment gets MISSING
 * everywhere, as the resolver derives "no report".
 */
import { Client } from 'pg';
import sqlite3 from 'sqlite3';

/** One row of the raw matrix. */
export interface RawMatrixRow {
  unitId: number;
  name: string;
  hasReport: boolean;
  covered: number;
  assessable: number;
  score: number;
  rank: number;
  /** `STATUS:CONFIRMED_STATUS` per assessable item, in checklist order */
  cells: string[];
}

/** A driver connection that runs the one matrix query. */
export interface RawMatrix {
  run(parentId: number, checklistId: number, year: number): Promise<RawMatrixRow[]>;
  close(): Promise<void>;
}

const SQLITE_MATRIX = `
WITH RECURSIVE sub(id) AS (
  SELECT id FROM unit WHERE id = ?1
  UNION ALL SELECT u.id FROM unit u JOIN sub ON u.parentId = sub.id
),
a AS (
  SELECT u.id AS unitId, u.name AS name, x.id AS assessmentId, x.reportId AS reportId,
    x.coveredProposed AS covered, x.assessableItems AS assessable, x.scoreProposed AS score
  FROM unit u JOIN sub ON sub.id = u.id
  LEFT JOIN assessment x ON x.unitId = u.id AND x.checklistId = ?2 AND x.year = ?3
  WHERE u.level IN ('STREET', 'TOWN')
)
SELECT unitId, name, reportId IS NOT NULL AS hasReport,
  COALESCE(covered, 0) AS covered,
  COALESCE(assessable, (SELECT count(*) FROM checklist_item c WHERE c.checklistId = ?2 AND c.assessable = 1)) AS assessable,
  COALESCE(score, 0) AS score,
  RANK() OVER (ORDER BY COALESCE(score, 0) DESC) AS rank,
  (SELECT group_concat(cell, ',') FROM (
     SELECT COALESCE(s.status || ':' || s.confirmedStatus, 'MISSING:MISSING') AS cell
     FROM checklist_item c LEFT JOIN assessment_item_status s ON s.assessmentId = a.assessmentId AND s.itemCode = c.code
     WHERE c.checklistId = ?2 AND c.assessable = 1 ORDER BY c.position)) AS cells
FROM a
ORDER BY name, unitId`;

const POSTGRES_MATRIX = `
WITH RECURSIVE sub(id) AS (
  SELECT id FROM unit WHERE id = $1
  UNION ALL SELECT u.id FROM unit u JOIN sub ON u."parentId" = sub.id
),
a AS (
  SELECT u.id AS unit_id, u.name AS name, x.id AS assessment_id, x."reportId" AS report_id,
    x."coveredProposed" AS covered, x."assessableItems" AS assessable, x."scoreProposed" AS score
  FROM unit u JOIN sub ON sub.id = u.id
  LEFT JOIN assessment x ON x."unitId" = u.id AND x."checklistId" = $2 AND x.year = $3
  WHERE u.level IN ('STREET', 'TOWN')
)
SELECT unit_id, name, report_id IS NOT NULL AS has_report,
  COALESCE(covered, 0) AS covered,
  COALESCE(assessable, (SELECT count(*)::int FROM checklist_item c WHERE c."checklistId" = $2 AND c.assessable)) AS assessable,
  COALESCE(score, 0) AS score,
  RANK() OVER (ORDER BY COALESCE(score, 0) DESC) AS rank,
  (SELECT string_agg(COALESCE(s.status || ':' || s."confirmedStatus", 'MISSING:MISSING'), ',' ORDER BY c.position)
     FROM checklist_item c LEFT JOIN assessment_item_status s ON s."assessmentId" = a.assessment_id AND s."itemCode" = c.code
     WHERE c."checklistId" = $2 AND c.assessable) AS cells
FROM a
ORDER BY name COLLATE "C", unit_id`;

function toRow(r: Record<string, unknown>): RawMatrixRow {
  return {
    unitId: Number(r.unitId ?? r.unit_id),
    name: String(r.name),
    hasReport: Boolean(Number(r.hasReport ?? (r.has_report ? 1 : 0))),
    covered: Number(r.covered),
    assessable: Number(r.assessable),
    score: Number(r.score),
    rank: Number(r.rank),
    cells: String(r.cells ?? '').split(','),
  };
}

/** Opens a read connection to the SQLite file. */
export async function openSqliteMatrix(path: string): Promise<RawMatrix> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(d)));
  });
  return {
    run: (parentId, checklistId, year) =>
      new Promise((resolve, reject) =>
        db.all(SQLITE_MATRIX, [parentId, checklistId, year], (error, rows) =>
          error ? reject(error) : resolve((rows as Record<string, unknown>[]).map(toRow)),
        ),
      ),
    close: () => new Promise((resolve) => db.close(() => resolve())),
  };
}

/** Opens a PostgreSQL connection (one client, the query as a named prepared statement). */
export async function openPostgresMatrix(url: string): Promise<RawMatrix> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    run: async (parentId, checklistId, year) =>
      (await client.query({ name: 'bench_matrix', text: POSTGRES_MATRIX, values: [parentId, checklistId, year] })).rows.map(toRow),
    close: () => client.end(),
  };
}

/** The SQL text of the raw matrix query for a database type (printed in the README). */
export function rawMatrixSql(type: 'sqlite' | 'postgres'): string {
  return type === 'sqlite' ? SQLITE_MATRIX : POSTGRES_MATRIX;
}
