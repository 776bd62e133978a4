import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { CHECKLIST_SHEETS } from '../../src/checklist/checklist-xlsx';
import { Checklist } from '../../src/checklist/checklist.entity';
import { runExportCli } from '../../src/cli/export';
import { runImportChecklistCli } from '../../src/cli/import-checklist';
import { writeDistrictExport, type ExportFile } from '../../src/exports/district-export';
import { FLAGS_CSV_COLUMNS, MATRIX_CSV_COLUMNS } from '../../src/exports/csv';
import { FLAG_LABELS, SEVERITY_LABELS, STATUS_LABELS, STATUS_SHORT } from '../../src/exports/labels';
import { FLAG_COLUMNS, HEADER_ROW, SHEETS, SUMMARY_COLUMNS, UNIT_COLUMNS } from '../../src/exports/workbook';
import { BadInputError } from '../../src/graphql/relay';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { Unit } from '../../src/units/unit.entity';
import type { ItemStatus } from '../../src/checklist/types';
import { TestClient } from '../helpers/graphql';
import { demoChecklist } from '../helpers/seeds';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

/** the seed checklist's version (raised whenever its rules change) */
const SEED_VERSION = demoChecklist().version;

let db: TestDatabase;
let client: TestClient;
let nankai: { dbId: number; id: string };

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  client = new TestClient(db);
  const found = await client.data<{ units: { edges: { node: { id: string; name: string } }[] } }>(
    `{ units(filter: { nameContains: "南开区" }) { edges { node { id name } } } }`,
  );
  const unit = await db.dataSource.getRepository(Unit).findOneByOrFail({ name: '南开区' });
  nankai = { dbId: unit.id, id: found.units.edges.find((e) => e.node.name === '南开区')!.node.id };
});
afterAll(async () => db?.close());

interface MatrixAnswer {
  coverageMatrix: {
    columns: { code: string }[];
    rows: {
      unit: { id: string; name: string };
      hasReport: boolean;
      cells: { code: string; status: ItemStatus; confirmedStatus: ItemStatus }[];
      confirmed: { covered: number; partial: number; assessable: number; ratio: number };
      proposed: { covered: number; partial: number; assessable: number; ratio: number };
      score: { proposed: { normalised: number }; confirmed: { normalised: number } };
      rank: number;
      flagCount: number;
    }[];
    itemTotals: { code: string; covered: number }[];
  };
  ranking: { rank: number; unit: { name: string }; score: number }[];
  flags: {
    totalCount: number;
    edges: { node: { code: string; severity: string; itemCode: string | null; message: string; unit: { name: string } } }[];
  };
}

const QUERY = `query($year: Int!, $parent: ID!) {
  coverageMatrix(year: $year, parentUnitId: $parent) {
    columns { code }
    rows {
      unit { id name } hasReport rank flagCount
      cells { code status confirmedStatus }
      confirmed { covered partial assessable ratio }
      proposed { covered partial assessable ratio }
      score { proposed { normalised } confirmed { normalised } }
    }
    itemTotals { code covered }
  }
  ranking(year: $year, parentUnitId: $parent) { rank unit { name } score }
  flags(first: 200, filter: { year: $year, unitIds: [$parent] }) { totalCount edges { node { code severity itemCode message unit { name } } } }
}`;

const ASSESSMENT = `query($unit: ID!, $year: Int!) {
  assessment(unitId: $unit, year: $year) {
    items { code title status confirmedStatus score flags { code } evidence { claim { text sectionPath } } targets { metric value } }
  }
}`;

/** The rows of a sheet's table as objects keyed by the header texts. */
function table(ws: ExcelJS.Worksheet, headerRow: number): Array<Record<string, string | number | null>> {
  const headers: string[] = [];
  ws.getRow(headerRow).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col] = cell.text;
  });
  const rows: Array<Record<string, string | number | null>> = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r += 1) {
    const row = ws.getRow(r);
    if (!row.hasValues) break;
    const out: Record<string, string | number | null> = {};
    headers.forEach((h, col) => {
      if (!h) return;
      const cell = row.getCell(col);
      out[h] = typeof cell.value === 'number' ? cell.value : cell.value === null ? null : cell.text;
    });
    rows.push(out);
  }
  return rows;
}

