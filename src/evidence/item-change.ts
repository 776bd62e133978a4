/**
 * Suspect links (待复核链接, docs/design.md): when a new checklist version changes an item,
 * the links accepted under the previous version must be looked at again. Pure: which items
 * changed, the item as text, and the character diff between two versions of it.
 *
 * An item "changed" when its title, text, match rules or targets differ (points and
 * position do not change what counts as evidence). Rules are compared as sets (the order
 * of words in a list does not matter); targets as a list.
 */
import { diffChars } from 'diff';
import type { ChecklistItemDefinition, MatchRules, TargetDefinition } from '../checklist/types';

/** The parts of an item a link depends on. */
export type ItemWording = Pick<ChecklistItemDefinition, 'title' | 'text' | 'match' | 'targets'>;

const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=' };

function sorted(words: readonly string[] | undefined): string[] {
  return [...(words ?? [])].sort();
}

function canonicalRules(match: MatchRules): string {
  return JSON.stringify({
    keywords: sorted(match.keywords),
    together: (match.together ?? []).map((g) => sorted(g).join('+')).sort(),
    exclude: sorted(match.exclude),
    metrics: sorted(match.metrics),
    ignore: sorted(match.ignore),
  });
}

function canonicalTargets(targets: readonly TargetDefinition[]): string {
  return JSON.stringify(targets.map((t) => [t.metric, t.op ?? null, t.threshold ?? null, t.unit]));
}

/** Whether the title, text, match rules or targets differ between two versions of an item. */
export function itemChanged(before: ItemWording, after: ItemWording): boolean {
  return (
    before.title !== after.title ||
    before.text !== after.text ||
    canonicalRules(before.match) !== canonicalRules(after.match) ||
    canonicalTargets(before.targets) !== canonicalTargets(after.targets)
  );
}

/** A target in words: `COURT_APPEARANCE_RATE ≥ 100%`, or `PETITION_CASES（件，仅记录）`. */
function describeTarget(t: TargetDefinition): string {
  return t.op != null && t.threshold != null
    ? `${t.metric} ${OPS[t.op] ?? t.op} ${t.threshold}${t.unit}`
    : `${t.metric}（${t.unit}，仅记录）`;
}

/** The item as the lines a reviewer compares: title, text, targets and match rules. */
export function describeItem(item: ItemWording): string {
  const m = item.match;
  const rules = [
    m.keywords.length ? `关键词 ${m.keywords.join('、')}` : '',
    m.together.length ? `共现词 ${m.together.map((g) => g.join('+')).join('；')}` : '',
    m.exclude.length ? `排除词 ${m.exclude.join('、')}` : '',
    m.metrics.length ? `指标 ${m.metrics.join('、')}` : '',
    m.ignore?.length ? `忽略 ${m.ignore.join('、')}` : '',
  ].filter(Boolean);
  return [
    `标题：${item.title}`,
    `内容：${item.text}`,
    `目标：${item.targets.length ? item.targets.map(describeTarget).join('；') : '无'}`,
    `规则：${rules.length ? rules.join('；') : '无'}`,
  ].join('\n');
}

/** One run of a diff: text kept, removed (only before) or added (only after). */
export interface DiffPart {
  kind: 'SAME' | 'REMOVED' | 'ADDED';
  text: string;
}

/** The character diff of two texts (jsdiff's `diffChars`: Chinese has no spaces between words). */
export function diffParts(before: string, after: string): DiffPart[] {
  return diffChars(before, after).map((c) => ({ kind: c.added ? 'ADDED' : c.removed ? 'REMOVED' : 'SAME', text: c.value }));
}

/** The diff as one text: removed runs as `[-…-]`, added runs as `{+…+}` (as `git diff --word-diff`). */
export function diffMarkup(parts: readonly DiffPart[]): string {
  return parts.map((p) => (p.kind === 'REMOVED' ? `[-${p.text}-]` : p.kind === 'ADDED' ? `{+${p.text}+}` : p.text)).join('');
}
