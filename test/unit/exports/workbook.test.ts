import ExcelJS from 'exceljs';
import { assess } from '../../../src/assessment/assess';
import type { AssessmentResult, TargetCheck } from '../../../src/assessment/types';
import { flagsCsv, matrixCsv } from '../../../src/exports/csv';
import type { DistrictData, EvidenceQuote, UnitExportData } from '../../../src/exports/district-data';
import { fitCell, formatQuotes, formatTargetCheck, MAX_CELL_CHARS, sectionLabel } from '../../../src/exports/labels';
import { buildDistrictWorkbook, districtFlags, HEADER_ROW, SHEETS, unitSheetNames, workbookBuffer } from '../../../src/exports/workbook';
import { demoChecklist } from '../../helpers/seeds';

const checklist = demoChecklist();

/** A unit whose report has one claim linked to 7.4 (出庭应诉率 100%, not reviewed yet) and one plan claim for 1.1. */
function unitWithReport(id: number, name: string, quoteText: string): UnitExportData {
  const result = assess({
    checklist,
    hasReport: true,
    claims: [
      { id: '11', polarity: 'POSITIVE', sectionPath: '一/（二）', text: quoteText },
      { id: '12', polarity: 'PLAN', sectionPath: '四', text: '深入学习习近平法治思想。' },
    ],
    metrics: [{ claimId: '11', metric: 'COURT_APPEARANCE_RATE', value: 100, unit: '%', qualifier: 'EXACT' }],
    links: [
      { claimId: '11', itemCode: '7.4', method: 'RULE', state: 'PROPOSED', confidence: 0.9 },
      { claimId: '12', itemCode: '1.1', method: 'RULE', state: 'PROPOSED', confidence: 0.8 },
    ],
    notApplicable: [],
  });
  const quotes = new Map<string, EvidenceQuote>([
    [
      '11',
      {
        claimId: '11',
        text: quoteText,
        polarity: 'POSITIVE',
        sectionPath: '一/（二）',
        sectionHeading: '（二）依法行政',
        sectionKind: 'ACHIEVEMENT',
      },
    ],
    [
      '12',
      {
        claimId: '12',
        text: '深入学习习近平法治思想。',
        polarity: 'PLAN',
        sectionPath: '四',
        sectionHeading: '四、下一步打算',
        sectionKind: 'PLAN',
      },
    ],
  ]);
  return {
    unit: { id, name, level: 'STREET' },
    hasReport: true,
    report: { id: id * 10, source: `${name}.docx`, publishedDate: null },
    rank: 1,
    locked: false,
    result,
    quotes,
  };
}

function unitWithout(id: number, name: string): UnitExportData {
  const result: AssessmentResult = assess({ checklist, hasReport: false, claims: [], metrics: [], links: [], notApplicable: [] });
  return { unit: { id, name, level: 'STREET' }, hasReport: false, report: null, rank: 2, locked: false, result, quotes: new Map() };
}

function district(units: UnitExportData[]): DistrictData {
  return {
    checklist: { id: 1, key: checklist.key, name: checklist.name, issuer: checklist.issuer, version: checklist.version },
    year: 2023,
    parent: { id: 100, name: '测试区', level: 'DISTRICT' },
    parts: checklist.items.filter((i) => i.parentCode === null).map((i) => ({ code: i.code, title: i.title })),
    columns: checklist.items
      .filter((i) => i.assessable)
      .map((i) => ({ code: i.code, title: i.title, partCode: i.code.split('.')[0] ?? '', points: i.points, targets: i.targets })),
    units,
  };
}