const SHORT_TO_STATUS = new Map(Object.entries(STATUS_SHORT).map(([status, short]) => [short, status]));
const LABEL_TO_STATUS = new Map(Object.entries(STATUS_LABELS).map(([status, label]) => [label, status]));

/** A minimal RFC 4180 reader for the test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

describe.each([2022, 2023])('the 南开区 %i export agrees with GraphQL', (year) => {
  let answer: MatrixAnswer;
  let wb: ExcelJS.Workbook;
  let files: ExportFile[];

  beforeAll(async () => {
    answer = await client.data<MatrixAnswer>(QUERY, { year, parent: nankai.id });
    files = await writeDistrictExport(db.dataSource, { year, parentUnitId: nankai.dbId, format: 'xlsx' });
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files[0]!.data as unknown as ArrayBuffer);
  });

  it('is one .xlsx with the summary, matrix, one sheet per unit and the flags', () => {
    expect(files.map((f) => [f.role, f.fileName, f.contentType])).toEqual([
      ['workbook', `南开区-${year}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEETS.summary, SHEETS.matrix, '万兴街', '王顶堤街', SHEETS.flags, SHEETS.metrics]);
  });

  it("指标: each unit's COURT_APPEARANCE_RATE as districtMetric gives it, beside the 7.4 target", async () => {
    const d = (
      await client.data(
        `query($parent: ID!, $year: Int!) { districtMetric(parentUnitId: $parent, metric: "COURT_APPEARANCE_RATE", year: $year) {
          values { unit { name } display met claim { text } } } }`,
        { year, parent: nankai.id },
      )
    ).districtMetric;
    const rows = table(wb.getWorksheet(SHEETS.metrics)!, HEADER_ROW.metrics).filter((r) => r['指标'] === 'COURT_APPEARANCE_RATE');
    for (const v of d.values as Array<{ unit: { name: string }; display: string; met: boolean | null; claim: { text: string } | null }>) {
      const got = rows.find((r) => r['单位'] === v.unit.name)!;
      expect(got['目标']).toBe('≥ 100%');
      expect(got['条目']).toMatch(/^7\.4 /);
      if (v.claim) {
        expect(got['本年数值']).toBe(v.display);
        expect(got['是否达标']).toBe(v.met ? '达标' : '未达标');
        expect(String(got['依据（摘录）'])).toContain(v.claim.text);
      } else expect(['未报送', '未报告']).toContain(got['本年数值']);
    }
    expect(rows.find((r) => r['单位'] === '统计')).toBeDefined();
  });

  it('汇总: rank, scores, coverage counts and flag counts of every unit', () => {
    const summary = table(wb.getWorksheet(SHEETS.summary)!, HEADER_ROW.summary);
    expect(summary).toHaveLength(answer.coverageMatrix.rows.length);
    for (const row of answer.coverageMatrix.rows) {
      const got = summary.find((r) => r['单位'] === row.unit.name)!;
      expect(got).toMatchObject({
        排名: row.rank,
        '得分（建议）': row.score.proposed.normalised,
        '得分（确认）': row.score.confirmed.normalised,
        '已覆盖（建议）': row.proposed.covered,
        '部分覆盖（建议）': row.proposed.partial,
        可考核条目: row.proposed.assessable,
        '覆盖率（建议）': row.proposed.ratio,
        '已覆盖（确认）': row.confirmed.covered,
        '覆盖率（确认）': row.confirmed.ratio,
        预警数: row.flagCount,
      });
      expect(got['报告'] === '未报送').toBe(!row.hasReport);
    }
    // ordered by rank, as the ranking query
    expect(summary.map((r) => [r['排名'], r['单位']])).toEqual(answer.ranking.map((r) => [r.rank, r.unit.name]));
    const headers = Object.keys(summary[0]!);
    expect(headers.slice(0, SUMMARY_COLUMNS.length)).toEqual([...SUMMARY_COLUMNS]);
    expect(headers.slice(SUMMARY_COLUMNS.length).map((h) => h.split(' ')[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });

  it('汇总: cells are coloured by coverage', () => {
    const ws = wb.getWorksheet(SHEETS.summary)!;
    const cell = ws.getRow(HEADER_ROW.summary + 1).getCell(SUMMARY_COLUMNS.indexOf('覆盖率（建议）') + 1);
    expect(cell.numFmt).toBe('0.0%');
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toMatch(/^FF[0-9A-F]{6}$/u);
  });

  it('矩阵: the status of every unit × item, coloured, and the units covering each item', () => {
    const ws = wb.getWorksheet(SHEETS.matrix)!;
    const rows = table(ws, HEADER_ROW.matrix).slice(1); // the row under the codes holds the item titles
    const codes = answer.coverageMatrix.columns.map((c) => c.code);
    for (const row of answer.coverageMatrix.rows) {
      const got = rows.find((r) => r['单位'] === row.unit.name)!;
      expect(codes.map((code) => SHORT_TO_STATUS.get(String(got[code])))).toEqual(row.cells.map((c) => c.status));
    }
    const totals = rows.find((r) => String(r['单位']).startsWith('已覆盖单位数'))!;
    expect(codes.map((code) => totals[code])).toEqual(answer.coverageMatrix.itemTotals.map((t) => t.covered));
    const firstUnitRow = ws.getRow(HEADER_ROW.matrix + 2);
    const status = answer.coverageMatrix.rows[0]!.cells[0]!.status;
    expect((firstUnitRow.getCell(4).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(
      {
        COVERED: 'FFC6EFCE',
        PARTIAL: 'FFFFEB9C',
        PLANNED_ONLY: 'FFDDEBF7',
        NEGATIVE_ONLY: 'FFF8CBAD',
        MISSING: 'FFFFC7CE',
        NOT_APPLICABLE: 'FFD9D9D9',
      }[status],
    );
  });

  it('unit sheets: status, score, flags, evidence quotes with their section and metric values of the assessment query', async () => {
    for (const row of answer.coverageMatrix.rows) {
      const { assessment } = await client.data<{
        assessment: {
          items: {
            code: string;
            status: ItemStatus;
            confirmedStatus: ItemStatus;
            score: number;
            flags: { code: keyof typeof FLAG_LABELS }[];
            evidence: { claim: { text: string; sectionPath: string } }[];
            targets: { metric: string; value: number | null }[];
          }[];
        };
      }>(ASSESSMENT, { unit: row.unit.id, year });
      const items = table(wb.getWorksheet(row.unit.name)!, HEADER_ROW.unit);
      expect(Object.keys(items[0]!)).toEqual([...UNIT_COLUMNS]);
      expect(items.map((i) => i['编号'])).toEqual(assessment.items.map((i) => i.code));
      assessment.items.forEach((item, index) => {
        const got = items[index];
        expect(LABEL_TO_STATUS.get(String(got?.['状态']))).toBe(item.status);
        expect(LABEL_TO_STATUS.get(String(got?.['状态（确认）']))).toBe(item.confirmedStatus);
        expect(got?.['得分']).toBe(item.score);
        expect(String(got?.['预警'] ?? '')).toBe(item.flags.map((f) => `${FLAG_LABELS[f.code]}（${f.code}）`).join('\n'));
        const first = item.evidence[0];
        if (first)
          expect(String(got?.['依据（摘录及章节）'])).toContain(
            first.claim.sectionPath === '0' ? '[开头] ' : `[${first.claim.sectionPath.split('/')[0]}`,
          );
        if (first) expect(String(got?.['依据（摘录及章节）'])).toContain(first.claim.text);
        for (const t of item.targets) {
          expect(String(got?.['指标'])).toContain(t.value === null ? `${t.metric}：未报告` : `${t.metric}：`);
          if (t.value !== null) expect(String(got?.['指标'])).toContain(String(t.value));
        }
      });
    }
  });

  it('预警: every flag of the flags query, most severe first', () => {
    const flags = table(wb.getWorksheet(SHEETS.flags)!, HEADER_ROW.flags);
    expect(Object.keys(flags[0]!)).toEqual([...FLAG_COLUMNS]);
    expect(flags).toHaveLength(answer.flags.totalCount);
    const key = (unit: string, code: string, item: string | null) => `${unit}|${code}|${item ?? ''}`;
    expect(flags.map((f) => key(String(f['单位']), String(f['代码']), f['条目'] ? String(f['条目']) : null)).sort()).toEqual(
      answer.flags.edges.map((e) => key(e.node.unit.name, e.node.code, e.node.itemCode)).sort(),
    );
    const order = ['ERROR', 'WARNING', 'INFO'].map((s) => SEVERITY_LABELS[s as 'ERROR']);
    const ranks = flags.map((f) => order.indexOf(String(f['严重程度'])));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    // 说明 is Chinese by default: every message, e.g. `7.4：报告中没有佐证（…）。`, and no English sentence
    const messages = flags.map((f) => String(f['说明']));
    expect(messages.every((m) => /[\u4e00-\u9fff]/u.test(m) && /[。]$/u.test(m))).toBe(true);
    expect(messages.filter((m) => /no evidence|No report|only planned|shortcoming/u.test(m))).toEqual([]);
    expect(answer.flags.edges.map((e) => e.node.severity)).toEqual(
      flags.map((f) => ['ERROR', 'WARNING', 'INFO'][order.indexOf(String(f['严重程度']))]),
    );
  });

  it('CSV: the matrix and the flags, UTF-8 with BOM, parse back to the same numbers', async () => {
    const csv = await writeDistrictExport(db.dataSource, { year, parentUnitId: nankai.dbId, format: 'csv' });
    expect(csv.map((f) => [f.role, f.fileName])).toEqual([
      ['matrix', `南开区-${year}.csv`],
      ['flags', `南开区-${year}-flags.csv`],
    ]);
    for (const f of csv) expect([...f.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const matrix = parseCsv(csv[0]!.data.toString('utf8').slice(1));
    const codes = answer.coverageMatrix.columns.map((c) => c.code);
    expect(matrix[0]).toEqual([...MATRIX_CSV_COLUMNS, ...codes]);
    for (const row of answer.coverageMatrix.rows) {
      const got = matrix.find((r) => r[0] === row.unit.name)!;
      const at = (h: string) => got[MATRIX_CSV_COLUMNS.indexOf(h as (typeof MATRIX_CSV_COLUMNS)[number])];
      expect(Number(at('排名'))).toBe(row.rank);
      expect(Number(at('得分（建议）'))).toBe(row.score.proposed.normalised);
      expect(Number(at('已覆盖（建议）'))).toBe(row.proposed.covered);
      expect(Number(at('可考核条目'))).toBe(row.proposed.assessable);
      expect(Number(at('覆盖率（建议）'))).toBeCloseTo(row.proposed.ratio, 4);
      expect(Number(at('预警数'))).toBe(row.flagCount);
      expect(got.slice(MATRIX_CSV_COLUMNS.length)).toEqual(row.cells.map((c) => c.status));
    }
    const flags = parseCsv(csv[1]!.data.toString('utf8').slice(1));
    expect(flags[0]).toEqual([...FLAGS_CSV_COLUMNS]);
    expect(flags.length - 1).toBe(answer.flags.totalCount);
    expect(flags.slice(1).map((f) => f[2])).toEqual(answer.flags.edges.map((e) => e.node.severity));
    // 说明 (the message) is Chinese by default, like the flags query without Accept-Language
    const explained = flags.slice(1).map((f) => f[FLAGS_CSV_COLUMNS.indexOf('说明')]);
    expect(explained.every((m) => /[\u4e00-\u9fff]/u.test(m!) && m?.endsWith('。'))).toBe(true);
    expect(explained).toEqual(answer.flags.edges.map((e) => e.node.message));
  });

  it('flags CSV in English when asked (locale en): columns, labels and messages', async () => {
    const [, flagsFile] = await writeDistrictExport(db.dataSource, { year, parentUnitId: nankai.dbId, format: 'csv', locale: 'en' });
    const rows = parseCsv(flagsFile!.data.toString('utf8').slice(1));
    expect(rows[0]).toEqual(['Unit', 'Year', 'Severity', 'Code', 'Flag', 'Item', 'Item title', 'Explanation', 'Evidence (quotes)']);
    const missing = rows.find((r) => r[3] === 'NO_EVIDENCE')!;
    expect(missing[4]).toBe('no evidence');
    expect(missing[7]).toBe(`${missing[5]}: no evidence in the report (no accepted or proposed link).`);
    expect(rows.length).toBe(answer.flags.totalCount + 1);
  });
});

describe("writeDistrictExport within a caller's scope", () => {
  it('leaves out the units outside the scope and refuses a parent outside it, as coverageMatrix does', async () => {
    const units = await db.dataSource.getRepository(Unit).find();
    const id = (name: string) => units.find((u) => u.name === name)!.id;
    const scope = new Set([id('南开区'), id('王顶堤街')]);
    const [csv] = await writeDistrictExport(db.dataSource, { year: 2023, parentUnitId: nankai.dbId, format: 'csv', scope });
    const rows = parseCsv(csv!.data.toString('utf8').slice(1)).slice(1);
    expect(rows.map((r) => [r[0], r[2]])).toEqual([['王顶堤街', '1']]);
    expect(csv?.data.toString('utf8')).not.toContain('万兴街');
    await expect(
      writeDistrictExport(db.dataSource, { year: 2023, parentUnitId: nankai.dbId, format: 'csv', scope: new Set([id('万兴街')]) }),
    ).rejects.toThrow('No such unit');
  });
});

describe('writeDistrictExport input errors', () => {
  it('refuses an unknown parent and a year no checklist covers, as GraphQL does', async () => {
    await expect(writeDistrictExport(db.dataSource, { year: 2023, parentUnitId: 999999, format: 'xlsx' })).rejects.toThrow(BadInputError);
    await expect(writeDistrictExport(db.dataSource, { year: 1999, parentUnitId: nankai.dbId, format: 'csv' })).rejects.toThrow(
      'No checklist covers 1999',
    );
  });
});

/** Captures what a command writes. */
function capture() {
  let out = '';
  let err = '';
  return {
    stdout: { write: (x: string) => (out += x) },
    stderr: { write: (x: string) => (err += x) },
    out: () => out,
    err: () => err,
  };
}

