/**
 * The district export as files: what the export command writes and what a GraphQL download
 * serves. One entry point, `writeDistrictExport`.
 */
import type { DataSource } from 'typeorm';
import { flagsCsv, matrixCsv } from './csv';
import { gatherDistrictData, type DistrictData, type DistrictExportRequest } from './district-data';
import { buildDistrictWorkbook, workbookBuffer } from './workbook';
import { DEFAULT_LOCALE, type Locale } from '../i18n/messages';

/** The export formats. */
export type DistrictExportFormat = 'xlsx' | 'csv';

/** One file of an export. */
export interface ExportFile {
  /** `workbook` (xlsx), or the `matrix` and `flags` CSVs */
  role: 'workbook' | 'matrix' | 'flags';
  /** a suggested file name, e.g. `南开区-2023.xlsx`, `南开区-2023.csv`, `南开区-2023-flags.csv` */
  fileName: string;
  contentType: string;
  data: Buffer;
}

const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/**
 * Builds the export of a district for a year: one .xlsx workbook, or two CSV files (the
 * unit × item matrix and the flags, UTF-8 with BOM). The numbers are those of the GraphQL
 * queries coverageMatrix, ranking and flags for the same checklist, year and parent.
 * Throws `BadInputError` for an unknown parent or checklist, or a year no checklist covers.
 */
export async function writeDistrictExport(
  dataSource: DataSource,
  request: DistrictExportRequest & { format: DistrictExportFormat; locale?: Locale },
): Promise<ExportFile[]> {
  return districtExportFiles(await gatherDistrictData(dataSource, request), request.format, request.locale);
}

/**
 * The files of an export from gathered data: the workbook, or the matrix and flags CSVs.
 * The flags CSV follows `locale` (columns, labels, messages); the workbook is Chinese.
 */
export async function districtExportFiles(
  data: DistrictData,
  format: DistrictExportFormat,
  locale: Locale = DEFAULT_LOCALE,
): Promise<ExportFile[]> {
  const base = `${data.parent.name}-${data.year}`;
  if (format === 'xlsx') {
    return [
      {
        role: 'workbook',
        fileName: `${base}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
        data: await workbookBuffer(buildDistrictWorkbook(data)),
      },
    ];
  }
  return [
    { role: 'matrix', fileName: `${base}.csv`, contentType: CSV_CONTENT_TYPE, data: Buffer.from(matrixCsv(data), 'utf8') },
    { role: 'flags', fileName: `${base}-flags.csv`, contentType: CSV_CONTENT_TYPE, data: Buffer.from(flagsCsv(data, locale), 'utf8') },
  ];
}
