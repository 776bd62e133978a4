/**
 * The unit registry (`unitRegistry`): the same units as TypeORM's `find` gives, read once while
 * its version stands — callers that ask while it is being read share that read — and read again
 * after a unit is added. On SQLite, and on PostgreSQL when DATABASE_URL is set.
 */
import { runWrite } from '../../src/db/write-lock';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { Unit } from '../../src/units/unit.entity';
import { unitRegistry, upsertUnits } from '../../src/units/unit.service';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock, undefined, { reports: false });
});
afterAll(async () => db?.close());

describe('unitRegistry', () => {
  it('holds the units find() gives, in id order, as Unit objects with their aliases and dates', async () => {
    const registry = await unitRegistry(db.dataSource);
    const found = await db.dataSource.getRepository(Unit).find({ order: { id: 'ASC' } });
    expect(found.length).toBeGreaterThan(10);
    expect(registry.units).toStrictEqual(found);
    expect(registry.units.every((u) => u instanceof Unit && u.createdAt instanceof Date && Array.isArray(u.aliases))).toBe(true);
    expect(registry.known).toEqual(found.map((u) => ({ name: u.name, aliases: u.aliases })));
  });

  it('is read once by callers asking at the same time, kept, and read again after a unit is added', async () => {
    await runWrite(db.dataSource, db.lock, (m) =>
      upsertUnits(m, [{ name: '登记测试街道', level: 'STREET', aliases: ['登记测试街'], parentName: null }]),
    );
    db.counter.record = true;
    db.counter.reset();
    const [first, second, third] = await Promise.all([
      unitRegistry(db.dataSource),
      unitRegistry(db.dataSource),
      unitRegistry(db.dataSource),
    ]);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(db.counter.statements.filter((s) => /FROM "unit"/u.test(s))).toHaveLength(1);
    expect(first.resolve('登记测试街')?.name).toBe('登记测试街道');
    expect(await unitRegistry(db.dataSource)).toBe(first);
    db.counter.record = false;
  });
});
