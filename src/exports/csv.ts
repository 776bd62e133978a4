/**
 * The district export as CSV (pure): the unit × item matrix and the flags, UTF-8 with a
 * byte-order mark so that Excel shows the Chinese text. Statuses, severities and flag
 * codes are the stable codes of the API (COVERED, ERROR, NO_EVIDENCE …).
 */
import { stringify } from 'csv-stringify/sync';
import { FLAG_CODES } from '../checklist/types';
import { DEFAULT_LOCALE, render, t, type Locale } from '../i18n/messages';
import type { DistrictData } from './district-data';
import { formatQuotes, labelsOf, UNIT_TOTAL_COLUMNS } from './labels';
import { districtFlags } from './workbook';

/** Columns of the matrix CSV before the item codes. */
export const MATRIX_CSV_COLUMNS = [t('column.unit'), t('column.report'), t('column.rank'), ...UNIT_TOTAL_COLUMNS] as const;

/** Columns of the flags CSV. */
const FLAGS_CSV_KEYS = [
  'column.unit',
  'column.year',
  'column.severity',
  'column.code',
  'column.flag',
  'column.item',
  'column.itemTitle',
  'column.explanation',
  'column.quotes',
];
export const FLAGS_CSV_COLUMNS = FLAGS_CSV_KEYS.map((key) => t(key));

/** One row per unit (by name): totals, then the status code of each item (proposed view). */
export function matrixCsv(data: DistrictData): string {
  const rows = data.units.map((u) => {
    const r = u.result;
    const byCode = new Map(r.items.map((i) => [i.code, i.status]));
    return [
      u.unit.name,
      u.report ? u.report.source : '',
      u.rank,
      r.score.proposed.normalised,
      r.score.confirmed.normalised,
      r.coverage.proposed.covered,
      r.coverage.proposed.partial,
      r.coverage.proposed.assessable,
      round(r.coverage.proposed.ratio),
      r.coverage.confirmed.covered,
      round(r.coverage.confirmed.ratio),
      r.flags.length,
      ...data.columns.map((c) => byCode.get(c.code) ?? 'MISSING'),
    ];
  });
  return stringify([[...MATRIX_CSV_COLUMNS, ...data.columns.map((c) => c.code)], ...rows], { bom: true, record_delimiter: 'windows' });
}

/** One row per flag, most severe first, then by unit (the order of the GraphQL `flags` query); texts in `locale`. */
export function flagsCsv(data: DistrictData, locale: Locale = DEFAULT_LOCALE): string {
  const titles = new Map(data.columns.map((c) => [c.code, c.title]));
  const labels = labelsOf(FLAG_CODES, 'flagLabel', locale);
  const rows = districtFlags(data).map(({ unit, flag }) => [
    unit.unit.name,
    data.year,
    flag.severity,
    flag.code,
    labels[flag.code],
    flag.itemCode ?? '',
    flag.itemCode ? (titles.get(flag.itemCode) ?? '') : '',
    flag.text ? render(flag.text, locale) : flag.message,
    formatQuotes(flag.claimIds, unit.quotes, 3),
  ]);
  return stringify([FLAGS_CSV_KEYS.map((key) => t(key, undefined, locale)), ...rows], { bom: true, record_delimiter: 'windows' });
}

function round(ratio: number): number {
  return Math.round(ratio * 10000) / 10000;
}
