/**
 * Storage with integrity (issue #13): every real reference is a foreign key with a deliberate
 * ON DELETE, on SQLite and (with DATABASE_URL) PostgreSQL. Deleting a report leaves no rows
 * of it behind; deleting a unit that still has reports is refused; the migration that added
 * the keys removes orphans first and can be reverted and applied again.
 */
import { Assessment } from '../../src/assessment/assessment.entity';
import { ingestReport } from '../../src/pipeline/ingest.service';
import { Report } from '../../src/reports/report.entity';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { Unit } from '../../src/units/unit.entity';
import { seedReport } from '../helpers/seeds';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
});
afterAll(async () => db?.close());

type OnDelete = 'CASCADE' | 'SET NULL' | 'RESTRICT';
/** child table, column, parent table, ON DELETE */
const KEYS: Array<[string, string, string, OnDelete]> = [
  ['unit', 'parentId', 'unit', 'RESTRICT'],
  ['api_token', 'unitId', 'unit', 'RESTRICT'],
  ['report', 'unitId', 'unit', 'RESTRICT'],
  ['report', 'replacedById', 'report', 'SET NULL'],
  ['report_section', 'reportId', 'report', 'CASCADE'],
  ['claim', 'reportId', 'report', 'CASCADE'],
  ['metric_value', 'reportId', 'report', 'CASCADE'],
  ['metric_value', 'claimId', 'claim', 'CASCADE'],
  ['evidence_link', 'claimId', 'claim', 'CASCADE'],
  ['evidence_link', 'reportId', 'report', 'CASCADE'],
  ['evidence_link', 'itemId', 'checklist_item', 'RESTRICT'],
  ['evidence_link', 'carriedFromId', 'evidence_link', 'SET NULL'],
  ['claim_band', 'reportId', 'report', 'CASCADE'],
  ['checklist_item', 'checklistId', 'checklist', 'CASCADE'],
  ['target', 'itemId', 'checklist_item', 'CASCADE'],
  ['matcher_weights', 'checklistId', 'checklist', 'CASCADE'],
  ['assessment', 'unitId', 'unit', 'RESTRICT'],
  ['assessment', 'checklistId', 'checklist', 'RESTRICT'],
  ['assessment', 'reportId', 'report', 'SET NULL'],
  ['assessment_flag', 'assessmentId', 'assessment', 'CASCADE'],
  ['assessment_flag', 'unitId', 'unit', 'RESTRICT'],
  ['assessment_flag', 'checklistId', 'checklist', 'RESTRICT'],
  ['assessment_item_status', 'assessmentId', 'assessment', 'CASCADE'],
  ['assessment_item_status', 'unitId', 'unit', 'RESTRICT'],
  ['assessment_item_status', 'checklistId', 'checklist', 'RESTRICT'],
  ['not_applicable_mark', 'unitId', 'unit', 'RESTRICT'],
  ['not_applicable_mark', 'checklistId', 'checklist', 'RESTRICT'],
  // PostgreSQL only: the SQLite claim_search is an FTS5 table, kept by a trigger instead
  ...(onPostgres ? [['claim_search', 'claimId', 'claim', 'CASCADE'] as [string, string, string, OnDelete]] : []),
];

const sql = <T = Record<string, unknown>>(query: string): Promise<T[]> => db.dataSource.query(query);
/** The single `n` of a `SELECT COUNT(*) AS n` (PostgreSQL returns it as a string). */
const countOf = async (query: string): Promise<number> => Number((await sql<{ n: number | string }>(query))[0]?.n);

/** The foreign keys of the database as `child.column → parent ON DELETE …`, sorted. */
async function storedKeys(): Promise<string[]> {
  let rows: Array<{ child: string; column: string; parent: string; onDelete: string }>;
  if (onPostgres) {
    rows = await sql(
      `SELECT tc.table_name AS child, kcu.column_name AS "column", ccu.table_name AS parent, rc.delete_rule AS "onDelete"
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
         JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name AND rc.constraint_schema = tc.table_schema
         JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
        WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`,
    );
  } else {
    const tables = await sql<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
    rows = [];
    for (const { name } of tables) {
      const list = await sql<{ table: string; from: string; on_delete: string }>(`PRAGMA foreign_key_list("${name}")`);
      rows.push(...list.map((k) => ({ child: name, column: k.from, parent: k.table, onDelete: k.on_delete })));
    }
  }
  return rows.map((r) => `${r.child}.${r.column} → ${r.parent} ON DELETE ${r.onDelete}`).sort();
}

const expectedKeys = () => KEYS.map(([child, column, parent, onDelete]) => `${child}.${column} → ${parent} ON DELETE ${onDelete}`).sort();

