import { JsonFragment, stringifyAnswer, WRITTEN_ANSWER, type WrittenAnswer } from '../../../src/app/json-fragments';

describe('answers with JSON fragments', () => {
  it('writes each fragment as its text, where the value would be, and keeps the parts for the request', () => {
    const sources = new Map<string, unknown>();
    const cells = [{ code: '1.1', status: 'COVERED' }, { code: '10.2' }];
    const value = {
      data: {
        m: {
          name: '南开区 "引号" \\ fazhi-json-fragment-',
          rows: [{ a: 1, cells: new JsonFragment(JSON.stringify(cells), sources), z: [] }],
        },
      },
    };
    const text = stringifyAnswer(value);
    const plain = { data: { m: { ...value.data.m, rows: [{ a: 1, cells, z: [] }] } } };
    expect(text).toBe(`${JSON.stringify(plain)}\n`);
    const written = sources.get(WRITTEN_ANSWER) as WrittenAnswer;
    expect(written.text).toBe(text);
    expect(written.parts.join('')).toBe(text);
  });

  it('writes many fragments in their order, and outside an answer as the value they stand for', () => {
    const sources = new Map<string, unknown>();
    const rows = Array.from({ length: 12 }, (_, i) => ({ i, cells: new JsonFragment(`[${i},"${'x'.repeat(i)}"]`, sources) }));
    const expected = rows.map((r) => ({ i: r.i, cells: JSON.parse(r.cells.json) as unknown }));
    expect(stringifyAnswer({ rows })).toBe(`${JSON.stringify({ rows: expected })}\n`);
    expect(JSON.stringify({ rows })).toBe(JSON.stringify({ rows: expected }));
  });

  it('an answer without fragments is written as Apollo writes it', () => {
    const value = { errors: [{ message: '没有' }], data: null };
    expect(stringifyAnswer(value)).toBe(`${JSON.stringify(value)}\n`);
  });
});
