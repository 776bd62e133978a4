import ExcelJS from 'exceljs';
import {
  CHECKLIST_SHEETS,
  checklistFromWorkbook,
  checklistWorkbookBuffer,
  flagSettingOf,
  formatWorkbookErrors,
  infoRowOf,
  itemOfRow,
  parseTargets,
  splitGroups,
  splitWords,
  statusOf,
  templateRowOf,
} from '../../../src/checklist/checklist-xlsx';
import { demoChecklist } from '../../helpers/seeds';

async function bufferOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The demo template, changed by `edit` before it is read back. */
async function editedTemplate(edit: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await checklistWorkbookBuffer(demoChecklist())) as unknown as ArrayBuffer);
  edit(wb);
  return bufferOf(wb);
}

/** Row of an item code in the 条目 sheet. */
function rowOf(ws: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  let found: ExcelJS.Row | null = null;
  ws.eachRow((row) => {
    if (row.getCell(1).text === code) found = row;
  });
  if (!found) throw new Error(`no row ${code}`);
  return found;
}

describe('checklist workbook: round trip', () => {
  it('export the demo checklist → import gives the same definition', async () => {
    const demo = demoChecklist();
    const result = await checklistFromWorkbook(await checklistWorkbookBuffer(demo), 'template.xlsx');
    expect(result.errors).toEqual([]);
    expect(result.notes).toEqual([]);
    expect(result.checklist).toEqual(demo);
  });

  it('the template has the sheets and columns offices fill in', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await checklistWorkbookBuffer(demoChecklist())) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      CHECKLIST_SHEETS.info,
      CHECKLIST_SHEETS.scoring,
      CHECKLIST_SHEETS.flags,
      CHECKLIST_SHEETS.items,
    ]);
    const items = wb.getWorksheet(CHECKLIST_SHEETS.items)!;
    expect((items.getRow(1).values as string[]).slice(1)).toEqual([
      '编号',
      '上级编号',
      '任务/内容',
      '说明',
      '分值',
      '关键词',
      '共现词',
      '排除词',
      '忽略词',
      '识别指标',
      '指标',
    ]);
    const row = rowOf(items, '7.4');
    expect(row.getCell(11).text).toBe('COURT_APPEARANCE_RATE>=100%');
    expect(rowOf(items, '5.3').getCell(11).text).toBe('PENALTY_CASES（件）；FINES_TOTAL（元）');
    expect(rowOf(items, '1.1').getCell(7).text).toMatch(/^习近平法治思想\+专题学习；/u);
  });
});

describe('checklist workbook: an office table', () => {
  it('accepts 序号 / 工作任务 / 具体内容 headers under a title row, ignores 牵头单位 and 完成时限, takes the parent from the code', async () => {
    const wb = new ExcelJS.Workbook();
    const info = wb.addWorksheet('清单信息');
    info.addRows([
      ['字段', '值'],
      ['标识（key）', 'nankai-2024'],
      ['名称（name）', '南开区2024年法治政府建设工作任务清单'],
      ['发布单位（issuer）', '南开区委依法治区办'],
      ['起始年份（yearFrom）', 2024],
      ['结束年份（yearTo）', '2024'],
      ['版本（version）', 1],
    ]);
    const items = wb.addWorksheet('任务清单');
    items.addRows([
      ['南开区2024年法治政府建设工作任务清单'],
      ['序号', '工作任务', '具体内容', '分值（分）', '关键词', '指标', '牵头单位', '完成时限'],
      ['1', '深入学习贯彻习近平法治思想', '', '', '', '', '区司法局', ''],
      ['1.1', '开展专题学习', '党工委理论学习中心组专题学习习近平法治思想。', 4, '专题学习、「学习、研讨」', '', '各街道', '2024年12月'],
      ['1.2', '行政机关负责人出庭应诉', '负责人出庭应诉率达到100%。', '', '出庭应诉', 'COURT_APPEARANCE_RATE≥100%', '各街道', '长期'],
    ]);
    const result = await checklistFromWorkbook(await bufferOf(wb), 'office.xlsx');
    expect(result.errors).toEqual([]);
    expect(result.notes).toEqual([
      'no 计分规则 sheet: the default scoring was used (COVERED 1, PARTIAL 0.5, others 0)',
      'no 预警规则 sheet: every flag is on with its default severity',
      'columns 牵头单位, 完成时限 of sheet 任务清单 are not part of the checklist format and were ignored',
    ]);
    const c = result.checklist!;
    expect(c).toMatchObject({ key: 'nankai-2024', yearFrom: 2024, yearTo: 2024, version: 1 });
    expect(c.items.map((i) => [i.code, i.parentCode, i.points])).toEqual([
      ['1', null, 0],
      ['1.1', '1', 4],
      ['1.2', '1', 3],
    ]);
    expect(c.items[1]?.match.keywords).toEqual(['专题学习', '学习、研讨']);
    expect(c.items[2]?.targets).toEqual([{ metric: 'COURT_APPEARANCE_RATE', op: '>=', threshold: 100, unit: '%' }]);
    expect(c.items[0]?.text).toBe('深入学习贯彻习近平法治思想'); // a part without text keeps its title
  });
});

