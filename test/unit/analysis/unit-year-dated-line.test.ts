import { datedLineMention } from '../../../src/reading/unit-year';

const weights = { firstHalf: 0.25, secondHalf: 0.3 };
const line = (text: string, offset = 100) => ({ text, offset, source: 'SIGNATURE', opening: false, plan: false }) as const;

describe('the year a dated line points at', () => {
  test('a date in the first half of a year reports on the year before, with the first-half weight', () => {
    expect(datedLineMention(line('万兴街道办事处 2023年1月28日'), weights)).toEqual({
      value: 2022,
      source: 'SIGNATURE',
      weight: 0.25,
      start: 108,
      end: 118,
    });
  });

  test('a date in the second half reports on its own year, with the second-half weight', () => {
    const m = datedLineMention(line('2022-11-07', 0), weights);
    expect(m).toMatchObject({ value: 2022, weight: 0.3, start: 0, end: 10 });
  });

  test('a date in Chinese numerals counts the same', () => {
    const m = datedLineMention(line('二〇二二年十二月二十日', 5), weights);
    expect(m).toMatchObject({ value: 2022, weight: 0.3, start: 5, end: 16 });
  });

  test('the source is the line’s own (a publish date stays a publish date)', () => {
    const m = datedLineMention({ ...line('发布日期：2024-03-01'), source: 'PUBLISH_DATE' }, weights);
    expect(m).toMatchObject({ value: 2023, source: 'PUBLISH_DATE', weight: 0.25 });
  });

  test('a line without a full date gives nothing (a bare year is not a date)', () => {
    expect(datedLineMention(line('2023年'), weights)).toBeNull();
    expect(datedLineMention(line('某某镇人民政府'), weights)).toBeNull();
  });
});
