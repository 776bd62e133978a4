import { byId, SCOPE, type LoaderSource } from '../graphql/loaders';
import { AssessmentFlag } from './assessment-flag.entity';
import { Assessment } from './assessment.entity';

/** This domain's per-request DataLoaders (scope-limited; see src/graphql/loaders.ts). */
export function assessmentLoaders(source: LoaderSource) {
  return {
    // with its flag rows, which complete the stored result (assessment.entity.ts)
    assessmentById: byId(source, Assessment, SCOPE.owned, ['flagRows']),
    flagById: byId(source, AssessmentFlag, SCOPE.owned),
  };
}
