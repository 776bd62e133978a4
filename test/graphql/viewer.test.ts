import { authenticate, createToken } from '../../src/access/token.service';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { READER, TestClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

/** `viewer`: the caller's role, the top units of its scope and what it may do (the web app's header). */
let db: TestDatabase;
let client: TestClient;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock, undefined, { reports: false });
  client = new TestClient(db);
});
afterAll(async () => db?.close());

const VIEWER = `{ viewer { name role permissions scope { name level children { name } } } }`;

async function callerOf(role: string, unit: string | null) {
  const created = await createToken(db.dataSource, { name: `${role}-${unit ?? 'all'}`, role, unit, actor: 'test' });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  return (await authenticate(db.dataSource, created.value.secret))!;
}

it('names the top unit of a REVIEWER token’s subtree and the review permission', async () => {
  const data = await client.data(VIEWER, {}, await callerOf('REVIEWER', '南开区'));
  expect(data.viewer).toEqual({
    name: 'REVIEWER-南开区',
    role: 'REVIEWER',
    permissions: expect.arrayContaining(['READ', 'REVIEW_EVIDENCE']),
    scope: [{ name: '南开区', level: 'DISTRICT', children: [{ name: '万兴街' }, { name: '王顶堤街' }] }],
  });
});

it('gives a UNIT token its own unit only, without review rights', async () => {
  const data = await client.data(VIEWER, {}, await callerOf('UNIT', '万兴街'));
  expect(data.viewer.scope).toEqual([{ name: '万兴街', level: 'STREET', children: [] }]);
  expect(data.viewer.permissions).not.toContain('REVIEW_EVIDENCE');
});

it('has no scope (every unit) for an unbound ADMIN and the anonymous reader', async () => {
  expect((await client.data(VIEWER, {}, await callerOf('ADMIN', null))).viewer.scope).toBeNull();
  const anonymous = (await client.data(VIEWER, {}, READER)).viewer;
  expect(anonymous).toMatchObject({ name: 'anonymous', role: 'ANONYMOUS', scope: null });
  expect(anonymous.permissions).toEqual(['READ', 'EXPORT']);
});
