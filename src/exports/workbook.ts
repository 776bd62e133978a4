/**
 * The district workbook (pure: data in, exceljs workbook out). Sheets:
 * - 汇总: one row per unit (by rank): rank, report, scores, coverage confirmed/proposed with
 *   the counts, flags, and the proposed coverage of each part (1 … 10), coloured;
 * - 矩阵: units × items, the status of each item (proposed view) coloured by status, with
 *   the number of units covering each item;
 * - one sheet per unit: each item's code, title, status, score, flags, evidence quotes with
 *   their report section, plans and shortcomings, and metric values against their targets;
 * - 预警: every flag, most severe first;
 * - 指标 (when the data has metrics): each target metric's value per unit this year and the
 *   year before, with the item's target, who misses it (two years running) and the claim;
 * - 待复核 (when there are any): links accepted under an earlier checklist version whose
 *   item changed, with the diff of the item text.
 * The numbers are those of the GraphQL queries (see district-data.ts).
 */
import ExcelJS from 'exceljs';
import { displayValue } from '../assessment/series';
import type { ItemResult } from '../assessment/types';
import { ITEM_STATUSES, type ItemStatus } from '../checklist/types';
import { t } from '../i18n/messages';
import { checkRequestDeadline } from '../observability/request-context';
import type { DistrictData, UnitExportData } from './district-data';
import {
  FLAG_LABELS,
  SEVERITY_FILLS,
  SEVERITY_LABELS,
  STATUS_FILLS,
  STATUS_LABELS,
  STATUS_SHORT,
  coverageFill,
  fitCell,
  formatQuote,
  formatQuotes,
  formatTargetCheck,
  UNIT_TOTAL_COLUMNS,
} from './labels';

/** Names of the fixed sheets. */
export const SHEETS = {
  summary: t('sheet.summary'),
  matrix: t('sheet.matrix'),
  flags: t('sheet.flags'),
  metrics: t('sheet.metrics'),
  suspect: t('sheet.suspect'),
} as const;

/** Header row of each table (rows above hold the title and notes). */
export const HEADER_ROW = { summary: 5, matrix: 4, unit: 8, flags: 3, metrics: 3, suspect: 3 } as const;

/** Column headers of the summary table before the part columns. */
export const SUMMARY_COLUMNS = [t('column.rank'), t('column.unit'), t('column.report'), ...UNIT_TOTAL_COLUMNS] as const;

/** Column headers of a unit sheet's table. */
export const UNIT_COLUMNS = [
  'column.itemCode',
  'column.part',
  'column.item',
  'column.points',
  'column.status',
  'column.statusConfirmed',
  'column.score',
  'column.flags',
  'column.evidence',
  'column.plansShortcomings',
  'column.metrics',
  'column.explanation',
].map((key) => t(key));

/** Column headers of the metrics sheet (one row per metric and unit, then the metric's statistics). */
const METRIC_COLUMNS = [
  'column.metricKey',
  'column.item',
  'column.target',
  'column.unit',
  'column.valueThisYear',
  'column.met',
  'column.valueLastYear',
  'column.missingTwoYears',
  'column.quotes',
].map((key) => t(key));

/** Column headers of the sheet of suspect links. */
const SUSPECT_COLUMNS = [
  'column.unit',
  'column.item',
  'column.itemTitle',
  'column.claim',
  'column.itemDiff',
  'column.itemBefore',
  'column.itemAfter',
].map((key) => t(key));

/** Column headers of the flags sheet. */
export const FLAG_COLUMNS = [
  'column.unit',
  'column.severity',
  'column.code',
  'column.flag',
  'column.item',
  'column.itemTitle',
  'column.explanation',
  'column.quotes',
].map((key) => t(key));

const SEVERITY_RANK = { ERROR: 0, WARNING: 1, INFO: 2 } as const;
const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = 'FFD9E1F2';
const PERCENT = '0.0%';

/** Builds the district workbook. */
export function buildDistrictWorkbook(data: DistrictData): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '法治清单';
  wb.title = `${data.parent.name} ${data.year}年 法治政府建设考核`;
  const unitSheets = unitSheetNames(data.units);
  addSummary(wb, data, unitSheets);
  addMatrix(wb, data);
  for (const u of data.units) {
    // building runs no SQL: the request's time budget is checked here, once per unit sheet
    checkRequestDeadline();
    addUnitSheet(wb, data, u, unitSheets.get(u.unit.id)!);
  }
  addFlags(wb, data);
  if (data.metrics?.length) addMetrics(wb, data);
  if (data.suspectLinks?.length) addSuspectLinks(wb, data);
  return wb;
}

