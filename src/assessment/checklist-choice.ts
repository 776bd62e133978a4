import type { DataSource } from 'typeorm';
import { Checklist } from '../checklist/checklist.entity';
import { loadChecklistDefinition, type LoadedChecklist } from '../checklist/checklist.service';
import { BadInputError, idOfType } from '../graphql/relay';

/**
 * The checklist a query is about: the given one (global id), or else the latest version
 * of the checklist whose years include `year`. Throws a BAD_USER_INPUT error otherwise.
 */
export async function chooseChecklist(ds: DataSource, checklistId: string | null | undefined, year: number): Promise<LoadedChecklist> {
  let id: number | null = null;
  if (checklistId) {
    id = idOfType(checklistId, 'Checklist');
    if (id === null) throw new BadInputError('checklistId is not a checklist id');
    const exists = await ds.getRepository(Checklist).findOne({ where: { id } });
    if (!exists) throw new BadInputError('No such checklist');
  } else {
    const all = await ds.getRepository(Checklist).find({ order: { version: 'DESC', id: 'DESC' } });
    id = all.find((c) => c.yearFrom <= year && year <= c.yearTo)?.id ?? null;
    if (id === null) throw new BadInputError(`No checklist covers ${year}`);
  }
  const loaded = await loadChecklistDefinition(ds.manager, id);
  if (year < loaded.checklist.yearFrom || year > loaded.checklist.yearTo) {
    throw new BadInputError(`The checklist covers ${loaded.checklist.yearFrom}–${loaded.checklist.yearTo}, not ${year}`);
  }
  return loaded;
}
