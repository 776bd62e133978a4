/**
 * Checklists as spreadsheets: offices keep their 工作任务清单 as an Excel table.
 *
 * `checklistToWorkbook` writes a checklist as a template workbook; `checklistFromWorkbook`
 * reads one back (the template, or an office's own table with columns such as 序号, 工作任务,
 * 具体内容, 牵头单位, 责任单位, 完成时限). Sheets:
 * - 清单信息: 字段 / 值 rows for key, name, issuer, yearFrom, yearTo, version;
 * - 计分规则 (optional): status → factor; default COVERED 1, PARTIAL 0.5, others 0;
 * - 预警规则 (optional): flag code → enabled (是/否) and severity; default all on;
 * - 条目: one row per part or item. 编号 (1, 1.1 …), 上级编号 (empty for a part; taken from
 *   the code when the column is missing), 任务/内容 (title), 说明 (text; the title when
 *   there is no such column), 分值, 关键词 and 排除词 and 忽略词 (words separated by 、),
 *   共现词 (groups separated by ；, words in a group joined by +), 识别指标 (metric keys),
 *   指标 (targets such as `COURT_APPEARANCE_RATE>=100%` or `PENALTY_CASES（件）`, separated by
 *   ；). A word that itself contains 、 or + is written in 「」. 牵头单位, 责任单位, 完成时限,
 *   备注 and unknown columns are not part of the checklist format and are ignored (noted).
 *
 * Validation is the YAML file's (`parseChecklistFile`): the definition read from the cells
 * is written as a checklist file and parsed, and every error is mapped back to its sheet,
 * row and column. Any error and no checklist is returned: nothing is half-imported.
 */
import ExcelJS from 'exceljs';
import { stringify } from 'yaml';
import { parseChecklistFile } from './checklist-file';
import {
  FLAG_CODES,
  ITEM_STATUSES,
  type ChecklistDefinition,
  type ChecklistFileError,
  type ChecklistItemDefinition,
  type FlagCode,
  type ItemStatus,
  type Severity,
} from './types';

/** A problem in a checklist workbook, located by sheet, row and column. */
export interface WorkbookError {
  file: string;
  sheet: string;
  /** 1-based row, null when the problem is the sheet itself */
  row: number | null;
  /** column letter and header (`C 任务/内容`), null for a whole row or sheet */
  column: string | null;
  message: string;
}

/** The checklist read from a workbook, or null and every error found; notes say what was ignored or assumed. */
export interface ChecklistWorkbookResult {
  checklist: ChecklistDefinition | null;
  errors: WorkbookError[];
  notes: string[];
}

export const CHECKLIST_SHEETS = { info: '清单信息', scoring: '计分规则', flags: '预警规则', items: '条目' } as const;

type ItemField = 'code' | 'parent' | 'title' | 'text' | 'points' | 'keywords' | 'together' | 'exclude' | 'ignore' | 'metrics' | 'targets';

/** Template headers of the 条目 sheet, in order. */
const ITEM_HEADERS: Record<ItemField, string> = {
  code: '编号',
  parent: '上级编号',
  title: '任务/内容',
  text: '说明',
  points: '分值',
  keywords: '关键词',
  together: '共现词',
  exclude: '排除词',
  ignore: '忽略词',
  metrics: '识别指标',
  targets: '指标',
};

/**
 * Accepted header names per field (compared after normalising: no spaces, half-width, no
 * trailing （…）). A column named just 内容 is the title, or the text when a title column exists.
 */
const HEADER_ALIASES: Record<ItemField, string[]> = {
  code: ['编号', '序号', '条目编号', '代码', '编码', 'code'],
  parent: ['上级编号', '上级', '父编号', '所属部分', '所属编号', 'parent'],
  title: ['任务/内容', '任务', '工作任务', '任务名称', '标题', '名称', '条目', '事项', '重点任务', 'title'],
  text: ['说明', '具体内容', '具体要求', '工作要求', '要求', '工作内容', '任务内容', '描述', '工作措施', 'text'],
  points: ['分值', '分数', '权重', '得分', 'points'],
  keywords: ['关键词', '关键字', 'keywords'],
  together: ['共现词', '组合词', '同现词', 'together'],
  exclude: ['排除词', '排除', 'exclude'],
  ignore: ['忽略词', '忽略', 'ignore'],
  metrics: ['识别指标', '指标键', '关联指标', 'metrics'],
  targets: ['指标', '目标', '目标值', '指标要求', '量化指标', 'targets'],
};

/** Columns of office tables that the checklist format does not hold. */
const IGNORED_HEADERS = ['牵头单位', '责任单位', '配合单位', '协办单位', '完成时限', '时限', '完成时间', '备注', '责任领导', '分管领导'];

