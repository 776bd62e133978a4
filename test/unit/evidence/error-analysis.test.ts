import { inventedItem, labelledReport } from '../../helpers/labelled-report';
import { namedItems, RULES_ONLY_MODEL } from '../../../src/evidence/pipeline';
import { classifyErrors, tallyErrors, unscoredLabelItems, type ErrorInput } from '../../../src/evidence/error-analysis';

/** The causes of the matcher's errors (error-analysis.ts, `evaluate --cross --errors`), on an invented report. */

const items = [
  inventedItem('1.1', '普法宣传'),
  inventedItem('1.2', '法律顾问'),
  inventedItem('1.3', '公职律师'),
  inventedItem('2.1', '行政复议'),
];

// four claims of one sentence each; the third is in the preamble, which the matcher skips
const sentences = ['甲乙丙丁。', '戊己庚辛。', '壬癸子丑。', '寅卯辰巳。'];
const claims: { id: string; start: number; end: number; sectionKind: 'PREAMBLE' | 'ACHIEVEMENT' }[] = [];
let raw = '';
sentences.forEach((text, i) => {
  claims.push({ id: `c${i}`, start: raw.length, end: raw.length + text.length, sectionKind: i === 2 ? 'PREAMBLE' : 'ACHIEVEMENT' });
  raw += text;
});

const labels = [
  { quote: '甲乙丙丁', items: ['1.1'] },
  { quote: '丁。戊', items: ['1.2'] }, // straddles c0 and c1: scored on c0, which it overlaps most
  { quote: '戊己庚辛', items: [] }, // evidences nothing
  { quote: '壬癸子丑', items: ['2.1'] }, // in the preamble
  { quote: '寅卯辰巳', items: ['2.1'] },
  { quote: '不在文中', items: ['1.3'] }, // in no claim: not scored
];

it('gives every miss and false link one cause', () => {
  const input: ErrorInput = {
    raw,
    claims,
    labels,
    errors: [
      { claimId: 'c0', itemCode: '1.1', kind: 'FN' },
      { claimId: 'c0', itemCode: '1.2', kind: 'FN' },
      { claimId: 'c2', itemCode: '2.1', kind: 'FN' },
      { claimId: 'c3', itemCode: '2.1', kind: 'FN' },
      { claimId: 'c0', itemCode: '1.3', kind: 'FP' },
      { claimId: 'c0', itemCode: '2.1', kind: 'FP' },
      { claimId: 'c1', itemCode: '1.1', kind: 'FP' },
    ],
    // the signals named 1.1 on c0 (and 1.2 on c3, not its item); nothing named 2.1 on c3
    named: new Map([
      ['c0', new Set(['1.1'])],
      ['c3', new Set(['1.2'])],
    ]),
  };
  expect(classifyErrors(items, input).map((e) => `${e.kind} ${e.claimId} ${e.itemCode} ${e.cause}`)).toEqual([
    'FN c0 1.1 rejected',
    'FN c0 1.2 reading',
    'FN c2 2.1 reading',
    'FN c3 2.1 unproposed',
    'FP c0 1.3 sibling',
    'FP c0 2.1 otherPart',
    'FP c1 1.1 emptySentence',
  ]);
});

it('tallies by cause and by item, most errors first', () => {
  const tally = tallyErrors([
    { claimId: 'a', itemCode: '1.1', kind: 'FN', cause: 'rejected' },
    { claimId: 'b', itemCode: '2.1', kind: 'FN', cause: 'unproposed' },
    { claimId: 'c', itemCode: '2.1', kind: 'FP', cause: 'sibling' },
  ]);
  expect(tally.byCause).toEqual({ reading: 0, unproposed: 1, rejected: 1, sibling: 1, otherPart: 0, emptySentence: 0 });
  expect([...tally.byItem.keys()]).toEqual(['2.1', '1.1']);
  expect(tally.byItem.get('2.1')).toMatchObject({ fn: 1, fp: 1, unproposed: 1, sibling: 1 });
});

it('counts the labelled items of quotes no claim holds apart', () => {
  expect(unscoredLabelItems(raw, claims, labels)).toBe(1);
});

it('names what the signals propose on a claim before any decision', () => {
  const report = labelledReport('r', [
    ['街道开展普法宣传进社区活动。', ['1.1']],
    ['天气晴朗。', []],
  ]);
  const own = [inventedItem('1.1', '普法宣传', { keywords: ['普法'] }), inventedItem('2.1', '行政复议')];
  const named = namedItems(report.claims, report.metrics, own, RULES_ONLY_MODEL);
  expect([...(named.get('r-0') ?? [])]).toContain('1.1');
  expect([...(named.get('r-1') ?? [])]).toEqual([]);
});