describe('npm run export', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-export-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the workbook and prints the ranking', async () => {
    const io = capture();
    const out = join(dir, 'reports', '南开区-2023.xlsx');
    expect(await runExportCli(['--year', '2023', '--parent', '南开区', '--out', out], io, { dataSource: db.dataSource })).toBe(0);
    expect(io.out()).toMatch(
      new RegExp(
        `^南开区 2023, checklist demo-district-2021 v${SEED_VERSION}: 2 reporting units \\(1 with a report\\), 31 items, \\d+ flags\\n`,
        'u',
      ),
    );
    expect(io.out()).toMatch(/\n\s+1\s+王顶堤街\s+[\d.]+\s+\d+\/31\s+\d+\s+\d+\s+seeds\/reports\/001_84781cc4d090b840\.txt\n/u);
    expect(io.out()).toMatch(/\n\s+2\s+万兴街\s+0\.00\s+0\/31\s+0\s+1\s+none \(REPORT_MISSING\)\n/u);
    expect(io.out()).toContain(`wrote ${out}: sheets 汇总, 矩阵, 万兴街, 王顶堤街, 预警, 指标`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(6);
  });

  it('--format csv writes FILE (the matrix) and FILE-flags', async () => {
    const io = capture();
    const out = join(dir, '南开区.csv');
    expect(await runExportCli(['--year', '2022', '--parent', '万兴街道', '--out', out], io, { dataSource: db.dataSource })).toBe(0);
    expect(existsSync(out) && existsSync(join(dir, '南开区-flags.csv'))).toBe(true);
    expect(io.out()).toContain(`wrote ${join(dir, '南开区-flags.csv')}`);
    expect([...readFileSync(out).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('says what is wrong: unknown unit (with a suggestion), a year without checklist, no --out', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--year', '2023', '--parent', '南开', '--out', join(dir, 'x.xlsx')], /^export: unknown unit "南开"; did you mean 南开区[,?]/u],
      [['--year', '1999', '--parent', '南开区', '--out', join(dir, 'x.xlsx')], /^export: No checklist covers 1999\n$/u],
      [['--year', '2023', '--parent', '南开区'], /^export: --out FILE is required\n$/u],
      [['--year', '2023', '--parent', '南开区', '--out', join(dir, 'x.txt')], /--format must be xlsx or csv/u],
    ];
    for (const [args, message] of cases) {
      const io = capture();
      expect(await runExportCli(args, io, { dataSource: db.dataSource })).toBe(2);
      expect(io.err()).toMatch(message);
    }
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
  });
});