const INFO_FIELDS = ['key', 'name', 'issuer', 'yearFrom', 'yearTo', 'version'] as const;
type InfoField = (typeof INFO_FIELDS)[number];
const INFO_LABELS: Record<InfoField, string> = {
  key: '标识（key）',
  name: '名称（name）',
  issuer: '发布单位（issuer）',
  yearFrom: '起始年份（yearFrom）',
  yearTo: '结束年份（yearTo）',
  version: '版本（version）',
};
/** Optional row of 清单信息: the REUSED_EVIDENCE threshold. */
const REUSE_LABEL = '沿用阈值（reuse.threshold）';
const REUSE_HINT = '可选：表述与上年报告表述相同部分达到该比例（0.5–1）即视为照搬上年（预警 REUSED_EVIDENCE）';
const INFO_HINTS: Record<InfoField, string> = {
  key: '小写字母、数字和连字符，同一清单各版本相同，如 demo-district-2021',
  name: '清单名称',
  issuer: '印发单位',
  yearFrom: '适用的第一年',
  yearTo: '适用的最后一年',
  version: '修改条目后加 1 再导入；已导入的版本不能改',
};

/** Optional 清单信息 row: the similarity signal's calibration as JSON (see ChecklistDefinition.matching). */
const MATCHING_LABEL = '相似度校准（matching）';
const MATCHING_HINT = '相似度信号的校准和阈值（JSON，由 npm run -s evaluate -- --fit 得出）；留空则相似度不提议关联';

const STATUS_NAMES: Record<ItemStatus, string> = {
  COVERED: '已覆盖',
  PARTIAL: '部分覆盖',
  PLANNED_ONLY: '仅有计划',
  NEGATIVE_ONLY: '仅有问题',
  MISSING: '缺失',
  NOT_APPLICABLE: '不适用',
};
const FLAG_NAMES: Record<FlagCode, string> = {
  NO_EVIDENCE: '无佐证',
  ONLY_PLANNED: '仅有计划',
  SHORTCOMING_REPORTED: '报告了不足',
  TARGET_NOT_MET: '指标未达标',
  TARGET_NOT_REPORTED: '指标未报告',
  LINK_UNREVIEWED: '佐证未审核',
  REPORT_MISSING: '未报送报告',
  LINK_SUSPECT: '佐证待复核',
  REUSED_EVIDENCE: '佐证沿用上年',
};
const SEVERITY_NAMES: Record<Severity, string> = { ERROR: '严重', WARNING: '警告', INFO: '提示' };
const SCORED = ITEM_STATUSES.filter((s): s is Exclude<ItemStatus, 'NOT_APPLICABLE'> => s !== 'NOT_APPLICABLE');

/** Scoring and flags used when a workbook has no 计分规则 / 预警规则 sheet. */
const DEFAULT_SCORING: ChecklistDefinition['scoring'] = { COVERED: 1, PARTIAL: 0.5, PLANNED_ONLY: 0, NEGATIVE_ONLY: 0, MISSING: 0 };
const DEFAULT_FLAGS: ChecklistDefinition['flags'] = {
  NO_EVIDENCE: { enabled: true, severity: 'ERROR' },
  ONLY_PLANNED: { enabled: true, severity: 'WARNING' },
  SHORTCOMING_REPORTED: { enabled: true, severity: 'WARNING' },
  TARGET_NOT_MET: { enabled: true, severity: 'ERROR' },
  TARGET_NOT_REPORTED: { enabled: true, severity: 'WARNING' },
  LINK_UNREVIEWED: { enabled: true, severity: 'INFO' },
  REPORT_MISSING: { enabled: true, severity: 'ERROR' },
};

// ── writing ────────────────────────────────────────────────────────────────────────────

/** Writes a checklist as a workbook (the template offices fill in). */
function checklistToWorkbook(def: ChecklistDefinition): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '法治清单';
  wb.title = def.name;
  addInfoSheet(wb, def);
  addScoringSheet(wb, def);
  addFlagSheet(wb, def);
  addItemsSheet(wb, def);
  return wb;
}

/** 清单信息: 字段 / 值 / 说明 rows for the header fields, then reuse and matching where the checklist has them. */
function addInfoSheet(wb: ExcelJS.Workbook, def: ChecklistDefinition): void {
  const info = wb.addWorksheet(CHECKLIST_SHEETS.info);
  info.addRow(['字段', '值', '说明']);
  for (const field of INFO_FIELDS) info.addRow([INFO_LABELS[field], def[field], INFO_HINTS[field]]);
  if (def.reuse) info.addRow([REUSE_LABEL, def.reuse.threshold, REUSE_HINT]);
  if (def.matching) info.addRow([MATCHING_LABEL, JSON.stringify(def.matching.similarity), MATCHING_HINT]);
  styleTable(info, [22, 48, 60]);
}

