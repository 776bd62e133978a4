/** Public API of the pure report analyser. */
export { analyzeReport, checkText } from './analyze';
export { normaliseReport, normaliseText, toRawRange, wrapWidth, hasTraditional } from './normalise';
export { classifyHeading, isChromeLine } from './sections';
export { matchHeading } from './headings';
export { splitSentences } from './claims';
export * from './types';
