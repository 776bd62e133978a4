/**
 * `npm run export -- --year 2023 --parent 南开区 --format xlsx|csv --out FILE [--checklist KEY[@VERSION]]`
 * writes a district's assessment as a workbook (汇总, 矩阵, one sheet per unit, 预警) or as two
 * CSV files: FILE (the unit × item matrix) and FILE with `-flags` before its extension (the
 * flags), UTF-8 with BOM. The numbers are those of the GraphQL queries.
 *
 * `npm run export -- --checklist-template --out FILE.xlsx [--from CHECKLIST.yaml]` writes a
 * checklist (default: the demo checklist, seeds/checklist.yaml) as the template workbook
 * that `import-checklist` reads back.
 *
 * Exit code 0 on success, 2 for bad arguments or input (unknown unit, no checklist for the
 * year, an invalid checklist file).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { Command } from 'commander';
import { parseCommandLine } from './command-line';
import type { DataSource } from 'typeorm';
import { formatChecklistErrors, loadChecklistFile } from '../checklist/checklist-file';
import { checklistWorkbookBuffer } from '../checklist/checklist-xlsx';
import { Checklist } from '../checklist/checklist.entity';
import { gatherDistrictData, type DistrictData } from '../exports/district-data';
import { districtExportFiles, type DistrictExportFormat, type ExportFile } from '../exports/district-export';
import { SHEETS } from '../exports/workbook';
import { BadInputError } from '../graphql/relay';
import { projectRoot } from '../common/project-root';
import { resolveUnitName, suggestUnitNames } from '../units/unit-names';
import { Unit } from '../units/unit.entity';
import { openDatabase } from './open-database';
import { formatTable } from './text-table';
import { localeFromEnv, t } from '../i18n/messages';

/** Where the command writes. */
export interface ExportIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** An open database (tests pass their own; the command opens the configured one). */
export interface ExportServices {
  dataSource: DataSource;
}

interface Options {
  year?: string;
  parent?: string;
  format?: string;
  out?: string;
  checklist?: string;
  checklistTemplate?: boolean;
  from?: string;
}

const EXIT_USAGE = 2;

/** A district export asked for: the year, the district's name and the file format. */
interface DistrictRequest {
  year: number;
  parent: string;
  format: DistrictExportFormat;
}

/**
 * Runs the export command with user arguments and returns the exit code. Without
 * `services`, opens the database like `npm start` does and closes it at the end.
 */
export async function runExportCli(
  argv: string[],
  io: ExportIO = { stdout: process.stdout, stderr: process.stderr },
  services?: ExportServices,
): Promise<number> {
  const parsed = await parseExportArgs(argv, io);
  if (typeof parsed === 'number') return parsed;
  const fail = (message: string): number => {
    io.stderr.write(`export: ${message}\n`);
    return EXIT_USAGE;
  };
  const options = parsed;
  if (!options.out) return fail('--out FILE is required');
  const out = options.out;
  if (options.checklistTemplate) return writeChecklistTemplate(out, options.from, io, fail);

  const request = districtRequest(options, out);
  if (typeof request === 'string') return fail(request);
  let opened: Awaited<ReturnType<typeof openDatabase>> | null = null;
  if (!services) {
    try {
      opened = await openDatabase();
    } catch (e) {
      return fail(e instanceof Error ? e.message : String(e));
    }
  }
  try {
    return await writeDistrictExport(services?.dataSource ?? opened!.dataSource, request, options.checklist, out, io, fail);
  } finally {
    if (opened) await opened.dataSource.destroy();
  }
}

/** The options given, or the exit code where commander has answered already (help, or a usage error it printed). */
async function parseExportArgs(argv: string[], io: ExportIO): Promise<Options | number> {
  let options: Options = {};
  const program = new Command()
    .name('fazhi export')
    .description('Export a district assessment as .xlsx or CSV, or the checklist template as .xlsx')
    .option('--year <n>', 'the year assessed')
    .option('--parent <name>', 'the district (or any unit) whose reporting units are exported')
    .option('--format <xlsx|csv>', 'xlsx (default for a .xlsx --out) or csv (FILE and FILE-flags)')
    .option('--out <file>', 'where to write')
    .option('--checklist <key[@version]>', 'the checklist (default: the latest version covering the year)')
    .option('--checklist-template', 'write the checklist template workbook instead')
    .option('--from <checklist.yaml>', 'the checklist file of the template (default seeds/checklist.yaml)')
    .action((o: Options) => {
      options = o;
    });
  const stop = await parseCommandLine(program, argv, io, EXIT_USAGE);
  if (stop !== null) return stop;
  return options;
}

/** `--checklist-template`: the checklist file (default seeds/checklist.yaml) as the template workbook. */
async function writeChecklistTemplate(
  out: string,
  from: string | undefined,
  io: ExportIO,
  fail: (message: string) => number,
): Promise<number> {
  if (extname(out).toLowerCase() !== '.xlsx') return fail('the checklist template is an .xlsx workbook: give --out FILE.xlsx');
  const source = from ?? join(projectRoot(), 'seeds', 'checklist.yaml');
  const parsed = loadChecklistFile(source);
  if (!parsed.checklist) return fail(`the checklist file is invalid:\n${formatChecklistErrors(parsed.errors)}`);
  write(out, await checklistWorkbookBuffer(parsed.checklist));
  io.stdout.write(
    `wrote ${out}: checklist ${parsed.checklist.key} v${parsed.checklist.version}, ${parsed.checklist.items.length} rows (sheets 清单信息, 计分规则, 预警规则, 条目)\n`,
  );
  return 0;
}

