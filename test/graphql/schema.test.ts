import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printAppSchema } from '../../src/app/schema';

describe('schema/schema.graphql', () => {
  it('is what the code builds (run `npm run schema` after changing the API)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(printAppSchema()).toBe(committed);
  });
});
