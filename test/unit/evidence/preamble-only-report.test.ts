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
});
