import { adoptRecurringName, demoteOtherLevels, suffixNameWeight } from '../../../src/reading/unit-year';

const seg = (text: string, source: 'BODY' | 'TITLE' | 'SIGNATURE' = 'BODY', unitWeight?: number) => ({
  text,
  offset: 0,
  source,
  opening: false,
  plan: false,
  ...(unitWeight !== undefined ? { unitWeight } : {}),
});

describe('how much a unit name read from its suffix counts', () => {
  it('in the body a little, at least 0.15 when an organ follows it', () => {
    expect(suffixNameWeight(seg('万兴街开展普法'), 2, '街', 'STREET', false, false, false)).toBe(0.1);
    expect(suffixNameWeight(seg('万兴街办事处开展普法'), 2, '街', 'STREET', false, true, false)).toBe(0.15);
  });

  it('inside a book title hardly at all; a breadcrumb’s own weight where the segment has one', () => {
    expect(suffixNameWeight(seg('《万兴街志》'), 3, '街', 'STREET', false, false, true)).toBe(0.03);
    expect(suffixNameWeight(seg('万兴街', 'BODY', 0.3), 2, '街', 'STREET', false, false, false)).toBe(0.3);
  });

  it('halved where a district names a superior: its organ, or a lower unit right after it', () => {
    expect(suffixNameWeight(seg('南开区人民政府批复'), 2, '区', 'DISTRICT', false, true, false)).toBe(0.05);
    expect(suffixNameWeight(seg('南开区万兴街道办事处'), 2, '区', 'DISTRICT', false, false, false)).toBe(0.05);
  });

  it('not halved in a title or signature that names no lower unit', () => {
    expect(suffixNameWeight(seg('南开区人民政府', 'SIGNATURE'), 2, '区', 'DISTRICT', false, true, false)).toBe(0.5);
    expect(suffixNameWeight(seg('南开区万兴街道办事处', 'TITLE'), 2, '区', 'DISTRICT', false, false, false)).toBe(0.3);
  });
});

const unit = (name: string, level: 'DISTRICT' | 'STREET' | 'TOWN', confidence: number, credible: boolean, mentions = 1) => ({
  name,
  level,
  confidence,
  reason: '',
  known: false,
  evidence: [],
  credible,
  mentions,
  first: 0,
});

describe('names of several levels', () => {
  it('a credible lower unit makes the higher ones its superiors (halved)', () => {
    const scored = [unit('南开区', 'DISTRICT', 0.6, true), unit('万兴街', 'STREET', 0.5, true)];
    demoteOtherLevels(scored, null);
    expect(scored.map((c) => c.confidence)).toEqual([0.3, 0.5]);
  });

  it('where the text speaks as one level, names of other levels count 0.3 of theirs', () => {
    const scored = [unit('南开区', 'DISTRICT', 0.6, true), unit('万兴街', 'STREET', 0.5, true)];
    demoteOtherLevels(scored, 'STREET');
    expect(scored.map((c) => c.confidence)).toEqual([0.18, 0.5]);
  });

  it('the only recurring name of the author’s level is taken when nothing names the author', () => {
    const scored = [unit('吉水镇', 'TOWN', 0.05, false, 3), unit('八都镇', 'TOWN', 0.03, false, 1)];
    adoptRecurringName(scored, 'TOWN');
    expect(scored[0]).toMatchObject({ confidence: 0.35, credible: true });
    expect(scored[0]?.reason).toContain('全文以镇、乡的口吻自称（如“我镇”），正文中同级的名称只有“吉水镇”反复出现（3次）');
    expect(scored[1]).toMatchObject({ confidence: 0.03, credible: false });
  });

  it('not when a credible name of that level is there, nor when two recur', () => {
    const named = [unit('吉水镇', 'TOWN', 0.05, false, 3), unit('八都镇', 'TOWN', 0.5, true, 1)];
    adoptRecurringName(named, 'TOWN');
    expect(named[0]).toMatchObject({ confidence: 0.05, credible: false });
    const two = [unit('吉水镇', 'TOWN', 0.05, false, 3), unit('八都镇', 'TOWN', 0.05, false, 2)];
    adoptRecurringName(two, 'TOWN');
    expect(two.map((c) => c.credible)).toEqual([false, false]);
  });
});