/** 计分规则: one row a scored status with its factor. */
function addScoringSheet(wb: ExcelJS.Workbook, def: ChecklistDefinition): void {
  const scoring = wb.addWorksheet(CHECKLIST_SHEETS.scoring);
  scoring.addRow(['状态', '名称', '系数', '说明']);
  for (const s of SCORED) scoring.addRow([s, STATUS_NAMES[s], def.scoring[s], '条目分值 × 系数 = 条目得分（0 到 1）']);
  styleTable(scoring, [18, 12, 8, 40]);
}

/** 预警规则: one row a flag the checklist sets, on or off, with its severity. */
function addFlagSheet(wb: ExcelJS.Workbook, def: ChecklistDefinition): void {
  const flags = wb.addWorksheet(CHECKLIST_SHEETS.flags);
  flags.addRow(['代码', '名称', '启用', '严重程度']);
  for (const f of FLAG_CODES) {
    const setting = def.flags[f];
    if (setting) flags.addRow([f, FLAG_NAMES[f], setting.enabled ? '是' : '否', setting.severity]);
  }
  styleTable(flags, [24, 14, 8, 12]);
}

/** Notes on the 条目 header cells: how to write a code, a parent, words, groups and targets. */
const ITEM_NOTES: Partial<Record<ItemField, string>> = {
  code: '部分为 1、2 …，条目为 1.1、1.2 …（设置为文本格式，10.10 才不会变成 10.1）',
  parent: '部分留空；条目填所属部分的编号',
  keywords: '用“、”分隔；本身含“、”或“+”的词写在「」中',
  together: '每组用“；”分隔，组内的词用“+”连接，须同时出现在一句中',
  targets: '如 COURT_APPEARANCE_RATE>=100%；只统计不设目标值的写作 PENALTY_CASES（件）',
};

