import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { badCodeMessage, formatChecklistErrors, loadChecklistFile, parseChecklistFile } from '../../../src/checklist/checklist-file';
import type { ChecklistFileError } from '../../../src/checklist/types';

const SEED = join(__dirname, '../../../seeds/checklist.yaml');
const FILE = 'bad.yaml';

/** A small valid checklist; tests break one thing at a time. */
function file(items: string, header = ''): string {
  return `key: test-list
name: 测试清单
issuer: 测试单位
yearFrom: 2021
yearTo: 2025
version: 1
scoring: { COVERED: 1, PARTIAL: 0.5, PLANNED_ONLY: 0, NEGATIVE_ONLY: 0, MISSING: 0 }
flags:
  NO_EVIDENCE: { enabled: true, severity: ERROR }
  ONLY_PLANNED: { enabled: true, severity: WARNING }
  SHORTCOMING_REPORTED: { enabled: true, severity: WARNING }
  TARGET_NOT_MET: { enabled: true, severity: ERROR }
  TARGET_NOT_REPORTED: { enabled: true, severity: WARNING }
  LINK_UNREVIEWED: { enabled: true, severity: INFO }
  REPORT_MISSING: { enabled: false, severity: ERROR }
${header}items:
${items}`;
}

const GOOD_ITEMS = `  - code: "5"
    title: 健全行政执法工作体系
  - code: "5.5"
    parent: "5"
    title: 执法装备
    text: 配齐执法记录仪
    match: { keywords: [执法记录仪] }
    targets:
      - { metric: COURT_APPEARANCE_RATE, op: ">=", threshold: 100, unit: "%" }
`;

/** Expects a rejected file with exactly one error (or at least one) matching. */
function expectError(
  text: string,
  expected: Partial<Omit<ChecklistFileError, 'message'>> & { message?: string | RegExp },
): ChecklistFileError {
  const result = parseChecklistFile(text, FILE);
  expect(result.checklist).toBeNull();
  const { message, ...rest } = expected;
  const hit = result.errors.find(
    (e) =>
      Object.entries(rest).every(([k, v]) => e[k as keyof ChecklistFileError] === v) &&
      (message === undefined || (typeof message === 'string' ? e.message.includes(message) : message.test(e.message))),
  );
  if (!hit) throw new Error(`no error like ${JSON.stringify(expected)} in:\n${formatChecklistErrors(result.errors)}`);
  expect(hit.file).toBe(FILE);
  return hit;
}

