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

/**
 * Two items (5.3 执法, 7.2 信访) and five invented districts' reports, one sentence for each item and one
 * for none: the set the leave-one-report-out tests fit and score on.
 */
export function fiveDistrictsFixture(): { items: ChecklistItemDefinition[]; reports: LabelledReport[] } {
  const items = [inventedItem('5.3', '严格规范执法', { keywords: ['执法'] }), inventedItem('7.2', '依法办理信访', { keywords: ['信访'] })];
  const reports = ['甲', '乙', '丙', '丁', '戊'].map((name) =>
    labelledReport(name, [
      [`${name}街道规范行政执法行为，开展执法检查。`, ['5.3']],
      [`${name}街道畅通信访渠道，按期办结信访事项。`, ['7.2']],
      [`${name}街道开展环境卫生整治活动。`, []],
    ]),
  );
  return { items, reports };
}
