import type { DataSource, EntityManager } from 'typeorm';
import { cacheVersion } from '../db/cache-version';
import { entityFromRaw } from '../db/hydrate';
import type { KnownUnit } from '../reading/types';
import { REPORTING_LEVELS } from './reporting-levels';
import { unitNameResolver } from './unit-names';
import { Unit } from './unit.entity';
import type { UnitDefinition } from './unit-file';

/**
 * Inserts or updates units by name (idempotent): new units are created, known units
 * gain new aliases and their parent. Parents must come before children.
 */
export async function upsertUnits(manager: EntityManager, definitions: UnitDefinition[]): Promise<number> {
  const repo = manager.getRepository(Unit);
  const existing = new Map((await repo.find()).map((u) => [u.name, u]));
  let created = 0;
  for (const def of definitions) {
    const parentId = def.parentName ? (existing.get(def.parentName)?.id ?? null) : null;
    const known = existing.get(def.name);
    if (known) {
      const aliases = [...new Set([...known.aliases, ...def.aliases])];
      if (aliases.length !== known.aliases.length || known.parentId !== parentId || known.level !== def.level) {
        known.aliases = aliases;
        known.parentId = parentId;
        known.level = def.level;
        await repo.save(known);
      }
      continue;
    }
    const unit = await repo.save(repo.create({ name: def.name, level: def.level, aliases: def.aliases, parentId }));
    existing.set(unit.name, unit);
    created += 1;
  }
  return created;
}

