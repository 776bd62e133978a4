import { clauseReason, clausesOf, MIN_CLAUSE_HAN } from '../../../src/evidence/clauses';

/** The clauses of a claim (clauses.ts), on invented sentences. */
describe('clausesOf', () => {
  it('cuts a sentence listing several works at ，；： and keeps exact offsets', () => {
    const text = '深入开展普法宣传活动，组织法律顾问进社区；调解矛盾纠纷32件。';
    const clauses = clausesOf(text);
    expect(clauses.map((c) => c.text)).toEqual(['深入开展普法宣传活动，', '组织法律顾问进社区；', '调解矛盾纠纷32件。']);
    for (const c of clauses) expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(clauses.map((c) => c.text).join('')).toBe(text);
  });

  it(`joins a clause of fewer than ${MIN_CLAUSE_HAN} Han characters to the next, and a short tail to the one before`, () => {
    expect(clausesOf('同时，深入开展普法宣传活动，组织法律顾问进社区，共3次。').map((c) => c.text)).toEqual([
      '同时，深入开展普法宣传活动，',
      '组织法律顾问进社区，共3次。',
    ]);
  });

  it('gives a sentence without a break, or with only short pieces, as one clause', () => {
    expect(clausesOf('加强组织领导。')).toEqual([{ start: 0, end: 7, text: '加强组织领导。' }]);
    expect(clausesOf('一是，二是，三是。')).toHaveLength(1);
    expect(clausesOf('')).toEqual([]);
  });

  it('counts a Han character beyond the basic plane as one, and cuts at the ASCII marks too', () => {
    // 𠀀 (U+20000) is two code units, one Han character: 三个字𠀀𠀀𠀀 is six, 三个字𠀀𠀀 five
    expect(clausesOf('三个字𠀀𠀀𠀀,开展普法宣传活动;共3次').map((c) => c.text)).toEqual(['三个字𠀀𠀀𠀀,', '开展普法宣传活动;共3次']);
    expect(clausesOf('三个字𠀀𠀀,开展普法宣传活动').map((c) => c.text)).toEqual(['三个字𠀀𠀀,开展普法宣传活动']);
  });
});

describe('clauseReason', () => {
  it('quotes the clause exactly from the claim, without its closing mark, shortened when long', () => {
    const text = '深入开展普法宣传活动，组织法律顾问进社区；调解矛盾纠纷32件。';
    expect(clauseReason(text, { start: 11, end: 21 })).toEqual(['分句：「组织法律顾问进社区」']);
    const long = `${'依法'.repeat(20)}，其他。`;
    expect(clauseReason(long, { start: 0, end: 41 })).toEqual([`分句：「${'依法'.repeat(12)}…」`]);
    expect(clauseReason(text, undefined)).toEqual([]);
  });
});
