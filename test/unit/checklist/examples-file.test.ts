import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChecklistFile } from '../../../src/checklist/checklist-file';
import { examplesForChecklist, withShippedExamples, type ExamplesFile } from '../../../src/checklist/examples-file';
import type { ChecklistItemDefinition } from '../../../src/checklist/types';
import { modelOfDefinition, proposeCombinedLinks } from '../../../src/evidence/pipeline';

/** The shipped labelled examples (seeds/examples.json) and when a checklist gets them. */

const root = join(__dirname, '..', '..', '..');
const demo = loadChecklistFile(join(root, 'seeds', 'checklist.yaml')).checklist;
if (!demo) throw new Error('seeds/checklist.yaml does not load');

function item(code: string, assessable = true): ChecklistItemDefinition {
  return {
    code,
    parentCode: null,
    title: code,
    text: code,
    assessable,
    points: 1,
    match: { keywords: [], together: [], exclude: [], metrics: [] },
    targets: [],
  };
}

function writeFile(file: ExamplesFile): string {
  const path = join(mkdtempSync(join(tmpdir(), 'examples-')), 'examples.json');
  writeFileSync(path, JSON.stringify(file));
  return path;
}

const FILE: ExamplesFile = {
  checklist: { key: 'k', version: 1, itemCodes: ['1.1', '2.1'] },
  generatedBy: 'test',
  neighbours: 5,
  calibration: { intercept: -3, slope: 8, top: 0 },
  threshold: 0.6,
  aloneThreshold: 0.5,
  examples: [{ items: ['1.1'], text: '组织学习习近平法治思想。', source: 'set/001' }],
};

describe('shipped examples', () => {
  it('apply to a checklist with the same key and exactly the same assessable item codes, as one object', () => {
    const path = writeFile(FILE);
    const def = { key: 'k', items: [item('1'), item('1.1'), item('2.1')].map((i, n) => ({ ...i, assessable: n > 0 })) };
    const first = examplesForChecklist(def, path);
    expect(first?.examples).toEqual(FILE.examples);
    expect(first?.threshold).toBe(0.6);
    expect(first?.key).toMatch(/^seeds\/examples\.json@[0-9a-f]{16}$/u);
    expect(examplesForChecklist(def, path)).toBe(first);
  });

  it('are off for another checklist key, other item codes, or no file', () => {
    const path = writeFile(FILE);
    expect(examplesForChecklist({ key: 'other', items: [item('1.1'), item('2.1')] }, path)).toBeUndefined();
    expect(examplesForChecklist({ key: 'k', items: [item('1.1')] }, path)).toBeUndefined();
    expect(examplesForChecklist({ key: 'k', items: [item('1.1'), item('2.1'), item('3.1')] }, path)).toBeUndefined();
    expect(examplesForChecklist({ key: 'k', items: [item('1.1'), item('2.2')] }, path)).toBeUndefined();
    expect(examplesForChecklist({ key: 'k', items: [item('1.1'), item('2.1')] }, join(tmpdir(), 'no-such-examples.json'))).toBeUndefined();
  });

  it('the project’s file applies to the demo checklist and comes from the labelled frozen sets, never from a seed report', () => {
    const shipped = withShippedExamples(demo);
    expect(shipped.examples?.examples.length).toBeGreaterThan(500);
    const file = JSON.parse(readFileSync(join(root, 'seeds', 'examples.json'), 'utf8')) as ExamplesFile;
    for (const e of file.examples) expect(e.source).toMatch(/^frozen(-[2-9]|-1[0-9]|-2[0-5])?\//u); // sets 1–25, the labelled (tuning) sets: never a held-out set
    // no sentence of a seed report is an example
    const seeds = (
      JSON.parse(readFileSync(join(root, 'seeds', 'manifest.json'), 'utf8')) as { reports: Array<{ file: string }> }
    ).reports.map((r) => readFileSync(join(root, 'seeds', r.file), 'utf8').replace(/\s+/gu, ''));
    const long = file.examples.filter((e) => e.text.length >= 30);
    for (const e of long) for (const s of seeds) expect(s.includes(e.text.replace(/\s+/gu, ''))).toBe(false);
  });

  it('carries the learned decision fitted on the same sets, which makes the demo checklist’s combined links', () => {
    const shipped = withShippedExamples(demo);
    const decision = shipped.examples?.decision;
    expect(decision?.threshold).toBeGreaterThan(0);
    expect(decision?.threshold).toBeLessThan(1);
    // a rule link is evidence in general, and more so than another item's rule on the same claim
    expect(decision?.weights.rule).toBeGreaterThan(0);
    expect(decision?.weights.rule ?? 0).toBeGreaterThan(decision?.weights.otherRule ?? 0);
  });

  it('matching with them proposes links that say which labelled sentence they are like', () => {
    const shipped = withShippedExamples(demo);
    // no rule of 10.1 names a party committee's meeting on the rule-of-law work; labelled reports do
    const text = '街道召开党工委会议专题研究法治政府建设工作，听取年度工作情况。';
    const report = {
      claims: [{ id: 'c1', text, polarity: 'POSITIVE' as const, sectionKind: 'ACHIEVEMENT' as const, sectionPath: '一' }],
      metrics: [],
    };
    const links = proposeCombinedLinks(report.claims, report.metrics, shipped.items, modelOfDefinition(shipped));
    // the learned decision links the item no rule names; its reason is the nearest example that voted
    const byExamples = links.filter((l) => l.rule === 'learned');
    expect(byExamples.map((l) => `${l.claimId}:${l.itemCode}`)).toContain('c1:10.1');
    for (const l of byExamples) {
      expect(l.method).toBe('SIMILARITY');
      expect(l.matched.length).toBeGreaterThan(0);
    }
    expect(byExamples.find((l) => l.itemCode === '10.1')?.matched).toEqual([expect.stringMatching(/^与已标注例句相近：「.+」$/u)]);
    // the same claims without examples: only the examples links differ
    const without = proposeCombinedLinks(report.claims, report.metrics, demo.items, modelOfDefinition(demo));
    expect(without.filter((l) => l.rule === 'examples' || l.rule === 'learned')).toEqual([]);
  });
});
