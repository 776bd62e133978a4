/**
 * A stored report is matched again when a new checklist version is imported (link.service
 * `proposeLinksForReport`) and when reviewers' decisions are replayed (matcher-weights.service).
 * The claims then come from the database, and the matcher reads each claim's section headings
 * (the lead clause's heading rule, the learned decision's heading features): `matcherInputFromRows`
 * rebuilds them from the stored sections, so the links are the ones ingest proposed from the text.
 */
import { withShippedExamples } from '../../../src/checklist/examples-file';
import { matcherInputFromRows } from '../../../src/evidence/matcher-input.store';
import { modelOfDefinition } from '../../../src/evidence/pipeline';
import { matchReport, readReport } from '../../../src/pipeline/report-pipeline';
import type { Claim } from '../../../src/reports/claim.entity';
import type { MetricValue } from '../../../src/reports/metric-value.entity';
import { demoChecklist, seedReports } from '../../helpers/seeds';

const definition = withShippedExamples(demoChecklist());
const checklist = { definition, model: modelOfDefinition(definition) };

/** The analysis as the database holds it: numeric claim ids, no headings on the claims. */
function storedRows(raw: string, unit: string, year: number) {
  const analysis = readReport(raw, { unit, year });
  const idOf = (id: string) => Number(id.slice(1));
  const claims = analysis.claims.map(
    (c) => ({ id: idOf(c.id), text: c.text, polarity: c.polarity, sectionKind: c.sectionKind, sectionPath: c.sectionPath }) as Claim,
  );
  const metrics = analysis.metrics.map((m) => ({ ...m, claimId: idOf(m.claimId) }) as unknown as MetricValue);
  const sections = analysis.sections.map((s) => ({ path: s.path, heading: s.heading }));
  const fromText = matchReport(analysis.claims, analysis.metrics, checklist).map((l) => ({ ...l, claimId: String(idOf(l.claimId)) }));
  return { analysis, claims, metrics, sections, fromText };
}

describe('a stored report matched again', () => {
  it.each(seedReports().map((r) => [r.unit, r] as const))(
    '%s: with its stored sections, the same headings and links as from its text',
    (_, r) => {
      const { analysis, claims, metrics, sections, fromText } = storedRows(r.raw, r.unit, r.year);
      const input = matcherInputFromRows(claims, metrics, sections);
      expect(input.claims.map((c) => c.headings)).toEqual(analysis.claims.map((c) => c.headings));
      expect(matchReport(input.claims, input.metrics, checklist)).toEqual(fromText);
    },
  );

  it('without the sections the headings are lost and some links change — why they are read back', () => {
    const changed = seedReports().filter((r) => {
      const { claims, metrics, fromText } = storedRows(r.raw, r.unit, r.year);
      const input = matcherInputFromRows(claims, metrics);
      expect(input.claims.every((c) => c.headings === undefined)).toBe(true);
      return JSON.stringify(matchReport(input.claims, input.metrics, checklist)) !== JSON.stringify(fromText);
    });
    expect(changed.length).toBeGreaterThan(0);
  });

  it('a claim under nested sections carries the nearest heading first', () => {
    const claim = { id: 1, text: '开展学法考试。', polarity: 'POSITIVE', sectionKind: 'ACHIEVEMENT', sectionPath: '一/（二）' } as Claim;
    const input = matcherInputFromRows(
      [claim],
      [],
      [
        { path: '一', heading: '一、主要举措和成效' },
        { path: '一/（二）', heading: '（二）强化学法用法' },
      ],
    );
    expect(input.claims[0]!.headings).toEqual(['（二）强化学法用法', '一、主要举措和成效']);
  });
});
