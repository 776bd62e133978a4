import { callerOfRequest } from '../../src/access/authenticate-request';
import { createToken, revokeToken } from '../../src/access/token.service';
import { createDataSource } from '../../src/app/data-source';
import { checklistVersions } from '../../src/checklist/checklist.service';
import { keptUntilChange } from '../../src/db/change-notices';
import { StatementCounter } from '../../src/db/statement-counter';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db';
import type { DataSource } from 'typeorm';

let db: TestDatabase;
/** another process over the same database: its own data source, as a second server has */
let other: DataSource;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  other = createDataSource(db.database, { counter: new StatementCounter() });
  await other.initialize();
});
afterAll(async () => {
  if (other?.isInitialized) await other.destroy();
  await db?.close();
});

/** Reads through `keptUntilChange` until a read is answered without a statement (the listener is connected), at most ~5 s. */
async function untilKept(read: () => Promise<unknown>): Promise<boolean> {
  for (let i = 0; i < 100; i += 1) {
    await read();
    db.counter.reset();
    await read();
    if (db.counter.count === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

const anonymous = (ds: DataSource) => callerOfRequest(ds, undefined, '127.0.0.1');

describe('values kept between requests until their table changes', () => {
  it('PostgreSQL keeps "no token exists" until a token is created, in this process at once and in another one by its notice', async () => {
    if (!onPostgres) {
      // SQLite keeps nothing: every anonymous request counts the tokens
      db.counter.reset();
      await anonymous(db.dataSource);
      await anonymous(db.dataSource);
      expect(db.counter.count).toBe(2);
      return;
    }
    expect((await anonymous(db.dataSource)).role).toBe('ANONYMOUS');
    expect(await untilKept(() => anonymous(db.dataSource))).toBe(true);

    // a token created by another process: the notice arrives, anonymous reading stops
    const made = await createToken(other, { name: 'elsewhere', role: 'ADMIN', actor: 'test' });
    expect(made.ok).toBe(true);
    let refused = false;
    for (let i = 0; i < 100 && !refused; i += 1) {
      refused = await anonymous(db.dataSource).then(
        () => false,
        (error: { extensions?: { code?: string } }) => error.extensions?.code === 'UNAUTHENTICATED',
      );
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(refused).toBe(true);

    // revoked in this process: anonymous reading is back at once, no wait for the notice
    const revoked = await revokeToken(db.dataSource, { name: 'elsewhere', actor: 'test' });
    expect(revoked.ok).toBe(true);
    expect((await anonymous(db.dataSource)).role).toBe('ANONYMOUS');
  });

  it('keeps the checklist versions until a checklist row is written, and never inside a transaction', async () => {
    const read = () => checklistVersions(db.dataSource.manager);
    const before = await read();
    expect(before.length).toBeGreaterThan(0);
    if (!onPostgres) {
      db.counter.reset();
      await read();
      expect(db.counter.count).toBe(1);
      return;
    }
    expect(await untilKept(read)).toBe(true);
    await db.dataSource.transaction(async (manager) => {
      db.counter.reset();
      await checklistVersions(manager);
      expect(db.counter.count).toBe(1);
    });
    // another process changes a checklist row: the next reads see it
    await other.query(`UPDATE "checklist" SET "name" = "name" || '（改）' WHERE "id" = $1`, [before[0]!.id]);
    let seen = false;
    for (let i = 0; i < 100 && !seen; i += 1) {
      seen = (await read())[0]!.name.endsWith('（改）');
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen).toBe(true);
    await other.query(`UPDATE "checklist" SET "name" = $1 WHERE "id" = $2`, [before[0]!.name, before[0]!.id]);
  });

  it('does not keep a value read while a change arrived', async () => {
    if (!onPostgres) return;
    let calls = 0;
    const slow = () =>
      keptUntilChange(db.dataSource, 'test-slow', async () => {
        calls += 1;
        if (calls === 1) {
          // a write of another process commits while this value is being read
          await other.query(`UPDATE "checklist" SET "name" = "name" WHERE "id" = (SELECT MIN("id") FROM "checklist")`);
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        return calls;
      });
    expect(await untilKept(() => checklistVersions(db.dataSource.manager))).toBe(true);
    expect(await slow()).toBe(1);
    expect(await slow()).toBe(2); // the first was not kept
    expect(await slow()).toBe(2);
  });
});
