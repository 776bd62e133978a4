import { inventedItem } from '../../helpers/labelled-report';
import { bigramSimilarities, bigramsOf } from '../../../src/evidence/bigram';
import { similarities } from '../../../src/evidence/similarity';

/** The character-bigram similarity (bigram.ts), on invented items. */

const ITEMS = [
  inventedItem('10.4', '深入开展普法宣传', { keywords: ['普法'] }),
  inventedItem('5.3', '严格规范公正文明执法', { keywords: ['行政执法'] }),
  inventedItem('7.2', '依法办理信访事项', { keywords: ['信访'] }),
];

describe('bigramSimilarities', () => {
  it('cuts Han runs into neighbouring pairs, nothing across punctuation, Latin or digits', () => {
    expect(bigramsOf('普法宣传，2023年A法治')).toEqual(['普法', '法宣', '宣传', '法治']);
  });

  it('meets a claim whose words the word similarity does not share with the item (法宣 inside 普法宣传)', () => {
    const claim = '推动法宣进社区、进企业';
    expect(similarities(claim, ITEMS).map((s) => s.itemCode)).not.toContain('10.4');
    const found = bigramSimilarities(claim, ITEMS, 5);
    expect(found[0]?.itemCode).toBe('10.4');
    expect(found[0]?.rank).toBe(1);
  });

  it('ranks the items best first, at most `top`, and leaves out items sharing no bigram', () => {
    const found = bigramSimilarities('规范执法行为，畅通信访渠道，执法人员持证上岗', ITEMS, 5);
    expect(found.map((f) => f.itemCode)).toEqual(['5.3', '7.2']);
    expect(found.map((f) => f.rank)).toEqual([1, 2]);
    expect((found[0]?.score ?? 0) > (found[1]?.score ?? 0)).toBe(true);
    expect(bigramSimilarities('规范执法行为，畅通信访渠道', ITEMS, 1)).toHaveLength(1);
    expect(bigramSimilarities('今天天气很好', ITEMS, 5)).toEqual([]);
  });
});