/** The workbook as .xlsx bytes. */
export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  checkRequestDeadline();
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Sheet names for the units: the unit's name without the characters Excel forbids
 * (`[]:*?/\`), at most 31 characters, unique (also against the fixed sheets).
 */
export function unitSheetNames(units: readonly UnitExportData[]): Map<number, string> {
  const used = new Set(Object.values(SHEETS).map((s) => s.toLowerCase()));
  const out = new Map<number, string>();
  for (const u of units) {
    const base =
      u.unit.name
        .replace(/[[\]:*?/\\]/gu, '_')
        .replace(/^'|'$/gu, '_')
        .slice(0, 31) || `单位${u.unit.id}`;
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k += 1) name = `${base.slice(0, 31 - String(k).length - 1)}~${k}`;
    used.add(name.toLowerCase());
    out.set(u.unit.id, name);
  }
  return out;
}

// ── sheets ─────────────────────────────────────────────────────────────────────────────

function addSummary(wb: ExcelJS.Workbook, data: DistrictData, unitSheets: Map<number, string>): void {
  const ws = wb.addWorksheet(SHEETS.summary, { views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROW.summary }] });
  const headers = [...SUMMARY_COLUMNS, ...data.parts.map((p) => `${p.code} ${p.title}`)];
  title(ws, `${data.parent.name} ${data.year}年 法治政府建设考核汇总`, headers.length);
  note(
    ws,
    2,
    `清单：${data.checklist.name}（${data.checklist.key} 第${data.checklist.version}版，${data.checklist.issuer}）；报告单位 ${data.units.length} 个，已报送 ${data.units.filter((u) => u.hasReport).length} 个。`,
    headers.length,
  );
  note(
    ws,
    3,
    '覆盖率 = 已覆盖条目 / 可考核条目。（建议）计入已采纳和待审核的佐证，（确认）只计已采纳的佐证；部分覆盖不计入已覆盖。得分按清单的计分规则折算为百分制，排名按得分（建议）。各部分列为该部分的覆盖率（建议）。',
    headers.length,
  );
  header(ws, HEADER_ROW.summary, headers);
  const rows = [...data.units].sort((a, b) => a.rank - b.rank || (a.unit.name < b.unit.name ? -1 : a.unit.name > b.unit.name ? 1 : 0));
  rows.forEach((u, index) => {
    const r = u.result;
    const row = ws.getRow(HEADER_ROW.summary + 1 + index);
    row.values = [
      u.rank,
      { text: u.unit.name, hyperlink: `#'${unitSheets.get(u.unit.id)}'!A1` },
      u.report ? u.report.source : '未报送',
      r.score.proposed.normalised,
      r.score.confirmed.normalised,
      r.coverage.proposed.covered,
      r.coverage.proposed.partial,
      r.coverage.proposed.assessable,
      r.coverage.proposed.ratio,
      r.coverage.confirmed.covered,
      r.coverage.confirmed.ratio,
      r.flags.length,
      ...data.parts.map((p) => {
        const part = r.coverage.byPart.find((b) => b.partCode === p.code);
        return part && part.proposed.assessable > 0 ? part.proposed.ratio : '—';
      }),
    ];
    fill(row.getCell(3), u.hasReport ? null : STATUS_FILLS.MISSING);
    for (const c of [4, 5]) {
      row.getCell(c).numFmt = '0.00';
      fill(row.getCell(c), coverageFill(Number(row.getCell(c).value) / 100));
    }
    for (const c of [9, 11]) {
      row.getCell(c).numFmt = PERCENT;
      fill(row.getCell(c), coverageFill(Number(row.getCell(c).value)));
    }
    data.parts.forEach((p, i) => {
      const cell = row.getCell(SUMMARY_COLUMNS.length + 1 + i);
      const part = r.coverage.byPart.find((b) => b.partCode === p.code);
      if (!part || part.proposed.assessable === 0) return;
      cell.numFmt = PERCENT;
      fill(cell, coverageFill(part.proposed.ratio));
      cell.note = `已覆盖 ${part.proposed.covered} / 可考核 ${part.proposed.assessable}，部分覆盖 ${part.proposed.partial}（确认：已覆盖 ${part.confirmed.covered}）`;
    });
    row.getCell(2).font = { color: { argb: 'FF0563C1' }, underline: true };
    borders(row, headers.length);
  });
  widths(ws, [6, 14, 28, 11, 11, 11, 11, 10, 11, 11, 11, 8, ...data.parts.map(() => 12)]);
  ws.getRow(HEADER_ROW.summary).height = 48;
}

