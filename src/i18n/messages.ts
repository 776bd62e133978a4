/**
 * The one message catalogue: every user-facing text, Simplified Chinese first and English,
 * by a stable key (`flag.NO_EVIDENCE`, `userError.NOT_FOUND`, `sheet.flags` …). Stable codes
 * (statuses, flag codes, error codes) stay English in the data; only texts are translated.
 *
 * A template names its parameters in braces (`{item}`); a parameter is a string, a number,
 * another message (rendered in the same locale) or a list of those (joined with `；` in
 * Chinese, `; ` in English). Messages stored in the database keep their key and parameters
 * (`LocalText`), so the same stored finding reads in either language.
 *
 * `test/unit/i18n/catalogue.test.ts` fails when a key lacks a text in either language, when a
 * template's parameters differ between the languages, or when a flag code or userError code
 * used in `src/` has no entry.
 */

import type { UserErrorCode } from '../common/error-codes';

export type Locale = 'zh' | 'en';
export const DEFAULT_LOCALE: Locale = 'zh';

/** A parameter of a message. */
export type MessageParam = string | number | LocalText | readonly MessageParam[];

/**
 * A message by key with its parameters (each a `MessageParam`): stored as is (JSON),
 * rendered per locale. The parameters are typed loosely so that stored results stay
 * plain JSON types for TypeORM.
 */
export interface LocalText {
  key: string;
  params?: Record<string, string | number | object>;
}

interface Entry {
  zh: string;
  en: string;
  /** a full sentence: rendered with a closing `。` / `.` unless it already ends with one */
  sentence?: boolean;
}

const STATUS: Record<string, Entry> = {
  'status.COVERED': { zh: '已覆盖', en: 'COVERED' },
  'status.PARTIAL': { zh: '部分覆盖', en: 'PARTIAL' },
  'status.PLANNED_ONLY': { zh: '仅有计划', en: 'PLANNED_ONLY' },
  'status.NEGATIVE_ONLY': { zh: '仅有问题', en: 'NEGATIVE_ONLY' },
  'status.MISSING': { zh: '缺失', en: 'MISSING' },
  'status.NOT_APPLICABLE': { zh: '不适用', en: 'NOT_APPLICABLE' },
  'statusShort.COVERED': { zh: '覆盖', en: 'covered' },
  'statusShort.PARTIAL': { zh: '部分', en: 'partial' },
  'statusShort.PLANNED_ONLY': { zh: '计划', en: 'planned' },
  'statusShort.NEGATIVE_ONLY': { zh: '问题', en: 'shortcoming' },
  'statusShort.MISSING': { zh: '缺失', en: 'missing' },
  'statusShort.NOT_APPLICABLE': { zh: '不适用', en: 'n/a' },
  'severity.ERROR': { zh: '严重', en: 'error' },
  'severity.WARNING': { zh: '警告', en: 'warning' },
  'severity.INFO': { zh: '提示', en: 'info' },
};

