/** Words and colours of the exports (Chinese for the people reading them; codes kept beside them). */
import type { TargetCheck } from '../assessment/types';
import type { FlagCode, ItemStatus, Severity } from '../checklist/types';
import type { EvidenceQuote } from './district-data';

/** Item status in words. */
export const STATUS_LABELS: Record<ItemStatus, string> = {
  COVERED: '已覆盖',
  PARTIAL: '部分覆盖',
  PLANNED_ONLY: '仅有计划',
  NEGATIVE_ONLY: '仅有问题',
  MISSING: '缺失',
  NOT_APPLICABLE: '不适用',
};

/** Item status in one or two characters, for the matrix cells. */
export const STATUS_SHORT: Record<ItemStatus, string> = {
  COVERED: '覆盖',
  PARTIAL: '部分',
  PLANNED_ONLY: '计划',
  NEGATIVE_ONLY: '问题',
  MISSING: '缺失',
  NOT_APPLICABLE: '不适用',
};

/** Fill colour (ARGB) of a status: green, yellow, blue, orange, red, grey. */
export const STATUS_FILLS: Record<ItemStatus, string> = {
  COVERED: 'FFC6EFCE',
  PARTIAL: 'FFFFEB9C',
  PLANNED_ONLY: 'FFDDEBF7',
  NEGATIVE_ONLY: 'FFF8CBAD',
  MISSING: 'FFFFC7CE',
  NOT_APPLICABLE: 'FFD9D9D9',
};

export const SEVERITY_LABELS: Record<Severity, string> = { ERROR: '严重', WARNING: '警告', INFO: '提示' };

export const SEVERITY_FILLS: Record<Severity, string> = { ERROR: 'FFFFC7CE', WARNING: 'FFFFEB9C', INFO: 'FFDDEBF7' };

export const FLAG_LABELS: Record<FlagCode, string> = {
  NO_EVIDENCE: '无佐证',
  ONLY_PLANNED: '仅有计划',
  SHORTCOMING_REPORTED: '报告了不足',
  TARGET_NOT_MET: '指标未达标',
  TARGET_NOT_REPORTED: '指标未报告',
  LINK_UNREVIEWED: '佐证未审核',
  REPORT_MISSING: '未报送报告',
};

/** Fill colour of a coverage ratio: green from 80%, yellow from 50%, orange above 0, red at 0. */
export function coverageFill(ratio: number): string {
  if (ratio >= 0.8) return 'FFC6EFCE';
  if (ratio >= 0.5) return 'FFFFEB9C';
  if (ratio > 0) return 'FFF8CBAD';
  return 'FFFFC7CE';
}

/**
 * Where a quote stands: the section path with its last step replaced by the heading
 * (`一/（三）深化…` for path `一/（三）` and heading `（三）深化…`); 开头 for the preamble.
 */
export function sectionLabel(quote: Pick<EvidenceQuote, 'sectionPath' | 'sectionHeading'>): string {
  if (quote.sectionPath === '0') return '开头';
  if (!quote.sectionHeading) return quote.sectionPath;
  const steps = quote.sectionPath.split('/');
  const last = steps.pop() ?? '';
  if (!quote.sectionHeading.startsWith(last.replace(/~\d+$/u, ''))) return `${quote.sectionPath} ${quote.sectionHeading}`;
  return [...steps, quote.sectionHeading].join('/');
}

/** `[一/（三）深化…] 全年受理…` — a quote with its report section. */
export function formatQuote(quote: EvidenceQuote): string {
  return `[${sectionLabel(quote)}] ${quote.text}`;
}

/**
 * Quotes for a list of claim ids, one per line, at most `max` (then `……另有 N 条`); ids
 * without a stored claim are shown as `(claim N)`.
 */
export function formatQuotes(ids: readonly string[], quotes: ReadonlyMap<string, EvidenceQuote>, max = 5): string {
  const shown = ids.slice(0, max).map((id) => {
    const q = quotes.get(id);
    return q ? formatQuote(q) : `(claim ${id})`;
  });
  if (ids.length > max) shown.push(`……另有 ${ids.length - max} 条`);
  return shown.join('\n');
}

const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=' };

/** A reported value against its target: `COURT_APPEARANCE_RATE：100%（目标 ≥ 100%）达标`. */
export function formatTargetCheck(check: TargetCheck): string {
  const target =
    check.op !== null && check.threshold !== null ? `目标 ${OPS[check.op] ?? check.op} ${check.threshold}${check.unit}` : '无目标值';
  if (check.value === null) return `${check.metric}：未报告（${target}）`;
  const qualifier = check.qualifier === 'APPROX' ? '约' : '';
  const atLeast = check.qualifier === 'AT_LEAST' ? '以上' : '';
  const verdict = check.met === true ? '达标' : check.met === false ? '未达标' : check.op === null ? '仅记录' : '无法判断';
  return `${check.metric}：${qualifier}${check.value}${check.unit}${atLeast}（${target}）${verdict}`;
}

/** Excel's limit on the characters of a cell. */
export const MAX_CELL_CHARS = 32767;

/** Text cut to fit a cell. */
export function fitCell(text: string): string {
  return text.length <= MAX_CELL_CHARS ? text : `${text.slice(0, MAX_CELL_CHARS - 20)}……（已截断）`;
}

/** A unit's totals, as column headers of the summary sheet and the matrix CSV (in this order). */
export const UNIT_TOTAL_COLUMNS = [
  '得分（建议）',
  '得分（确认）',
  '已覆盖（建议）',
  '部分覆盖（建议）',
  '可考核条目',
  '覆盖率（建议）',
  '已覆盖（确认）',
  '覆盖率（确认）',
  '预警数',
] as const;