/** 条目: one row a part or item, codes as text, parts in bold, the header cells with notes. */
function addItemsSheet(wb: ExcelJS.Workbook, def: ChecklistDefinition): void {
  const items = wb.addWorksheet(CHECKLIST_SHEETS.items, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const fields = Object.keys(ITEM_HEADERS) as ItemField[];
  items.addRow(fields.map((f) => ITEM_HEADERS[f]));
  for (const item of def.items) items.addRow(templateRowOf(item));
  items.eachRow((row, n) => {
    row.getCell(1).numFmt = '@';
    row.getCell(2).numFmt = '@';
    row.eachCell((cell) => {
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
    if (n > 1 && row.getCell(2).text === '') row.font = { bold: true };
  });
  styleTable(items, [7, 8, 28, 50, 6, 40, 36, 20, 16, 24, 34]);
  for (const [field, text] of Object.entries(ITEM_NOTES)) items.getCell(1, fields.indexOf(field as ItemField) + 1).note = text;
}

/** One part or item as a 条目 row, in the template's column order (the cell syntax {@link itemOfRow} reads back). */
export function templateRowOf(item: ChecklistItemDefinition): Array<string | number> {
  const isPart = item.parentCode === null;
  return (Object.keys(ITEM_HEADERS) as ItemField[]).map((f): string | number => {
    switch (f) {
      case 'code':
        return item.code;
      case 'parent':
        return item.parentCode ?? '';
      case 'title':
        return item.title;
      case 'text':
        return item.text;
      case 'points':
        return isPart ? '' : item.points;
      case 'keywords':
      case 'metrics':
        return item.match[f].map(quoteWord).join('、');
      case 'exclude':
      case 'ignore':
        return formatReasoned(item.match[f] ?? [], item.match.reasons ?? {});
      case 'together':
        return item.match.together.map((g) => g.map(quoteWord).join('+')).join('；');
      case 'targets':
        return item.targets.map(formatTarget).join('；');
    }
  });
}

/** The template as .xlsx bytes. */
export async function checklistWorkbookBuffer(def: ChecklistDefinition): Promise<Buffer> {
  return Buffer.from(await checklistToWorkbook(def).xlsx.writeBuffer());
}

function styleTable(ws: ExcelJS.Worksheet, widths: number[]): void {
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.getRow(1).eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
}

const NEEDS_QUOTES = /[、，,；;+＋\n「」]/u;

function quoteWord(word: string): string {
  return NEEDS_QUOTES.test(word) ? `「${word}」` : word;
}

const OPS_OUT: Record<string, string> = { '>=': '>=', '<=': '<=', '=': '=' };

function formatTarget(t: ChecklistItemDefinition['targets'][number]): string {
  return t.op !== undefined && t.threshold !== undefined
    ? `${t.metric}${OPS_OUT[t.op]}${t.threshold}${t.unit}`
    : `${t.metric}（${t.unit}）`;
}

/** Exclude / ignore cells: one `词：理由` per line (the reason is required on import). */
function formatReasoned(terms: readonly string[], reasons: Readonly<Record<string, string>>): string {
  const quote = (w: string) => (/[；;\n：:「」]/u.test(w) ? `「${w}」` : w);
  return terms.map((t) => (reasons[t] ? `${quote(t)}：${quote(reasons[t])}` : quote(t))).join('\n');
}

/**
 * Reads an exclude / ignore cell: entries separated by line breaks or ；, each `词：理由`
 * (the first ： or : outside quotes separates them). An entry without a reason stays a bare
 * word, which the checklist validator refuses with its message.
 */
function splitReasoned(text: string): (string | { term: string; reason: string })[] {
  return splitOutsideQuotes(text, /[；;\n]/u, true).map((entry) => {
    const [term, ...rest] = splitOutsideQuotes(entry, /[：:]/u, true);
    const unquote = (w: string) => w.replace(/^[「“](.*)[」”]$/u, '$1');
    const reason = unquote(rest.join('：').trim());
    return reason === '' ? unquote(term ?? '') : { term: unquote(term ?? ''), reason };
  });
}

// ── reading ────────────────────────────────────────────────────────────────────────────

/** Splits at separators outside 「」 and “” quotes; `keepQuotes` keeps the quote marks (for a second split). */
function splitOutsideQuotes(text: string, separators: RegExp, keepQuotes: boolean): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (const ch of text) {
    if (ch === '「' || ch === '“') {
      depth += 1;
      if (keepQuotes) current += ch;
    } else if ((ch === '」' || ch === '”') && depth > 0) {
      depth -= 1;
      if (keepQuotes) current += ch;
    } else if (depth === 0 && separators.test(ch)) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out.map((w) => w.trim()).filter((w) => w !== '');
}

/** Splits a cell into words at 、，,；; and line breaks, except inside 「」 or “”. */
export function splitWords(text: string): string[] {
  return splitOutsideQuotes(text, /[、，,；;\n]/u, false);
}

/** Groups of 共现词: groups separated by ；; or line breaks, the words of a group joined by + (or 、). */
export function splitGroups(text: string): string[][] {
  return splitOutsideQuotes(text, /[；;\n]/u, true)
    .map((group) => splitOutsideQuotes(group, /[+＋、，,]/u, false))
    .filter((g) => g.length > 0);
}

const TARGET = /^([A-Za-z][A-Za-z0-9_]*)\s*(?:(>=|<=|=|≥|≤|＝|＞＝|＜＝)\s*(-?\d+(?:\.\d+)?)\s*(.*)|[（(]\s*([^）)]*?)\s*[）)])$/u;
const OP_IN: Record<string, '>=' | '<=' | '='> = {
  '>=': '>=',
  '<=': '<=',
  '=': '=',
  '≥': '>=',
  '≤': '<=',
  '＝': '=',
  '＞＝': '>=',
  '＜＝': '<=',
};

/** Parses a 指标 cell: `METRIC>=100%；METRIC（件）`. */
export function parseTargets(text: string): { targets: Array<Record<string, unknown>>; problems: string[] } {
  const targets: Array<Record<string, unknown>> = [];
  const problems: string[] = [];
  for (const part of splitOutsideQuotes(text, /[；;\n]/u, false)) {
    const m = TARGET.exec(part);
    if (!m) {
      problems.push(`"${part}" is not a target: write METRIC>=100% (>=, = or <=, a number and a unit) or METRIC（unit）`);
      continue;
    }
    const [, metric = '', op, threshold, unit = ''] = m;
    if (op !== undefined) targets.push({ metric, op: OP_IN[op]!, threshold: Number(threshold), unit: unit.trim() });
    else targets.push({ metric, unit: (m[5] ?? '').trim() });
  }
  return { targets, problems };
}

/** Normalises a header: no spaces, full-width letters and slashes folded, no trailing （…）. */
function normaliseHeader(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/gu, '')
    .replace(/[(（][^)）]*[)）]$/u, '')
    .toLowerCase();
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The text of a cell: strings trimmed, numbers as displayed (so 1.1 stays "1.1"), rich text joined. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return cell.text || String(v);
  if (typeof v === 'string') return v.trim();
  return cell.text.trim();
}

function cellNumber(cell: ExcelJS.Cell): number | string | undefined {
  const text = cellText(cell);
  if (text === '') return undefined;
  if (typeof cell.value === 'number') return cell.value;
  return /^-?\d+(?:\.\d+)?$/u.test(text) ? Number(text) : text;
}

interface ItemRow {
  row: number;
  code: string;
}

interface Located {
  sheet: string;
  row: number | null;
  column: string | null;
}

/** What reading a workbook found: errors located by sheet, row and column, and notes on what was assumed. */
class WorkbookReport {
  readonly errors: WorkbookError[] = [];
  readonly notes: string[] = [];
  /** header fields already reported as missing: the file validator would say it again */
  readonly reported = new Set<string>();

