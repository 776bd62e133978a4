import type { ChecklistItemDefinition } from '../checklist/types';
import { prepareMatchText } from './matcher';

/**
 * Leave-one-report-out: the rules a left-out report is scored with must not contain what was
 * learnt from it. Labels are left out by the caller (learned weights are fitted on the other
 * reports' labels only); this module leaves out the rule TERMS that could only have come from
 * the left-out report's text: a term occurring in that report and in no other report, and not
 * in the wording of its own item (title or text), is dropped from every rule field
 * (`keywords`, `together` groups, `exclude`, `ignore`) before the report is matched.
 *
 * A term that the item's own wording contains is kept: it is justified by the checklist,
 * whichever report happens to use it. Pure; texts are compared as the matcher sees them
 * ({@link prepareMatchText}).
 */

/** One rule term of one item, as written in the checklist file. */
export interface RuleTerm {
  itemCode: string;
  field: 'keywords' | 'together' | 'exclude' | 'ignore';
  term: string;
}

/** Every rule term of every assessable item (each word of a together group is one term). */
function ruleTerms(items: readonly ChecklistItemDefinition[]): RuleTerm[] {
  const out: RuleTerm[] = [];
  for (const item of items) {
    if (!item.assessable) continue;
    const m = item.match;
    for (const term of m.keywords) out.push({ itemCode: item.code, field: 'keywords', term });
    for (const group of m.together) for (const term of group) out.push({ itemCode: item.code, field: 'together', term });
    for (const term of m.exclude) out.push({ itemCode: item.code, field: 'exclude', term });
    for (const term of m.ignore ?? []) out.push({ itemCode: item.code, field: 'ignore', term });
  }
  return out;
}

/** Whether the item's own title or text contains the term (the checklist justifies it). */
function inItemWording(item: Pick<ChecklistItemDefinition, 'title' | 'text'>, term: string): boolean {
  const needle = prepareMatchText(term);
  return needle !== '' && prepareMatchText(`${item.title}\n${item.text}`).includes(needle);
}

/**
 * The rule terms that occur in `text` and in none of `others`, and not in their own item's
 * wording: terms that only this one report could have suggested.
 */
export function exclusiveTerms(items: readonly ChecklistItemDefinition[], text: string, others: readonly string[]): RuleTerm[] {
  const own = prepareMatchText(text);
  const rest = others.map(prepareMatchText);
  const byCode = new Map(items.map((i) => [i.code, i]));
  return ruleTerms(items).filter(({ itemCode, term }) => {
    const needle = prepareMatchText(term);
    if (needle === '' || !own.includes(needle)) return false;
    if (rest.some((t) => t.includes(needle))) return false;
    const item = byCode.get(itemCode);
    return !(item && inItemWording(item, term));
  });
}

/**
 * The items with the given terms removed. A together group loses its meaning without one of
 * its words, so a group with a dropped word is dropped whole.
 */
export function withoutTerms(items: readonly ChecklistItemDefinition[], drop: readonly RuleTerm[]): readonly ChecklistItemDefinition[] {
  // nothing dropped: the same array, so what is remembered per checklist (similarity.ts, pipeline.ts) is reused
  if (drop.length === 0) return items;
  const key = (code: string, field: RuleTerm['field'], term: string) => `${code}\u0000${field}\u0000${term}`;
  const dropped = new Set(drop.map((d) => key(d.itemCode, d.field, d.term)));
  return items.map((item) => {
    if (!item.assessable) return item;
    const has = (field: RuleTerm['field'], term: string) => dropped.has(key(item.code, field, term));
    const m = item.match;
    const ignore = (m.ignore ?? []).filter((t) => !has('ignore', t));
    return {
      ...item,
      match: {
        ...m,
        keywords: m.keywords.filter((t) => !has('keywords', t)),
        together: m.together.filter((g) => !g.some((t) => has('together', t))),
        exclude: m.exclude.filter((t) => !has('exclude', t)),
        ...(m.ignore !== undefined ? { ignore } : {}),
      },
    };
  });
}

/** The rules a left-out report is matched with: without its exclusive terms. */
export function rulesWithout(
  items: readonly ChecklistItemDefinition[],
  leftOutText: string,
  otherTexts: readonly string[],
): { items: readonly ChecklistItemDefinition[]; dropped: RuleTerm[] } {
  const dropped = exclusiveTerms(items, leftOutText, otherTexts);
  return { items: withoutTerms(items, dropped), dropped };
}