describe('the demo checklist seeds/checklist.yaml', () => {
  const result = loadChecklistFile(SEED, 'seeds/checklist.yaml');
  const checklist = result.checklist!;
  const item = (code: string) => checklist.items.find((i) => i.code === code)!;

  it('loads without errors', () => {
    expect(formatChecklistErrors(result.errors)).toBe('');
    expect(checklist).not.toBeNull();
  });

  it('has the header docs/design.md gives', () => {
    expect(checklist).toMatchObject({ key: 'demo-district-2021', yearFrom: 2021, yearTo: 2025, version: 3 });
    expect(checklist.scoring).toEqual({ COVERED: 1, PARTIAL: 0.5, PLANNED_ONLY: 0, NEGATIVE_ONLY: 0, MISSING: 0 });
    expect(checklist.flags).toEqual({
      NO_EVIDENCE: { enabled: true, severity: 'ERROR' },
      ONLY_PLANNED: { enabled: true, severity: 'WARNING' },
      SHORTCOMING_REPORTED: { enabled: true, severity: 'WARNING' },
      TARGET_NOT_MET: { enabled: true, severity: 'ERROR' },
      TARGET_NOT_REPORTED: { enabled: true, severity: 'WARNING' },
      LINK_UNREVIEWED: { enabled: true, severity: 'INFO' },
      REPORT_MISSING: { enabled: true, severity: 'ERROR' },
      LINK_SUSPECT: { enabled: true, severity: 'WARNING' },
      REUSED_EVIDENCE: { enabled: true, severity: 'INFO' },
    });
    expect(checklist.reuse).toEqual({ threshold: 0.9 });
  });

  it('has 10 parts (headings, no points) and 31 assessable items under them', () => {
    const parts = checklist.items.filter((i) => !i.assessable);
    expect(parts.map((p) => p.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(parts.every((p) => p.parentCode === null && p.points === 0 && p.targets.length === 0)).toBe(true);
    const items = checklist.items.filter((i) => i.assessable);
    expect(items).toHaveLength(31);
    expect(items.every((i) => i.parentCode !== null && i.code.startsWith(`${i.parentCode}.`))).toBe(true);
    expect(items.map((i) => i.code)).toEqual([
      '1.1',
      '2.1',
      '2.2',
      '3.1',
      '4.1',
      '4.2',
      '4.3',
      '5.1',
      '5.2',
      '5.3',
      '5.4',
      '5.5',
      '6.1',
      '7.1',
      '7.2',
      '7.3',
      '7.4',
      '7.5',
      '7.6',
      '8.1',
      '8.2',
      '9.1',
      '10.1',
      '10.2',
      '10.3',
      '10.4',
      '10.5',
      '10.6',
      '10.7',
      '10.8',
      '10.9',
    ]);
  });

  it('weighs the six ★ items 5 and every other item 3', () => {
    const five = checklist.items.filter((i) => i.points === 5).map((i) => i.code);
    expect(five).toEqual(['4.2', '5.1', '7.4', '8.1', '10.1', '10.5']);
    expect(checklist.items.filter((i) => i.assessable && i.points !== 5).every((i) => i.points === 3)).toBe(true);
  });

  it('carries the targets docs/design.md gives', () => {
    expect(item('7.4').targets).toEqual([{ metric: 'COURT_APPEARANCE_RATE', op: '>=', threshold: 100, unit: '%' }]);
    expect(item('4.2').targets).toEqual([{ metric: 'MAJOR_DECISION_LEGAL_REVIEW_RATE', op: '>=', threshold: 100, unit: '%' }]);
    expect(item('10.5').targets).toEqual([
      { metric: 'LAW_EXAM_PARTICIPATION_RATE', op: '>=', threshold: 100, unit: '%' },
      { metric: 'LAW_EXAM_PASS_RATE', op: '>=', threshold: 100, unit: '%' },
      { metric: 'LAW_EXAM_AVG_SCORE', unit: '分' },
    ]);
    expect(item('7.2').targets.map((t) => [t.metric, t.op, t.threshold])).toEqual([
      ['PETITION_ON_TIME_RATE', '>=', 100],
      ['PETITION_CASES', undefined, undefined],
    ]);
    const counts: Record<string, string[]> = {
      '4.3': ['LEGAL_ADVISER_CONSULTATIONS'],
      '5.3': ['PENALTY_CASES', 'FINES_TOTAL'],
      '7.1': ['DISPUTES_MEDIATED'],
      '8.1': ['INFO_DISCLOSED'],
      '10.4': ['LEADERSHIP_LAW_STUDY_SESSIONS'],
      '10.7': ['LEGAL_PUBLICITY_EVENTS'],
    };
    for (const [code, metrics] of Object.entries(counts)) {
      expect(item(code).targets.map((t) => t.metric)).toEqual(metrics);
      expect(item(code).targets.every((t) => t.threshold === undefined && t.op === undefined)).toBe(true);
    }
  });

  it('lets every target metric of an item also propose links (metric rule)', () => {
    for (const i of checklist.items) {
      for (const t of i.targets) expect(i.match.metrics).toContain(t.metric);
    }
  });

  it('gives every assessable item at least one matching rule and wording', () => {
    for (const i of checklist.items.filter((x) => x.assessable)) {
      const m = i.match;
      expect(m.keywords.length + m.together.length + m.metrics.length).toBeGreaterThan(0);
      expect(i.text.length).toBeGreaterThan(10);
    }
  });
});

describe('parseChecklistFile on bad files', () => {
  it('accepts the small valid file the bad ones are made from', () => {
    const result = parseChecklistFile(file(GOOD_ITEMS), FILE);
    expect(result.errors).toEqual([]);
    expect(result.checklist?.items.map((i) => [i.code, i.assessable, i.points])).toEqual([
      ['5', false, 0],
      ['5.5', true, 3],
    ]);
    expect(result.checklist?.flags.REPORT_MISSING.enabled).toBe(false);
  });

  it('reports malformed YAML with its line and returns no checklist', () => {
    const e = expectError(file(GOOD_ITEMS.replace('match: { keywords: [执法记录仪] }', 'match: { keywords: [执法记录仪 }')), {
      field: '(yaml)',
    });
    expect(e.message).toMatch(/^malformed YAML: .*\(line \d+\)$/);
  });

  it('reports an empty file and a file that is not a mapping', () => {
    expectError('', { field: '(file)', message: 'empty' });
    expectError('- just\n- a list\n', { field: '(file)', message: 'expected a mapping' });
  });

  it('names the item and the field of a threshold that is not a number', () => {
    const e = expectError(file(GOOD_ITEMS.replace('threshold: 100', 'threshold: "百分之百"')), {
      itemCode: '5.5',
      field: 'targets[0].threshold',
      message: 'expected a number, got a string',
    });
    expect(formatChecklistErrors([e])).toMatch(
      /^bad\.yaml: item 5\.5: targets\[0\]\.threshold: expected a number, got a string \(line 25\)$/,
    );
  });

  it('rejects a missing title and an unknown field (a typo is not ignored)', () => {
    expectError(file(GOOD_ITEMS.replace('    title: 执法装备\n', '')), { itemCode: '5.5', field: 'title', message: 'missing' });
    expectError(file(GOOD_ITEMS.replace('    text: 配齐执法记录仪\n', '    text: 配齐执法记录仪\n    keyword: [x]\n')), {
      itemCode: '5.5',
      field: 'keyword',
      message: 'unknown field "keyword"',
    });
    expectError(file(GOOD_ITEMS.replace('match: { keywords', 'match: { keyword')), { itemCode: '5.5', field: 'match.keyword' });
  });

  it('rejects duplicate codes, naming the code and where it was first used', () => {
    const dup = `${GOOD_ITEMS}  - code: "5.5"\n    parent: "5"\n    title: 又一个\n    text: 重复的条目编号\n`;
    expectError(file(dup), { itemCode: '5.5', field: 'code', message: /duplicate code: already used by items\[1\] on line \d+/ });
  });

  it('rejects an unknown parent and a parent that does not fit the code', () => {
    expectError(file(GOOD_ITEMS.replace('parent: "5"', 'parent: "9"').replace('code: "5.5"', 'code: "9.5"')), {
      itemCode: '9.5',
      field: 'parent',
      message: 'unknown parent "9"',
    });
    const wrongPart = `  - code: "4"\n    title: 决策\n${GOOD_ITEMS.replace('parent: "5"', 'parent: "4"')}`;
    expectError(file(wrongPart), { itemCode: '5.5', field: 'parent', message: 'does not belong under part "4"' });
  });

  it('rejects codes that do not look like N or N.M', () => {
    expectError(file(GOOD_ITEMS.replace('code: "5.5"', 'code: "5.5.1"')), {
      itemCode: null,
      field: 'items[1].code',
      message: 'expected N or N.M',
    });
    expectError(file(GOOD_ITEMS.replace('code: "5.5"', 'code: 五.五')), { itemCode: null, field: 'items[1].code' });
    expectError(file(GOOD_ITEMS.replace('  - code: "5"\n', '  - code:\n')), { itemCode: null, field: 'items[0].code' });
  });

  it('carries the optional ignore phrases of match rules with their reasons, and leaves them out when absent', () => {
    const withIgnore = parseChecklistFile(
      file(
        GOOD_ITEMS.replace(
          'match: { keywords: [执法记录仪] }',
          'match: { keywords: [执法记录仪], ignore: [{ term: 执法记录仪器, reason: 另一种器材 }], exclude: [{ term: 采购, reason: 采购不是配备 }] }',
        ),
      ),
      FILE,
    );
    expect(withIgnore.checklist?.items[1]?.match).toEqual({
      keywords: ['执法记录仪'],
      together: [],
      exclude: ['采购'],
      metrics: [],
      ignore: ['执法记录仪器'],
      reasons: { 执法记录仪器: '另一种器材', 采购: '采购不是配备' },
    });
    expect(parseChecklistFile(file(GOOD_ITEMS), FILE).checklist?.items[1]?.match).toEqual({
      keywords: ['执法记录仪'],
      together: [],
      exclude: [],
      metrics: [],
    });
  });

  it('reads a bare numeric code as written (10.10 is not 10.1)', () => {
    const items = `  - code: 10\n    title: 部分\n  - code: 10.10\n    parent: 10\n    title: 第十项\n    text: 第十项的内容\n`;
    const result = parseChecklistFile(file(items), FILE);
    expect(result.errors).toEqual([]);
    expect(result.checklist?.items.map((i) => [i.code, i.parentCode])).toEqual([
      ['10', null],
      ['10.10', '10'],
    ]);
  });

  it('rejects a target, points or match rules on a heading (part)', () => {
    const onPart = GOOD_ITEMS.replace(
      '    title: 健全行政执法工作体系\n',
      '    title: 健全行政执法工作体系\n    points: 3\n    targets:\n      - { metric: X_RATE, op: ">=", threshold: 1, unit: "%" }\n',
    );
    const result = parseChecklistFile(file(onPart), FILE);
    expect(result.checklist).toBeNull();
    expect(result.errors.map((e) => [e.itemCode, e.field])).toEqual([
      ['5', 'points'],
      ['5', 'targets'],
    ]);
    expect(result.errors[1]?.message).toMatch(/heading \(part\) cannot have targets/);
  });

  it('rejects an unknown comparison op and a threshold without op', () => {
    expectError(file(GOOD_ITEMS.replace('op: ">="', 'op: "=>"')), {
      itemCode: '5.5',
      field: 'targets[0].op',
      message: 'unknown value "=>": expected one of ">=", "=", "<="',
    });
    expectError(file(GOOD_ITEMS.replace('op: ">=", ', '')), { itemCode: '5.5', field: 'targets[0]', message: 'needs a comparison op' });
  });

  it('rejects negative points', () => {
    expectError(file(GOOD_ITEMS.replace('    title: 执法装备\n', '    title: 执法装备\n    points: -2\n')), {
      itemCode: '5.5',
      field: 'points',
      message: 'must not be negative',
    });
  });

  it('rejects unknown flag and status keys and a missing status', () => {
    expectError(file(GOOD_ITEMS).replace('LINK_UNREVIEWED:', 'LINK_UNREVIEWD:'), {
      itemCode: null,
      field: 'flags.LINK_UNREVIEWD',
      message: 'unknown flag "LINK_UNREVIEWD"',
    });
    expectError(file(GOOD_ITEMS).replace('LINK_UNREVIEWED:', 'LINK_UNREVIEWD:'), {
      itemCode: null,
      field: 'flags.LINK_UNREVIEWED',
      message: 'missing',
    });
    expectError(file(GOOD_ITEMS).replace('MISSING: 0 }', 'MISSING: 0, DONE: 1 }'), {
      itemCode: null,
      field: 'scoring.DONE',
      message: 'unknown status "DONE"',
    });
    expectError(file(GOOD_ITEMS).replace('severity: INFO', 'severity: LOW'), {
      field: 'flags.LINK_UNREVIEWED.severity',
      message: 'unknown value "LOW"',
    });
  });

  it('rejects bad header fields', () => {
    expectError(file(GOOD_ITEMS).replace('yearTo: 2025', 'yearTo: 2019'), {
      itemCode: null,
      field: 'yearTo',
      message: 'must not be before yearFrom',
    });
    expectError(file(GOOD_ITEMS).replace('version: 1\n', ''), { itemCode: null, field: 'version', message: 'missing' });
    expectError(file(GOOD_ITEMS).replace('yearFrom: 2021', 'yearFrom: "二〇二一"'), { field: 'yearFrom', message: 'expected a number' });
  });

  it('rejects a bad metric key and a together group of one word', () => {
    expectError(file(GOOD_ITEMS.replace('metric: COURT_APPEARANCE_RATE', 'metric: equipment rate')), {
      itemCode: '5.5',
      field: 'targets[0].metric',
    });
    expectError(file(GOOD_ITEMS.replace('match: { keywords: [执法记录仪] }', 'match: { together: [[执法记录仪]] }')), {
      itemCode: '5.5',
      field: 'match.together[0]',
      message: 'at least 2 words',
    });
  });

  it('refuses an exclude or ignore term without its reason, naming the item, field and line', () => {
    const bare = expectError(
      file(GOOD_ITEMS.replace('match: { keywords: [执法记录仪] }', 'match: { keywords: [执法记录仪], exclude: [采购] }')),
      {
        itemCode: '5.5',
        field: 'match.exclude[0]',
        message: '"采购" 缺少理由',
      },
    );
    expect(bare.message).toMatch(/\(line 23\)$/);
    expectError(
      file(GOOD_ITEMS.replace('match: { keywords: [执法记录仪] }', 'match: { keywords: [执法记录仪], ignore: [{ term: 执法记录仪器 }] }')),
      {
        itemCode: '5.5',
        field: 'match.ignore[0]',
        message: '应写成 { term: 词, reason: 理由 }',
      },
    );
    expectError(
      file(
        GOOD_ITEMS.replace(
          'match: { keywords: [执法记录仪] }',
          'match: { keywords: [执法记录仪], exclude: [{ term: 采购, reason: " " }] }',
        ),
      ),
      { itemCode: '5.5', field: 'match.exclude[0]' },
    );
  });

  it('refuses a metric key the analyser does not know, in a match rule or a target', () => {
    const typo = expectError(
      file(GOOD_ITEMS.replace('match: { keywords: [执法记录仪] }', 'match: { keywords: [执法记录仪], metrics: [COURT_APEARANCE_RATE] }')),
      { itemCode: '5.5', field: 'match.metrics[0]', message: '未知的指标键 "COURT_APEARANCE_RATE"' },
    );
    expect(typo.message).toMatch(/COURT_APPEARANCE_RATE.*\(line 23\)$/);
    expectError(file(GOOD_ITEMS.replace('metric: COURT_APPEARANCE_RATE', 'metric: EQUIPMENT_RATE')), {
      itemCode: '5.5',
      field: 'targets[0].metric',
      message: '未知的指标键 "EQUIPMENT_RATE"',
    });
  });

  it('collects every error of a file, not only the first', () => {
    const bad = GOOD_ITEMS.replace('threshold: 100', 'threshold: x').replace(
      '    title: 执法装备\n',
      '    title: 执法装备\n    points: -1\n',
    );
    const result = parseChecklistFile(file(bad), FILE);
    expect(result.checklist).toBeNull();
    expect(result.errors.map((e) => e.field).sort()).toEqual(['points', 'targets[0].threshold']);
  });
});

describe('loadChecklistFile', () => {
  it('reports an unreadable file as an error, not an exception', () => {
    const result = loadChecklistFile('/nonexistent/checklist.yaml');
    expect(result.checklist).toBeNull();
    expect(result.errors).toEqual([{ file: '/nonexistent/checklist.yaml', itemCode: null, field: '(file)', message: 'file not found' }]);
  });

  it('reads a file with a byte-order mark and names it by the name given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'checklist-'));
    const path = join(dir, 'list.yaml');
    writeFileSync(path, `\uFEFF${file(GOOD_ITEMS.replace('threshold: 100', 'threshold: x'))}`);
    const result = loadChecklistFile(path, 'list.yaml');
    expect(result.errors.map((e) => `${e.file} ${e.itemCode} ${e.field}`)).toEqual(['list.yaml 5.5 targets[0].threshold']);
  });
});

/** Every error of a rejected file, as [item code, field, message without its line]. */
function errorsOf(items: string): Array<[string | null, string, string]> {
  const result = parseChecklistFile(file(items), FILE);
  expect(result.checklist).toBeNull();
  return result.errors.map((e) => [e.itemCode, e.field, e.message.replace(/ \(line \d+\)$/u, '')]);
}

describe('why a code is not a code', () => {
  it('says a missing code is missing, and shows a wrong one as written', () => {
    expect(badCodeMessage(undefined)).toBe('missing (every item needs a code such as "5" or "5.1")');
    expect(badCodeMessage('5.5.1')).toBe('"5.5.1" is not a code: expected N or N.M, e.g. "5" or "5.1"');
    expect(badCodeMessage(null)).toBe('null is not a code: expected N or N.M, e.g. "5" or "5.1"');
  });
});

describe('checklist items, every error in file order', () => {
  it('an entry that is not a mapping, and one without a code', () => {
    expect(errorsOf('  - 一个字符串\n  - title: 没有编号\n')).toEqual([
      [null, 'items[0]', 'expected a mapping with code, title, text …'],
      [null, 'items[1].code', 'missing (every item needs a code such as "5" or "5.1")'],
    ]);
  });

  it('a part written like an item, assessable and with match rules', () => {
    expect(errorsOf('  - code: "5.1"\n    title: 部分\n    assessable: true\n    match: { keywords: [词] }\n')).toEqual([
      ['5.1', 'parent', 'missing: item 5.1 belongs under part "5"'],
      ['5.1', 'assessable', 'a part (an item without parent) is a heading and cannot be assessable'],
      ['5.1', 'match', 'a heading (part) is never matched; put match rules on its items'],
    ]);
  });

  it('an item under an item, not assessable and without text', () => {
    const items =
      '  - code: "5"\n    title: 部分\n  - code: "5.1"\n    parent: "5"\n    title: 条目\n    text: 内容\n' +
      '  - code: "5.2"\n    parent: "5.1"\n    title: 子条目\n    assessable: false\n';
    expect(errorsOf(items)).toEqual([
      ['5.2', 'parent', 'parent "5.1" is not a part: items nest one level (codes N.M)'],
      ['5.2', 'assessable', 'an item under a part is assessable (only parts are headings)'],
      ['5.2', 'text', 'missing (the wording of the item)'],
    ]);
  });

  it('targets: an op without threshold, the same metric twice, an unknown metric; then unknown match metrics first', () => {
    const items =
      '  - code: "5"\n    title: 部分\n  - code: "5.1"\n    parent: "5"\n    title: 条目\n    text: 内容\n' +
      '    match: { keywords: [词], metrics: [NO_SUCH_METRIC] }\n' +
      '    targets:\n' +
      '      - { metric: COURT_APPEARANCE_RATE, op: ">=", unit: "%" }\n' +
      '      - { metric: COURT_APPEARANCE_RATE, op: ">=", threshold: 90, unit: "%" }\n' +
      '      - { metric: OTHER_RATE, unit: "%" }\n';
    const errors = errorsOf(items);
    expect(errors).toEqual([
      ['5.1', 'targets[0]', 'a comparison op needs a threshold'],
      ['5.1', 'targets[1].metric', 'duplicate target for COURT_APPEARANCE_RATE'],
      ['5.1', 'match.metrics[0]', expect.stringContaining('未知的指标键 "NO_SUCH_METRIC"，分析器不会识别它')],
      ['5.1', 'targets[2].metric', expect.stringContaining('未知的指标键 "OTHER_RATE"，分析器不会识别它')],
    ]);
  });

  it('a part’s unknown target metric is not reported twice (the part error says it all)', () => {
    const items = '  - code: "5"\n    title: 部分\n    targets:\n      - { metric: OTHER_RATE, unit: "%" }\n';
    expect(errorsOf(items)).toEqual([['5', 'targets', 'a heading (part) cannot have targets; put them on one of its items']]);
  });
});
