/**
 * PostgreSQL's batch inserts write each column's values as an array literal themselves
 * (`postgresArrayLiteral`, src/db/bulk-insert.ts): it must be the very text node-postgres writes
 * for the same JS array (`prepareValue`), so the server stores the same values — quotes,
 * backslashes, control characters, astral and lone surrogates, numbers, booleans and nulls — and
 * values it does not write itself (a Date) are left to node-postgres.
 */
import fc from 'fast-check';
import { postgresArrayLiteral } from '../../../src/db/bulk-insert';

/** node-postgres's own conversion of a query parameter (not in its type declarations). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

const SAMPLES: unknown[] = [
  '',
  '街道组织开展行政执法案卷评查，评查案卷三十卷。',
  '"quoted" \\ back\\slash \\" both',
  'new line \n tab \t carriage \r nul-less \u0001 \u001f',
  '😀 𠀋 astral',
  'lone \ud800 surrogate \udfff',
  '{"items":[{"code":"1.1","explanation":"已覆盖：\\"表述\\" 28303"}]}',
  'NULL',
  0,
  -0,
  7,
  -2147483648,
  0.2947150828,
  2 ** 53 + 2,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  null,
  undefined,
];

describe('postgresArrayLiteral', () => {
  it('writes the array literal node-postgres writes, value for value', () => {
    expect(postgresArrayLiteral(SAMPLES)).toBe(prepareValue(SAMPLES));
    for (const value of SAMPLES) expect(postgresArrayLiteral([value])).toBe(prepareValue([value]));
    expect(postgresArrayLiteral([])).toBe(prepareValue([]));
  });

  it('agrees with node-postgres on any strings, numbers, booleans and nulls', () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0000', '\ud800', '\udc00', '{', ',', '}', ' ', '法', 'a') }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 20 }), (values) => {
        expect(postgresArrayLiteral(values)).toBe(prepareValue(values));
      }),
    );
  });

  it('leaves an array with a Date or a Buffer to node-postgres', () => {
    const values = ['a', new Date(0), null];
    expect(postgresArrayLiteral(values)).toBe(values);
    const buffers = [Buffer.from('x')];
    expect(postgresArrayLiteral(buffers)).toBe(buffers);
  });
});
