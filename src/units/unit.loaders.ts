import { byId, manyBy, SCOPE, type LoaderSource } from '../graphql/loaders';
import { Unit } from './unit.entity';

/** This domain's per-request DataLoaders (scope-limited; see src/graphql/loaders.ts). */
export function unitLoaders(source: LoaderSource) {
  return {
    unitById: byId(source, Unit, SCOPE.unit),
    unitChildren: manyBy(source, Unit, 'parentId', SCOPE.unit, { name: 'ASC' }),
  };
}
