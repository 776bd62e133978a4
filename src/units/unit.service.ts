import type { EntityManager } from 'typeorm';
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
