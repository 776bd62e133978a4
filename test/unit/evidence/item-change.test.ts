import { carriedState } from '../../../src/evidence/carry-over.service';
import { describeItem, diffMarkup, diffParts, itemChanged, type ItemWording } from '../../../src/evidence/item-change';
import { demoChecklist } from '../../helpers/seeds';

const court = demoChecklist().items.find((i) => i.code === '7.4') as ItemWording;

describe('itemChanged', () => {
  it('is false for the same item and for rules listed in another order', () => {
    expect(itemChanged(court, { ...court })).toBe(false);
    expect(itemChanged(court, { ...court, match: { ...court.match, keywords: [...court.match.keywords].reverse() } })).toBe(false);
  });

  it('is true when the title, the text, a rule or a target changes', () => {
    expect(itemChanged(court, { ...court, title: `${court.title}（修订）` })).toBe(true);
    expect(itemChanged(court, { ...court, text: court.text.slice(1) })).toBe(true);
    expect(itemChanged(court, { ...court, match: { ...court.match, exclude: [...court.match.exclude, '代理'] } })).toBe(true);
    expect(itemChanged(court, { ...court, targets: court.targets.map((t) => ({ ...t, threshold: 95 })) })).toBe(true);
  });
});

describe('describeItem and the diff', () => {
  it('shows title, text, targets and rules as lines, and a threshold change as a character diff', () => {
    const before = describeItem(court);
    expect(before.split('\n').map((l) => l.slice(0, 3))).toEqual(['标题：', '内容：', '目标：', '规则：']);
    expect(before).toContain('COURT_APPEARANCE_RATE ≥ 100%');
    const after = describeItem({ ...court, targets: court.targets.map((t) => ({ ...t, threshold: 95 })) });
    const parts = diffParts(before, after);
    expect(parts.map((p) => p.text).join('')).not.toBe(before);
    expect(
      parts
        .filter((p) => p.kind !== 'ADDED')
        .map((p) => p.text)
        .join(''),
    ).toBe(before);
    expect(
      parts
        .filter((p) => p.kind !== 'REMOVED')
        .map((p) => p.text)
        .join(''),
    ).toBe(after);
    expect(diffMarkup(parts)).toContain('≥ [-100-]{+95+}%');
  });
});

describe('carriedState', () => {
  it('keeps reviews of unchanged items, makes accepted links of changed items SUSPECT, drops rejections of changed items', () => {
    expect(carriedState('ACCEPTED', false)).toBe('ACCEPTED');
    expect(carriedState('REJECTED', false)).toBe('REJECTED');
    expect(carriedState('ACCEPTED', true)).toBe('SUSPECT');
    expect(carriedState('REJECTED', true)).toBeNull();
    expect(carriedState('SUSPECT', false)).toBe('SUSPECT');
    expect(carriedState('PROPOSED', true)).toBeNull();
  });
});