// last: importing a new checklist version changes which checklist the year's queries use
describe('checklist template → import-checklist', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-checklist-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the template of the demo checklist imports as the same checklist (nothing changes)', async () => {
    const template = join(dir, 'template.xlsx');
    const io = capture();
    expect(await runExportCli(['--checklist-template', '--out', template], io)).toBe(0);
    expect(io.out()).toBe(
      `wrote ${template}: checklist demo-district-2021 v${SEED_VERSION}, 41 rows (sheets 清单信息, 计分规则, 预警规则, 条目)\n`,
    );
    const imported = capture();
    expect(await runImportChecklistCli([template], imported, { dataSource: db.dataSource, lock: db.lock })).toBe(0);
    expect(imported.out()).toBe(`already imported: demo-district-2021 v${SEED_VERSION} has the same content; nothing changed\n`);
    expect(await db.dataSource.getRepository(Checklist).count()).toBe(1);
  });

  it('an edited template with a raised version imports as the next version; a bad one is refused with the cell named', async () => {
    const template = join(dir, 'template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(template) as unknown as ArrayBuffer);
    wb.getWorksheet(CHECKLIST_SHEETS.info)!.getRow(7).getCell(2).value = SEED_VERSION + 1;
    const items = wb.getWorksheet(CHECKLIST_SHEETS.items)!;
    items.getRow(3).getCell(6).value = '习近平法治思想专题、习近平法治思想学习、法治思想读书班';
    const v2 = join(dir, 'v2.xlsx');
    await wb.xlsx.writeFile(v2);

    const check = capture();
    expect(await runImportChecklistCli([v2, '--check'], check)).toBe(0);
    expect(check.out()).toBe(
      `valid: demo-district-2021 v${SEED_VERSION + 1} (区法治政府建设工作任务清单（2021—2025年）, 2021–2025): 31 items in 10 parts\n`,
    );

    const io = capture();
    expect(await runImportChecklistCli([v2], io, { dataSource: db.dataSource, lock: db.lock })).toBe(0);
    expect(io.out()).toMatch(new RegExp(`^imported demo-district-2021 v${SEED_VERSION + 1} `, 'u'));
    expect(await db.dataSource.getRepository(Checklist).count()).toBe(2);

    items.getRow(4).getCell(3).value = '';
    const bad = join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const refused = capture();
    expect(await runImportChecklistCli([bad], refused, { dataSource: db.dataSource, lock: db.lock })).toBe(2);
    expect(refused.err()).toMatch(/^import-checklist: the checklist was not imported:\nbad\.xlsx: 条目!C4 \(任务\/内容\): /u);
    expect(await db.dataSource.getRepository(Checklist).count()).toBe(2);
  });
});
