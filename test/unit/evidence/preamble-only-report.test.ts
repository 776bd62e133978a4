import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadChecklistFile } from '../../../src/checklist/checklist-file';
import { withShippedExamples } from '../../../src/checklist/examples-file';
import { asMatchable, modelOfDefinition, proposeCombinedLinks } from '../../../src/evidence/pipeline';
import { analyzeReport } from '../../../src/reading/analyze';
import type { SectionKind } from '../../../src/reading/types';

/**
 * A report in which the reading found no section heading has every claim in the preamble, a section the matcher skips:
 * it was matched to nothing. Its claims are read as its body instead; a report with a body keeps its preamble skipped.
 */

const root = join(__dirname, '..', '..', '..');
const loaded = loadChecklistFile(join(root, 'seeds', 'checklist.yaml')).checklist;
if (!loaded) throw new Error('seeds/checklist.yaml does not load');
const demo = withShippedExamples(loaded);
const model = modelOfDefinition(demo);
const seed = (JSON.parse(readFileSync(join(root, 'seeds', 'manifest.json'), 'utf8')) as { reports: Array<{ file: string }> }).reports[0];
if (!seed) throw new Error('no seed report');
const analysis = analyzeReport(readFileSync(join(root, 'seeds', seed.file), 'utf8'));
const as = (kind: SectionKind) => analysis.claims.map((c) => ({ ...c, sectionKind: kind }));
const links = (claims: ReturnType<typeof as>) =>
  proposeCombinedLinks(claims, analysis.metrics, demo.items, model).map((l) => `${l.claimId} ${l.itemCode} ${l.confidence}`);

describe('a report read all as preamble', () => {
  it('is matched as its body: the links of the same claims in the body', () => {
    const body = links(as('ACHIEVEMENT'));
    expect(body.length).toBeGreaterThan(10);
    expect(links(as('PREAMBLE'))).toEqual(body);
  });

  it('a report with a body keeps its preamble unmatched', () => {
    const first = analysis.claims[0];
    if (!first) throw new Error('no claim');
    const claims = [{ ...first, sectionKind: 'ACHIEVEMENT' as const }, ...as('PREAMBLE').slice(1)];
    expect(asMatchable(claims)).toBe(claims);
    const linked = new Set(proposeCombinedLinks(claims, analysis.metrics, demo.items, model).map((l) => l.claimId));
    for (const c of claims.slice(1)) expect(linked.has(c.id)).toBe(false);
  });

  it('gives a report with a body its claims as they are', () => {
    expect(analysis.claims.some((c) => c.sectionKind === 'PREAMBLE')).toBe(true);
    expect(asMatchable(analysis.claims)).toBe(analysis.claims);
  });

  it('reads the claims under a shortcoming or plan heading run inline as such: never positive evidence', () => {
    // a made-up page whose line breaks were lost: every heading runs inline, and the reading finds them
    // (sections.ts, inline-headings.ts): its sections, not this fallback, say what is a shortcoming or a plan
    const text =
      '某某镇2023年法治政府建设工作情况报告 2023年，某某镇深入推进法治政府建设，现将有关情况报告如下：一、主要工作开展情况（一）深入学习贯彻习近平法治思想。' +
      '镇党委理论学习中心组开展集体学法4次，组织全镇干部参加学法考试，参考率100%。（二）推进严格规范公正文明执法。全年开展综合执法检查120次，办理行政处罚案件35件。' +
      '二、存在的问题和不足 一是行政执法人员力量不足，执法人员培训不够，法律顾问参与重大决策不够深入。二是普法宣传形式较为单一。' +
      '三、下一步工作计划 一是持续加强行政执法人员培训，提升执法水平。二是深入开展“八五”普法宣传，推进法律进社区活动，加强法治宣传教育。三是推进重大行政决策合法性审查全覆盖。';
    const read = analyzeReport(text);
    expect(read.sections.filter((s) => s.level === 1).map((s) => s.kind)).toEqual(['PREAMBLE', 'ACHIEVEMENT', 'SHORTCOMING', 'PLAN']);
    const links = proposeCombinedLinks(read.claims, read.metrics, demo.items, model);
    const linked = new Set(links.map((l) => l.claimId));
    const byText = (start: string) => {
      const c = read.claims.find((x) => x.text.startsWith(start));
      if (!c) throw new Error(`no claim ${start}`);
      return c;
    };
    // the work done is matched, as positive evidence
    for (const start of ['镇党委理论学习中心组开展集体学法', '全年开展综合执法检查']) {
      expect(linked.has(byText(start).id)).toBe(true);
      expect(byText(start).polarity).toBe('POSITIVE');
    }
    // the shortcomings and the plan (and the claims holding their headings) are never positive evidence: a link of a
    // claim has its claim's polarity (src/assessment/status.ts), and theirs is NEGATIVE or PLAN
    expect(asMatchable(read.claims)).toBe(read.claims);
    expect(read.claims.filter((c) => c.polarity !== 'POSITIVE').map((c) => `${c.polarity} ${c.text.slice(0, 6)}`)).toEqual([
      'NEGATIVE 二、存在的问',
      'NEGATIVE 二是普法宣传',
      'PLAN 三、下一步工',
      'PLAN 二是深入开展',
      'PLAN 三是推进重大',
    ]);
    const positive = new Set(read.claims.filter((c) => c.polarity === 'POSITIVE').map((c) => c.id));
    for (const start of ['二、存在的问题和不足', '二是普法宣传形式', '三、下一步工作计划', '二是深入开展', '三是推进重大行政决策'])
      expect(positive.has(byText(start).id)).toBe(false);
  });
});