/** Flags: a short label per code and the message of each finding. */
const FLAGS: Record<string, Entry> = {
  'flagLabel.NO_EVIDENCE': { zh: '无佐证', en: 'no evidence' },
  'flagLabel.ONLY_PLANNED': { zh: '仅有计划', en: 'only planned' },
  'flagLabel.SHORTCOMING_REPORTED': { zh: '报告了不足', en: 'shortcoming reported' },
  'flagLabel.TARGET_NOT_MET': { zh: '指标未达标', en: 'target not met' },
  'flagLabel.TARGET_NOT_REPORTED': { zh: '指标未报告', en: 'target not reported' },
  'flagLabel.LINK_UNREVIEWED': { zh: '佐证未审核', en: 'links unreviewed' },
  'flagLabel.REPORT_MISSING': { zh: '未报送报告', en: 'report missing' },
  'flag.NO_EVIDENCE': {
    zh: '{item}：报告中没有佐证（没有已采纳或待审核的链接）',
    en: '{item}: no evidence in the report (no accepted or proposed link)',
    sentence: true,
  },
  'flag.ONLY_PLANNED': {
    zh: '{item}：只有计划（{claims}），没有已完成工作的佐证',
    en: '{item}: only planned ({claims}), no evidence of work done',
    sentence: true,
  },
  'flag.SHORTCOMING_REPORTED': {
    zh: '{item}：报告提到了不足（{claims}）',
    en: '{item}: the report states a shortcoming ({claims})',
    sentence: true,
  },
  'flag.TARGET_NOT_MET': { zh: '{item}：{check}', en: '{item}: {check}', sentence: true },
  'flag.TARGET_NOT_REPORTED': {
    zh: '{item}：有正面佐证（{claims}），但没有报告 {metric} 的数值（目标 {rule}）',
    en: '{item}: positive evidence ({claims}) but no value for {metric} (target {rule})',
    sentence: true,
  },
  'flag.LINK_UNREVIEWED': {
    zh: '{item}：状态“{status}”依赖未审核的链接（{claims}）；只计已采纳的链接为“{confirmed}”',
    en: '{item}: status {status} relies on unreviewed links ({claims}); accepted links alone give {confirmed}',
    sentence: true,
  },
  'flag.REPORT_MISSING': {
    zh: '本单位本年度没有报告：全部 {count} 个可考核条目均为缺失',
    en: 'No report for this unit and year: all {count} assessable items are MISSING',
    sentence: true,
  },
};

/** Pieces of flag messages and explanations. */
const WORDING: Record<string, Entry> = {
  'claims.one': { zh: '表述 {ids}', en: 'claim {ids}' },
  'claims.many': { zh: '表述 {ids}', en: 'claims {ids}' },
  'value.EXACT': { zh: '{value}', en: '{value}' },
  'value.AT_LEAST': { zh: '{value}以上', en: 'at least {value}' },
  'value.APPROX': { zh: '约{value}', en: 'about {value}' },
  'rule.none': { zh: '无目标值', en: 'no threshold' },
  'check.reported': { zh: '{metric} {value}', en: '{metric} {value}' },
  'check.reportedIn': { zh: '{metric} {value}（表述 {claim}）', en: '{metric} {value} (claim {claim})' },
  'check.notReported': { zh: '{metric} 未报告', en: '{metric} not reported' },
  'check.notReportedTarget': { zh: '{metric} 未报告（目标 {rule}）', en: '{metric} not reported (target {rule})' },
  'check.meets': { zh: '{reported}，达到 {rule}', en: '{reported} meets {rule}' },
  'check.misses': { zh: '{reported}，未达到 {rule}', en: '{reported} misses {rule}' },
  'check.notProves': { zh: '{reported}，不能证明达到 {rule}', en: '{reported} does not prove {rule}' },
  'explain.sentence': { zh: '{reason}{confirmed}', en: '{reason}{confirmed}', sentence: true },
  'explain.confirmed': { zh: '；只计已采纳的链接：{status}', en: '; accepted links only: {status}' },
  'explain.shortcoming': { zh: '；不足见{claims}', en: '; shortcoming reported in {claims}' },
  'explain.targets': { zh: '；{checks}', en: '; {checks}' },
  'explain.NOT_APPLICABLE': {
    zh: '{item} 不适用（不考核）：{justification}',
    en: '{item} is NOT_APPLICABLE (not assessed): {justification}',
  },
  'explain.COVERED': {
    zh: '{item} 已覆盖：正面佐证见{claims}{targets}{shortcoming}',
    en: '{item} is COVERED: positive evidence in {claims}{targets}{shortcoming}',
  },
  'explain.PARTIAL': {
    zh: '{item} 部分覆盖：正面佐证见{claims}{targets}{shortcoming}',
    en: '{item} is PARTIAL: positive evidence in {claims}{targets}{shortcoming}',
  },
  'explain.PLANNED_ONLY': {
    zh: '{item} 仅有计划：没有正面佐证，只有计划{claims}{shortcoming}',
    en: '{item} is PLANNED_ONLY: no positive evidence, only plan {claims}{shortcoming}',
  },
  'explain.NEGATIVE_ONLY': {
    zh: '{item} 仅有问题：没有正面佐证或计划，只有不足{claims}',
    en: '{item} is NEGATIVE_ONLY: no positive evidence or plan, only shortcoming {claims}',
  },
  'explain.MISSING': {
    zh: '{item} 缺失：没有表述通过已采纳或待审核的链接与之关联',
    en: '{item} is MISSING: no claim is linked to it by an accepted or proposed link',
  },
  'explain.MISSING_NO_REPORT': {
    zh: '{item} 缺失：本单位本年度没有报告',
    en: '{item} is MISSING: the unit has no report for this year',
  },
};

