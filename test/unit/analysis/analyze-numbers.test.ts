/**
 * The analyser's side of the numbers contract, with extractNumbers replaced: offsets into the
 * claim text map back to raw offsets, a failing or misbehaving extractor cannot break it.
 */
import type { FoundNumber } from '../../../src/reading/numbers';

const mockExtract = jest.fn<FoundNumber[], [string]>();
jest.mock('../../../src/reading/numbers', () => ({
  extractNumbers: (text: string) => mockExtract(text),
}));

import { analyzeReport } from '../../../src/reading';
import { seed } from './seed-reports';

const found = (text: string, word: string, extra: Partial<FoundNumber> = {}): FoundNumber[] => {
  const i = text.indexOf(word);
  return i < 0 ? [] : [{ metric: null, value: 1, unit: '次', qualifier: 'EXACT', start: i, end: i + word.length, ...extra }];
};

beforeEach(() => mockExtract.mockReset());

describe('analyzeReport with a stand-in extractNumbers', () => {
  it('passes each claim text and maps a range across the PDF line break to the raw text', () => {
    mockExtract.mockImplementation((text) => found(text, '全过程记录'));
    const raw = seed('tanggu');
    const a = analyzeReport(raw);
    expect(mockExtract).toHaveBeenCalledTimes(a.claims.length);
    expect(mockExtract.mock.calls.map(([t]) => t)).toEqual(a.claims.map((c) => c.text));
    const hits = a.metrics.filter((m) => raw.slice(m.start, m.end).includes('\n'));
    expect(hits).toHaveLength(1);
    expect(raw.slice(hits[0]?.start, hits[0]?.end)).toBe('全过程记\n\n录');
    expect(hits[0]?.text).toBe('全过程记录');
  });

  it("keeps the extractor's values and trims whitespace at the edges of its ranges", () => {
    mockExtract.mockImplementation((text) =>
      text.includes('LED 5')
        ? [{ metric: 'X', value: 5, unit: '块', qualifier: 'AT_LEAST', start: text.indexOf('LED 5') + 3, end: text.indexOf('LED 5') + 5 }]
        : [],
    );
    const raw = '一、主要成效\n安装LED 5块显示屏。';
    const a = analyzeReport(raw, { unit: '甲街道', year: 2022 });
    expect(a.metrics).toEqual([
      {
        claimId: 'c1',
        metric: 'X',
        value: 5,
        unit: '块',
        qualifier: 'AT_LEAST',
        start: raw.indexOf('5块'),
        end: raw.indexOf('5块') + 1,
        text: '5',
      },
    ]);
  });

  it('drops ranges outside the claim and non-finite values', () => {
    mockExtract.mockImplementation((text) => [
      { metric: null, value: 1, unit: '次', qualifier: 'EXACT', start: text.length + 2, end: text.length + 5 },
      { metric: null, value: Number.NaN, unit: '次', qualifier: 'EXACT', start: 0, end: 1 },
      { metric: null, value: 2, unit: '次', qualifier: 'EXACT', start: 1, end: 0 },
    ]);
    const a = analyzeReport(seed('jixia'));
    expect(a.claims.length).toBeGreaterThan(0);
    expect(a.metrics).toEqual([]);
  });

  it('survives an extractor that throws', () => {
    mockExtract.mockImplementation(() => {
      throw new Error('boom');
    });
    const a = analyzeReport(seed('wanxing'));
    expect(a.claims.length).toBeGreaterThan(0);
    expect(a.metrics).toEqual([]);
    expect(a.unit?.name).toBe('万兴街');
  });
});
