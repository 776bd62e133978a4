import type { ChecklistItemDefinition } from '../checklist/types';
import type { LabelledReport, MatchPipeline, SignalLinks } from './evaluation-suite';
import { matchClaims } from './matcher';

/** The rule matcher alone: nothing is learnt; similarity proposes nothing. */
export const rulesOnlyPipeline: MatchPipeline<null> = {
  fit: () => null,
  run(items: readonly ChecklistItemDefinition[], report: LabelledReport): SignalLinks {
    const rules = matchClaims(report.claims, report.metrics, items);
    return { rules, similarity: [], combined: rules };
  },
};
