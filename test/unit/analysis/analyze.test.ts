import { analyzeReport, checkText, normaliseText } from '../../../src/reading';
import type { AnalysedMetric, ReportAnalysis } from '../../../src/reading';
import { SEED_FILES, SeedName, at, seed } from './seed-reports';

const SEEDS = Object.keys(SEED_FILES) as SeedName[];

function metricsIn(a: ReportAnalysis, raw: string, snippet: string): AnalysedMetric[] {
  const from = at(raw, snippet);
  return a.metrics.filter((m) => m.start >= from && m.end <= from + snippet.length);
}

describe('analyzeReport: input that is not a report', () => {
  it.each([
    ['', 'EMPTY_TEXT'],
    [' \n\t\u3000\n ', 'EMPTY_TEXT'],
    ['[bookmark: _GoBack]\n****', 'EMPTY_TEXT'],
    ['PK\u0003\u0004\u0000\u0000binary', 'NOT_TEXT'],
    ['\u0001\u0002\u0003\u0004abc\ufffd\ufffd', 'NOT_TEXT'],
  ])('%j → %s without throwing', (input, code) => {
    const a = analyzeReport(input);
    expect(a.errors.map((e) => e.code)).toEqual([code]);
    expect(a.sections).toEqual([]);
    expect(a.claims).toEqual([]);
    expect(a.unit).toBeNull();
  });

  it('a non-string from an untyped caller is NOT_TEXT', () => {
    expect(analyzeReport(Buffer.from('abc') as unknown as string).errors[0]?.code).toBe('NOT_TEXT');
    expect(checkText(undefined)?.code).toBe('NOT_TEXT');
    expect(checkText('正常的文字\n')).toBeNull();
  });
});

describe('analyzeReport: numbers mapped back to the raw text', () => {
  it('every metric lies inside its claim and its raw slice normalises to its text', () => {
    for (const name of SEEDS) {
      const raw = seed(name);
      const a = analyzeReport(raw);
      const claims = new Map(a.claims.map((c) => [c.id, c]));
      for (const m of a.metrics) {
        const c = claims.get(m.claimId)!;
        expect(c).toBeDefined();
        expect(m.start).toBeGreaterThanOrEqual(c.start);
        expect(m.end).toBeLessThanOrEqual(c.end);
        expect(normaliseText(raw.slice(m.start, m.end))).toBe(m.text);
      }
    }
  });

  it('万兴街: 出庭应诉率 100% with the half-width space before it in the raw text', () => {
    const raw = seed('wanxing');
    const a = analyzeReport(raw);
    const [m] = metricsIn(a, raw, '行政机关负责人出庭应诉率达到 100%');
    expect(m).toMatchObject({ metric: 'COURT_APPEARANCE_RATE', value: 100, unit: '%', qualifier: 'EXACT' });
    expect(raw.slice(m?.start, m?.end)).toBe('100%');
  });

  it('塘沽: 罚款 4.55 万元 is 45500 yuan, its raw slice keeps the spaces', () => {
    const raw = seed('tanggu');
    const a = analyzeReport(raw);
    const m = a.metrics.find((x) => x.value === 45500)!;
    expect(m).toMatchObject({ unit: '元', text: '4.55万元' });
    expect(raw.slice(m.start, m.end)).toBe('4.55 万元');
    expect(m.start).toBe(at(raw, '4.55 万元'));
  });

  it('王顶堤街 and 稷下街道: qualifiers and counts come through with their claims', () => {
    const wdd = seed('wangdingdi');
    const a = analyzeReport(wdd);
    const scores = metricsIn(a, wdd, '街道系列平均成绩93.55分，我街平均成绩在95分以上');
    expect(scores.map((m) => [m.value, m.qualifier])).toEqual([
      [93.55, 'EXACT'],
      [95, 'AT_LEAST'],
    ]);
    const [approx] = metricsIn(a, wdd, '4000余次');
    expect(approx).toMatchObject({ value: 4000, qualifier: 'APPROX' });
    const jx = seed('jixia');
    const [disputes] = metricsIn(analyzeReport(jx), jx, '共化解矛盾纠纷198起');
    expect(disputes).toMatchObject({ value: 198, unit: '起' });
  });

  it('胡家园街: 4个100% gives four rates at 100 in one claim', () => {
    const raw = seed('hujiayuan');
    const a = analyzeReport(raw);
    const rates = metricsIn(a, raw, '参与率、学习率、考试率、合格率共4个100%');
    expect(rates).toHaveLength(4);
    expect(rates.every((m) => m.value === 100 && m.unit === '%')).toBe(true);
    expect(new Set(rates.map((m) => m.claimId)).size).toBe(1);
  });

  it('dates and labels are no quantities (12·4, 4.15, 3+1, 八五)', () => {
    for (const name of SEEDS) {
      const raw = seed(name);
      for (const m of analyzeReport(raw).metrics) {
        const around = raw.slice(Math.max(0, m.start - 1), m.end + 1);
        expect(around).not.toMatch(/12·4|4\.15|3\+1|八五/u);
      }
    }
  });
});
