import 'reflect-metadata';
import { readPackedCells } from '../../../src/assessment/district.resolver';
import type { ItemStatusEnum } from '../../../src/checklist/checklist.type';

const read = (codes: string[], packed: string) => {
  const statuses = codes.map(() => 'MISSING' as ItemStatusEnum);
  const confirmed = codes.map(() => 'MISSING' as ItemStatusEnum);
  readPackedCells(packed, { codes, columnOf: new Map(codes.map((c, i) => [c, i])) }, statuses, confirmed);
  return { statuses, confirmed };
};

describe("a stored assessment's packed cells read into the matrix's columns", () => {
  it('in column order, with items that are no column between them', () => {
    expect(
      read(['1.1', '1.2', '2.1'], '1.1:COVERED:PARTIAL,1.3:PARTIAL:PARTIAL,1.2:NOT_APPLICABLE:NOT_APPLICABLE,2.1:PLANNED_ONLY:MISSING'),
    ).toEqual({
      statuses: ['COVERED', 'NOT_APPLICABLE', 'PLANNED_ONLY'],
      confirmed: ['PARTIAL', 'NOT_APPLICABLE', 'MISSING'],
    });
  });

  it('in any other order, a code that starts like the expected one, an unknown status and a broken cell', () => {
    expect(read(['1.1', '1.10', '2.1'], '2.1:COVERED:COVERED,1.10:PARTIAL:NEGATIVE_ONLY,broken,1.1:ODD:MISSING,1.1:x')).toEqual({
      statuses: ['ODD', 'PARTIAL', 'COVERED'],
      confirmed: ['MISSING', 'NEGATIVE_ONLY', 'COVERED'],
    });
  });
});
