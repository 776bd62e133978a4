/**
 * The one catalogue of error codes a caller can see, each with a one-line description,
 * Chinese first:
 *
 * - `USER_ERROR_CODES`: the `code` of an expected failure returned as data (a mutation's
 *   `userErrors { field message code }`, a service `Outcome`, a row of `npm run ingest`);
 *   GraphQL enum `UserErrorCode`.
 * - `ERROR_CODES_CATALOGUE`: the `extensions.code` of a GraphQL (or HTTP) error: a refused or
 *   failed request, not a finding about the input's content.
 *
 * A code not listed here does not compile (in `fail`, `UserErrorData`, `limitError` …). docs/api.md lists both from here, and
 * `test/unit/common/error-codes.test.ts` fails when a code literal in `src/` is missing here
 * or a description lacks either language. The caller-facing message of a userError is the
 * i18n catalogue's `userError.<code>` (src/i18n/messages.ts); the texts below say what a code
 * means.
 */

/** What a code means, in Chinese and in English (one line each). */
export interface CodeDescription {
  zh: string;
  en: string;
}

/** An `extensions.code` and the HTTP status it is sent with. */
export interface ErrorCodeDescription extends CodeDescription {
  status: number;
}

export const USER_ERROR_CODES = {
  BAD_USER_INPUT: {
    zh: '输入有误（如参数组合无效），见消息',
    en: 'The input is invalid (e.g. a combination of arguments); see the message',
  },
  NOT_FOUND: {
    zh: '所给的 id 或编号没有对应的对象（或不在您的范围内）',
    en: 'No object has the given id or code (or it is outside your scope)',
  },
  STALE_VERSION: { zh: '对象已被他人修改：请刷新后重试', en: 'Someone else changed the object since you read it: reload and retry' },
  YEAR_OUT_OF_RANGE: { zh: '年份超出允许范围', en: 'The year is outside the allowed range' },
  JUSTIFICATION_REQUIRED: { zh: '标记为不适用需要填写理由', en: 'Marking an item not applicable needs a justification' },
  REASON_REQUIRED: { zh: '驳回佐证需要填写理由', en: 'Rejecting a link needs a reason' },
  INVALID_TRANSITION: { zh: '不允许的审核状态变更', en: 'The review state cannot change this way' },
  ITEM_NOT_ASSESSABLE: { zh: '该编号是部分标题，不是可考核条目', en: 'The code is a part heading, not an assessable item' },
  LINK_EXISTS: { zh: '该表述与该条目之间已有链接', en: 'The claim and the item are already linked' },
  NOT_A_REPORTING_UNIT: {
    zh: '只能对报告单位（街道、镇、乡）作此决定',
    en: 'Only a reporting unit (street, town, township) can take this decision',
  },
  UNIT_NOT_FOUND: { zh: '找不到该单位（或不在您的范围内）', en: 'No such unit (or it is outside your scope)' },
  UNIT_NOT_REGISTERED: { zh: '报告所写的单位未登记', en: 'The unit the report names is not registered' },
  UNIT_NOT_DETECTED: { zh: '无法从正文识别报告单位：请指定单位', en: 'The reporting unit cannot be detected from the text: give it' },
  UNIT_UNCERTAIN: {
    zh: '报告单位只能从正文推定（把握较低）：为免存到别的单位名下，请指定单位',
    en: 'The reporting unit is only a low-confidence reading of the text: give it, so the report is not stored under another unit',
  },
  YEAR_NOT_DETECTED: { zh: '无法从正文识别报告年份：请指定年份', en: 'The report year cannot be detected from the text: give it' },
  REPORT_EXISTS: {
    zh: '该单位该年度已有另一份报告；替换请设置 replace: true',
    en: 'The unit already has another report for the year; set replace: true to replace it',
  },
  EMPTY_TEXT: { zh: '报告正文为空', en: 'The report text is empty' },
  NOT_TEXT: { zh: '报告含有二进制数据，不是文本', en: 'The report contains binary data, not text' },
  TEXT_TOO_LARGE: { zh: '报告正文或文件超过大小上限', en: 'The report text or file exceeds the size limit' },
  TEXT_OR_FILE: { zh: '请提供正文 text，或同时提供 contentBase64 和 fileName', en: 'Give either text, or contentBase64 with fileName' },
  FILE_NAME_REQUIRED: { zh: '提供文件内容时需要同时提供文件名', en: 'Give the file name with the file content' },
  FILE_TOO_LARGE: { zh: '文件超过大小上限', en: 'The file exceeds the size limit' },
  UNREADABLE: { zh: '文件无法读取', en: 'The file cannot be read' },
  EMPTY: { zh: '文件为空（0 字节）', en: 'The file is empty (0 bytes)' },
  BINARY: { zh: '文件是二进制文件，不是文本', en: 'The file is binary, not text' },
  UNSUPPORTED_ENCODING: { zh: '不支持的文字编码：请另存为 UTF-8', en: 'Unsupported text encoding: save the file as UTF-8' },
  UNSUPPORTED_FORMAT: { zh: '不支持的文件格式', en: 'Unsupported file format' },
  CORRUPT_DOCUMENT: { zh: '文件已损坏或无法按其格式读取', en: 'The file is damaged or cannot be read in its format' },
  EMPTY_DOCUMENT: { zh: '文档中没有文字', en: 'The document contains no text' },
  DOCUMENT_TOO_LARGE: { zh: '文档超出读取限额（解压后大小、页数等）', en: 'The document exceeds a reading limit (unpacked size, pages …)' },
  DOCUMENT_TOO_DEEP: { zh: '网页嵌套层级过深', en: 'The web page is nested too deeply' },
  EXTRACT_TIMEOUT: { zh: '读取文档超时', en: 'Reading the document took too long' },
  STORE_FAILED: {
    zh: '保存这份报告时数据库出错，未保存；同批的其他文件不受影响',
    en: 'The database failed while storing this report; it was not stored, the other files of the batch are not affected',
  },
  NO_TEXT_LAYER: { zh: 'PDF 没有文字层（可能是扫描件）：请先进行 OCR', en: 'The PDF has no text layer (a scan?): run OCR first' },
  UNREADABLE_TEXT: { zh: 'PDF 的文字无法读取（字体编码缺失）', en: 'The text of the PDF cannot be read (missing font encoding)' },
  ENCRYPTED: { zh: 'PDF 有密码保护：请另存一份无保护的副本', en: 'The PDF is password-protected: save an unprotected copy' },
  CHECKLIST_INVALID: { zh: '清单文件无效', en: 'The checklist file is invalid' },
  CHECKLIST_VERSION_EXISTS: {
    zh: '该清单版本已存在且内容不同：请提高版本号',
    en: 'This checklist version exists with other content: raise the version',
  },
  CHECKLIST_VERSION_OLD: { zh: '该清单已有更高的版本', en: 'A newer version of this checklist exists' },
  DOWNLOAD_QUOTA_FULL: {
    zh: '您的待下载文件已达上限：请先下载或等待链接过期',
    en: 'You have too many pending downloads: download them or wait for them to expire',
  },
  DOWNLOAD_BUDGET_FULL: {
    zh: '服务器上的待下载文件总量已满：请稍后再导出',
    en: 'The server holds too many pending downloads: export later',
  },
  NAME_REQUIRED: { zh: '令牌需要名称（谁或什么在使用它）', en: 'A token needs a name (who or what uses it)' },
  NAME_TOO_LONG: { zh: '令牌名称过长', en: 'The token name is too long' },
  UNKNOWN_ROLE: { zh: '未知角色', en: 'Unknown role' },
  UNIT_REQUIRED: { zh: '该角色的令牌必须绑定单位', en: 'A token of this role must be bound to a unit' },
  BAD_EXPIRY: { zh: '有效期无效', en: 'The expiry is invalid' },
} as const satisfies Record<string, CodeDescription>;

