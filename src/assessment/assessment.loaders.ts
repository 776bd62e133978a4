import DataLoader from 'dataloader';
import { checkDeadline } from '../common/query-timeout-error';
import { byId, SCOPE, type LoaderSource } from '../graphql/loaders';
import { AssessmentFlag } from './assessment-flag.entity';
import { Assessment } from './assessment.entity';
import { evidenceRows, type ClaimEvidence } from './evidence-rows.store';
import type { ChecklistItem } from '../checklist/checklist-item.entity';

/** The evidence `assessment(unitId, year)` read with its page: the items' evidence answered from it, without a load per claim. */
interface PageEvidence {
  checklistId: number;
  items: readonly ChecklistItem[];
  byClaim: ReadonlyMap<number, ClaimEvidence>;
}

/** This domain's per-request DataLoaders (scope-limited; see src/graphql/loaders.ts). */
export function assessmentLoaders(source: LoaderSource) {
  return {
    // with its flag rows, which complete the stored result (assessment.entity.ts)
    assessmentById: byId(source, Assessment, SCOPE.owned, ['flagRows']),
    flagById: byId(source, AssessmentFlag, SCOPE.owned),
    // a claim with its links and metric values, for an assessment's evidence (one statement)
    evidenceByClaim: new DataLoader<number, ClaimEvidence>(
      async (ids) => {
        checkDeadline(source.budget?.deadline, source.budget?.budgetMs);
        return evidenceRows(source.ds, ids, source.scope);
      },
      { maxBatchSize: 5_000 },
    ),
    /** set by `assessment(unitId, year)` (src/assessment/assessment.resolver.ts) */
    page: null as PageEvidence | null,
  };
}