  constructor(private readonly fileName: string) {}

  error(where: Located, message: string): void {
    this.errors.push({ file: this.fileName, ...where, message });
  }
}

/**
 * Reads a checklist from a workbook (.xlsx bytes). Never throws: an unreadable file, a
 * missing sheet or column, a bad cell and every validation error of the checklist format
 * are errors naming the sheet, row and column.
 */
export async function checklistFromWorkbook(buffer: Uint8Array, fileName: string): Promise<ChecklistWorkbookResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    const message = `cannot be read as an .xlsx workbook (${(e as Error).message.split('\n')[0]})`;
    return { checklist: null, errors: [{ file: fileName, sheet: '', row: null, column: null, message }], notes: [] };
  }
  const r = new WorkbookReport(fileName);
  const info = readInfoSheet(wb, r);
  const scoring = readScoringSheet(wb, r);
  const flags = readFlagSheet(wb, r);
  const items = readItemsSheet(wb, r);

  // validate as a checklist file
  const document = { ...info.header, scoring: scoring.scoring, flags: flags.flags, items: items.items };
  const parsed = parseChecklistFile(stringify(document, { lineWidth: 0 }), fileName);
  reportFileErrors(parsed.errors, { ...info, ...scoring, ...flags, ...items }, r);
  if (r.errors.length > 0 || !parsed.checklist) return { checklist: null, errors: r.errors, notes: r.notes };
  return { checklist: parsed.checklist, errors: [], notes: r.notes };
}

/** What a row of the 清单信息 sheet holds, by its label (column A): a header field, the matching JSON or reuse. */
export function infoRowOf(labelText: string): InfoField | 'matching' | 'reuse' | null {
  const label = normaliseHeader(labelText);
  if (label === normaliseHeader(MATCHING_LABEL) || label === 'matching') return 'matching';
  const field = INFO_FIELDS.find(
    (f) =>
      label === normaliseHeader(INFO_LABELS[f]) ||
      label === f.toLowerCase() ||
      label.endsWith(`(${f.toLowerCase()})`) ||
      label === normaliseHeader(INFO_LABELS[f].replace(/（.*$/u, '')),
  );
  if (field) return field;
  if (label === normaliseHeader(REUSE_LABEL) || label === normaliseHeader('沿用阈值') || label === 'reuse.threshold') return 'reuse';
  return null;
}

/** 清单信息: the header fields (字段 / 值 rows), each missing one reported. */
function readInfoSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
): { header: Record<string, unknown>; infoSheet: ExcelJS.Worksheet | null; infoRows: Map<string, Located> } {
  const header: Record<string, unknown> = {};
  const infoRows = new Map<string, Located>();
  const infoSheet = findSheet(wb, [CHECKLIST_SHEETS.info, '信息', '基本信息', 'info']);
  if (!infoSheet) {
    const message = `missing sheet: it holds the checklist's ${INFO_FIELDS.join(', ')} (字段 / 值 rows)`;
    r.error({ sheet: CHECKLIST_SHEETS.info, row: null, column: null }, message);
    for (const f of INFO_FIELDS) r.reported.add(f);
    return { header, infoSheet, infoRows };
  }
  infoSheet.eachRow((row, n) => {
    const what = infoRowOf(cellText(row.getCell(1)));
    const cell = row.getCell(2);
    if (what === 'matching') {
      const value = cellText(cell);
      if (value === '') return;
      try {
        header.matching = { similarity: JSON.parse(value) as unknown };
      } catch {
        const message = `${MATCHING_LABEL}: 不是有效的 JSON（expected JSON like {"intercept":…,"slope":…,"top":…,"threshold":…}）`;
        r.error({ sheet: infoSheet.name, row: n, column: 'B 值' }, message);
      }
    } else if (what === 'reuse') {
      header.reuse = { threshold: cellNumber(cell) };
    } else if (what !== null) {
      header[what] = ['yearFrom', 'yearTo', 'version'].includes(what) ? cellNumber(cell) : cellText(cell);
      infoRows.set(what, { sheet: infoSheet.name, row: n, column: 'B 值' });
    }
  });
  for (const f of INFO_FIELDS) {
    if (header[f] === undefined || header[f] === '') {
      r.error(infoRows.get(f) ?? { sheet: infoSheet.name, row: null, column: null }, `${INFO_LABELS[f]}: missing`);
      r.reported.add(f);
      delete header[f];
    }
  }
  return { header, infoSheet, infoRows };
}

/** The status a 计分规则 row names: its code in any case, or its Chinese name; else as written (the validator says why). */
export function statusOf(written: string): string {
  if ((ITEM_STATUSES as readonly string[]).includes(written.toUpperCase())) return written.toUpperCase();
  return Object.entries(STATUS_NAMES).find(([, name]) => name === written)?.[0] ?? written;
}