describe('checklist workbook: errors name the sheet, row and column; nothing is returned', () => {
  it('duplicate code, unknown parent, a target on a heading, a bad target, an empty title, bad points', async () => {
    const buffer = await editedTemplate((wb) => {
      const items = wb.getWorksheet(CHECKLIST_SHEETS.items)!;
      rowOf(items, '1.1').getCell(1).value = '2.1'; // now 2.1 twice, and under part 1
      rowOf(items, '3').getCell(11).value = 'COURT_APPEARANCE_RATE>=100%'; // a target on a heading
      rowOf(items, '5.1').getCell(11).value = '出庭率百分百';
      rowOf(items, '5.2').getCell(3).value = '';
      rowOf(items, '5.3').getCell(5).value = '三分';
      rowOf(items, '6.1').getCell(2).value = '12';
    });
    const result = await checklistFromWorkbook(buffer, 'bad.xlsx');
    expect(result.checklist).toBeNull();
    const lines = formatWorkbookErrors(result.errors).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bad\.xlsx: 条目!K\d+ \(指标\): part 3 is a heading: it has no 指标; put it on one of its items$/u),
        expect.stringMatching(/^bad\.xlsx: 条目!K\d+ \(指标\): "出庭率百分百" is not a target/u),
        expect.stringMatching(/^bad\.xlsx: 条目!C\d+ \(任务\/内容\): (?:must not be empty|missing)/u),
        expect.stringMatching(/^bad\.xlsx: 条目!E\d+ \(分值\): expected a number, got a string$/u),
        expect.stringMatching(/^bad\.xlsx: 条目!B\d+ \(上级编号\): unknown parent "12"$/u),
        expect.stringMatching(/^bad\.xlsx: 条目!A\d+ \(编号\): duplicate code 2\.1: already used in row \d+$/u),
      ]),
    );
    for (const e of result.errors) expect(e.sheet).toBe(CHECKLIST_SHEETS.items);
  });

  it('a missing header field and a bad year on 清单信息, an unknown status on 计分规则', async () => {
    const buffer = await editedTemplate((wb) => {
      const info = wb.getWorksheet(CHECKLIST_SHEETS.info)!;
      info.getRow(3).getCell(2).value = ''; // name
      info.getRow(5).getCell(2).value = '二〇二一';
      wb.getWorksheet(CHECKLIST_SHEETS.scoring)!.getRow(2).getCell(1).value = 'DONE';
    });
    const result = await checklistFromWorkbook(buffer, 'bad.xlsx');
    expect(result.checklist).toBeNull();
    expect(formatWorkbookErrors(result.errors).split('\n')).toEqual(
      expect.arrayContaining([
        'bad.xlsx: 清单信息!B3 (值): 名称（name）: missing',
        expect.stringMatching(/^bad\.xlsx: 清单信息!B5 \(值\): expected a number, got a string$/u),
        expect.stringMatching(/^bad\.xlsx: 计分规则!C2 \(系数\): unknown status "DONE"/u),
      ]),
    );
  });

  it('not a workbook; a workbook without the item columns', async () => {
    expect((await checklistFromWorkbook(Buffer.from('not a zip'), 'x.xlsx')).errors[0]?.message).toMatch(
      /cannot be read as an \.xlsx workbook/u,
    );
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['a', 'b']);
    const result = await checklistFromWorkbook(await bufferOf(wb), 'empty.xlsx');
    expect(result.checklist).toBeNull();
    expect(formatWorkbookErrors(result.errors).split('\n')).toEqual([
      "empty.xlsx: 清单信息: missing sheet: it holds the checklist's key, name, issuer, yearFrom, yearTo, version (字段 / 值 rows)",
      'empty.xlsx: 条目: missing sheet: no sheet has the item columns (编号 and 任务/内容)',
    ]);
  });
});