/** A stable code of an expected failure (GraphQL enum `UserErrorCode`). */
export type UserErrorCode = keyof typeof USER_ERROR_CODES;

export const USER_ERROR_CODE_LIST = Object.keys(USER_ERROR_CODES) as UserErrorCode[];

export const ERROR_CODES_CATALOGUE = {
  BAD_USER_INPUT: {
    status: 400,
    zh: '参数或变量无效（如游标、id、页大小、搜索词），见消息',
    en: 'An argument or variable is invalid (cursor, id, page size, search words …); see the message',
  },
  UNAUTHENTICATED: { status: 401, zh: '缺少令牌或令牌无效、已撤销、已过期', en: 'No token, or the token is invalid, revoked or expired' },
  FORBIDDEN: { status: 403, zh: '您的角色或范围不允许此操作', en: 'Your role or scope does not allow this' },
  NOT_FOUND: { status: 404, zh: '下载链接不存在或已过期：请重新导出', en: 'The download does not exist or has expired: export again' },
  QUERY_TOO_DEEP: { status: 400, zh: '查询嵌套超过上限（MAX_QUERY_DEPTH）', en: 'The query is nested deeper than MAX_QUERY_DEPTH' },
  QUERY_TOO_LARGE: {
    status: 400,
    zh: '查询的字段、片段或词法单元超过上限（MAX_QUERY_FIELDS / MAX_QUERY_FRAGMENTS / MAX_QUERY_TOKENS）',
    en: 'The query has more fields, fragments or tokens than MAX_QUERY_FIELDS / MAX_QUERY_FRAGMENTS / MAX_QUERY_TOKENS',
  },
  QUERY_TOO_COSTLY: {
    status: 400,
    zh: '查询的估算代价超过上限（MAX_QUERY_COST）',
    en: 'The estimated cost of the query exceeds MAX_QUERY_COST',
  },
  LIST_TOO_LONG: {
    status: 400,
    zh: '列表参数的元素超过上限（MAX_LIST_ARGUMENT）',
    en: 'A list argument has more elements than MAX_LIST_ARGUMENT',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '您已有一个导出或上传在进行，或一个请求含多个导出或上传：请等它完成后再试',
    en: 'You already have an export or upload running, or one request holds several: wait for it to finish',
  },
  QUERY_TIMEOUT: {
    status: 503,
    zh: '请求超过时间预算（REQUEST_TIME_BUDGET_MS），已中止',
    en: 'The request ran out of its time budget (REQUEST_TIME_BUDGET_MS) and was stopped',
  },
  BAD_HOST: {
    status: 400,
    zh: 'Host 头不是本服务器的地址（ALLOWED_HOSTS）',
    en: "The Host header is not this server's address (ALLOWED_HOSTS)",
  },
  DUPLICATE_AUTHORIZATION: { status: 400, zh: '请求含多个 Authorization 头', en: 'The request has more than one Authorization header' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求体超过上限（MAX_BODY_BYTES）', en: 'The request body is larger than MAX_BODY_BYTES' },
  BAD_REQUEST: {
    status: 400,
    zh: '请求无法解读（如 JSON 无效、缺少 query）',
    en: 'The request cannot be understood (invalid JSON, no query …)',
  },
  GRAPHQL_PARSE_FAILED: { status: 400, zh: '查询有语法错误', en: 'The query has a syntax error' },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    zh: '查询不符合 schema（未知字段、缺少参数等）',
    en: 'The query does not match the schema (unknown field, missing argument …)',
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: 400,
    zh: '无法确定要执行的操作（operationName 不对或缺少）',
    en: 'The operation to run cannot be determined (operationName wrong or missing)',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 200,
    zh: '持久化查询的哈希未知：请连同查询正文重新发送',
    en: 'The persisted query hash is unknown: send it again with the query text',
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    zh: '服务器内部错误：消息和 extensions.errorId 给出错误编号，服务器日志有同一编号',
    en: 'Internal server error: the message and extensions.errorId give an id the server log also has',
  },
} as const satisfies Record<string, ErrorCodeDescription>;

/** A GraphQL error's `extensions.code` (or an HTTP error body's). */
export type ErrorCode = keyof typeof ERROR_CODES_CATALOGUE;

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES_CATALOGUE) as ErrorCode[];
