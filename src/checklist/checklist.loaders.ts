import { byId, manyBy, SCOPE, type LoaderSource } from '../graphql/loaders';
import { ChecklistItem } from './checklist-item.entity';
import { Checklist } from './checklist.entity';
import { Target } from './target.entity';

/** This domain's per-request DataLoaders (scope-limited; see src/graphql/loaders.ts). */
export function checklistLoaders(source: LoaderSource) {
  return {
    checklistById: byId(source, Checklist, SCOPE.none),
    itemById: byId(source, ChecklistItem, SCOPE.none),
    itemsByChecklist: manyBy(source, ChecklistItem, 'checklistId', SCOPE.none, { position: 'ASC' }),
    targetsByItem: manyBy(source, Target, 'itemId', SCOPE.none),
  };
}
