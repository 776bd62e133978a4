import { byId, manyBy, SCOPE, type LoaderSource } from '../graphql/loaders';
import { EvidenceLink } from './evidence-link.entity';

/** This domain's per-request DataLoaders (scope-limited; see src/graphql/loaders.ts). */
export function linkLoaders(source: LoaderSource) {
  return {
    linkById: byId(source, EvidenceLink, SCOPE.viaReport),
    linksByClaim: manyBy(source, EvidenceLink, 'claimId', SCOPE.viaReport),
    linksByReport: manyBy(source, EvidenceLink, 'reportId', SCOPE.viaReport),
  };
}