/** 计分规则 (optional): status → factor in column C; without the sheet, the default scoring. */
function readScoringSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
): { scoring: Record<string, unknown>; scoringSheet: ExcelJS.Worksheet | null; scoringRows: Map<string, Located> } {
  const scoringRows = new Map<string, Located>();
  const scoringSheet = findSheet(wb, [CHECKLIST_SHEETS.scoring, '计分', 'scoring']);
  if (!scoringSheet) {
    r.notes.push(`no ${CHECKLIST_SHEETS.scoring} sheet: the default scoring was used (COVERED 1, PARTIAL 0.5, others 0)`);
    return { scoring: { ...DEFAULT_SCORING }, scoringSheet, scoringRows };
  }
  const scoring: Record<string, unknown> = {};
  scoringSheet.eachRow((row, n) => {
    if (n === 1) return;
    const raw = cellText(row.getCell(1));
    if (!raw) return;
    const status = statusOf(raw);
    scoring[status] = cellNumber(row.getCell(3));
    scoringRows.set(status, { sheet: scoringSheet.name, row: n, column: 'C 系数' });
  });
  return { scoring, scoringSheet, scoringRows };
}

/**
 * A 预警规则 row's setting: 是/启用/yes/1 … on, 否/停用/no/0 … off (anything else as written, for the validator to
 * reject); the severity by its Chinese name or its code in any case.
 */
export function flagSettingOf(on: string, severityText: string): { enabled: unknown; severity: Severity } {
  const severity = (Object.entries(SEVERITY_NAMES).find(([, name]) => name === severityText)?.[0] ??
    severityText.toUpperCase()) as Severity;
  const enabled = /^(?:是|启用|开|y|yes|true|1)$/iu.test(on) ? true : /^(?:否|停用|关|n|no|false|0)$/iu.test(on) ? false : on;
  return { enabled, severity };
}

/** 预警规则 (optional): flag code → enabled (column C) and severity (column D); without the sheet, every flag on. */
function readFlagSheet(
  wb: ExcelJS.Workbook,
  r: WorkbookReport,
): { flags: Record<string, unknown>; flagSheet: ExcelJS.Worksheet | null; flagRows: Map<string, Located> } {
  const flagRows = new Map<string, Located>();
  const flagSheet = findSheet(wb, [CHECKLIST_SHEETS.flags, '预警', 'flags']);
  if (!flagSheet) {
    r.notes.push(`no ${CHECKLIST_SHEETS.flags} sheet: every flag is on with its default severity`);
    return { flags: structuredClone(DEFAULT_FLAGS), flagSheet, flagRows };
  }
  const flags: Record<string, unknown> = {};
  flagSheet.eachRow((row, n) => {
    if (n === 1) return;
    const code = cellText(row.getCell(1)).toUpperCase();
    if (!code) return;
    flags[code] = flagSettingOf(cellText(row.getCell(3)), cellText(row.getCell(4)));
    flagRows.set(code, { sheet: flagSheet.name, row: n, column: null });
  });
  return { flags, flagSheet, flagRows };
}

type ItemsPlaces = Pick<Places, 'itemsSheet' | 'itemRows' | 'columns' | 'headers'>;

/** 条目: one item a row under the header row; a sheet that is missing, has no header row or no items is reported. */
function readItemsSheet(wb: ExcelJS.Workbook, r: WorkbookReport): ItemsPlaces & { items: Array<Record<string, unknown>> } {
  const itemsSheet =
    findSheet(wb, [CHECKLIST_SHEETS.items, '清单', '任务清单', '工作任务清单', 'items']) ??
    wb.worksheets.find((ws) => headerRowOf(ws) !== null) ??
    null;
  const none = { itemsSheet, items: [], itemRows: [], columns: new Map<ItemField, number>(), headers: new Map<number, string>() };
  if (!itemsSheet) {
    r.error(
      { sheet: CHECKLIST_SHEETS.items, row: null, column: null },
      'missing sheet: no sheet has the item columns (编号 and 任务/内容)',
    );
    r.reported.add('items');
    return none;
  }
  const found = headerRowOf(itemsSheet);
  if (!found) {
    const message = 'no header row with the columns 编号 (or 序号) and 任务/内容 in the first 10 rows';
    r.error({ sheet: itemsSheet.name, row: null, column: null }, message);
    r.reported.add('items');
    return none;
  }
  const { columns, headers } = found;
  if (found.ignored.length)
    r.notes.push(`columns ${found.ignored.join(', ')} of sheet ${itemsSheet.name} are not part of the checklist format and were ignored`);
  if (!columns.has('text')) r.notes.push(`sheet ${itemsSheet.name} has no 说明 column: each item's title is also its text`);
  const items: Array<Record<string, unknown>> = [];
  const itemRows: ItemRow[] = [];
  for (let n = found.row + 1; n <= itemsSheet.rowCount; n += 1) {
    const row = itemsSheet.getRow(n);
    const cells: ItemCells = {
      has: (f) => columns.has(f),
      text: (f) => (columns.has(f) ? cellText(row.getCell(columns.get(f)!)) : ''),
      number: (f) => (columns.has(f) ? cellNumber(row.getCell(columns.get(f)!)) : undefined),
    };
    const item = itemOfRow(cells, (f, message) =>
      r.error({ sheet: itemsSheet.name, row: n, column: columnName(headers, columns.get(f)) }, message),
    );
    if (!item) continue;
    items.push(item);
    itemRows.push({ row: n, code: item.code as string });
  }
  if (items.length === 0) {
    r.error({ sheet: itemsSheet.name, row: null, column: null }, 'the sheet has no items');
    r.reported.add('items');
  }
  return { itemsSheet, items, itemRows, columns, headers };
}