describe('cell syntax', () => {
  it('words split at 、，；and line breaks, not inside 「」', () => {
    expect(splitWords('依法决策、法律顾问，「合法性、合规性审查」\n谁执法')).toEqual([
      '依法决策',
      '法律顾问',
      '合法性、合规性审查',
      '谁执法',
    ]);
    expect(splitWords('')).toEqual([]);
  });
  it('groups split at ；, words joined by +', () => {
    expect(splitGroups('习近平法治思想+专题学习；「互联网+」+政务服务')).toEqual([
      ['习近平法治思想', '专题学习'],
      ['互联网+', '政务服务'],
    ]);
  });
  it('targets with a threshold, without one, and wrong ones', () => {
    expect(parseTargets('COURT_APPEARANCE_RATE>=100%；PENALTY_CASES（件）；LAW_EXAM_AVG_SCORE ≥ 90 分')).toEqual({
      targets: [
        { metric: 'COURT_APPEARANCE_RATE', op: '>=', threshold: 100, unit: '%' },
        { metric: 'PENALTY_CASES', unit: '件' },
        { metric: 'LAW_EXAM_AVG_SCORE', op: '>=', threshold: 90, unit: '分' },
      ],
      problems: [],
    });
    expect(parseTargets('达到100%').problems).toHaveLength(1);
  });
});

