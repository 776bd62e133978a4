import type { ChecklistItemDefinition, MatchRules } from '../../src/checklist/types';
import type { LabelledReport } from '../../src/evidence/evaluation-suite';

/** One invented labelled report whose every sentence is one claim, labelled with the given items. */
export function labelledReport(name: string, sentences: [string, string[]][]): LabelledReport {
  let raw = '';
  const claims: LabelledReport['claims'] = [];
  sentences.forEach(([text], i) => {
    claims.push({
      id: `${name}-${i}`,
      text,
      polarity: 'POSITIVE',
      sectionKind: 'ACHIEVEMENT',
      sectionPath: '一',
      start: raw.length,
      end: raw.length + text.length,
    });
    raw += text;
  });
  return { name, raw, claims, metrics: [], labels: sentences.map(([quote, items]) => ({ quote, items })) };
}

/** One invented assessable item (3 points, text = title) with only the given rule terms (none by default). */
export function inventedItem(code: string, title: string, match: Partial<MatchRules> = {}): ChecklistItemDefinition {
  return {
    code,
    parentCode: code.split('.')[0] ?? null,
    title,
    text: title,
    assessable: true,
    points: 3,
    match: { keywords: [], together: [], exclude: [], metrics: [], ...match },
    targets: [],
  };
}
