import { keptUntilChange } from '../db/change-notices';
import type { EntityManager } from 'typeorm';
import { sha256 } from '../common/hash';
import { fail, ok, type Outcome } from '../common/user-error';
import { examplesForChecklist } from './examples-file';
import { ChecklistItem } from './checklist-item.entity';
import { Checklist } from './checklist.entity';
import { Target } from './target.entity';
import type { ChecklistDefinition, ChecklistItemDefinition } from './types';
import { MatcherWeights } from './matcher-weights.entity';

/** Stamp of an item's wording: links remember the text they were made against. */
function itemTextHash(item: Pick<ChecklistItemDefinition, 'title' | 'text'>): string {
  return sha256(`${item.title}\n${item.text}`);
}

/** SHA-256 of a checklist definition, independent of file formatting. */
function definitionHash(definition: ChecklistDefinition): string {
  return sha256(JSON.stringify(definition));
}

export interface ImportedChecklist {
  checklist: Checklist;
  /** false when the same definition was already imported (a no-op) */
  created: boolean;
}

/**
 * Stores a validated checklist definition as a new version. Importing the same
 * definition again is a no-op; a different definition under a version that already
 * exists is refused (raise `version`): links made against the old item text stay
 * attached to the old version's items and are never rewritten.
 */
export async function storeChecklist(
  manager: EntityManager,
  definition: ChecklistDefinition,
  source: string,
): Promise<Outcome<ImportedChecklist>> {
  const hash = definitionHash(definition);
  const repo = manager.getRepository(Checklist);
  const existing = await repo.findOne({ where: { key: definition.key, version: definition.version } });
  if (existing) {
    if (existing.sha256 === hash) return ok({ checklist: existing, created: false });
    return fail(
      'CHECKLIST_VERSION_EXISTS',
      `Checklist ${definition.key} version ${definition.version} was already imported with different content; raise its version to import the change.`,
      'input.version',
    );
  }
  const latest = await repo.findOne({ where: { key: definition.key }, order: { version: 'DESC' } });
  if (latest && latest.version > definition.version) {
    return fail(
      'CHECKLIST_VERSION_OLD',
      `Checklist ${definition.key} is already at version ${latest.version}; version ${definition.version} is older.`,
      'input.version',
    );
  }
  const checklist = await repo.save(
    repo.create({
      key: definition.key,
      version: definition.version,
      name: definition.name,
      issuer: definition.issuer,
      yearFrom: definition.yearFrom,
      yearTo: definition.yearTo,
      scoring: definition.scoring,
      flags: definition.flags,
      reuseThreshold: definition.reuse?.threshold ?? null,
      sha256: hash,
      source,
    }),
  );
  const items = await manager.getRepository(ChecklistItem).save(
    definition.items.map((item, position) =>
      manager.getRepository(ChecklistItem).create({
        checklistId: checklist.id,
        code: item.code,
        parentCode: item.parentCode,
        position,
        title: item.title,
        text: item.text,
        assessable: item.assessable,
        points: item.points,
        match: item.match,
        textHash: itemTextHash(item),
      }),
    ),
    { chunk: 100 },
  );
  const targets = definition.items.flatMap((item, index) =>
    item.targets.map((t) =>
      manager.getRepository(Target).create({
        itemId: items[index]!.id, // items were saved one per definition item, in order
        metric: t.metric,
        op: t.op ?? null,
        threshold: t.threshold ?? null,
        unit: t.unit,
      }),
    ),
  );
  if (targets.length) await manager.getRepository(Target).save(targets, { chunk: 100 });
  await storeChecklistMatching(manager, checklist.id, definition, source);
  return ok({ checklist, created: true });
}

/** Loaded definitions by DataSource and `id:sha256`: a stored checklist version never changes. */
const definitionCache = new WeakMap<object, Map<string, LoadedChecklist>>();

/**
 * {@link loadChecklistDefinition} for a checklist row already read: reuses the definition
 * loaded before for the same id and content hash (versions are immutable).
 */