/** Rows whose parent is missing, per reference (the keys, plus claim_band.claimId and claim_search without one). */
async function orphans(): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  const count = async (label: string, query: string) => {
    const n = await countOf(query);
    if (n !== 0) found[label] = n;
  };
  const tables = new Set(
    (
      await sql<{ name: string }>(
        onPostgres
          ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`
          : `SELECT name FROM sqlite_master WHERE type = 'table'`,
      )
    ).map((t) => t.name),
  );
  for (const [child, column, parent] of KEYS) {
    if (!tables.has(child)) continue; // a table of a later migration, reverted
    await count(
      `${child}.${column}`,
      `SELECT COUNT(*) AS n FROM "${child}" WHERE "${column}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "${parent}" AS "p" WHERE "p"."id" = "${child}"."${column}")`,
    );
  }
  await count(
    'claim_band.claimId',
    `SELECT COUNT(*) AS n FROM "claim_band" b WHERE NOT EXISTS (SELECT 1 FROM "claim" c WHERE c."id" = b."claimId")`,
  );
  await count(
    'claim_search',
    onPostgres
      ? `SELECT COUNT(*) AS n FROM "claim_search" s WHERE NOT EXISTS (SELECT 1 FROM "claim" c WHERE c."id" = s."claimId")`
      : `SELECT COUNT(*) AS n FROM claim_search WHERE rowid NOT IN (SELECT "id" FROM "claim")`,
  );
  return found;
}

const CHILD_TABLES = ['report_section', 'claim', 'metric_value', 'evidence_link', 'claim_band'];

async function rowsOfReport(reportId: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of CHILD_TABLES) {
    counts[table] = await countOf(`SELECT COUNT(*) AS n FROM "${table}" WHERE "reportId" = ${reportId}`);
  }
  return counts;
}

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const tables = [...new Set(KEYS.map(([child]) => child)), 'audit_entry'];
  for (const table of tables) {
    counts[table] = await countOf(`SELECT COUNT(*) AS n FROM "${table}"`);
  }
  return counts;
}

