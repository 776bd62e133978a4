import { segmentForSearch, vocabularySegmenter } from '../../../src/evidence/segment';

/** The vocabulary segmenter: the words of a known vocabulary in a text, without jieba. */
describe('vocabularySegmenter', () => {
  it('takes the longest word from the left and gives the words inside it, as jieba search mode does', () => {
    const { cut } = vocabularySegmenter(['执法', '记录', '记录仪', '执法记录仪', '配备']);
    expect(cut('为队员配备执法记录仪20台')).toEqual(['配备', '执法', '记录', '记录仪', '执法记录仪']);
    // jieba, knowing its whole dictionary, cuts 执法/记录仪 here: the vocabulary's longer word wins
    expect(segmentForSearch('为队员配备执法记录仪20台')).not.toContain('执法记录仪');
  });

  it('does not read a word straddling two taken words (中心组 in 服务中心组织)', () => {
    const { cut } = vocabularySegmenter(['服务中心', '中心组', '组织']);
    expect(cut('党群服务中心组织志愿者')).toEqual(['服务中心', '组织']);
    expect(cut('党工委中心组学习')).toEqual(['中心组']);
  });

  it('counts a word as often as it is taken, and finds nothing outside the vocabulary', () => {
    const { cut } = vocabularySegmenter(['普法', '宣传']);
    expect(cut('普法宣传，再普法')).toEqual(['普法', '宣传', '普法']);
    expect(cut('今天天气很好')).toEqual([]);
    expect(vocabularySegmenter([]).cut('普法')).toEqual([]);
  });
});
