/**
 * SQLite's batch inserts pass a table's rows as one JSON text (`INSERT … SELECT … FROM
 * json_each(?)`, src/db/bulk-insert.ts) only when every value comes out of JSON exactly as the
 * driver binds it: each value below is stored once through JSON (when `jsonRowsOf` accepts it)
 * and once as a bound parameter, into columns of every affinity, and the stored values must have
 * the same type and the same bytes. Values JSON would change must be refused. SQLite only (on
 * PostgreSQL the rows go as one array a column).
 */
import { jsonInsertSelect, jsonRowsOf } from '../../src/db/bulk-insert';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db';

const VALUES: unknown[] = [
  0,
  1,
  -1,
  7,
  2147483647,
  -2147483648,
  null,
  true,
  false,
  '',
  '街道组织开展行政执法案卷评查，评查案卷三十卷。',
  '"quoted" \\ back\\slash \n new line \t tab',
  '😀 𠀋 astral',
  '{"a":[1,2]}',
  '3',
  '0.5',
];

/** Values JSON would not give back as bound (the row goes with one parameter a value instead). */
const REFUSED: unknown[] = [
  0.5,
  0.2947150828, // SQLite 3.44 reads this decimal one unit of the last place off
  -0,
  2147483648,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  'lone \ud800 surrogate',
  'nul \u0000 inside',
  Buffer.from('bytes'),
  new Date(0),
];

const COLUMNS = ['i INTEGER', 'r REAL', 't TEXT', 'n NUMERIC', 'b'];

(onPostgres ? describe.skip : describe)('SQLite inserts of rows as one JSON text', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    for (const table of ['via_json', 'via_params'])
      await db.dataSource.query(`CREATE TABLE ${table} (k INTEGER PRIMARY KEY, ${COLUMNS.join(', ')})`);
  });
  afterAll(() => db.close());

  it('stores every accepted value as a bound parameter stores it, of the same type, in row order', async () => {
    const rows = VALUES.map((v, k) => [k + 1, v, v, v, v, v]);
    const json = jsonRowsOf(rows);
    expect(json).not.toBeNull();
    await db.dataSource.query(`INSERT INTO via_json (k, i, r, t, n, b) ${jsonInsertSelect(6)}`, [json]);
    for (const row of rows) await db.dataSource.query('INSERT INTO via_params (k, i, r, t, n, b) VALUES (?, ?, ?, ?, ?, ?)', row);
    const read = (table: string): Promise<unknown[]> =>
      db.dataSource.query(
        `SELECT k, ${['i', 'r', 't', 'n', 'b'].map((c) => `typeof(${c}) AS "${c}Type", hex(${c}) AS "${c}Hex", ${c}`).join(', ')} FROM ${table} ORDER BY rowid`,
      );
    const viaJson = await read('via_json');
    expect(viaJson).toEqual(await read('via_params'));
    expect(viaJson.map((r) => (r as { k: number }).k)).toEqual(rows.map((r) => r[0]));
    // the column affinities were reached: an integer in a REAL column is a real, in a TEXT one a text
    expect(viaJson[3]).toMatchObject({ iType: 'integer', rType: 'real', tType: 'text', nType: 'integer', bType: 'integer' });
    expect(viaJson[7]).toMatchObject({ iType: 'integer', i: 1 }); // true, as the driver binds it
  });

  it('refuses rows holding a value JSON would change', () => {
    for (const v of REFUSED)
      expect(
        jsonRowsOf([
          [1, 'x'],
          [2, v],
        ]),
      ).toBeNull();
    expect(jsonRowsOf([])).toBe('[]');
  });
});
