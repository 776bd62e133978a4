/** Words and colours of the exports (Chinese for the people reading them; codes kept beside them). */
import type { TargetCheck } from '../assessment/types';
import { FLAG_CODES, ITEM_STATUSES, type ItemStatus, type Severity } from '../checklist/types';
import { DEFAULT_LOCALE, t, type Locale } from '../i18n/messages';
import type { EvidenceQuote } from './district-data';

/** Item status in words (catalogue `status.*`). */
export const STATUS_LABELS = labelsOf(ITEM_STATUSES, 'status');

/** Item status in one or two characters, for the matrix cells (catalogue `statusShort.*`). */
export const STATUS_SHORT = labelsOf(ITEM_STATUSES, 'statusShort');

/** Fill colour (ARGB) of a status: green, yellow, blue, orange, red, grey. */
export const STATUS_FILLS: Record<ItemStatus, string> = {
  COVERED: 'FFC6EFCE',
  PARTIAL: 'FFFFEB9C',
  PLANNED_ONLY: 'FFDDEBF7',
  NEGATIVE_ONLY: 'FFF8CBAD',
  MISSING: 'FFFFC7CE',
  NOT_APPLICABLE: 'FFD9D9D9',
};

const SEVERITIES: readonly Severity[] = ['ERROR', 'WARNING', 'INFO'];

export const SEVERITY_LABELS = labelsOf(SEVERITIES, 'severity');

export const SEVERITY_FILLS: Record<Severity, string> = { ERROR: 'FFFFC7CE', WARNING: 'FFFFEB9C', INFO: 'FFDDEBF7' };

/** A short label per flag code (catalogue `flagLabel.*`). */
export const FLAG_LABELS = labelsOf(FLAG_CODES, 'flagLabel');

/** `{ CODE: text of `${prefix}.CODE` }` for a list of codes, in a locale (default zh). */
export function labelsOf<T extends string>(codes: readonly T[], prefix: string, locale: Locale = DEFAULT_LOCALE): Record<T, string> {
  return Object.fromEntries(codes.map((code) => [code, t(`${prefix}.${code}`, undefined, locale)])) as Record<T, string>;
}

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
  if (ids.length > max) shown.push(t('quotes.more', { count: ids.length - max }));
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
  t('column.scoreProposed'),
  t('column.scoreConfirmed'),
  t('column.coveredProposed'),
  t('column.partialProposed'),
  t('column.assessable'),
  t('column.ratioProposed'),
  t('column.coveredConfirmed'),
  t('column.ratioConfirmed'),
  t('column.flagCount'),
] as const;
