import { analyzeReport, normaliseReport, normaliseText, toRawRange, wrapWidth } from '../../../src/reading';
import { seed } from './seed-reports';

describe('normaliseText', () => {
  it('folds full-width digits, letters, ％ ＋ ． but keeps Chinese punctuation', () => {
    expect(normaliseText('达到１００％，ＬＥＤ屏３＋１（共４．５次）：好！')).toBe('达到100%，LED屏3+1（共4.5次）：好！');
  });

  it('removes markdown bold markers and Word bookmarks', () => {
    expect(normaliseText('二是**规范行政复议**。')).toBe('二是规范行政复议。');
    expect(normaliseText('[bookmark: _GoBack]今年，')).toBe('今年，');
    expect(normaliseText('a*b')).toBe('a*b');
  });

  it('drops whitespace next to Chinese text and collapses it between ASCII words', () => {
    expect(normaliseText('出动执法人员 660 余人次')).toBe('出动执法人员660余人次');
    expect(normaliseText('  LED   display\u00a0 ok ')).toBe('LED display ok');
    expect(normaliseText('达到\u3000100%')).toBe('达到100%');
  });

  it('keeps every other UTF-16 unit as it is, lone surrogates and astral characters included, in long texts too', () => {
    expect(normaliseText('甲\ud800乙\udc00丙😀丁')).toBe('甲\ud800乙\udc00丙😀丁');
    const long = '法治\ud83d\ude00建设\udbff。'.repeat(3000);
    expect(normaliseText(long)).toBe(long);
    expect(normaliseText('')).toBe('');
  });

  it('joins a line break inside a fragment', () => {
    expect(normaliseText('全过程记\n\n录内容')).toBe('全过程记录内容');
    expect(normaliseText('word\nnext')).toBe('word next');
    expect(normaliseText('整改21\n2处')).toBe('整改212处');
  });
});

describe('normaliseReport', () => {
  it('joins the PDF line break inside 全过程记/录 but keeps real paragraphs (塘沽)', () => {
    const raw = seed('tanggu');
    const n = normaliseReport(raw);
    expect(raw).toContain('全过程记\n\n录内容');
    expect(n.text).toContain('在行政执法全过程记录内容上求实');
    expect(n.text).toContain('累计受理信访案件326件');
    // the title and the opening paragraph stay separate lines
    expect(n.text.split('\n')[0]).toBe('塘沽街道关于2021年法治政府建设工作情况的报告');
    expect(n.text.split('\n')[1]?.startsWith('2021年，塘沽街道')).toBe(true);
  });

  it('keeps the signature and footer of the web page as their own lines (胡家园)', () => {
    const lines = normaliseReport(seed('hujiayuan')).text.split('\n');
    expect(lines).toContain('中共滨海新区胡家园街道工作委员会');
    expect(lines).toContain('2022年11月7日');
    expect(lines[lines.length - 1]).toBe('重点链接');
    expect(lines.some((l) => l.endsWith('提供坚强有力的法治护航'))).toBe(true);
  });

  it('maps every normalised range back to the raw characters covering it', () => {
    const raw = seed('tanggu');
    const n = normaliseReport(raw);
    const from = n.text.indexOf('全过程记录内容');
    const r = toRawRange(n, from, from + '全过程记录内容'.length);
    expect(raw.slice(r.start, r.end)).toBe('全过程记\n\n录内容');
    const bold = n.text.indexOf('规范行政复议和行政应诉工作。');
    const rb = toRawRange(n, bold, bold + 4);
    expect(raw.slice(rb.start, rb.end)).toBe('规范行政');
    expect(n.starts).toHaveLength(n.text.length);
    expect(n.ends).toHaveLength(n.text.length);
  });

  it('maps an empty range to a position and clamps out-of-range input', () => {
    const n = normaliseReport('  ab  ');
    expect(n.text).toBe('ab');
    expect(toRawRange(n, 1, 1)).toEqual({ start: 3, end: 3 });
    expect(toRawRange(n, -5, 99)).toEqual({ start: 2, end: 4 });
    expect(toRawRange(normaliseReport(''), 0, 0)).toEqual({ start: 0, end: 0 });
  });
});

describe('text hard-wrapped by a PDF conversion', () => {
  /** Breaks every line at a display width (CJK counts 2), as a PDF converter does. */
  function hardWrap(raw: string, width: number): string {
    return raw
      .split('\n')
      .map((line) => {
        const out: string[] = [];
        let current = '';
        let w = 0;
        for (const ch of line) {
          const cw = ch.charCodeAt(0) >= 0x2000 ? 2 : 1;
          if (w + cw > width && current.trim()) {
            out.push(current);
            current = '';
            w = 0;
          }
          current += ch;
          w += cw;
        }
        out.push(current);
        return out.join('\n');
      })
      .join('\n');
  }

  it.each(['wanxing', 'wangdingdi', 'jixia', 'tanggu', 'hujiayuan'] as const)(
    '%s wrapped at 30 characters reads like the original',
    (name) => {
      // the Word artefact would not be in a PDF; it would make the first line look short
      const raw = seed(name).replace('[bookmark: _GoBack]', '');
      const wrapped = hardWrap(raw, 60);
      expect(wrapped.split('\n').length).toBeGreaterThan(raw.split('\n').length * 2);
      const a = analyzeReport(raw);
      const b = analyzeReport(wrapped);
      expect(b.claims.map((c) => c.text)).toEqual(a.claims.map((c) => c.text));
      expect(b.sections.map((s) => [s.path, s.kind])).toEqual(a.sections.map((s) => [s.path, s.kind]));
      expect([b.unit?.name, b.year?.value]).toEqual([a.unit?.name, a.year?.value]);
    },
  );

  it('learns the wrap width only when most lines share it', () => {
    expect(wrapWidth(Array.from({ length: 10 }, () => '法'.repeat(30)))).toBe(60);
    expect(wrapWidth(['法'.repeat(20), '法'.repeat(45), '法'.repeat(70), '法'.repeat(33), '法'.repeat(90), '法'.repeat(51)])).toBeNull();
  });
});
