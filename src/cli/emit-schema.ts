/** Writes the SDL built from the code to schema/schema.graphql (`npm run schema`, `fazhi schema`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printAppSchema } from '../app/schema';
import { projectRoot } from '../common/project-root';

/** Writes schema/schema.graphql; returns the exit code. */
export async function runEmitSchemaCli(): Promise<number> {
  const file = join(projectRoot(), 'schema', 'schema.graphql');
  writeFileSync(file, printAppSchema());
  process.stdout.write(`Wrote ${file}\n`);
  return 0;
}

if (require.main === module) void runEmitSchemaCli();