/** Ids of a unit and every unit below it. */
export function subtreeIds(units: readonly Pick<Unit, 'id' | 'parentId'>[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const u of units) {
    if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  }
  const out: number[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop() as number;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/**
 * Ids of the reporting units (街道, 镇) in the subtrees of all `rootIds` together, in one
 * recursive query seeded with every root (SQLite and PostgreSQL): a list of 500 roots is one
 * statement, not 500. `UNION` (not `UNION ALL`) walks a unit once even when roots overlap
 * (南开区 and its 万兴街 both given).
 */
export async function reportingUnitIdsUnder(ds: DataSource, rootIds: readonly number[]): Promise<number[]> {
  if (rootIds.length === 0) return [];
  const postgres = ds.options.type === 'postgres';
  const seeds = rootIds.map((_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
  const levels = [...REPORTING_LEVELS].map((_, i) => (postgres ? `$${rootIds.length + i + 1}` : '?')).join(', ');
  const rows: { id: number | string }[] = await ds.query(
    `WITH RECURSIVE sub(id) AS (SELECT id FROM unit WHERE id IN (${seeds}) ` +
      `UNION SELECT u.id FROM unit u JOIN sub ON u."parentId" = sub.id) ` +
      `SELECT u.id FROM unit u JOIN sub ON sub.id = u.id WHERE u.level IN (${levels}) ORDER BY u.id`,
    [...rootIds, ...REPORTING_LEVELS],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * The reporting units (街道, 镇) in the subtree of `parentId`, by name, in one recursive
 * query (works on SQLite and PostgreSQL).
 */
export async function reportingUnitsUnder(ds: DataSource, parentId: number): Promise<Unit[]> {
  return (await subtreeWithReportingUnits(ds, parentId)).units;
}

/**
 * The unit `parentId` (null when there is none) and the reporting units (街道, 镇) in its
 * subtree, by name: one recursive statement that reads the units' rows too (both databases).
 */
export async function subtreeWithReportingUnits(ds: DataSource, parentId: number): Promise<{ parent: Unit | null; units: Unit[] }> {
  const postgres = ds.options.type === 'postgres';
  const p = (n: number) => (postgres ? `$${n}` : '?');
  const columns = unitColumns(ds);
  const levels = [...REPORTING_LEVELS];
  const rows: Array<Record<string, unknown>> = await ds.query(
    `WITH RECURSIVE sub(id) AS (SELECT id FROM unit WHERE id = ${p(1)} UNION ALL SELECT u.id FROM unit u JOIN sub ON u."parentId" = sub.id) ` +
      `SELECT ${columns} FROM unit u JOIN sub ON sub.id = u.id WHERE u.id = ${p(2)} OR u.level IN (${levels.map((_, i) => p(i + 3)).join(', ')})`,
    [parentId, parentId, ...levels],
  );
  let parent: Unit | null = null;
  const units: Unit[] = [];
  for (const row of rows) {
    const unit = entityFromRaw(ds, Unit, row, 'u');
    if (unit.id === parentId) parent = unit;
    if ((REPORTING_LEVELS as readonly string[]).includes(unit.level)) units.push(unit);
  }
  units.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
  return { parent, units };
}

/** The select list of every column of `unit` as alias `u`, for {@link entityFromRaw}. */
function unitColumns(ds: DataSource): string {
  return ds
    .getMetadata(Unit)
    .columns.map((c) => `"u"."${c.databaseName}" AS "u_${c.databaseName}"`)
    .join(', ');
}

/** Every registered unit, and the same as the reading core's known units (one list, the same identity while unchanged). */
export interface UnitRegistry {
  /** `cache_version` of `unit`, bumped by a trigger on every insert, update or delete of a unit */
  version: string;
  units: Unit[];
  known: KnownUnit[];
  /** `resolveUnitName(units, name)`, from an index built once per version, on first use */
  resolve: (name: string) => Unit | null;
}

const registries = new WeakMap<DataSource, UnitRegistry>();
/** A registry being read, by data source: callers asking meanwhile (a folder ingest's first batches) share it. */
const loading = new WeakMap<DataSource, { version: string; registry: Promise<UnitRegistry> }>();

/**
 * The unit registry, loaded once and kept while its version is the same: the `unit` counter of
 * `cache_version` (src/db/cache-version.ts), which a trigger bumps in the transaction of every
 * unit write, so a process sees a unit another process (a server, a worker, `npm start`'s
 * seeds) added the moment that write commits. Reading builds its name index once per list
 * identity (src/reading/unit-year.ts), so a folder of reports is read against one index, not
 * one per file. Callers that ask while it is being read wait for that read (one list, one
 * identity): a folder ingest prepares its first two batches at once, and each read the 46 000
 * units of a national registry in full before (bench/README.md, ingest11).
 */
export async function unitRegistry(ds: DataSource): Promise<UnitRegistry> {
  const version = String(await cacheVersion(ds, 'unit'));
  const cached = registries.get(ds);
  if (cached && cached.version === version) return cached;
  const pending = loading.get(ds);
  if (pending?.version === version) return pending.registry;
  const registry = loadRegistry(ds, version).finally(() => {
    if (loading.get(ds)?.registry === registry) loading.delete(ds);
  });
  loading.set(ds, { version, registry });
  return registry;
}

async function loadRegistry(ds: DataSource, version: string): Promise<UnitRegistry> {
  const units = await allUnits(ds);
  // the name index on first use: a folder ingest builds it while the workers read its first batch
  let resolver: ((name: string) => Unit | null) | null = null;
  const resolve = (name: string): Unit | null => (resolver ??= unitNameResolver(units))(name);
  const registry = { version, units, known: units.map((u) => ({ name: u.name, aliases: u.aliases })), resolve };
  registries.set(ds, registry);
  return registry;
}

/**
 * Every unit by id, read as raw rows and each column converted as TypeORM converts it
 * (`entityFromRaw`): the same `Unit` objects as `find({ order: { id: 'ASC' } })` without its
 * result transformer, which took about as long as the read itself for 46 000 units.
 */
async function allUnits(ds: DataSource): Promise<Unit[]> {
  const columns = unitColumns(ds);
  const rows: Array<Record<string, unknown>> = await ds.query(`SELECT ${columns} FROM "unit" "u" ORDER BY "u"."id"`);
  return rows.map((row) => entityFromRaw(ds, Unit, row, 'u'));
}
