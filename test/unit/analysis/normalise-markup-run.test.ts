import { normaliseReport } from '../../../src/reading/normalise';

describe('whitespace around removed markup', () => {
  it('a line break kept across a line holding only ** maps to a raw line break', () => {
    // found by the property test on a mutated seed: "\n**\n    " collapsed to one "\n"
    const raw = '台账式动态管理。\n**\n    二是强化队伍';
    const n = normaliseReport(raw);
    expect(n.text).toBe('台账式动态管理。\n二是强化队伍');
    const i = n.text.indexOf('\n');
    expect(raw.slice(n.starts[i], n.ends[i])).toBe('\n');
  });
});