/** The cells of one 条目 row, by field: whether the sheet has its column, its text, its number. */
interface ItemCells {
  has(f: ItemField): boolean;
  text(f: ItemField): string;
  number(f: ItemField): number | string | undefined;
}

/**
 * One 条目 row as a checklist-file item: a part (no parent) or an item under one (the parent taken from the code
 * where the sheet has no 上级编号 column). Null for an empty row or one without a code (reported). A part with
 * cells only items have is reported, cell by cell.
 */
export function itemOfRow(cells: ItemCells, report: (f: ItemField, message: string) => void): Record<string, unknown> | null {
  const code = cells.text('code').replace(/[.．。、]$/u, '');
  const title = cells.text('title');
  if (code === '' && title === '') return null; // empty row
  if (code === '') {
    report('code', 'missing: every row needs a code such as 5 or 5.1');
    return null;
  }
  const parent = cells.has('parent') ? cells.text('parent') : code.includes('.') ? code.split('.')[0] : '';
  const item: Record<string, unknown> = { code, title };
  if (parent) item.parent = parent;
  const text = cells.has('text') ? cells.text('text') : title;
  if (text) item.text = text;
  if (!parent) {
    for (const f of ['points', 'keywords', 'together', 'exclude', 'ignore', 'metrics', 'targets'] as const) {
      if (cells.text(f) !== '') report(f, `part ${code} is a heading: it has no ${ITEM_HEADERS[f]}; put it on one of its items`);
    }
    return item;
  }
  const points = cells.number('points');
  if (points !== undefined) item.points = points;
  const match: Record<string, unknown> = {
    keywords: splitWords(cells.text('keywords')),
    together: splitGroups(cells.text('together')),
    exclude: splitReasoned(cells.text('exclude')),
    metrics: splitWords(cells.text('metrics')),
  };
  const ignore = splitReasoned(cells.text('ignore'));
  if (ignore.length) match.ignore = ignore;
  item.match = match;
  const parsed = parseTargets(cells.text('targets'));
  for (const p of parsed.problems) report('targets', p);
  if (parsed.targets.length) item.targets = parsed.targets;
  return item;
}

/**
 * The checklist file's errors, located on the sheets. A header field already reported as missing is not said again;
 * a duplicate code points at the later row and names the first one's.
 */
function reportFileErrors(fileErrors: readonly ChecklistFileError[], places: Places, r: WorkbookReport): void {
  for (const e of fileErrors) {
    if (e.itemCode === null && r.reported.has(e.field)) continue;
    let message = e.message.replace(/ \(line \d+\)$/u, '');
    let where = locate(e.itemCode, e.field, places);
    const duplicate = /^duplicate code: already used by items\[(\d+)\]/u.exec(message);
    if (duplicate && places.itemsSheet) {
      // the file parser names the later item; point at its row and name the first one's
      const first = places.itemRows[Number(duplicate[1])];
      const later = places.itemRows.find((row, i) => row.code === e.itemCode && i !== Number(duplicate[1]));
      message = `duplicate code ${e.itemCode}: already used in row ${first?.row}`;
      if (later) where = { ...where, row: later.row };
    }
    r.error(where, message);
  }
}

export function formatWorkbookErrors(errors: readonly WorkbookError[]): string {
  return errors
    .map((e) => {
      const column = e.column?.split(' ')[0] ?? '';
      const header = e.column?.split(' ').slice(1).join(' ');
      const cell = e.row !== null ? `${column}${e.row}` : column;
      const where = e.sheet ? `${e.sheet}${cell ? `!${cell}` : ''}${header ? ` (${header})` : ''}` : '';
      return [e.file, where, e.message].filter(Boolean).join(': ');
    })
    .join('\n');
}

function findSheet(wb: ExcelJS.Workbook, names: string[]): ExcelJS.Worksheet | null {
  const wanted = names.map((n) => n.toLowerCase());
  return wb.worksheets.find((ws) => wanted.includes(ws.name.trim().toLowerCase())) ?? null;
}