function addMatrix(wb: ExcelJS.Workbook, data: DistrictData): void {
  const ws = wb.addWorksheet(SHEETS.matrix, { views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW.matrix + 1 }] });
  const fixed = ['单位', '得分（建议）', '覆盖率（建议）'];
  const width = fixed.length + data.columns.length;
  title(ws, `${data.parent.name} ${data.year}年 各单位条目状态（建议口径）`, width);
  note(
    ws,
    2,
    `状态：${ITEM_STATUSES.map((s) => `${STATUS_SHORT[s]} = ${STATUS_LABELS[s]}（${s}）`).join('；')}。单元格批注给出只计已采纳佐证时不同的状态。`,
    width,
  );
  header(ws, HEADER_ROW.matrix, [...fixed, ...data.columns.map((c) => c.code)]);
  const titles = ws.getRow(HEADER_ROW.matrix + 1);
  titles.values = ['', '', '', ...data.columns.map((c) => c.title)];
  titles.height = 90;
  titles.eachCell((cell) => {
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.font = { size: 8 };
  });
  const first = HEADER_ROW.matrix + 2;
  data.units.forEach((u, index) => {
    const byCode = new Map(u.result.items.map((i) => [i.code, i]));
    const row = ws.getRow(first + index);
    row.values = [
      u.unit.name,
      u.result.score.proposed.normalised,
      u.result.coverage.proposed.ratio,
      ...data.columns.map((c) => STATUS_SHORT[byCode.get(c.code)?.status ?? 'MISSING']),
    ];
    row.getCell(2).numFmt = '0.00';
    row.getCell(3).numFmt = PERCENT;
    data.columns.forEach((c, i) => {
      const item = byCode.get(c.code);
      const status: ItemStatus = item?.status ?? 'MISSING';
      const cell = row.getCell(fixed.length + 1 + i);
      fill(cell, STATUS_FILLS[status]);
      cell.alignment = { horizontal: 'center' };
      if (item && item.confirmedStatus !== item.status) cell.note = `确认口径：${STATUS_LABELS[item.confirmedStatus]}`;
    });
    borders(row, width);
  });
  const totals = ws.getRow(first + data.units.length);
  const withReport = data.units.filter((u) => u.hasReport).length;
  totals.values = [
    `已覆盖单位数（报送 ${withReport} 个）`,
    '',
    '',
    ...data.columns.map((c) => data.units.filter((u) => u.result.items.find((i) => i.code === c.code)?.status === 'COVERED').length),
  ];
  totals.font = { bold: true };
  widths(ws, [18, 11, 11, ...data.columns.map(() => 7)]);
}

