/** What must not change when a report arrives in another format or encoding. */
import { analyzeReport } from '../../../src/reading/analyze';
import type { ReportAnalysis } from '../../../src/reading/types';

export interface Essentials {
  unit: string | null;
  year: number | null;
  sections: string[];
  metrics: string[];
  claims: string[];
}

/** Unit, year, section paths and kinds, metric values and claim texts (offsets left out: they point into different texts). */
export function essentials(a: ReportAnalysis): Essentials {
  return {
    unit: a.unit?.name ?? null,
    year: a.year?.value ?? null,
    sections: a.sections.map((s) => `${s.path}:${s.kind}`),
    metrics: a.metrics.map((m) => `${m.metric ?? '-'}=${m.value}${m.unit}/${m.qualifier}`),
    claims: a.claims.map((c) => `${c.sectionPath}:${c.polarity}:${c.text}`),
  };
}

/** The essentials of the analysis of a text. */
export function analysed(text: string): Essentials {
  return essentials(analyzeReport(text));
}