describe('district workbook (pure)', () => {
  const data = district([
    unitWithReport(1, '甲街道', '行政机关负责人出庭应诉率达到100%，"依法"应诉，做到了\n全覆盖。'),
    unitWithout(2, '乙街[2]/测试'),
  ]);

  it('names unit sheets within Excel rules, unique and apart from the fixed sheets', () => {
    const names = unitSheetNames([
      ...data.units,
      { ...data.units[0]!, unit: { id: 3, name: '汇总', level: 'STREET' } },
      { ...data.units[0]!, unit: { id: 4, name: '甲街道', level: 'STREET' } },
      { ...data.units[0]!, unit: { id: 5, name: '很长的名字'.repeat(8), level: 'STREET' } },
    ]);
    expect([...names.values()]).toEqual(['甲街道', '乙街_2__测试', '汇总~2', '甲街道~2', '很长的名字'.repeat(8).slice(0, 31)]);
  });

  it('reads back: sheets, a unit row of 汇总, the matrix cell of 7.4, the unit sheet quote and target, the flags', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await workbookBuffer(buildDistrictWorkbook(data))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEETS.summary, SHEETS.matrix, '甲街道', '乙街_2__测试', SHEETS.flags]);

    const summary = wb.getWorksheet(SHEETS.summary)!;
    const first = summary.getRow(HEADER_ROW.summary + 1);
    expect(first.getCell(2).text).toBe('甲街道');
    expect((first.getCell(2).value as ExcelJS.CellHyperlinkValue).hyperlink).toBe("#'甲街道'!A1");
    expect(summary.getRow(HEADER_ROW.summary + 2).getCell(3).text).toBe('未报送');

    const matrix = wb.getWorksheet(SHEETS.matrix)!;
    const codes = (matrix.getRow(HEADER_ROW.matrix).values as string[]).slice(1);
    const col = codes.indexOf('7.4') + 1;
    expect(matrix.getRow(HEADER_ROW.matrix + 2).getCell(col).text).toBe('覆盖');
    expect(matrix.getRow(HEADER_ROW.matrix + 3).getCell(col).text).toBe('缺失');

    const unit = wb.getWorksheet('甲街道')!;
    let row74: ExcelJS.Row | null = null;
    unit.eachRow((row) => {
      if (row.getCell(1).text === '7.4') row74 = row;
    });
    const r = row74 as unknown as ExcelJS.Row;
    expect(r.getCell(5).text).toBe('已覆盖');
    expect(r.getCell(6).text).toBe('缺失'); // nothing accepted yet
    expect(r.getCell(9).text).toBe('[一/（二）依法行政] 行政机关负责人出庭应诉率达到100%，"依法"应诉，做到了\n全覆盖。');
    expect(r.getCell(11).text).toBe('COURT_APPEARANCE_RATE：100%（目标 ≥ 100%）达标');

    const flags = wb.getWorksheet(SHEETS.flags)!;
    expect(flags.getCell(1, 1).text).toMatch(/预警（共 \d+ 条）$/u);
    expect(flags.getRow(HEADER_ROW.flags + 1).getCell(3).text).toBe('REPORT_MISSING'); // ERROR first; 乙 (U+4E59) sorts before 甲 (U+7532)
  });

  it('flags: most severe first, then by unit name, then in assessment order', () => {
    const order = districtFlags(data).map((f) => f.flag.severity);
    expect(order).toEqual([...order].sort((a, b) => ['ERROR', 'WARNING', 'INFO'].indexOf(a) - ['ERROR', 'WARNING', 'INFO'].indexOf(b)));
  });

  it('CSV: BOM, CRLF, quotes and line breaks escaped', () => {
    const matrix = matrixCsv(data);
    expect(matrix.startsWith('\ufeff单位,报告,排名,')).toBe(true);
    expect(matrix.split('\r\n')[1]).toMatch(/^甲街道,甲街道\.docx,1,/u);
    const flags = flagsCsv(data);
    expect(flags).toContain('"[一/（二）依法行政] 行政机关负责人出庭应诉率达到100%，""依法""应诉，做到了\n全覆盖。"');
  });
});

describe('labels', () => {
  const check = (over: Partial<TargetCheck>): TargetCheck => ({
    metric: 'M',
    op: '>=',
    threshold: 100,
    unit: '%',
    value: 95,
    qualifier: 'EXACT',
    claimId: '1',
    met: false,
    ...over,
  });
  it.each([
    [check({}), 'M：95%（目标 ≥ 100%）未达标'],
    [check({ value: null, qualifier: null, claimId: null, met: null }), 'M：未报告（目标 ≥ 100%）'],
    [check({ op: null, threshold: null, unit: '件', value: 4000, qualifier: 'APPROX', met: null }), 'M：约4000件（无目标值）仅记录'],
    [check({ value: 95, qualifier: 'AT_LEAST', met: null, unit: '分', threshold: 90 }), 'M：95分以上（目标 ≥ 90分）无法判断'],
  ])('%j → %s', (c, text) => {
    expect(formatTargetCheck(c)).toBe(text);
  });

  it('quotes are capped, unknown ids shown, and cells cut at the Excel limit', () => {
    const quotes = new Map<string, EvidenceQuote>([
      ['1', { claimId: '1', text: '甲。', polarity: 'POSITIVE', sectionPath: '0', sectionHeading: '', sectionKind: 'PREAMBLE' }],
    ]);
    expect(formatQuotes(['1', '2', '3'], quotes, 2)).toBe('[开头] 甲。\n(claim 2)\n……另有 1 条');
    expect(sectionLabel({ sectionPath: '一/（三）/2', sectionHeading: '2.推进执法' })).toBe('一/（三）/2.推进执法');
    expect(sectionLabel({ sectionPath: 'signature', sectionHeading: '' })).toBe('signature');
    expect(fitCell('字'.repeat(40000)).length).toBeLessThanOrEqual(MAX_CELL_CHARS);
  });
});