/** Sheets, columns and words of the district workbook and CSVs. */
const EXPORTS: Record<string, Entry> = {
  'sheet.summary': { zh: '汇总', en: 'Summary' },
  'sheet.matrix': { zh: '矩阵', en: 'Matrix' },
  'sheet.flags': { zh: '预警', en: 'Flags' },
  'sheet.metrics': { zh: '指标', en: 'Metrics' },
  'column.rank': { zh: '排名', en: 'Rank' },
  'column.unit': { zh: '单位', en: 'Unit' },
  'column.report': { zh: '报告', en: 'Report' },
  'column.year': { zh: '年份', en: 'Year' },
  'column.scoreProposed': { zh: '得分（建议）', en: 'Score (proposed)' },
  'column.scoreConfirmed': { zh: '得分（确认）', en: 'Score (confirmed)' },
  'column.coveredProposed': { zh: '已覆盖（建议）', en: 'Covered (proposed)' },
  'column.partialProposed': { zh: '部分覆盖（建议）', en: 'Partial (proposed)' },
  'column.assessable': { zh: '可考核条目', en: 'Assessable items' },
  'column.ratioProposed': { zh: '覆盖率（建议）', en: 'Coverage (proposed)' },
  'column.coveredConfirmed': { zh: '已覆盖（确认）', en: 'Covered (confirmed)' },
  'column.ratioConfirmed': { zh: '覆盖率（确认）', en: 'Coverage (confirmed)' },
  'column.flagCount': { zh: '预警数', en: 'Flags' },
  'column.itemCode': { zh: '编号', en: 'Code' },
  'column.part': { zh: '部分', en: 'Part' },
  'column.item': { zh: '条目', en: 'Item' },
  'column.points': { zh: '分值', en: 'Points' },
  'column.status': { zh: '状态', en: 'Status' },
  'column.statusConfirmed': { zh: '状态（确认）', en: 'Status (confirmed)' },
  'column.score': { zh: '得分', en: 'Score' },
  'column.flags': { zh: '预警', en: 'Flags' },
  'column.evidence': { zh: '依据（摘录及章节）', en: 'Evidence (quotes and sections)' },
  'column.plansShortcomings': { zh: '计划与问题', en: 'Plans and shortcomings' },
  'column.metrics': { zh: '指标', en: 'Metrics' },
  'column.explanation': { zh: '说明', en: 'Explanation' },
  'column.severity': { zh: '严重程度', en: 'Severity' },
  'column.code': { zh: '代码', en: 'Code' },
  'column.flag': { zh: '预警', en: 'Flag' },
  'column.itemTitle': { zh: '条目名称', en: 'Item title' },
  'column.quotes': { zh: '依据（摘录）', en: 'Evidence (quotes)' },
  'column.file': { zh: '文件', en: 'File' },
  'column.claims': { zh: '表述', en: 'Claims' },
  'column.covered': { zh: '覆盖', en: 'Covered' },
  'column.partial': { zh: '部分', en: 'Partial' },
  'column.result': { zh: '结果', en: 'Result' },
  'quotes.more': { zh: '……另有 {count} 条', en: '… {count} more' },
};

