/**
 * Rows of several entities in one statement: one `UNION ALL` branch per shape, each row
 * tagged with its branch (`kind`). The branches share their result columns: column slot
 * `s<n>` holds, in each branch, that branch's next column of the slot's type (PostgreSQL needs
 * one type per result column; the other branches' slots are typed NULLs), so a row is as wide
 * as the widest shape per type, not as all shapes' columns together (the assessment page's six
 * entities: 82 columns → 32 on PostgreSQL, 24 on SQLite) — fewer values for the driver to decode
 * and fewer keys on each row object. One statement is one round trip and one snapshot where the
 * rows of a page would otherwise be read by several.
 */
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** One branch: an entity read under `alias` by `from` (`FROM "t" "alias" WHERE …`). */
export interface UnionBranch {
  entity: EntityTarget<ObjectLiteral>;
  alias: string;
  from: string;
}

/** Each branch's select list, and its columns with the slot each is read from. */
interface UnionLayout {
  selects: string[];
  columns: Array<Array<{ column: ColumnMetadata; slot: string }>>;
}

const layouts = new WeakMap<DataSource, Map<string, UnionLayout>>();

/** The layout of a list of branches (made once per data source and list of entities and aliases). */
function layoutOf(ds: DataSource, branches: ReadonlyArray<Omit<UnionBranch, 'from'>>): UnionLayout {
  let byKey = layouts.get(ds);
  if (!byKey) layouts.set(ds, (byKey = new Map()));
  const metadata = branches.map((b) => ds.getMetadata(b.entity));
  const key = branches.map((b, k) => `${metadata[k]!.name}\u0000${b.alias}`).join('\u0001');
  let found = byKey.get(key);
  if (found) return found;
  const postgres = ds.options.type === 'postgres';
  // slots by type, in the order first needed: the n-th column of a type in a branch goes to that type's n-th slot
  const slots: Array<{ name: string; type: string }> = [];
  const slotsOfType = new Map<string, number[]>();
  const columns = metadata.map((m) => {
    const used = new Map<string, number>();
    return m.columns.map((column) => {
      const type = postgres ? ds.driver.normalizeType(column) : '';
      const n = used.get(type) ?? 0;
      used.set(type, n + 1);
      let ofType = slotsOfType.get(type);
      if (!ofType) slotsOfType.set(type, (ofType = []));
      if (ofType.length <= n) {
        ofType.push(slots.length);
        slots.push({ name: `s${slots.length}`, type });
      }
      return { column, slot: slots[ofType[n]!]!.name };
    });
  });
  const selects = branches.map((branch, k) => {
    const own = new Map(columns[k]!.map((c) => [c.slot, c.column]));
    return slots
      .map((slot) => {
        const column = own.get(slot.name);
        const value = column ? `"${branch.alias}"."${column.databaseName}"` : postgres ? `CAST(NULL AS ${slot.type})` : 'NULL';
        return `${value} AS "${slot.name}"`;
      })
      .join(', ');
  });
  found = { selects, columns };
  byKey.set(key, found);
  return found;
}

/** The statement's text: the branches in order, `kind` their index. */
export function unionSql(ds: DataSource, branches: readonly UnionBranch[]): string {
  const { selects } = layoutOf(ds, branches);
  return branches.map((b, k) => `SELECT ${k} AS "kind", ${selects[k]!} ${b.from}`).join(' UNION ALL ');
}

/**
 * The statement's rows as entities, one list per branch (in the order the rows came), each
 * column converted as TypeORM converts it when it loads an entity (as src/db/hydrate.ts).
 */
export function unionEntities(
  ds: DataSource,
  branches: readonly UnionBranch[],
  raw: ReadonlyArray<Record<string, unknown>>,
): ObjectLiteral[][] {
  const { columns } = layoutOf(ds, branches);
  const metadata = branches.map((b) => ds.getMetadata(b.entity));
  const found: ObjectLiteral[][] = branches.map(() => []);
  for (const row of raw) {
    const kind = Number(row.kind);
    const entity = metadata[kind]!.create() as ObjectLiteral;
    for (const { column, slot } of columns[kind]!) column.setEntityValue(entity, ds.driver.prepareHydratedValue(row[slot], column));
    found[kind]!.push(entity);
  }
  return found;
}