export async function cachedChecklistDefinition(manager: EntityManager, checklist: Checklist): Promise<LoadedChecklist> {
  let cache = definitionCache.get(manager.connection);
  if (!cache) definitionCache.set(manager.connection, (cache = new Map()));
  const key = `${checklist.id}:${checklist.sha256}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const loaded = await loadChecklistDefinition(manager, checklist.id);
  if (loaded.checklist.sha256 === checklist.sha256) cache.set(key, loaded);
  return loaded;
}

/**
 * Rebuilds a checklist definition (items with targets) from the database, with the shipped
 * labelled examples that apply to it (examples-file.ts).
 */
export async function loadChecklistDefinition(manager: EntityManager, checklistId: number): Promise<LoadedChecklist> {
  const checklist = await manager.getRepository(Checklist).findOneOrFail({ where: { id: checklistId } });
  const items = await manager.getRepository(ChecklistItem).find({ where: { checklistId }, order: { position: 'ASC' } });
  const targets = items.length
    ? await manager
        .getRepository(Target)
        .createQueryBuilder('t')
        .where('t.itemId IN (:...ids)', { ids: items.map((i) => i.id) })
        .orderBy('t.id')
        .getMany()
    : [];
  const matching = await checklistMatching(manager, checklistId);
  const byItem = new Map<number, Target[]>();
  for (const t of targets) byItem.set(t.itemId, [...(byItem.get(t.itemId) ?? []), t]);
  const definition: ChecklistDefinition = {
    key: checklist.key,
    name: checklist.name,
    issuer: checklist.issuer,
    yearFrom: checklist.yearFrom,
    yearTo: checklist.yearTo,
    version: checklist.version,
    scoring: checklist.scoring,
    flags: checklist.flags,
    ...(checklist.reuseThreshold != null ? { reuse: { threshold: checklist.reuseThreshold } } : {}),
    items: items.map((i) => ({
      code: i.code,
      parentCode: i.parentCode,
      title: i.title,
      text: i.text,
      assessable: i.assessable,
      points: i.points,
      match: i.match,
      targets: (byItem.get(i.id) ?? []).map((t) => ({
        metric: t.metric,
        unit: t.unit,
        ...(t.op ? { op: t.op } : {}),
        ...(t.threshold !== null ? { threshold: t.threshold } : {}),
      })),
    })),
    ...(matching ? { matching } : {}),
  };
  // the shipped labelled examples, when they were labelled for exactly this checklist's items
  const examples = examplesForChecklist(definition);
  if (examples) definition.examples = examples;
  return { checklist, items, definition };
}

export interface LoadedChecklist {
  checklist: Checklist;
  items: ChecklistItem[];
  definition: ChecklistDefinition;
}

/** Stores a checklist file's starting similarity calibration (no-op without one). */
async function storeChecklistMatching(
  manager: EntityManager,
  checklistId: number,
  definition: Pick<ChecklistDefinition, 'matching'>,
  actor: string,
): Promise<void> {
  const s = definition.matching?.similarity;
  if (!s) return;
  await manager.getRepository(MatcherWeights).insert({
    checklistId,
    source: 'CHECKLIST',
    calibration: { intercept: s.intercept, slope: s.slope, top: s.top },
    threshold: s.threshold,
    termWeights: {},
    decisions: 0,
    createdBy: actor,
  });
}

/** The `matching` block the checklist version was imported with (its CHECKLIST row), if any. */
async function checklistMatching(manager: EntityManager, checklistId: number): Promise<ChecklistDefinition['matching']> {
  const row = await manager.getRepository(MatcherWeights).findOne({ where: { checklistId, source: 'CHECKLIST' }, order: { id: 'ASC' } });
  if (!row) return undefined;
  return { similarity: { ...row.calibration, threshold: row.threshold } };
}

/**
 * Every checklist version's row, latest version first. Outside a transaction kept between
 * requests until a checklist is written (src/db/change-notices.ts: PostgreSQL tells every
 * process); inside one, and on SQLite, read each time.
 */
export async function checklistVersions(manager: EntityManager): Promise<Checklist[]> {
  const read = () => manager.getRepository(Checklist).find({ order: { version: 'DESC', id: 'DESC' } });
  return manager.queryRunner ? read() : keptUntilChange(manager.connection, 'checklistVersions', read);
}

/**
 * The checklist version a question is about: the given one (database id), or else the latest
 * version whose years include `year`. A missing checklist or a year outside it is a user error.
 * One query for the checklist row(s); the definition (items, targets, matching) comes from
 * {@link cachedChecklistDefinition}, keyed by the id and content hash just read, so every
 * server process answers from what the database holds.
 */
export async function chooseChecklistVersion(
  manager: EntityManager,
  checklistId: number | null,
  year: number,
): Promise<Outcome<LoadedChecklist>> {
  let row: Checklist | null;
  if (checklistId !== null) {
    row = (await checklistVersions(manager)).find((c) => c.id === checklistId) ?? null;
    if (!row) return fail('BAD_USER_INPUT', 'No such checklist', 'checklistId');
  } else {
    const all = await checklistVersions(manager);
    row = all.find((c) => c.yearFrom <= year && year <= c.yearTo) ?? null;
    if (row === null) return fail('BAD_USER_INPUT', `No checklist covers ${year}`, 'year');
  }
  // the row read now names the definition: id and content hash (a stored version never changes)
  const loaded = await cachedChecklistDefinition(manager, row);
  if (year < loaded.checklist.yearFrom || year > loaded.checklist.yearTo) {
    return fail('BAD_USER_INPUT', `The checklist covers ${loaded.checklist.yearFrom}–${loaded.checklist.yearTo}, not ${year}`, 'year');
  }
  return ok(loaded);
}
