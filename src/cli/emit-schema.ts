/** Writes the SDL built from the code to schema/schema.graphql (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printAppSchema } from '../app/schema';
import { projectRoot } from '../shared/project-root';

const file = join(projectRoot(), 'schema', 'schema.graphql');
writeFileSync(file, printAppSchema());
process.stdout.write(`Wrote ${file}\n`);
