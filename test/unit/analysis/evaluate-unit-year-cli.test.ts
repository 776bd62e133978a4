/** The unit + year evaluation command, on a made-up frozen folder (the real one is only read by the command). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runEvaluateUnitYearCli } from '../../../src/cli/evaluate-unit-year';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runEvaluateUnitYearCli(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'unit-year-eval-'));
  mkdirSync(join(dir, 'texts'));
  mkdirSync(join(dir, 'labels'));
  const body = '\n一、主要举措\n全年办理案件12件。\n二、下一步计划\n继续推进。';
  writeFileSync(join(dir, 'texts', 'a.txt'), `城关镇人民政府关于2021年法治政府建设工作情况的报告\n2021年，我镇坚持依法行政。${body}`);
  writeFileSync(join(dir, 'texts', 'b.txt'), `关于2022年度法治政府建设情况的报告\n2022年，我们认真贯彻落实。${body}`);
  writeFileSync(
    join(dir, 'labels', 'a.json'),
    JSON.stringify({ report: '../texts/a.txt', unit: '城关镇', unitLevel: 'TOWN', parent: '安平县', year: 2021, items: [] }),
  );
  // the unit is named nowhere in b's text: the label says 金山街道, the analyser says null
  writeFileSync(join(dir, 'labels', 'b.yaml'), 'report: texts/b.txt\nunit: 金山街道\nunitLevel: STREET\nyear: 2022\n');
  // c speaks as a 街道 and names another one once, inside a team's name: a tentative (and here wrong) reading
  writeFileSync(join(dir, 'texts', 'c.txt'), `区委、区政府：\n2022年，我街道坚持依法行政，青榆街道综合执法队开展联合检查。${body}`);
  writeFileSync(join(dir, 'labels', 'c.yaml'), 'report: texts/c.txt\nunit: 金山街道\nunitLevel: STREET\nyear: 2022\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evaluate:unit-year', () => {
  it('--json scores the rewritten seeds and the labelled reports', async () => {
    const { code, out } = await run('--json', '--frozen', dir);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.rewrittenSeeds.reports).toBe(50);
    expect(doc.rewrittenSeeds.both).toBeGreaterThanOrEqual(0.95);
    expect(doc.frozen).toMatchObject({
      reports: 3,
      unit: 0.3333,
      year: 1,
      both: 0.3333,
      tentativeUnits: 1,
      tentativeWrong: 1,
      confidentWrong: 0,
    });
    expect(doc.frozen.misses).toEqual([
      {
        id: expect.stringMatching(/b\.txt$/u),
        expectedUnit: '金山街道',
        detectedUnit: null,
        unitTentative: false,
        expectedYear: 2022,
        detectedYear: 2022,
      },
      {
        id: expect.stringMatching(/c\.txt$/u),
        expectedUnit: '金山街道',
        detectedUnit: '青榆街道',
        unitTentative: true,
        expectedYear: 2022,
        detectedYear: 2022,
      },
    ]);
  });

  it('--tentative lists every unit read tentatively, right or wrong, with its confidence and reason', async () => {
    const { code, out } = await run('--tentative', '--frozen', dir);
    expect(code).toBe(0);
    expect(out).toMatch(/推定 \S*c\.txt：青榆街道（把握 0\.\d+，错）——\S+/u);
    expect(out).not.toMatch(/推定 \S*a\.txt/u);
    const doc = JSON.parse((await run('--json', '--frozen', dir)).out);
    expect(doc.frozen.tentative).toEqual([
      { id: expect.stringMatching(/c\.txt$/u), unit: '青榆街道', right: false, confidence: expect.any(Number), reason: expect.any(String) },
    ]);
  });

  it('--max-confident-wrong exits 1 when a set has more units read with confidence and wrong, and says which', async () => {
    const other = mkdtempSync(join(tmpdir(), 'unit-year-guard-'));
    try {
      // the title names 城关镇; the label says 桂花镇: read with confidence and wrong
      writeFileSync(
        join(other, 'd.txt'),
        `城关镇人民政府关于2021年法治政府建设工作情况的报告\n2021年，城关镇坚持依法行政。\n一、主要举措\n推进。`,
      );
      writeFileSync(join(other, 'd.yaml'), 'report: d.txt\nunit: 桂花镇\nunitLevel: TOWN\nyear: 2021\n');
      const failed = await run('--frozen', other, '--max-confident-wrong', '0');
      expect(failed.code).toBe(1);
      expect(failed.err).toMatch(/冻结测试集有 1 份报告的单位有把握却读错（上限 0）：\S*d\.txt 读作 城关镇（应为 桂花镇）/u);
      expect((await run('--frozen', other, '--max-confident-wrong', '1')).code).toBe(0);
      // the tentative wrong reading of c does not count
      expect((await run('--frozen', dir, '--max-confident-wrong', '0')).code).toBe(0);
      expect((await run('--frozen', dir, '--max-confident-wrong', 'x')).code).toBe(2);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('prints a Chinese summary, and says when there is no frozen set', async () => {
    const { code, out } = await run('--frozen', join(dir, 'nowhere'));
    expect(code).toBe(0);
    expect(out).toMatch(/改写的示例报告 \(rewritten seeds\)：50 份报告；单位正确 \d+\.\d%/u);
    expect(out).toMatch(/单位为推定（把握较低，导入时不入库）\d+ 份，其中错 \d+ 份；有把握却读错（导入会存到别的单位名下）\d+ 份/u);
    expect(out).toContain('冻结测试集 (frozen set)：没有已标注的报告');
  });
});
