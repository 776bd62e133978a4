import { Assessment } from '../../src/assessment/assessment.entity';
import { AssessmentFlag } from '../../src/assessment/assessment-flag.entity';
import { withoutFlags, withStoredFlags } from '../../src/assessment/stored-flags';
import { withShippedExamples } from '../../src/checklist/examples-file';
import { stripFlagsFromResults } from '../../src/db/migrations/flags-stored-once';
import { assessReportText } from '../../src/pipeline/report-pipeline';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { Unit } from '../../src/units/unit.entity';
import { demoChecklist, seedReport } from '../helpers/seeds';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
});
afterAll(async () => db?.close());

type RawResult = { flags: unknown[]; items: Array<{ code: string; flags: unknown[] }> };
const rawResults = async (): Promise<Array<{ id: number; result: RawResult }>> =>
  ((await db.dataSource.query('SELECT "id", "result" FROM "assessment" ORDER BY "id"')) as Array<{ id: number; result: string }>).map(
    (r) => ({ id: Number(r.id), result: JSON.parse(r.result) as RawResult }),
  );

describe('flags are stored once', () => {
  it('as assessment_flag rows: the stored result JSON holds no flag, report-level or per item', async () => {
    const raw = await rawResults();
    expect(raw.length).toBeGreaterThanOrEqual(5);
    for (const { result } of raw) {
      expect(result.flags).toEqual([]);
      for (const item of result.items) expect(item.flags).toEqual([]);
    }
    expect(await db.dataSource.getRepository(AssessmentFlag).count()).toBeGreaterThan(0);
  });

  it('and a loaded assessment has them back, equal to the pure pipeline (万兴街 2022)', async () => {
    const unit = await db.dataSource.getRepository(Unit).findOneOrFail({ where: { name: '万兴街' } });
    const stored = await db.dataSource.getRepository(Assessment).findOneOrFail({ where: { unitId: unit.id, year: 2022 } });
    const seed = seedReport('万兴街');
    // the stored checklist version carries the shipped examples (and their learned decision): so does the pure run
    const pure = assessReportText(seed.raw, withShippedExamples(demoChecklist()), { unit: seed.unit, year: seed.year }).result;
    expect(pure.flags.length).toBeGreaterThan(0);
    const codes = (flags: Array<{ code: string; itemCode: string | null }>) => flags.map((f) => `${f.code}:${f.itemCode}`);
    expect(codes(stored.result.flags)).toEqual(codes(pure.flags));
    for (const item of stored.result.items) {
      const expected = pure.items.find((i) => i.code === item.code)!;
      expect(codes(item.flags)).toEqual(codes(expected.flags));
    }
  });
});

describe('withStoredFlags', () => {
  it('rebuilds exactly the result the assessment computed from the stripped result and its rows', () => {
    const seed = seedReport('万兴街');
    const result = assessReportText(seed.raw, demoChecklist(), { unit: seed.unit, year: seed.year }).result;
    const rows = result.flags.map((f, i) => ({ ...f, id: 100 + i, text: f.text ?? null, claimIds: f.claimIds }));
    // rows come back from the database in any order: the id keeps the order
    const shuffled = [...rows].reverse();
    expect(withStoredFlags(withoutFlags(result), shuffled)).toEqual(result);
  });
});

describe('the FlagsStoredOnce migration', () => {
  it('removes the copies of flags from results stored before it, leaving the rest', async () => {
    const [first] = await rawResults();
    const withCopies = {
      ...first!.result,
      flags: [{ code: 'X' }],
      items: first!.result.items.map((i) => ({ ...i, flags: [{ code: 'Y' }] })),
    };
    const marker = onPostgres ? (n: number) => `$${n}` : () => '?';
    await db.dataSource.query(`UPDATE "assessment" SET "result" = ${marker(1)} WHERE "id" = ${marker(2)}`, [
      JSON.stringify(withCopies),
      first!.id,
    ]);
    const runner = db.dataSource.createQueryRunner();
    try {
      await stripFlagsFromResults(runner, marker);
    } finally {
      await runner.release();
    }
    const after = (await rawResults()).find((r) => r.id === first!.id)!;
    expect(after.result).toEqual({ ...first!.result, flags: [], items: first!.result.items.map((i) => ({ ...i, flags: [] })) });
  });
});
