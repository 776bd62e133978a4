/**
 * Properties over random and mutated text: the analyser never throws, every offset is inside
 * the raw text, and each claim's / number's / evidence's text is the normalisation of its raw
 * slice.
 */
import fc from 'fast-check';
import { Converter } from 'opencc-js';
import { analyzeReport, normaliseReport, normaliseText } from '../../../src/reading';
import type { ReportAnalysis } from '../../../src/reading';
import { SEED_FILES, SeedName, seed } from './seed-reports';

const SEEDS = (Object.keys(SEED_FILES) as SeedName[]).map(seed);

/** Pieces that stress the rules: headings, clauses, artefacts, widths, breaks. */
const TOKENS = [
  '法',
  '治',
  '街',
  '道',
  '镇',
  '乡',
  '区',
  '社区',
  '街道',
  '我街',
  '万兴街',
  '青石镇',
  '年',
  '2022年',
  '２０２３年',
  '。',
  '，',
  '；',
  '：',
  '、',
  '！',
  '？',
  ';',
  ',',
  ':',
  '.',
  '(',
  ')',
  '（',
  '）',
  '“',
  '”',
  '《',
  '》',
  '<',
  '>',
  '一、',
  '二、',
  '（一）',
  '(二)',
  '1.',
  '2、',
  '（1）',
  '第一部分',
  '一是',
  '，二是',
  '一方面，',
  '100%',
  '１００％',
  '4.55 万元',
  '95分以上',
  '12·4',
  '3+1',
  '*',
  '**',
  '***',
  '[bookmark: _GoBack]',
  '[bookmark:',
  ']',
  '[',
  '\n',
  '\n\n',
  '\r\n',
  ' ',
  '    ',
  '\u00a0',
  '\u3000',
  '\t',
  '\u200b',
  '\ufeff',
  'a',
  'LED',
  '5',
  '中共某某街道工作委员会',
  '2022年11月7日',
  '当前位置:',
  '发布日期: 2023-01-28',
  '字号:',
  '扫一扫在手机打开当前页',
  '政府网站',
  '下一步打算',
  '存在的不足',
  '第一责任人',
  '\ud83d\ude00',
  '\ud800',
  '\udc00',
];

const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }).map((parts) => parts.join(''));

type Edit = { at: number; len: number; token: string; op: 'del' | 'ins' | 'nl' };
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  len: fc.nat({ max: 30 }),
  token: fc.constantFrom(...TOKENS),
  op: fc.constantFrom<'del' | 'ins' | 'nl'>('del', 'ins', 'nl'),
});

const mutatedSeed = fc
  .record({ which: fc.nat({ max: SEEDS.length - 1 }), edits: fc.array(edit, { minLength: 1, maxLength: 12 }) })
  .map(({ which, edits }) => {
    let text = SEEDS[which];
    for (const e of edits) {
      const p = text!.length === 0 ? 0 : e.at % (text!.length + 1);
      if (e.op === 'del') text = text!.slice(0, p) + text!.slice(p + e.len);
      else if (e.op === 'ins') text = text!.slice(0, p) + e.token + text!.slice(p);
      else text = `${text!.slice(0, p)}${'\n'.repeat(1 + (e.len % 3))}${text!.slice(p)}`;
    }
    return text;
  });

function checkInvariants(raw: string, a: ReportAnalysis): void {
  const inRange = (start: number, end: number): void => {
    expect(Number.isInteger(start) && Number.isInteger(end)).toBe(true);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(start).toBeLessThanOrEqual(end);
    expect(end).toBeLessThanOrEqual(raw.length);
  };
  for (const s of a.sections) inRange(s.start, s.end);
  for (const c of a.claims) {
    inRange(c.start, c.end);
    expect(c.end).toBeGreaterThan(c.start);
    expect(c.text).toBe(normaliseText(raw.slice(c.start, c.end)));
    expect(c.text.trim()).toBe(c.text);
    expect(['CHROME', 'SIGNATURE']).not.toContain(c.sectionKind);
  }
  const ids = new Set(a.claims.map((c) => c.id));
  for (const m of a.metrics) {
    inRange(m.start, m.end);
    expect(ids.has(m.claimId)).toBe(true);
    expect(m.text).toBe(normaliseText(raw.slice(m.start, m.end)));
  }
  for (const e of [...a.unitCandidates.flatMap((u) => u.evidence), ...a.yearCandidates.flatMap((y) => y.evidence)]) {
    inRange(e.start, e.end);
    if (e.source !== 'EXPLICIT') expect(e.text).toBe(normaliseText(raw.slice(e.start, e.end)));
  }
  for (const u of a.unitCandidates) expect(u.confidence).toBeGreaterThanOrEqual(0);
  for (const u of a.unitCandidates) expect(u.confidence).toBeLessThanOrEqual(1);
}

describe('analyzeReport properties', () => {
  it('holds on arbitrary Unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (raw) => {
        checkInvariants(raw, analyzeReport(raw));
      }),
      { numRuns: 300 },
    );
  });

  it('holds on report-like token soup', () => {
    fc.assert(
      fc.property(tokenText, (raw) => {
        checkInvariants(raw, analyzeReport(raw));
      }),
      { numRuns: 500 },
    );
  });

  it('holds on the real reports in traditional characters, with random edits', () => {
    const toTraditional = Converter({ from: 'cn', to: 'tw' });
    fc.assert(
      fc.property(mutatedSeed, (text) => {
        const raw = toTraditional(text!);
        checkInvariants(raw, analyzeReport(raw));
      }),
      { numRuns: 15 },
    );
  });

  it('holds on the real reports with random deletions, insertions and line breaks', () => {
    fc.assert(
      fc.property(mutatedSeed, (raw) => {
        checkInvariants(raw!, analyzeReport(raw!));
      }),
      { numRuns: 150 },
    );
  });

  it('holds with explicit unit and year', () => {
    fc.assert(
      fc.property(tokenText, fc.string({ maxLength: 8 }), fc.integer({ min: 1990, max: 2100 }), (raw, unit, year) => {
        const a = analyzeReport(raw, { unit, year });
        checkInvariants(raw, a);
        if (a.errors.every((e) => e.code !== 'EMPTY_TEXT' && e.code !== 'NOT_TEXT')) {
          expect(a.year?.value).toBe(year);
          if (unit.trim()) expect(a.unit?.confidence).toBe(1);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('normaliseReport offset map', () => {
  it('each normalised character comes from raw characters that normalise to it', () => {
    fc.assert(
      fc.property(fc.oneof(tokenText, mutatedSeed), (raw) => {
        const n = normaliseReport(raw!);
        expect(n.starts).toHaveLength(n.text.length);
        const wrong: string[] = [];
        for (let i = 0; i < n.text.length; i += 1) {
          if (n.starts[i]! >= n.ends[i]! || (i > 0 && n.starts[i]! < n.ends[i - 1]!)) wrong.push(`order at ${i}`);
          const piece = raw!.slice(n.starts[i], n.ends[i]);
          const ok = n.text[i] === '\n' || n.text[i] === ' ' ? piece.trim() === '' : normaliseText(piece) === n.text[i];
          if (!ok) wrong.push(`${i}: ${JSON.stringify(piece)} → ${JSON.stringify(n.text[i])}`);
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