/** The command-line tools. */
const CLI: Record<string, Entry> = {
  'cli.ingest.noUnits': {
    zh: '数据库中还没有单位：请先运行一次 npm start（载入 seeds/ 中的单位、清单和示例报告）',
    en: 'the database has no units: run npm start once (it loads seeds/: units, the checklist and the demo reports)',
  },
  'cli.ingest.noChecklist': {
    zh: '数据库中还没有清单：请先运行一次 npm start（载入示例清单），或用 npm run import-checklist -- 文件 导入清单',
    en: 'the database has no checklist: run npm start once (it loads the demo checklist), or import one with npm run import-checklist -- FILE',
  },
};

/** Claim search. */
const SEARCH: Record<string, Entry> = {
  'search.empty': { zh: '搜索词为空：请至少输入一个词', en: 'The search query is empty: give at least one word', sentence: true },
  'search.tooLong': {
    zh: '搜索词过长：最多 {max} 个字符（收到 {length} 个）',
    en: 'The search query is too long: at most {max} characters (got {length})',
    sentence: true,
  },
  'search.tooManyTerms': {
    zh: '搜索词过多：最多 {max} 个词（收到 {count} 个）',
    en: 'Too many search terms: at most {max} (got {count})',
    sentence: true,
  },
};

/** Start-up and service messages a deployer reads. */
const SERVICE: Record<string, Entry> = {
  'startup.portBusy': {
    zh: '端口 {port}（{host}）已被占用：请停止占用它的进程，或设置 PORT 为其他端口，例如 PORT=4001 npm start',
    en: 'Port {port} on {host} is already in use: stop the process using it, or set PORT to another port, e.g. PORT=4001 npm start',
    sentence: true,
  },
  'startup.seedReportsKept': {
    zh: 'SEED_REPORTS=0：不载入示例报告，但数据库（{database}）中已有的 {count} 份报告保留不变；SEED_REPORTS 不删除任何数据，要从空库开始请换一个数据库，例如 SQLITE_PATH=data/empty.sqlite npm start',
    en: 'SEED_REPORTS=0: the demo reports are not loaded, but the {count} report(s) already in the database ({database}) are kept; SEED_REPORTS deletes nothing: to start empty use another database, e.g. SQLITE_PATH=data/empty.sqlite npm start',
    sentence: true,
  },
  'startup.portOther': {
    zh: '无法使用端口 {port}（{host}）：{code}；请设置 PORT 为其他端口，例如 PORT=4001 npm start',
    en: 'Cannot use port {port} on {host}: {code}; set PORT to another port, e.g. PORT=4001 npm start',
    sentence: true,
  },
  'startup.cannotStart': { zh: '无法启动：{reason}', en: 'Cannot start: {reason}' },
  'error.internal': { zh: '服务器内部错误（错误编号 {errorId}）', en: 'Internal server error (error id {errorId})' },
};

/**
 * userErrors: one entry per stable code of src/common/error-codes.ts (no more, no fewer). The Chinese text is what a caller reads by default;
 * `{detail}` is the specific English message the service produced (shown in English).
 */
