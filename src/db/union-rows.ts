/**
 * Rows of several entities in one statement: one `UNION ALL` branch per shape, each row
 * tagged with its branch (`kind`) and carrying its own columns under its alias (`c_text`, as
 * `entityFromRaw` reads them) and the other branches' columns as typed NULLs (PostgreSQL
 * types a column NULL in the first branches as text otherwise). One statement is one round
 * trip and one snapshot where the rows of a page would otherwise be read by several.
 */
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { entityFromRaw } from './hydrate';

/** One branch: an entity read under `alias` by `from` (`FROM "t" "alias" WHERE …`). */
export interface UnionBranch {
  entity: EntityTarget<ObjectLiteral>;
  alias: string;
  from: string;
}

const selects = new WeakMap<DataSource, Map<string, string[]>>();

/** The select list of each branch (made once per data source and list of entities and aliases). */
function branchSelects(ds: DataSource, branches: ReadonlyArray<Omit<UnionBranch, 'from'>>): string[] {
  let byKey = selects.get(ds);
  if (!byKey) selects.set(ds, (byKey = new Map()));
  const metadata = branches.map((b) => ds.getMetadata(b.entity));
  const key = branches.map((b, k) => `${metadata[k]!.name}\u0000${b.alias}`).join('\u0001');
  let found = byKey.get(key);
  if (!found) {
    const postgres = ds.options.type === 'postgres';
    found = branches.map((_, k) =>
      branches
        .map((other, j) =>
          metadata[j]!.columns.map((c) => {
            const value =
              j === k ? `"${other.alias}"."${c.databaseName}"` : postgres ? `CAST(NULL AS ${ds.driver.normalizeType(c)})` : 'NULL';
            return `${value} AS "${other.alias}_${c.databaseName}"`;
          }).join(', '),
        )
        .join(', '),
    );
    byKey.set(key, found);
  }
  return found;
}

/** The statement's text: the branches in order, `kind` their index. */
export function unionSql(ds: DataSource, branches: readonly UnionBranch[]): string {
  const lists = branchSelects(ds, branches);
  return branches.map((b, k) => `SELECT ${k} AS "kind", ${lists[k]!} ${b.from}`).join(' UNION ALL ');
}

/** The statement's rows as entities, one list per branch (in the order the rows came). */
export function unionEntities(
  ds: DataSource,
  branches: readonly UnionBranch[],
  raw: ReadonlyArray<Record<string, unknown>>,
): ObjectLiteral[][] {
  const found: ObjectLiteral[][] = branches.map(() => []);
  for (const row of raw) {
    const branch = branches[Number(row.kind)]!;
    found[Number(row.kind)]!.push(entityFromRaw(ds, branch.entity, row, branch.alias));
  }
  return found;
}
