import { byId, SCOPE, type LoaderSource } from '../graphql/loaders';
import { AssessmentFlag } from './assessment-flag.entity';
import { Assessment } from './assessment.entity';

/** This domain's per-request DataLoaders (scope-limited; see src/graphql/loaders.ts). */
export function assessmentLoaders(source: LoaderSource) {
  return {
    assessmentById: byId(source, Assessment, SCOPE.owned),
    flagById: byId(source, AssessmentFlag, SCOPE.owned),
  };
}
