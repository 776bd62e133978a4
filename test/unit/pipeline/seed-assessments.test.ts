import { assessReportText } from '../../../src/pipeline/report-pipeline';
import type { ItemResult } from '../../../src/assessment/types';
import { demoChecklist, seedReport } from '../../helpers/seeds';

/** Expected results chosen by reading the reports (issue: "From claims to evidence"). */
function itemOf(unit: string, code: string): { item: ItemResult; claimText: (id: string) => string } {
  const report = seedReport(unit);
  const { result, analysis } = assessReportText(report.raw, demoChecklist(), { unit: report.unit, year: report.year });
  const item = result.items.find((i) => i.code === code);
  if (!item) throw new Error(`no item ${code}`);
  return { item, claimText: (id) => analysis.claims.find((c) => c.id === id)?.text ?? '' };
}

describe('assessment of the five real reports (pure pipeline)', () => {
  it('万兴街 2022: 7.4 is COVERED by the 出庭应诉率 claim', () => {
    const { item, claimText } = itemOf('万兴街', '7.4');
    expect(item.status).toBe('COVERED');
    const texts = item.evidenceClaimIds.map(claimText);
    expect(texts.some((t) => t.includes('行政机关负责人出庭应诉率达到 100%') || t.includes('行政机关负责人出庭应诉率达到100%'))).toBe(true);
    expect(item.targets.find((t) => t.metric === 'COURT_APPEARANCE_RATE')).toMatchObject({ value: 100, met: true });
  });

  it('万兴街 2022: 10.8 (法治进校园 only in the 2023 plan) is PLANNED_ONLY', () => {
    const { item, claimText } = itemOf('万兴街', '10.8');
    expect(item.status).toBe('PLANNED_ONLY');
    expect(item.evidenceClaimIds).toEqual([]);
    expect(item.planClaimIds.map(claimText).some((t) => t.includes('法治进校园'))).toBe(true);
    expect(item.flags.map((f) => f.code)).toContain('ONLY_PLANNED');
  });

  it('王顶堤街 2023: 10.5 is PARTIAL (scores reported, 参考率/合格率 not) and 7.4 is MISSING', () => {
    const exam = itemOf('王顶堤街', '10.5').item;
    expect(exam.status).toBe('PARTIAL');
    const notReported = exam.flags
      .filter((f) => f.code === 'TARGET_NOT_REPORTED')
      .map((f) => f.message)
      .join(' ');
    expect(notReported).toContain('LAW_EXAM_PARTICIPATION_RATE');
    expect(notReported).toContain('LAW_EXAM_PASS_RATE');
    expect(exam.targets.find((t) => t.metric === 'LAW_EXAM_AVG_SCORE')?.value).toBeGreaterThanOrEqual(93.55);
    const court = itemOf('王顶堤街', '7.4').item;
    expect(court.status).toBe('MISSING');
    expect(court.flags.map((f) => f.code)).toEqual(['NO_EVIDENCE']);
  });

  it('胡家园街 2022: 10.5 is COVERED by its 4个100%', () => {
    const { item } = itemOf('胡家园街', '10.5');
    expect(item.status).toBe('COVERED');
    expect(
      item.targets
        .filter((t) => t.met === true)
        .map((t) => t.metric)
        .sort(),
    ).toEqual(['LAW_EXAM_PARTICIPATION_RATE', 'LAW_EXAM_PASS_RATE']);
  });

  it('塘沽街道 2021: 7.4 is PARTIAL with TARGET_NOT_REPORTED (the system, no rate)', () => {
    const { item } = itemOf('塘沽街道', '7.4');
    expect(item.status).toBe('PARTIAL');
    expect(item.flags.map((f) => f.code)).toContain('TARGET_NOT_REPORTED');
  });

  it('稷下街道 2023: 5.5 has SHORTCOMING_REPORTED for the missing 执法记录仪, which is not evidence', () => {
    const { item, claimText } = itemOf('稷下街道', '5.5');
    expect(item.flags.map((f) => f.code)).toContain('SHORTCOMING_REPORTED');
    expect(item.negativeClaimIds.map(claimText).some((t) => t.includes('没有配备执法记录仪'))).toBe(true);
    expect(item.evidenceClaimIds.map(claimText).some((t) => t.includes('没有配备执法记录仪'))).toBe(false);
  });
});