function addUnitSheet(wb: ExcelJS.Workbook, data: DistrictData, u: UnitExportData, name: string): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW.unit }] });
  const r = u.result;
  const width = UNIT_COLUMNS.length;
  title(ws, `${u.unit.name} ${data.year}年 法治政府建设考核明细`, width);
  const info: Array<[string, string]> = [
    ['报告', u.report ? `${u.report.source}${u.report.publishedDate ? `（发布于 ${u.report.publishedDate}）` : ''}` : '未报送'],
    ['排名', `${u.rank} / ${data.units.length}${u.locked ? '（考核已锁定）' : ''}`],
    [
      '得分',
      `建议 ${r.score.proposed.normalised}（${r.score.proposed.earned} / ${r.score.proposed.possible}）；确认 ${r.score.confirmed.normalised}（${r.score.confirmed.earned} / ${r.score.confirmed.possible}）`,
    ],
    [
      '覆盖',
      `建议 ${r.coverage.proposed.covered} / ${r.coverage.proposed.assessable}（部分覆盖 ${r.coverage.proposed.partial}）；确认 ${r.coverage.confirmed.covered} / ${r.coverage.confirmed.assessable}（部分覆盖 ${r.coverage.confirmed.partial}）`,
    ],
    [
      '预警',
      `${r.flags.length} 条${r.flags
        .filter((f) => f.itemCode === null)
        .map((f) => `；${FLAG_LABELS[f.code]}：${f.message}`)
        .join('')}`,
    ],
  ];
  info.forEach(([label, value], i) => {
    const row = ws.getRow(2 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = value;
    ws.mergeCells(2 + i, 2, 2 + i, width);
  });
  if (!u.hasReport) fill(ws.getRow(2).getCell(2), STATUS_FILLS.MISSING);
  header(ws, HEADER_ROW.unit, [...UNIT_COLUMNS]);
  const partTitles = new Map(data.parts.map((p) => [p.code, p.title]));
  r.items.forEach((item, index) => {
    const row = ws.getRow(HEADER_ROW.unit + 1 + index);
    row.values = [
      item.code,
      `${item.partCode} ${partTitles.get(item.partCode) ?? ''}`.trim(),
      item.title,
      item.points,
      STATUS_LABELS[item.status],
      STATUS_LABELS[item.confirmedStatus],
      item.score,
      item.flags.map((f) => `${FLAG_LABELS[f.code]}（${f.code}）`).join('\n'),
      fitCell(formatQuotes(item.evidenceClaimIds, u.quotes)),
      fitCell(planAndShortcomings(item, u)),
      item.targets.map(formatTargetCheck).join('\n'),
      item.explanation,
    ];
    fill(row.getCell(5), STATUS_FILLS[item.status]);
    fill(row.getCell(6), STATUS_FILLS[item.confirmedStatus]);
    row.eachCell((cell) => {
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
    borders(row, width);
  });
  widths(ws, [7, 18, 26, 6, 10, 10, 6, 18, 70, 40, 34, 40]);
}

function planAndShortcomings(item: ItemResult, u: UnitExportData): string {
  const parts: string[] = [];
  if (item.planClaimIds.length) parts.push(`计划：\n${formatQuotes(item.planClaimIds, u.quotes, 3)}`);
  if (item.negativeClaimIds.length) parts.push(`问题：\n${formatQuotes(item.negativeClaimIds, u.quotes, 3)}`);
  return parts.join('\n');
}

function addFlags(wb: ExcelJS.Workbook, data: DistrictData): void {
  const ws = wb.addWorksheet(SHEETS.flags, { views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW.flags }] });
  const width = FLAG_COLUMNS.length;
  const flags = districtFlags(data);
  title(ws, `${data.parent.name} ${data.year}年 预警（共 ${flags.length} 条）`, width);
  header(ws, HEADER_ROW.flags, [...FLAG_COLUMNS]);
  const titles = new Map(data.columns.map((c) => [c.code, c.title]));
  flags.forEach(({ unit, flag }, index) => {
    const row = ws.getRow(HEADER_ROW.flags + 1 + index);
    row.values = [
      unit.unit.name,
      SEVERITY_LABELS[flag.severity],
      flag.code,
      FLAG_LABELS[flag.code],
      flag.itemCode ?? '',
      flag.itemCode ? (titles.get(flag.itemCode) ?? '') : '',
      flag.message,
      fitCell(formatQuotes(flag.claimIds, unit.quotes, 3)),
    ];
    fill(row.getCell(2), SEVERITY_FILLS[flag.severity]);
    row.eachCell((cell) => {
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
    borders(row, width);
  });
  widths(ws, [14, 8, 22, 12, 7, 26, 60, 60]);
  if (flags.length)
    ws.autoFilter = { from: { row: HEADER_ROW.flags, column: 1 }, to: { row: HEADER_ROW.flags + flags.length, column: width } };
}

/**
 * Every flag of the district in the order of the GraphQL `flags` query: most severe first,
 * then by unit name, then in the assessment's order.
 */
export function districtFlags(data: DistrictData): Array<{ unit: UnitExportData; flag: UnitExportData['result']['flags'][number] }> {
  const all = data.units.flatMap((unit) => unit.result.flags.map((flag, position) => ({ unit, flag, position })));
  all.sort(
    (a, b) =>
      SEVERITY_RANK[a.flag.severity] - SEVERITY_RANK[b.flag.severity] ||
      (a.unit.unit.name < b.unit.unit.name ? -1 : a.unit.unit.name > b.unit.unit.name ? 1 : 0) ||
      a.position - b.position,
  );
  return all.map(({ unit, flag }) => ({ unit, flag }));
}

function addSuspectLinks(wb: ExcelJS.Workbook, data: DistrictData): void {
  const ws = wb.addWorksheet(SHEETS.suspect, { views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW.suspect }] });
  const width = SUSPECT_COLUMNS.length;
  const links = data.suspectLinks ?? [];
  title(ws, t('suspectSheet.title', { parent: data.parent.name, year: data.year, count: links.length }), width);
  note(ws, 2, t('suspectSheet.note'), width);
  header(ws, HEADER_ROW.suspect, SUSPECT_COLUMNS);
  links.forEach((l, index) => {
    const row = ws.getRow(HEADER_ROW.suspect + 1 + index);
    row.values = [l.unitName, l.itemCode, l.itemTitle, fitCell(l.claimText), fitCell(l.diff), fitCell(l.before), fitCell(l.after)];
    row.eachCell((cell) => {
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
    fill(row.getCell(5), SEVERITY_FILLS.WARNING);
    borders(row, width);
  });
  widths(ws, [14, 7, 24, 50, 60, 40, 40]);
}

const metLabel = (met: boolean | null): string => (met === true ? t('metricSheet.met') : met === false ? t('metricSheet.notMet') : '—');

function addMetrics(wb: ExcelJS.Workbook, data: DistrictData): void {
  const ws = wb.addWorksheet(SHEETS.metrics, { views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW.metrics }] });
  const width = METRIC_COLUMNS.length;
  title(ws, t('metricSheet.title', { parent: data.parent.name, year: data.year }), width);
  note(ws, 2, t('metricSheet.note'), width);
  header(ws, HEADER_ROW.metrics, METRIC_COLUMNS);
  const names = new Map(data.units.map((u) => [u.unit.id, u.unit.name]));
  let rowNumber = HEADER_ROW.metrics + 1;
  for (const m of data.metrics ?? []) {
    const target = describeMetricTarget(m.target);
    const item = m.itemCode ? `${m.itemCode} ${m.itemTitle ?? ''}`.trim() : '';
    const before = new Map(m.series.previous.map((p) => [p.unitId, p]));
    const twoYears = new Set(m.series.missingTwoYears);
    for (const p of m.series.points) {
      const prev = before.get(p.unitId);
      const quote = p.claimId ? m.quotes.get(p.claimId) : undefined;
      const row = ws.getRow(rowNumber++);
      row.values = [
        m.target.metric,
        item,
        target,
        names.get(p.unitId) ?? String(p.unitId),
        p.hasReport ? displayValue(p.value, p.unit, p.qualifier) : t('value.noReport'),
        metLabel(p.met),
        prev ? (prev.hasReport ? displayValue(prev.value, prev.unit, prev.qualifier) : t('value.noReport')) : '',
        twoYears.has(p.unitId) ? t('metricSheet.yes') : '',
        quote ? fitCell(formatQuote(quote)) : '',
      ];
      if (p.met === false) fill(row.getCell(6), STATUS_FILLS.MISSING);
      if (p.met === true) fill(row.getCell(6), STATUS_FILLS.COVERED);
      if (twoYears.has(p.unitId)) fill(row.getCell(8), SEVERITY_FILLS.ERROR);
      row.eachCell((cell) => {
        cell.alignment = { wrapText: true, vertical: 'top' };
      });
      borders(row, width);
    }
    const s = m.series.stats;
    const stats = ws.getRow(rowNumber++);
    stats.values = [
      m.target.metric,
      item,
      target,
      t('metricSheet.statsRow'),
      s.count
        ? t('metricSheet.stats', {
            min: `${s.min}${m.target.unit}`,
            median: `${s.median}${m.target.unit}`,
            max: `${s.max}${m.target.unit}`,
            count: s.count,
          })
        : t('metricSheet.statsNone'),
      t('metricSheet.missingCount', { count: m.series.missingTarget.length }),
      '',
      `${m.series.missingTwoYears.length}`,
      '',
    ];
    stats.font = { bold: true };
    borders(stats, width);
  }
  widths(ws, [30, 24, 12, 14, 18, 10, 14, 12, 70]);
}