describe('foreign keys', () => {
  it('are declared on every reference with its ON DELETE, and the audit trail has none', async () => {
    expect(await storedKeys()).toEqual(expectedKeys());
    if (!onPostgres) {
      // TypeORM's sqlite driver turns them on for the connection; migrations turn them off only around themselves
      expect(await sql(`PRAGMA foreign_keys`)).toEqual([{ foreign_keys: 1 }]);
      const [band] = await sql<{ sql: string }>(`SELECT sql FROM sqlite_master WHERE name = 'claim_band'`);
      expect(band?.sql).toMatch(/WITHOUT ROWID$/);
    }
  });

  it('agree with the entities: the schema builder has nothing to change', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('hold on the seeded data: no row points at a missing parent', async () => {
    expect(await orphans()).toEqual({});
  });
});

describe('deleting a report', () => {
  it('removes its sections, claims, metrics, links, claim bands and search rows, and unlinks the report it replaced', async () => {
    const seed = seedReport('稷下街道');
    const replaced = await ingestReport(
      db.dataSource,
      db.lock,
      { text: `${seed.raw}\n（修订稿）`, unit: seed.unit, year: seed.year, source: 'v2.txt', replace: true, actor: 't' },
      { maxReportBytes: 5 * 1024 * 1024 },
    );
    expect(replaced.ok).toBe(true);
    if (!replaced.ok) return;
    const report = replaced.value.report!;
    const older = replaced.value.replaced!;
    const before = await rowsOfReport(report.id);
    expect(before.claim).toBeGreaterThan(0);
    expect(before.evidence_link).toBeGreaterThan(0);
    expect(before.metric_value).toBeGreaterThan(0);
    expect(before.claim_band).toBeGreaterThan(0);
    const assessment = await db.dataSource.getRepository(Assessment).findOneOrFail({ where: { reportId: report.id } });
    const flagsBefore = await sql<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM "assessment_flag" WHERE "assessmentId" = ${assessment.id}`,
    );

    await db.dataSource.getRepository(Report).delete(report.id);

    expect(await rowsOfReport(report.id)).toEqual(Object.fromEntries(CHILD_TABLES.map((t) => [t, 0])));
    expect(await orphans()).toEqual({});
    expect(await db.dataSource.getRepository(Report).findOneOrFail({ where: { id: older.id } })).toMatchObject({
      state: 'REPLACED',
      replacedById: null,
    });
    // the assessment stays (its report pointer cleared) and keeps its flags
    expect(await db.dataSource.getRepository(Assessment).findOneOrFail({ where: { id: assessment.id } })).toMatchObject({ reportId: null });
    expect(await sql(`SELECT COUNT(*) AS n FROM "assessment_flag" WHERE "assessmentId" = ${assessment.id}`)).toEqual(flagsBefore);
  });

  it('by SQL takes its rows with it too (the database, not the code, keeps them together)', async () => {
    const seed = seedReport('王顶堤街');
    const unit = await db.dataSource.getRepository(Unit).findOneOrFail({ where: { name: seed.unit } });
    const report = await db.dataSource.getRepository(Report).findOneOrFail({ where: { unitId: unit.id, year: seed.year } });
    expect((await rowsOfReport(report.id)).claim).toBeGreaterThan(0);
    await db.dataSource.query(`DELETE FROM "report" WHERE "id" = ${report.id}`);
    expect(await rowsOfReport(report.id)).toEqual(Object.fromEntries(CHILD_TABLES.map((t) => [t, 0])));
    expect(await orphans()).toEqual({});
  });
});

describe('deleting a unit', () => {
  it('is refused while it has reports, and nothing of it is lost', async () => {
    const unit = await db.dataSource.getRepository(Unit).findOneOrFail({ where: { name: '万兴街' } });
    const reports = await db.dataSource.getRepository(Report).count({ where: { unitId: unit.id } });
    expect(reports).toBeGreaterThan(0);
    await expect(db.dataSource.getRepository(Unit).delete(unit.id)).rejects.toThrow(/foreign key/i);
    expect(await db.dataSource.getRepository(Unit).count({ where: { id: unit.id } })).toBe(1);
    expect(await db.dataSource.getRepository(Report).count({ where: { unitId: unit.id } })).toBe(reports);
  });

  it('is allowed when nothing refers to it', async () => {
    const parent = await db.dataSource.getRepository(Unit).findOneOrFail({ where: { name: '万兴街' } });
    const lone = await db.dataSource
      .getRepository(Unit)
      .save({ name: '测试删除街', level: 'STREET', aliases: [], parentId: parent.parentId });
    await db.dataSource.getRepository(Unit).delete(lone.id);
    expect(await db.dataSource.getRepository(Unit).count({ where: { id: lone.id } })).toBe(0);
  });
});

describe('the ForeignKeys migration', () => {
  it('reverts, then removes orphans (clearing dangling optional pointers) and adds the keys again, keeping every valid row', async () => {
    const before = await tableCounts();
    const lastApplied = async () =>
      (await sql<{ name: string }>(`SELECT "name" FROM "migrations" ORDER BY "timestamp" DESC LIMIT 1`))[0]?.name;
    // TypeORM's revert runs inside a transaction, where SQLite cannot turn foreign keys off: without one it can
    for (let reverted = ''; !reverted.startsWith('ForeignKeys');) {
      reverted = (await lastApplied()) ?? 'none left';
      await db.dataSource.undoLastMigration({ transaction: 'none' });
    }
    expect(await lastApplied()).not.toMatch(/^ForeignKeys/);
    expect(await storedKeys()).toEqual([]);

    // rows pointing at parents that do not exist, as an old database may hold
    const unit = await db.dataSource.getRepository(Unit).findOneOrFail({ where: { name: '塘沽街道' } });
    const missing = 990000;
    await db.dataSource.query(`UPDATE "unit" SET "parentId" = ${missing} WHERE "id" = ${unit.id}`);
    await db.dataSource.query(
      `INSERT INTO "report" ("id", "unitId", "year", "rawText", "sha256", "source", "state") VALUES (${missing + 1}, ${missing}, 2020, 'x', 'x', 'orphan', 'CURRENT')`,
    );
    await db.dataSource.query(
      `INSERT INTO "claim" ("id", "reportId", "localId", "position", "sectionPath", "sectionKind", "polarity", "start", "end", "text")
       VALUES (${missing + 2}, ${missing + 1}, 'c1', 0, '一', 'ACHIEVEMENT', 'POSITIVE', 0, 1, 'x')`,
    );
    await db.dataSource.query(
      `INSERT INTO "metric_value" ("reportId", "claimId", "value", "unit", "qualifier", "start", "end", "text") VALUES (${missing + 1}, ${missing + 2}, 1, '次', 'EXACT', 0, 1, '1')`,
    );
    await db.dataSource.query(
      `INSERT INTO "report_section" ("reportId", "position", "path", "heading", "kind", "level", "start", "end") VALUES (${missing + 1}, 0, '一', 'x', 'ACHIEVEMENT', 1, 0, 1)`,
    );
    await db.dataSource.query(`INSERT INTO "claim_band" ("bandKey", "claimId", "reportId") VALUES (7, ${missing + 2}, ${missing + 1})`);
    const [assessment] = await sql<{ unitId: number; checklistId: number; year: number }>(
      `SELECT "unitId", "checklistId", "year" FROM "assessment" ORDER BY "id" LIMIT 1`,
    );
    if (!assessment) throw new Error('the seeds have assessments');
    await db.dataSource.query(
      `INSERT INTO "assessment_flag" ("assessmentId", "unitId", "checklistId", "year", "code", "severity", "severityRank", "message", "claimIds")
       VALUES (${missing}, ${assessment.unitId}, ${assessment.checklistId}, ${assessment.year}, 'NO_EVIDENCE', 'ERROR', 0, 'x', '[]')`,
    );
    expect(Object.keys(await orphans()).length).toBeGreaterThan(0);

    await db.dataSource.runMigrations({ transaction: 'each' });

    expect(await storedKeys()).toEqual(expectedKeys());
    expect(await orphans()).toEqual({});
    expect(await tableCounts()).toEqual(before);
    expect(await db.dataSource.getRepository(Unit).findOneOrFail({ where: { id: unit.id } })).toMatchObject({ parentId: null });
    if (!onPostgres) expect(await sql(`PRAGMA foreign_keys`)).toEqual([{ foreign_keys: 1 }]);
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