/** The header row: the one in the first 10 rows naming most item columns (at least the code and the title). */
function headerRowOf(
  ws: ExcelJS.Worksheet,
): { row: number; columns: Map<ItemField, number>; headers: Map<number, string>; ignored: string[] } | null {
  let best: { row: number; columns: Map<ItemField, number>; headers: Map<number, string>; ignored: string[] } | null = null;
  for (let n = 1; n <= Math.min(10, ws.rowCount); n += 1) {
    const headers = new Map<number, string>();
    ws.getRow(n).eachCell((cell, col) => {
      const t = cellText(cell);
      if (t) headers.set(col, t);
    });
    const columns = new Map<ItemField, number>();
    const unmatched: Array<[number, string]> = [];
    for (const [col, text] of headers) {
      const h = normaliseHeader(text);
      const field = (Object.keys(HEADER_ALIASES) as ItemField[]).find(
        (f) => !columns.has(f) && HEADER_ALIASES[f].some((alias) => normaliseHeader(alias) === h),
      );
      if (field) columns.set(field, col);
      else unmatched.push([col, text]);
    }
    const ignored: string[] = [];
    for (const [col, text] of unmatched) {
      if (normaliseHeader(text) === '内容' && !columns.has('title')) columns.set('title', col);
      else if (normaliseHeader(text) === '内容' && !columns.has('text')) columns.set('text', col);
      else ignored.push(text);
    }
    if (!columns.has('code') || !columns.has('title')) continue;
    if (!best || columns.size > best.columns.size) best = { row: n, columns, headers, ignored };
  }
  if (best) best.ignored = best.ignored.map((t) => (IGNORED_HEADERS.includes(normaliseHeader(t)) ? t : `${t} (unknown)`));
  return best;
}

/** The 条目 column of a checklist-file field: `match.keywords[2]` → keywords, `targets[0].op` → targets. */
function columnOfField(field: string): ItemField | null {
  const head = field.split(/[.[]/u)[0];
  if (head === 'match') {
    const sub = field.split('.')[1]?.replace(/\[.*$/u, '') ?? '';
    return (['keywords', 'together', 'exclude', 'ignore', 'metrics'] as const).find((k) => k === sub) ?? 'keywords';
  }
  if (head === 'targets') return 'targets';
  if (head === 'assessable') return 'parent';
  return (['code', 'parent', 'title', 'text', 'points'] as const).find((k) => k === head) ?? null;
}

function columnName(headers: Map<number, string>, col: number | undefined): string | null {
  return col === undefined ? null : `${columnLetter(col)} ${headers.get(col) ?? ''}`.trim();
}

interface Places {
  itemsSheet: ExcelJS.Worksheet | null;
  itemRows: ItemRow[];
  columns: Map<ItemField, number>;
  headers: Map<number, string>;
  infoSheet: ExcelJS.Worksheet | null;
  infoRows: Map<string, Located>;
  scoringSheet: ExcelJS.Worksheet | null;
  scoringRows: Map<string, Located>;
  flagSheet: ExcelJS.Worksheet | null;
  flagRows: Map<string, Located>;
}

/** Maps an error of the checklist file (item code + field) back to a sheet, row and column. */
function locate(itemCode: string | null, field: string, p: Places): Located {
  const itemIndex = /^items\[(\d+)\]/u.exec(field);
  const row = itemCode !== null ? p.itemRows.find((r) => r.code === itemCode) : itemIndex ? p.itemRows[Number(itemIndex[1])] : undefined;
  if (row && p.itemsSheet) {
    const key = columnOfField(field.replace(/^items\[\d+\]\.?/u, ''));
    return { sheet: p.itemsSheet.name, row: row.row, column: key ? columnName(p.headers, p.columns.get(key)) : null };
  }
  const [head = '', sub] = field.split('.');
  if (head === 'scoring')
    return sub && p.scoringRows.has(sub)
      ? p.scoringRows.get(sub)!
      : { sheet: p.scoringSheet?.name ?? CHECKLIST_SHEETS.scoring, row: null, column: null };
  if (head === 'flags')
    return sub && p.flagRows.has(sub)
      ? p.flagRows.get(sub)!
      : { sheet: p.flagSheet?.name ?? CHECKLIST_SHEETS.flags, row: null, column: null };
  if ((INFO_FIELDS as readonly string[]).includes(head))
    return p.infoRows.get(head) ?? { sheet: p.infoSheet?.name ?? CHECKLIST_SHEETS.info, row: null, column: null };
  if (head === 'items') return { sheet: p.itemsSheet?.name ?? CHECKLIST_SHEETS.items, row: null, column: null };
  return { sheet: '', row: null, column: null };
}