function describeMetricTarget(target: { op?: string; threshold?: number; unit: string }): string {
  const ops: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=' };
  return target.op != null && target.threshold != null
    ? `${ops[target.op] ?? target.op} ${target.threshold}${target.unit}`
    : t('rule.none');
}

// ── formatting helpers ─────────────────────────────────────────────────────────────────

function title(ws: ExcelJS.Worksheet, text: string, width: number): void {
  const cell = ws.getCell(1, 1);
  cell.value = text;
  cell.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, Math.max(1, width));
  ws.getRow(1).height = 24;
}

function note(ws: ExcelJS.Worksheet, row: number, text: string, width: number): void {
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.font = { size: 9, color: { argb: 'FF595959' } };
  cell.alignment = { wrapText: true, vertical: 'top' };
  ws.mergeCells(row, 1, row, Math.max(1, width));
  ws.getRow(row).height = 30;
}

function header(ws: ExcelJS.Worksheet, rowNumber: number, headers: string[]): void {
  const row = ws.getRow(rowNumber);
  row.values = headers;
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    fill(cell, HEADER_FILL);
    cell.border = BORDER;
  });
}

function fill(cell: ExcelJS.Cell, argb: string | null): void {
  if (argb) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

function borders(row: ExcelJS.Row, width: number): void {
  for (let c = 1; c <= width; c += 1) row.getCell(c).border = BORDER;
}

function widths(ws: ExcelJS.Worksheet, values: number[]): void {
  values.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}
