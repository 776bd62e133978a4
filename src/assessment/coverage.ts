/**
 * Coverage (docs/design.md "The numbers"): covered items / assessable items, for the
 * `confirmed` and the `proposed` view, with the raw counts beside the ratio, overall and
 * per part (the top-level ancestor of each item, 1 … 10).
 *
 * Assessable items are the checklist items with `assessable = true` that are not
 * NOT_APPLICABLE. `ratio` is the exact quotient (not rounded) and 0 when nothing is
 * assessable: "0 of 31" is a finding, not an error. Every top-level part of the
 * checklist is listed, also when it has no assessable item.
 */
import type { ChecklistItemDefinition, ItemStatus } from '../checklist/types';
import type { AssessmentResult, CoverageCount, ItemResult, PartCoverage } from './types';

/** Counts COVERED and PARTIAL among the statuses of assessable items; NOT_APPLICABLE is left out. */
export function countCoverage(statuses: readonly ItemStatus[]): CoverageCount {
  let covered = 0;
  let partial = 0;
  let assessable = 0;
  for (const status of statuses) {
    if (status === 'NOT_APPLICABLE') continue;
    assessable += 1;
    if (status === 'COVERED') covered += 1;
    if (status === 'PARTIAL') partial += 1;
  }
  return { covered, partial, assessable, ratio: assessable === 0 ? 0 : covered / assessable };
}

/**
 * Overall and per-part coverage of item results; results of items that are not
 * assessable in `checklistItems` (headings) are ignored.
 */
export function computeCoverage(
  items: readonly Pick<ItemResult, 'code' | 'partCode' | 'status' | 'confirmedStatus'>[],
  checklistItems: readonly Pick<ChecklistItemDefinition, 'code' | 'parentCode' | 'title' | 'assessable'>[],
): AssessmentResult['coverage'] {
  const definitions = new Map(checklistItems.map((item) => [item.code, item]));
  const counted = items.filter((item) => definitions.get(item.code)?.assessable === true);

  const partCodes: string[] = [];
  const addPart = (code: string): void => {
    if (!partCodes.includes(code)) partCodes.push(code);
  };
  checklistItems.filter((item) => item.parentCode == null).forEach((item) => addPart(item.code));
  counted.forEach((item) => addPart(item.partCode));

  const byPart: PartCoverage[] = partCodes.map((partCode) => {
    const inPart = counted.filter((item) => item.partCode === partCode);
    return {
      partCode,
      title: definitions.get(partCode)?.title ?? '',
      confirmed: countCoverage(inPart.map((item) => item.confirmedStatus)),
      proposed: countCoverage(inPart.map((item) => item.status)),
    };
  });

  return {
    confirmed: countCoverage(counted.map((item) => item.confirmedStatus)),
    proposed: countCoverage(counted.map((item) => item.status)),
    byPart,
  };
}
