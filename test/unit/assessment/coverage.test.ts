import { computeCoverage, countCoverage } from '../../../src/assessment/coverage';
import { partCodeOf } from '../../../src/assessment/parts';

const checklistItems = [
  { code: '5', parentCode: null, title: '健全行政执法工作体系', assessable: false },
  { code: '5.1', parentCode: '5', title: '行政执法"三项制度"', assessable: true },
  { code: '5.5', parentCode: '5', title: '执法装备与非现场执法', assessable: true },
  { code: '7', parentCode: null, title: '健全社会矛盾纠纷行政预防调处化解体系', assessable: false },
  { code: '7.3', parentCode: '7', title: '行政复议', assessable: true },
  { code: '7.4', parentCode: '7', title: '行政机关负责人出庭应诉', assessable: true },
  { code: '9', parentCode: null, title: '健全法治政府建设科技保障体系', assessable: false },
  { code: '9.1', parentCode: '9', title: '数字法治政府', assessable: true },
];

describe('partCodeOf', () => {
  const byCode = new Map<string, { code: string; parentCode: string | null }>([
    ...checklistItems.map((item): [string, { code: string; parentCode: string | null }] => [item.code, item]),
    ['5.1.2', { code: '5.1.2', parentCode: '5.1' }],
  ]);
  it('follows parents to the top-level part, falling back to the first code segment', () => {
    expect(partCodeOf('5.1.2', byCode)).toBe('5');
    expect(partCodeOf('7.4', byCode)).toBe('7');
    expect(partCodeOf('5', byCode)).toBe('5');
    expect(partCodeOf('8.1', byCode)).toBe('8');
  });
});

describe('countCoverage', () => {
  it('counts covered and partial apart, leaves NOT_APPLICABLE out of the assessable count', () => {
    expect(countCoverage(['COVERED', 'PARTIAL', 'MISSING', 'NOT_APPLICABLE', 'PLANNED_ONLY', 'COVERED'])).toEqual({
      covered: 2,
      partial: 1,
      assessable: 5,
      ratio: 0.4,
    });
  });

  it('is 0 of 0 with ratio 0 when nothing is assessable', () => {
    expect(countCoverage([])).toEqual({ covered: 0, partial: 0, assessable: 0, ratio: 0 });
    expect(countCoverage(['NOT_APPLICABLE'])).toEqual({ covered: 0, partial: 0, assessable: 0, ratio: 0 });
  });

  it('reports "0 of 31" as a ratio of 0, not an error', () => {
    expect(countCoverage(Array(31).fill('MISSING'))).toEqual({ covered: 0, partial: 0, assessable: 31, ratio: 0 });
  });
});

describe('computeCoverage', () => {
  const items = [
    { code: '5.1', partCode: '5', status: 'COVERED' as const, confirmedStatus: 'COVERED' as const },
    { code: '5.5', partCode: '5', status: 'PARTIAL' as const, confirmedStatus: 'NEGATIVE_ONLY' as const },
    { code: '7.3', partCode: '7', status: 'NOT_APPLICABLE' as const, confirmedStatus: 'NOT_APPLICABLE' as const },
    { code: '7.4', partCode: '7', status: 'COVERED' as const, confirmedStatus: 'MISSING' as const },
    { code: '9.1', partCode: '9', status: 'NOT_APPLICABLE' as const, confirmedStatus: 'NOT_APPLICABLE' as const },
  ];

  it('gives both views overall and per part, with raw counts', () => {
    expect(computeCoverage(items, checklistItems)).toEqual({
      confirmed: { covered: 1, partial: 0, assessable: 3, ratio: 1 / 3 },
      proposed: { covered: 2, partial: 1, assessable: 3, ratio: 2 / 3 },
      byPart: [
        {
          partCode: '5',
          title: '健全行政执法工作体系',
          confirmed: { covered: 1, partial: 0, assessable: 2, ratio: 0.5 },
          proposed: { covered: 1, partial: 1, assessable: 2, ratio: 0.5 },
        },
        {
          partCode: '7',
          title: '健全社会矛盾纠纷行政预防调处化解体系',
          confirmed: { covered: 0, partial: 0, assessable: 1, ratio: 0 },
          proposed: { covered: 1, partial: 0, assessable: 1, ratio: 1 },
        },
        {
          partCode: '9',
          title: '健全法治政府建设科技保障体系',
          confirmed: { covered: 0, partial: 0, assessable: 0, ratio: 0 },
          proposed: { covered: 0, partial: 0, assessable: 0, ratio: 0 },
        },
      ],
    });
  });

  it('ignores results for items that are not assessable (headings)', () => {
    const withHeading = [...items, { code: '5', partCode: '5', status: 'COVERED' as const, confirmedStatus: 'COVERED' as const }];
    expect(computeCoverage(withHeading, checklistItems).proposed).toEqual({
      covered: 2,
      partial: 1,
      assessable: 3,
      ratio: 2 / 3,
    });
  });
});
