import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { decodeText, runAnalyzeCli } from '../../../src/cli/analyze';
import { SEED_FILES, seed } from './seed-reports';
import { zipBombDocx } from '../../hostile/hostile-http';

const SEED_DIR = join(__dirname, '..', '..', '..', 'seeds', 'reports');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAnalyzeCli(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'analyze-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('analyze command', () => {
  it('prints one JSON document with unit, year, sections, claims and metrics', async () => {
    const file = join(SEED_DIR, SEED_FILES.tanggu);
    const { code, out, err } = await run(file, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(['unit', 'year', 'sections', 'claims', 'metrics', 'links', 'items', 'coverage', 'score']);
    expect(doc.unit).toMatchObject({ name: '塘沽街道' });
    expect(doc.unit.confidence).toBeGreaterThan(0.5);
    expect(doc.unit.evidence[0]).toMatchObject({ source: 'TITLE', text: '塘沽街道', start: 2, end: 6 });
    expect(doc.year).toMatchObject({ value: 2021 });
    expect(doc.sections.map((s: { path: string }) => s.path)).toContain('三/（四）');
    expect(Object.keys(doc.sections[0])).toEqual(['path', 'heading', 'kind', 'start', 'end']);
    expect(Object.keys(doc.claims[0])).toEqual(['id', 'sectionPath', 'polarity', 'start', 'end', 'text']);
    const raw = seed('tanggu');
    const fine = doc.metrics.find((m: { value: number }) => m.value === 45500);
    expect(Object.keys(fine)).toEqual(['claimId', 'metric', 'value', 'unit', 'qualifier', 'start', 'end', 'text']);
    expect(raw.slice(fine.start, fine.end)).toBe('4.55 万元');
    // evidence against the demo checklist: 7.4 is PARTIAL (the system is stated, the rate is not)
    expect(doc.items.find((i: { code: string }) => i.code === '7.4')).toMatchObject({
      status: 'PARTIAL',
      flags: ['TARGET_NOT_REPORTED', 'LINK_UNREVIEWED'],
    });
    const court = doc.links.filter((l: { item: string }) => l.item === '7.4');
    expect(court.length).toBeGreaterThan(0);
    expect(Object.keys(court[0])).toEqual(['claimId', 'item', 'confidence', 'rule', 'matched']);
    expect(doc.coverage.proposed.assessable).toBe(31);
  });

  it('reads documents as ingest does, in a worker within the budgets: a 1 MB .docx zip bomb (1 GB inside) is refused quickly', async () => {
    const file = join(dir, 'bomb.docx');
    writeFileSync(file, zipBombDocx(1000, false));
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const { code, out, err } = await run(file, '--json');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/bomb\.docx: .*(zip bomb|MAX_DOCX_UNCOMPRESSED_BYTES|MAX_ZIP_RATIO|EXTRACT_MEMORY_MB)/);
    expect(performance.now() - started).toBeLessThan(5000);
    // the archive is inflated (and refused) in the worker, not in this process
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('--no-checklist analyses only', async () => {
    const { code, out } = await run(join(SEED_DIR, SEED_FILES.tanggu), '--json', '--no-checklist');
    expect(code).toBe(0);
    expect(Object.keys(JSON.parse(out))).toEqual(['unit', 'year', 'sections', 'claims', 'metrics']);
  });

  it('prints a readable summary without --json', async () => {
    const { code, out } = await run(join(SEED_DIR, SEED_FILES.wanxing));
    expect(code).toBe(0);
    expect(out).toContain('Unit: 万兴街 (STREET');
    expect(out).toContain('Year: 2022');
    expect(out).toMatch(/四 {2}PLAN {2}四、2023年推进法治政府建设的主要安排/u);
    expect(out).toMatch(/二 {2}SHORTCOMING/u);
    expect(out).toMatch(/Claims: \d+ \(POSITIVE \d+, NEGATIVE \d+, PLAN \d+\)/u);
    expect(out).toContain('COURT_APPEARANCE_RATE = 100 %');
  });

  it('explicit --unit and --year win', async () => {
    const { code, out } = await run(join(SEED_DIR, SEED_FILES.jixia), '--unit', '稷下街', '--year', '2020', '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.unit).toMatchObject({ name: '稷下街', confidence: 1 });
    expect(doc.year).toMatchObject({ value: 2020, confidence: 1 });
  });

  it('prints unit null with the reason, and the year and everything else, when the unit cannot be determined', async () => {
    const file = join(dir, 'cut.txt');
    writeFileSync(file, seed('wangdingdi').slice(0, 800));
    const json = await run(file, '--json');
    expect(json.code).toBe(0);
    expect(json.err).toBe('');
    const doc = JSON.parse(json.out);
    expect(doc.unit).toBeNull();
    expect(doc.unitReason).toMatch(/^未能确定报告单位/u);
    expect(doc.year.value).toBe(2023);
    expect(doc.claims.length).toBeGreaterThan(0);
    expect(doc.sections.length).toBeGreaterThan(0);
    const text = await run(file, '--no-checklist');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^Unit: null — 未能确定报告单位/mu);
    expect(text.out).toContain('Year: 2023');
    expect(text.out).toMatch(/^Claims: \d+/mu);
  });

  it('--require-unit (a caller that needs a unit) exits 2 with one line, and succeeds when the unit is given', async () => {
    const file = join(dir, 'cut.txt');
    writeFileSync(file, seed('wangdingdi').slice(0, 800));
    const failed = await run(file, '--json', '--require-unit');
    expect(failed.code).toBe(2);
    expect(failed.out).toBe('');
    expect(failed.err.trim().split('\n')).toHaveLength(1);
    expect(failed.err).toContain('未能确定报告单位');
    const given = await run(file, '--unit', '王顶堤街', '--json', '--require-unit');
    expect(given.code).toBe(0);
    expect(JSON.parse(given.out).year.value).toBe(2023);
  });

  it('a tentative unit is printed as such, and --require-unit refuses it as ingest does', async () => {
    const file = join(dir, 'tentative.txt');
    // invented: speaks as a 街道 and names one only once, inside a team's name
    writeFileSync(file, '区委、区政府：\n2022年，我街道坚持依法行政，青榆街道综合执法队开展联合检查。\n一、主要举措\n全年办理案件12件。');
    const shown = await run(file, '--json', '--no-checklist');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.out).unit).toMatchObject({ name: '青榆街道', tentative: true });
    const refused = await run(file, '--json', '--require-unit', '--no-checklist');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/报告单位只能推定为“青榆街道”（把握 0\.\d+）；请用 --unit 指定单位/u);
  });

  it.each([
    ['a missing file', (): string => join(dir, 'nope.txt'), /cannot read/u],
    ['an empty file', (): string => (writeFileSync(join(dir, 'empty.txt'), ' \n \n'), join(dir, 'empty.txt')), /empty/u],
    [
      'a binary file',
      (): string => (writeFileSync(join(dir, 'bin.dat'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0xff])), join(dir, 'bin.dat')),
      /PNG image/u,
    ],
    ['a directory', (): string => dir, /cannot read/u],
  ])('exits 2 with a one-line error for %s', async (_what, make, message) => {
    const { code, out, err } = await run(make(), '--json');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 for a malformed --year and for a missing file argument', async () => {
    const bad = await run(join(SEED_DIR, SEED_FILES.jixia), '--year', '23');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--year/u);
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/missing required argument/u);
  });

  it('decodes UTF-8 (also cut inside a character), UTF-16 with a BOM and GB18030; refuses binary', () => {
    const text = seed('jixia');
    expect(decodeText(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeText(Buffer.from(`\ufeff${text}`, 'utf8'))).toBe(text);
    const cut = Buffer.from('法治街道', 'utf8').subarray(0, 10); // three characters and one byte
    expect(decodeText(cut)).toBe('法治街');
    expect(decodeText(Buffer.from([0xc4, 0xe3, 0xba, 0xc3]))).toBe('你好'); // GBK
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x60, 0x4f]))).toBe('你'); // UTF-16LE
    expect(decodeText(Buffer.from([1, 0, 2]))).toBeNull();
  });
});