const USER_ERRORS: Record<`userError.${UserErrorCode}`, Entry> = {
  'userError.NOT_FOUND': { zh: '找不到 {field} 所指的对象', en: '{detail}' },
  'userError.BAD_USER_INPUT': { zh: '输入有误：{detail}', en: '{detail}' },
  'userError.JUSTIFICATION_REQUIRED': { zh: '标记为不适用需要填写理由', en: '{detail}' },
  'userError.REASON_REQUIRED': { zh: '驳回需要填写理由', en: '{detail}' },
  'userError.YEAR_OUT_OF_RANGE': { zh: '年份超出允许范围：{detail}', en: '{detail}' },
  'userError.UNIT_NOT_FOUND': { zh: '找不到该单位', en: '{detail}' },
  'userError.UNIT_NOT_REGISTERED': { zh: '该单位未登记', en: '{detail}' },
  'userError.UNIT_NOT_DETECTED': { zh: '无法从正文识别报告单位，请指定单位', en: '{detail}' },
  'userError.UNIT_UNCERTAIN': { zh: '报告单位只能从正文推定，把握较低；请指定单位', en: '{detail}' },
  'userError.YEAR_NOT_DETECTED': { zh: '无法从正文识别报告年份，请指定年份', en: '{detail}' },
  'userError.EMPTY_TEXT': { zh: '报告正文为空', en: '{detail}' },
  'userError.NOT_TEXT': { zh: '报告含有二进制数据，不是文本', en: '{detail}' },
  'userError.TEXT_TOO_LARGE': { zh: '文件过大：{detail}', en: '{detail}' },
  'userError.TEXT_OR_FILE': { zh: '请提供正文 text，或同时提供 contentBase64 和 fileName', en: '{detail}' },
  'userError.FILE_NAME_REQUIRED': { zh: '提供文件内容时需要同时提供文件名', en: '{detail}' },
  'userError.REPORT_EXISTS': { zh: '该单位该年度已有另一份报告；如需替换请设置 replace: true', en: '{detail}' },
  'userError.CHECKLIST_INVALID': { zh: '清单文件无效：{detail}', en: '{detail}' },
  'userError.CHECKLIST_VERSION_EXISTS': { zh: '该清单版本已存在且内容不同：请提高版本号', en: '{detail}' },
  'userError.STALE_VERSION': { zh: '对象已被他人修改：请刷新后重试', en: '{detail}' },
  'userError.INVALID_TRANSITION': { zh: '不允许的审核状态变更', en: '{detail}' },
  'userError.CHECKLIST_VERSION_OLD': { zh: '该清单已有更高的版本：{detail}', en: '{detail}' },
  'userError.ITEM_NOT_ASSESSABLE': { zh: '该编号是部分标题，不是可考核条目', en: '{detail}' },
  'userError.LINK_EXISTS': { zh: '该表述与该条目之间已有链接', en: '{detail}' },
  'userError.FILE_TOO_LARGE': { zh: '文件过大：{detail}', en: '{detail}' },
  'userError.NOT_A_REPORTING_UNIT': { zh: '只能对报告单位（街道、镇、乡）作此决定：{detail}', en: '{detail}' },
  'userError.DOCUMENT_TOO_LARGE': { zh: '文档超出读取限额：{detail}', en: '{detail}' },
  'userError.DOCUMENT_TOO_DEEP': { zh: '网页嵌套层级过深：{detail}', en: '{detail}' },
  'userError.EXTRACT_TIMEOUT': { zh: '读取文档超时：{detail}', en: '{detail}' },
  'userError.STORE_FAILED': { zh: '保存报告时数据库出错，未保存：{detail}', en: '{detail}' },
  'userError.DOWNLOAD_QUOTA_FULL': { zh: '待下载文件已达上限：请先下载或等待链接过期', en: '{detail}' },
  'userError.DOWNLOAD_BUDGET_FULL': { zh: '服务器上的待下载文件总量已满：请稍后再导出', en: '{detail}' },
  'userError.UNREADABLE': { zh: '文件无法读取：{detail}', en: '{detail}' },
  'userError.NAME_REQUIRED': { zh: '令牌需要名称（谁或什么在使用它）', en: '{detail}' },
  'userError.UNKNOWN_ROLE': { zh: '未知角色：{detail}', en: '{detail}' },
  'userError.NAME_TOO_LONG': { zh: '令牌名称过长：{detail}', en: '{detail}' },
  'userError.BAD_EXPIRY': { zh: '有效期无效：{detail}', en: '{detail}' },
  'userError.UNIT_REQUIRED': { zh: '该角色的令牌必须绑定单位（--unit 名称）', en: '{detail}' },
  'userError.CORRUPT_DOCUMENT': { zh: '文件已损坏或无法读取：{detail}', en: '{detail}' },
  'userError.EMPTY_DOCUMENT': { zh: '文档中没有文字：{detail}', en: '{detail}' },
  'userError.NO_TEXT_LAYER': { zh: 'PDF 没有文字层（可能是扫描件）：请先进行 OCR', en: '{detail}' },
  'userError.UNREADABLE_TEXT': { zh: 'PDF 的文字无法读取：{detail}', en: '{detail}' },
  'userError.ENCRYPTED': { zh: 'PDF 有密码保护：请另存一份无保护的副本', en: '{detail}' },
  'userError.UNSUPPORTED_FORMAT': { zh: '不支持的文件格式：{detail}', en: '{detail}' },
  'userError.UNSUPPORTED_ENCODING': { zh: '不支持的文字编码：请另存为 UTF-8', en: '{detail}' },
  'userError.BINARY': { zh: '文件是二进制文件，不是文本', en: '{detail}' },
  'userError.EMPTY': { zh: '文件为空（0 字节）', en: '{detail}' },
};

