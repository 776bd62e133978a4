/** The ten parts of a checklist: the top-level ancestor of each item. */
import type { ChecklistItemDefinition } from '../checklist/types';

/**
 * Code of the top-level ancestor of `code`, following `parentCode` links; an unknown
 * parent (or a cycle) falls back to the first segment of the code ("5.1" → "5").
 */
export function partCodeOf(code: string, itemsByCode: ReadonlyMap<string, Pick<ChecklistItemDefinition, 'code' | 'parentCode'>>): string {
  const seen = new Set<string>();
  let current = itemsByCode.get(code);
  while (current && current.parentCode != null && !seen.has(current.code)) {
    seen.add(current.code);
    const parent = itemsByCode.get(current.parentCode);
    if (!parent) break;
    current = parent;
  }
  if (current && current.parentCode == null) return current.code;
  return code.split('.')[0] ?? code;
}