/**
 * The district export the options ask for, or what is wrong with them: a four-digit `--year`, a `--parent`, and a
 * format (`--format`, else from the `--out` extension).
 */
export function districtRequest(options: Pick<Options, 'year' | 'parent' | 'format'>, out: string): DistrictRequest | string {
  if (!options.year || !/^\d{4}$/u.test(options.year.trim()))
    return `--year must be a four-digit year${options.year ? `, got "${options.year}"` : ''}`;
  const year = Number(options.year.trim());
  if (!options.parent) return '--parent NAME is required (a district, e.g. 南开区)';
  const ext = extname(out).toLowerCase();
  const format = (options.format ?? (ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : '')).toLowerCase();
  if (format !== 'xlsx' && format !== 'csv') return '--format must be xlsx or csv (or give --out a .xlsx or .csv name)';
  return { year, parent: options.parent, format };
}

/** The district's assessment written to `out` (and its flags file for CSV), with the ranking printed. */
async function writeDistrictExport(
  ds: DataSource,
  request: DistrictRequest,
  checklistSpec: string | undefined,
  out: string,
  io: ExportIO,
  fail: (message: string) => number,
): Promise<number> {
  const units = await ds.getRepository(Unit).find();
  const parent = resolveUnitName(units, request.parent);
  if (!parent) return fail(unknownUnitMessage(request.parent, units));
  let checklistId: number | null = null;
  if (checklistSpec) {
    const found = await findChecklist(ds, checklistSpec);
    if (!found) return fail(`no checklist ${checklistSpec}`);
    checklistId = found.id;
  }
  let data: DistrictData;
  try {
    data = await gatherDistrictData(ds, { year: request.year, parentUnitId: parent.id, checklistId });
  } catch (e) {
    if (e instanceof BadInputError) return fail(e.message);
    throw e;
  }
  const files = await districtExportFiles(data, request.format, localeFromEnv());
  const flags = data.units.reduce((n, u) => n + u.result.flags.length, 0);
  io.stdout.write(`${districtHeadline(data, request.year, flags)}\n\n`);
  io.stdout.write(rankingTable(data));
  io.stdout.write('\n');
  for (const file of files) {
    const path = file.role === 'flags' ? flagsPath(out) : out;
    write(path, file.data);
    const what = describe(
      file,
      data.units.map((u) => u.unit.name),
      flags,
      data.columns.length,
    );
    io.stdout.write(`wrote ${path}: ${what} (${Math.ceil(file.data.length / 1024)} KB)\n`);
  }
  return 0;
}

function unknownUnitMessage(name: string, units: Unit[]): string {
  const close = suggestUnitNames(units, name);
  return `unknown unit "${name}"${close.length ? `; did you mean ${close.join(', ')}?` : units.length === 0 ? ': the database has no units (run npm start once)' : ''}`;
}

/** `KEY@VERSION`, or `KEY` for its latest version. */
function findChecklist(ds: DataSource, spec: string): Promise<Checklist | null> {
  const [key, version] = spec.split('@');
  return ds.getRepository(Checklist).findOne({
    where: version ? { key, version: Number(version) } : { key },
    order: { version: 'DESC' },
  });
}

/** `南开区 2023, checklist KEY vN: 2 reporting units (1 with a report), 31 items, 5 flags`. */
function districtHeadline(data: DistrictData, year: number, flags: number): string {
  const withReport = data.units.filter((u) => u.hasReport).length;
  return `${data.parent.name} ${year}, checklist ${data.checklist.key} v${data.checklist.version}: ${data.units.length} reporting units (${withReport} with a report), ${data.columns.length} items, ${flags} flags`;
}

/** The units by rank (then name): score, coverage, flags and the report read. */
function rankingTable(data: DistrictData): string {
  return formatTable(
    ['column.rank', 'column.unit', 'column.score', 'column.covered', 'column.partial', 'column.flagCount', 'column.report'].map((key) =>
      t(key, undefined, localeFromEnv()),
    ),
    [...data.units]
      .sort((a, b) => a.rank - b.rank || (a.unit.name < b.unit.name ? -1 : 1))
      .map((u) => [
        String(u.rank),
        u.unit.name,
        u.result.score.proposed.normalised.toFixed(2),
        `${u.result.coverage.proposed.covered}/${u.result.coverage.proposed.assessable}`,
        String(u.result.coverage.proposed.partial),
        String(u.result.flags.length),
        u.report?.source ?? 'none (REPORT_MISSING)',
      ]),
    [0, 2, 3, 4, 5],
  );
}

/** `out/南开区-2023.csv` → `out/南开区-2023-flags.csv`. */
export function flagsPath(out: string): string {
  const ext = extname(out);
  return join(dirname(out), `${basename(out, ext)}-flags${ext || '.csv'}`);
}

function describe(file: ExportFile, units: string[], flags: number, items: number): string {
  if (file.role === 'workbook') return `sheets ${[SHEETS.summary, SHEETS.matrix, ...units, SHEETS.flags, SHEETS.metrics].join(', ')}`;
  if (file.role === 'matrix') return `matrix, ${units.length} units × ${items} items`;
  return `${flags} flags`;
}

function write(path: string, data: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

if (require.main === module) {
  process.env.TZ = 'UTC';
  runExportCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`export: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