/** Across reports: reuse, suspect links after a checklist revision, metric series (issue 17). */
const ACROSS: Record<string, Entry> = {
  'flagLabel.LINK_SUSPECT': { zh: '佐证待复核', en: 'link suspect' },
  'flagLabel.REUSED_EVIDENCE': { zh: '佐证沿用上年', en: 'reused evidence' },
  'flag.LINK_SUSPECT': {
    zh: '{item}：条目在清单新版本中已修改，按旧版本确认的 {count} 条佐证（{claims}）待复核，复核前只计入建议口径',
    en: '{item}: the item changed in the new checklist version; {count} link(s) accepted under the old wording ({claims}) wait for re-review and count as proposed only',
    sentence: true,
  },
  'flag.REUSED_EVIDENCE': {
    zh: '{item}：唯一的正面佐证几乎照搬本单位 {year} 年报告的表述（{claims}，相似度 {similarity}）',
    en: "{item}: the only positive evidence nearly repeats the unit's {year} report ({claims}, similarity {similarity})",
    sentence: true,
  },
  'value.notReported': { zh: '未报告', en: 'not reported' },
  'value.noReport': { zh: '未报送', en: 'no report' },
  'sheet.suspect': { zh: '待复核', en: 'Suspect links' },
  'metricSheet.title': { zh: '{parent} {year}年 指标（与条目目标值对照）', en: '{parent} {year}: metrics against the item targets' },
  'metricSheet.note': {
    zh: '只计入成绩部分（非计划、非问题）的数值；"约"为约数（余/多），不能证明精确目标值；连续两年未达标：本年与上年报告的数值均未达到目标值。',
    en: 'Only values of positive claims (not plans, not shortcomings) count; "about" marks an approximate value (余/多), which never proves an exact target; missed two years running: the values of this year and the year before both miss the target.',
  },
  'metricSheet.met': { zh: '达标', en: 'met' },
  'metricSheet.notMet': { zh: '未达标', en: 'not met' },
  'metricSheet.yes': { zh: '是', en: 'yes' },
  'metricSheet.statsRow': { zh: '统计', en: 'Statistics' },
  'metricSheet.stats': {
    zh: '最小 {min} / 中位 {median} / 最大 {max}（{count} 个单位报告）',
    en: 'min {min} / median {median} / max {max} ({count} units reporting)',
  },
  'metricSheet.statsNone': { zh: '无单位报告数值', en: 'no unit reports a value' },
  'metricSheet.missingCount': { zh: '未达标 {count}', en: '{count} not met' },
  'column.metricKey': { zh: '指标', en: 'Metric' },
  'column.target': { zh: '目标', en: 'Target' },
  'column.valueThisYear': { zh: '本年数值', en: 'This year' },
  'column.met': { zh: '是否达标', en: 'Target met' },
  'column.valueLastYear': { zh: '上年数值', en: 'Year before' },
  'column.missingTwoYears': { zh: '连续两年未达标', en: 'Missed two years running' },
  'suspectSheet.title': { zh: '{parent} {year}年 待复核佐证（共 {count} 条）', en: '{parent} {year}: suspect links ({count})' },
  'suspectSheet.note': {
    zh: '这些佐证按清单旧版本确认，条目在新版本中已修改：复核（确认或驳回）前只计入建议口径，不计入确认口径。',
    en: 'These links were accepted under an earlier checklist version and the item has changed since: until re-reviewed (confirmed or rejected) they count as proposed, not confirmed.',
  },
  'column.claim': { zh: '表述', en: 'Claim' },
  'column.itemDiff': { zh: '条目修改（[-删除-]{+新增+}）', en: 'Item change ([-removed-]{+added+})' },
  'column.itemBefore': { zh: '修改前', en: 'Before' },
  'column.itemAfter': { zh: '修改后', en: 'After' },
};

