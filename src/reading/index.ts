/** Public API of the pure report analyser. */
export { analyzeReport, checkText } from './analyze';
export { normaliseReport, normaliseText, toRawRange, foldChar, wrapWidth, visualWidth, hasTraditional } from './normalise';
export type { NormalisedText, RawRange } from './normalise';
export { buildStructure, classifyHeading, isChromeLine, isDateLine } from './sections';
export type { DocumentStructure, DocLine, DocSection, LineRole } from './sections';
export { matchHeading } from './headings';
export type { HeadingMatch, HeadingStyle } from './headings';
export { detectUnitYear, resolveKnownUnit } from './unit-year';
export type { UnitYearResult } from './unit-year';
export { splitSentences, polarityOf } from './claims';
export { extractNumbers } from './numbers';
export type { FoundNumber } from './numbers';
export * from './types';
