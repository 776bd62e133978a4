import { rankUnits } from '../../../src/assessment/ranking';

describe('rankUnits', () => {
  it('ranks by score with standard competition ranking (1, 2, 2, 4), ties by unitId', () => {
    expect(
      rankUnits([
        { unitId: 'wangdingdi', score: 61.5 },
        { unitId: 'wanxing', score: 88 },
        { unitId: 'jialing', score: 70.25 },
        { unitId: 'changhong', score: 70.25 },
        { unitId: 'xiangyang', score: 0 },
      ]),
    ).toEqual([
      { unitId: 'wanxing', score: 88, rank: 1 },
      { unitId: 'changhong', score: 70.25, rank: 2 },
      { unitId: 'jialing', score: 70.25, rank: 2 },
      { unitId: 'wangdingdi', score: 61.5, rank: 4 },
      { unitId: 'xiangyang', score: 0, rank: 5 },
    ]);
  });

  it('gives every unit rank 1 when all tie, and is independent of input order', () => {
    const a = rankUnits([
      { unitId: 'b', score: 50 },
      { unitId: 'a', score: 50 },
      { unitId: 'c', score: 50 },
    ]);
    const b = rankUnits([
      { unitId: 'c', score: 50 },
      { unitId: 'b', score: 50 },
      { unitId: 'a', score: 50 },
    ]);
    expect(a).toEqual([
      { unitId: 'a', score: 50, rank: 1 },
      { unitId: 'b', score: 50, rank: 1 },
      { unitId: 'c', score: 50, rank: 1 },
    ]);
    expect(b).toEqual(a);
  });

  it('returns an empty ranking for no units', () => {
    expect(rankUnits([])).toEqual([]);
  });
});