export const MESSAGES: Readonly<Record<string, Entry>> = {
  ...STATUS,
  ...FLAGS,
  ...WORDING,
  ...EXPORTS,
  ...CLI,
  ...SEARCH,
  ...SERVICE,
  ...USER_ERRORS,
  ...ACROSS,
};

/** A message by key (the key must be in the catalogue; tests check every use). */
export function msg(key: string, params?: Record<string, MessageParam>): LocalText {
  return params ? { key, params } : { key };
}

function isLocalText(value: unknown): value is LocalText {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as LocalText).key === 'string';
}

const LIST_SEPARATOR: Record<Locale, string> = { zh: '；', en: '; ' };
const SENTENCE_END: Record<Locale, string> = { zh: '。', en: '.' };

function renderParam(value: unknown, locale: Locale): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v: unknown) => renderParam(v, locale)).join(LIST_SEPARATOR[locale]);
  if (isLocalText(value)) return render(value, locale);
  return String(value);
}

/**
 * A template cut once at its `{name}` placeholders: literal parts at even places, names at odd
 * ones (what `replace(/\{(\w+)\}/gu, …)` would visit, in order).
 */
const templateParts = new Map<string, string[]>();

function partsOf(template: string): string[] {
  let parts = templateParts.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/u);
    templateParts.set(template, parts);
  }
  return parts;
}

/** The text of a message in a locale; an unknown key renders as the key itself. */
export function render(text: LocalText, locale: Locale = DEFAULT_LOCALE): string {
  const entry = MESSAGES[text.key];
  if (!entry) return text.key;
  const params = text.params ?? {};
  const parts = partsOf(entry[locale]);
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    out += params[name] === undefined ? `{${name}}` : renderParam(params[name], locale);
    out += parts[i + 1] as string;
  }
  return entry.sentence && !/[.。!！?？]$/u.test(out) ? `${out}${SENTENCE_END[locale]}` : out;
}

/** Shorthand: render a key with parameters. */
export function t(key: string, params?: Record<string, MessageParam>, locale: Locale = DEFAULT_LOCALE): string {
  return render(msg(key, params), locale);
}

/** The parameter names of a template, sorted. */
export function templateParams(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/gu)].map((m) => m[1] ?? ''))].sort();
}

/** `en-US,en;q=0.9` → en; anything else (or nothing) → zh. */
export function localeFromAcceptLanguage(header: string | undefined | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const first = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((p) => p.tag && !Number.isNaN(p.q) && p.q > 0)
    .sort((a, b) => b.q - a.q)[0];
  return first && first.tag.startsWith('en') ? 'en' : DEFAULT_LOCALE;
}

/** The locale of a command-line run: `LANG` / `LC_ALL` / `LC_MESSAGES` starting with `en` → en. */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/iu.test(value) ? 'en' : DEFAULT_LOCALE;
}
