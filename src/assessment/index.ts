/** The pure assessment core: status, targets, flags, coverage, score, ranking, comparison. */
export type * from './types';
export { assess } from './assess';
export { checkTargets, hasThreshold, provesTarget } from './targets';
export { collectEvidence, decideStatus, indexClaims, linkCounts, notApplicableJustification, unmetTargets } from './status';
export type { ClaimIndex, ItemEvidence } from './status';
export { itemFlags, reportMissingFlags, unreviewedClaimIds } from './flags';
export type { FlagSettings, ItemFlagInput } from './flags';
export { computeCoverage, countCoverage } from './coverage';
export { computeScore, roundTo, scoreBothViews, statusFactor } from './score';
export type { ScoringRules } from './score';
export { rankUnits } from './ranking';
export type { RankedUnit, UnitScore } from './ranking';
export { classifyChange, compareAssessments } from './compare';
export type { AssessmentComparison, ItemChange, ItemComparison, MetricChange, ScoreChange } from './compare';
export { explainItem } from './explanation';
export type { ExplanationInput } from './explanation';
export { partCodeOf } from './parts';
export { describeCheck, formatClaims, formatRule, formatValue } from './format';