describe('checklist workbook: reading one row', () => {
  it('清单信息 labels: the template’s, the bare Chinese or English name, matching and reuse', () => {
    expect(infoRowOf('标识（key）')).toBe('key');
    expect(infoRowOf('起始年份')).toBe('yearFrom');
    expect(infoRowOf('yearto')).toBe('yearTo');
    expect(infoRowOf('ISSUER')).toBe('issuer');
    expect(infoRowOf('发布单位')).toBe('issuer');
    expect(infoRowOf('相似度校准（matching）')).toBe('matching');
    expect(infoRowOf('沿用阈值')).toBe('reuse');
    expect(infoRowOf('reuse.threshold')).toBe('reuse');
    expect(infoRowOf('备注')).toBeNull();
  });

  it('计分规则 statuses: the code in any case or the Chinese name; anything else as written', () => {
    expect(statusOf('covered')).toBe('COVERED');
    expect(statusOf('部分覆盖')).toBe('PARTIAL');
    expect(statusOf('全部')).toBe('全部');
  });

  it('预警规则 settings: 是/否 and their English forms; severities by name or code', () => {
    expect(flagSettingOf('是', '严重')).toEqual({ enabled: true, severity: 'ERROR' });
    expect(flagSettingOf('No', 'warning')).toEqual({ enabled: false, severity: 'WARNING' });
    expect(flagSettingOf('也许', '提示')).toEqual({ enabled: '也许', severity: 'INFO' });
  });

  /** A row given as field → cell text; `columns` the fields the sheet has (all by default). */
  const rowOf = (cells: Record<string, string>, columns?: string[]) => {
    const problems: Array<[string, string]> = [];
    const has = (f: string) => (columns ? columns.includes(f) : true);
    const item = itemOfRow(
      {
        has,
        text: (f) => (has(f) ? (cells[f] ?? '') : ''),
        number: (f) => (has(f) && cells[f] ? Number(cells[f]) : undefined),
      },
      (f, message) => problems.push([f, message]),
    );
    return { item, problems };
  };

  it('an item row: parent from the code where there is no 上级编号 column, title as text where there is no 说明', () => {
    const { item, problems } = rowOf(
      {
        code: '5.1.',
        title: '执法装备',
        points: '2',
        keywords: '执法记录仪、「A、B」',
        together: '执法+记录',
        exclude: '',
        metrics: '',
        targets: 'PENALTY_CASES（件）',
      },
      ['code', 'title', 'points', 'keywords', 'together', 'exclude', 'ignore', 'metrics', 'targets'],
    );
    expect(problems).toEqual([]);
    expect(item).toEqual({
      code: '5.1',
      title: '执法装备',
      parent: '5',
      text: '执法装备',
      points: 2,
      match: { keywords: ['执法记录仪', 'A、B'], together: [['执法', '记录']], exclude: [], metrics: [] },
      targets: [{ metric: 'PENALTY_CASES', unit: '件' }],
    });
  });

  it('a part row with item cells: each cell reported; an empty row skipped; a row without code reported', () => {
    const part = rowOf({ code: '5', title: '执法', parent: '', keywords: '词', targets: 'X_RATE>=1%' });
    expect(part.item).toEqual({ code: '5', title: '执法' });
    expect(part.problems).toEqual([
      ['keywords', 'part 5 is a heading: it has no 关键词; put it on one of its items'],
      ['targets', 'part 5 is a heading: it has no 指标; put it on one of its items'],
    ]);
    expect(rowOf({})).toEqual({ item: null, problems: [] });
    expect(rowOf({ title: '无编号' })).toEqual({ item: null, problems: [['code', 'missing: every row needs a code such as 5 or 5.1']] });
  });
});

describe('checklist workbook: writing one row', () => {
  it('an item in the template’s columns, words quoted where they hold a separator, reasons after ：', () => {
    const item = {
      code: '5.1',
      parentCode: '5',
      title: '执法装备',
      text: '配齐执法记录仪',
      assessable: true,
      points: 2,
      match: {
        keywords: ['执法记录仪', 'A、B'],
        together: [['执法', '记录']],
        exclude: ['培训'],
        metrics: ['PENALTY_CASES'],
        reasons: { 培训: '培训不是装备' },
      },
      targets: [
        { metric: 'COURT_APPEARANCE_RATE', op: '>=' as const, threshold: 100, unit: '%' },
        { metric: 'PENALTY_CASES', unit: '件' },
      ],
    };
    expect(templateRowOf(item)).toEqual([
      '5.1',
      '5',
      '执法装备',
      '配齐执法记录仪',
      2,
      '执法记录仪、「A、B」',
      '执法+记录',
      '培训：培训不是装备',
      '',
      'PENALTY_CASES',
      'COURT_APPEARANCE_RATE>=100%；PENALTY_CASES（件）',
    ]);
  });

  it('a part: no parent, no points', () => {
    const part = {
      code: '5',
      parentCode: null,
      title: '执法',
      text: '执法',
      assessable: false,
      points: 0,
      match: { keywords: [], together: [], exclude: [], metrics: [] },
      targets: [],
    };
    expect(templateRowOf(part)).toEqual(['5', '', '执法', '执法', '', '', '', '', '', '', '']);
  });
});
