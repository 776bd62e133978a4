import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { METRIC_KEYS } from '../reading/metric-keys';
import {
  FLAG_CODES,
  ITEM_STATUSES,
  OPTIONAL_FLAG_DEFAULTS,
  type FlagSetting,
  type FlagSettingsOf,
  type ChecklistDefinition,
  type ChecklistFileError,
  type ChecklistItemDefinition,
  type FlagCode,
  type ItemStatus,
  type MatchRules,
  type Severity,
  type TargetDefinition,
} from './types';

/**
 * The human-editable checklist file (seeds/checklist.yaml): parsing and validation.
 *
 * The file is a YAML mapping with a header (key, name, issuer, yearFrom, yearTo, version),
 * `scoring` (status → factor), `flags` (flag code → enabled, severity) and a FLAT list of
 * `items`. An item without `parent` is a part (a heading, not assessable, no points, no
 * match rules, no targets); an item with `parent` is assessable and its code is
 * `<parent>.<n>`. Validation is all-or-nothing: any error and no checklist is returned.
 */

/** Result of parsing a checklist file: the checklist, or null and every error found. */
export interface ChecklistFileResult {
  checklist: ChecklistDefinition | null;
  errors: ChecklistFileError[];
}

/** Points of an assessable item when the file does not say. */
const DEFAULT_ITEM_POINTS = 3;

const SCORED_STATUSES = ITEM_STATUSES.filter((s): s is Exclude<ItemStatus, 'NOT_APPLICABLE'> => s !== 'NOT_APPLICABLE');
const SEVERITIES: readonly Severity[] = ['ERROR', 'WARNING', 'INFO'];
const COMPARISONS = ['>=', '=', '<='] as const;
const CODE_PATTERN = /^[1-9]\d*(\.[1-9]\d*)?$/;
const METRIC_PATTERN = /^[A-Z][A-Z0-9_]*$/;
/** The metric keys the analyser recognises: a rule or target naming another never matches. */
const KNOWN_METRICS: ReadonlySet<string> = new Set(METRIC_KEYS.map((d) => d.key));

// ── zod schemas (shape and field types; cross-item rules are checked afterwards) ────────

const text = z.string().trim().min(1, 'must not be empty');
const word = z.string().trim().min(1, 'must not be an empty word');
const metricKey = z.string().regex(METRIC_PATTERN, 'expected a metric key in capitals, e.g. COURT_APPEARANCE_RATE');
const words = z.array(word).default([]);

const matchSchema = z
  .object({
    keywords: words,
    together: z.array(z.array(word).min(2, 'a together group needs at least 2 words')).default([]),
    // { term, reason } entries, checked one by one in validateItems (each needs its reason)
    exclude: z.array(z.unknown()).default([]),
    metrics: z.array(metricKey).default([]),
    ignore: z.array(z.unknown()).optional(),
  })
  .strict();

const targetSchema = z
  .object({
    metric: metricKey,
    op: z.enum(COMPARISONS).optional(),
    threshold: z.number().finite().optional(),
    unit: text,
  })
  .strict();

const itemSchema = z
  .object({
    code: z.string(),
    parent: z.string().optional(),
    title: text,
    text: text.optional(),
    assessable: z.boolean().optional(),
    points: z.number().finite().nonnegative('must not be negative').optional(),
    match: matchSchema.optional(),
    targets: z.array(targetSchema).optional(),
  })
  .strict();

const year = z.number().int().min(1900, 'expected a year').max(2200, 'expected a year');

const headerSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes, e.g. demo-district-2021'),
    name: text,
    issuer: text,
    yearFrom: year,
    yearTo: year,
    version: z.number().int().positive('must be 1 or more'),
    scoring: z
      .object(
        Object.fromEntries(
          SCORED_STATUSES.map((s) => [s, z.number().finite().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1')]),
        ) as Record<Exclude<ItemStatus, 'NOT_APPLICABLE'>, z.ZodNumber>,
      )
      .strict(),
    flags: z
      .object(
        Object.fromEntries(
          FLAG_CODES.map((f) => {
            const setting = z.object({ enabled: z.boolean(), severity: z.enum(SEVERITIES as [Severity, ...Severity[]]) }).strict();
            return [f, f in OPTIONAL_FLAG_DEFAULTS ? setting.optional() : setting];
          }),
        ) as unknown as Record<FlagCode, z.ZodType<FlagSetting | undefined>>,
      )
      .strict()
      .transform((flags) => flags as FlagSettingsOf),
    reuse: z
      .object({ threshold: z.number().min(0.5, 'must be between 0.5 and 1').max(1, 'must be between 0.5 and 1') })
      .strict()
      .optional(),
    items: z.array(z.unknown()).min(1, 'the checklist has no items'),
    matching: z
      .object({
        similarity: z
          .object({
            intercept: z.number().finite(),
            slope: z.number().finite(),
            top: z.number().finite(),
            threshold: z.number().finite().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
          })
          .strict(),
      })
      .strict()
      .optional(),
  })
  .strict();

type ParsedItem = z.infer<typeof itemSchema>;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  float: 'a decimal number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'nothing',
  undefined: 'nothing',
};

/** One wording for zod's issues, so every message reads the same way. */
const errorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined') return { message: `missing (expected ${TYPE_NAMES[issue.expected] ?? issue.expected})` };
      return { message: `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${TYPE_NAMES[issue.received] ?? issue.received}` };
    case z.ZodIssueCode.invalid_enum_value:
      return {
        message: `unknown value ${JSON.stringify(issue.received)}: expected one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}`,
      };
    default:
      return { message: ctx.defaultError };
  }
};

// ── public API ─────────────────────────────────────────────────────────────────────────

/**
 * Parses and validates the text of a checklist file. Never throws: every problem is an
 * error naming the file, the item code (when known) and the field, with the line. Any
 * error means no checklist (nothing is half-imported).
 */
export function parseChecklistFile(text: string, fileName: string): ChecklistFileResult {
  try {
    return parseUnsafe(text, fileName);
  } catch (e) {
    // defensive: the parser is written not to throw, but a bug must not crash start-up
    return fail([{ file: fileName, itemCode: null, field: '(file)', message: `could not be read: ${(e as Error).message}` }]);
  }
}

/**
 * Reads a checklist file from disk and parses it. An unreadable file is an error, not an
 * exception. `displayName` (default: the path relative to the working directory) is the
 * file name used in errors.
 */
export function loadChecklistFile(path: string, displayName?: string): ChecklistFileResult {
  const fileName = displayName ?? displayPath(path);
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read the file: ${(e as Error).message}`;
    return fail([{ file: fileName, itemCode: null, field: '(file)', message: reason }]);
  }
  return parseChecklistFile(content.replace(/^\uFEFF/, ''), fileName);
}

/** One line per error: `file: item 5.5: targets[0].threshold: expected a number (line 42)`. */
export function formatChecklistErrors(errors: readonly ChecklistFileError[]): string {
  return errors
    .map((e) =>
      [e.file, e.itemCode !== null ? `item ${e.itemCode}` : null, e.field || null, e.message]
        .filter((p): p is string => p !== null)
        .join(': '),
    )
    .join('\n');
}

// ── implementation ─────────────────────────────────────────────────────────────────────

function fail(errors: ChecklistFileError[]): ChecklistFileResult {
  return { checklist: null, errors };
}

function displayPath(path: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

type PathPart = string | number;

class Collector {
  readonly errors: ChecklistFileError[] = [];
  constructor(
    private readonly file: string,
    private readonly doc: Document | null,
    private readonly lines: LineCounter,
  ) {}

  /** Adds an error; `path` locates it in the document for the line number. */
  add(itemCode: string | null, field: string, message: string, path: PathPart[] = []): void {
    const line = this.lineOf(path);
    this.errors.push({ file: this.file, itemCode, field, message: line ? `${message} (line ${line})` : message });
  }

  lineOf(path: PathPart[]): number | null {
    if (!this.doc) return null;
    for (let n = path.length; n >= 0; n -= 1) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return this.lines.linePos(range[0]).line;
    }
    return null;
  }
}

function parseUnsafe(text: string, fileName: string): ChecklistFileResult {
  const lines = new LineCounter();
  if (text.trim() === '') {
    return fail([{ file: fileName, itemCode: null, field: '(file)', message: 'the file is empty' }]);
  }
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const out = new Collector(fileName, doc, lines);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = lines.linePos(e.pos[0]).line;
      out.errors.push({
        file: fileName,
        itemCode: null,
        field: '(yaml)',
        message: `malformed YAML: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')} (line ${line})`,
      });
    }
    return fail(out.errors);
  }
  if (!isMap(doc.contents)) {
    out.add(null, '(file)', 'expected a mapping with key, name, issuer, yearFrom, yearTo, version, scoring, flags and items');
    return fail(out.errors);
  }

  const data = doc.toJS() as Record<string, unknown>;
  const header = headerSchema.safeParse(data, { errorMap });
  if (!header.success) {
    for (const issue of header.error.issues) reportIssue(out, issue, [], null);
  }
  if (header.success && header.data.yearFrom > header.data.yearTo) {
    out.add(null, 'yearTo', `must not be before yearFrom (${header.data.yearFrom})`, ['yearTo']);
  }

  const rawItems = Array.isArray(data.items) ? data.items : [];
  const items = validateItems(out, doc, rawItems);

  if (out.errors.length > 0 || !header.success || items === null) return fail(out.errors);
  const h = header.data;
  return {
    checklist: {
      key: h.key,
      name: h.name,
      issuer: h.issuer,
      yearFrom: h.yearFrom,
      yearTo: h.yearTo,
      version: h.version,
      scoring: h.scoring,
      flags: h.flags,
      ...(h.reuse ? { reuse: h.reuse } : {}),
      items,
      ...(h.matching ? { matching: h.matching } : {}),
    },
    errors: [],
  };
}

/** Turns a zod issue into file errors; `prefix` is the document path of the parsed value. */
function reportIssue(out: Collector, issue: z.ZodIssue, prefix: PathPart[], itemCode: string | null, itemLabel?: string): void {
  const path = [...prefix, ...issue.path];
  const fieldPath = itemCode !== null || itemLabel ? issue.path : path;
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    for (const key of issue.keys) {
      const where = [...fieldPath, key];
      out.add(itemCode, joinField(where, itemLabel), unknownKeyMessage(path, key), [...path, key]);
    }
    return;
  }
  out.add(itemCode, joinField(fieldPath, itemLabel), issue.message, path);
}

function unknownKeyMessage(path: PathPart[], key: string): string {
  const head = path.length === 1 ? path[0] : null;
  if (head === 'scoring') {
    return key === 'NOT_APPLICABLE'
      ? 'NOT_APPLICABLE items are left out of the score and take no factor'
      : `unknown status ${JSON.stringify(key)}: expected one of ${SCORED_STATUSES.join(', ')}`;
  }
  if (head === 'flags') return `unknown flag ${JSON.stringify(key)}: expected one of ${FLAG_CODES.join(', ')}`;
  return `unknown field ${JSON.stringify(key)}`;
}

/** `['targets', 0, 'threshold']` → `targets[0].threshold` (prefixed by `items[3]` when the code is unknown). */
function joinField(path: PathPart[], itemLabel?: string): string {
  let s = itemLabel ?? '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s || '(item)';
}

/** The code or parent as written: a bare `10.10` is read by YAML as the number 10.1. */
function codeAsWritten(doc: Document, index: number, key: 'code' | 'parent', value: unknown): unknown {
  if (typeof value !== 'number') return value;
  const node = doc.getIn(['items', index, key], true);
  return isScalar(node) && typeof node.source === 'string' ? node.source.trim() : String(value);
}

interface ValidItem {
  index: number;
  code: string;
  item: ParsedItem;
}

/** The codes of the first pass: every well-formed code, and those of parts (items without parent). */
interface ItemCodes {
  all: Set<string>;
  parts: Set<string>;
}

/** One item's errors: each is added to the file's errors under the item's code, and `ok` turns false. */
class ItemErrors {
  ok = true;
  constructor(
    private readonly out: Collector,
    private readonly code: string,
  ) {}

  add(field: string, message: string, path: PathPart[]): void {
    this.out.add(this.code, field, message, path);
    this.ok = false;
  }
}

function validateItems(out: Collector, doc: Document, rawItems: unknown[]): ChecklistItemDefinition[] | null {
  const itemsNode = doc.get('items', true);
  if (itemsNode !== undefined && !isSeq(itemsNode)) return null; // already reported by the header schema
  const codes: ItemCodes = { all: new Set(), parts: new Set() };
  const firstIndex = new Map<string, number>();
  let ok = true;
  const valid: ValidItem[] = [];
  rawItems.forEach((raw, index) => {
    const item = readItemEntry(out, doc, raw, index, codes, firstIndex);
    if (item) valid.push(item);
    else ok = false;
  });
  const result: ChecklistItemDefinition[] = [];
  for (const item of valid) {
    const errors = new ItemErrors(out, item.code);
    result.push(itemDefinition(out, errors, item, codes));
    if (!errors.ok) ok = false;
  }
  return ok ? result : null;
}

/**
 * First pass over one entry of `items`: its shape, its code (remembered in `codes`) and its fields. Returns the parsed
 * item, or null after reporting why not (not a mapping, no code, a malformed field, a code used before).
 */
function readItemEntry(
  out: Collector,
  doc: Document,
  raw: unknown,
  index: number,
  codes: ItemCodes,
  firstIndex: Map<string, number>,
): ValidItem | null {
  const path: PathPart[] = ['items', index];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    out.add(null, `items[${index}]`, 'expected a mapping with code, title, text …', path);
    return null;
  }
  const record = { ...(raw as Record<string, unknown>) };
  record.code = codeAsWritten(doc, index, 'code', record.code);
  if ('parent' in record) record.parent = codeAsWritten(doc, index, 'parent', record.parent);
  const code = typeof record.code === 'string' && CODE_PATTERN.test(record.code) ? record.code : null;
  if (code === null) {
    out.add(null, `items[${index}].code`, badCodeMessage(record.code), [...path, 'code']);
  } else {
    codes.all.add(code);
    if (record.parent === undefined || record.parent === null) codes.parts.add(code);
  }

  const parsed = itemSchema.safeParse(record, { errorMap });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'code') continue; // reported above
      reportIssue(out, issue, path, code, code === null ? `items[${index}]` : undefined);
    }
    return null;
  }
  if (code === null) return null;
  const seen = firstIndex.get(code);
  if (seen !== undefined) {
    const line = out.lineOf(['items', seen]);
    out.add(code, 'code', `duplicate code: already used by items[${seen}]${line ? ` on line ${line}` : ''}`, [...path, 'code']);
    return null;
  }
  firstIndex.set(code, index);
  return { index, code, item: parsed.data };
}

/** Why an item's `code` is not a code (missing, or not N / N.M). */
export function badCodeMessage(code: unknown): string {
  return code === undefined
    ? 'missing (every item needs a code such as "5" or "5.1")'
    : `${JSON.stringify(code)} is not a code: expected N or N.M, e.g. "5" or "5.1"`;
}

/** Second pass over one parsed item: its place in the tree, targets and match rules, checked against all codes. */
function itemDefinition(out: Collector, errors: ItemErrors, { index, code, item }: ValidItem, codes: ItemCodes): ChecklistItemDefinition {
  const path: PathPart[] = ['items', index];
  const isPart = item.parent === undefined;
  if (isPart) checkPart(errors, code, item, path);
  else checkItemUnderPart(errors, code, item, path, codes);
  const targets = readTargets(errors, item, path);
  const match = readMatchRules(out, errors, code, item, path);
  if (!isPart) {
    targets.forEach((t, i) => {
      if (!KNOWN_METRICS.has(t.metric)) {
        errors.add(`targets[${i}].metric`, unknownMetricMessage(t.metric), [...path, 'targets', i, 'metric']);
      }
    });
  }
  return {
    code,
    parentCode: isPart ? null : (item.parent as string),
    title: item.title,
    text: item.text ?? item.title,
    assessable: !isPart,
    points: isPart ? 0 : (item.points ?? DEFAULT_ITEM_POINTS),
    match,
    targets,
  };
}

/** A part (an item without parent) is a heading: top-level code, not assessable, no points, targets or match rules. */
function checkPart(errors: ItemErrors, code: string, item: ParsedItem, path: PathPart[]): void {
  if (code.includes('.')) errors.add('parent', `missing: item ${code} belongs under part "${code.split('.')[0]}"`, path);
  if (item.assessable === true) {
    errors.add('assessable', 'a part (an item without parent) is a heading and cannot be assessable', [...path, 'assessable']);
  }
  if (item.points !== undefined) errors.add('points', 'a heading (part) has no points', [...path, 'points']);
  if (item.targets !== undefined && item.targets.length > 0) {
    errors.add('targets', 'a heading (part) cannot have targets; put them on one of its items', [...path, 'targets']);
  }
  if (item.match !== undefined) {
    errors.add('match', 'a heading (part) is never matched; put match rules on its items', [...path, 'match']);
  }
}

/** An item under a part: its parent is a known part and its code `<parent>.<n>`; it is assessable and has a text. */
function checkItemUnderPart(errors: ItemErrors, code: string, item: ParsedItem, path: PathPart[], codes: ItemCodes): void {
  const parent = item.parent as string;
  const parentPath = [...path, 'parent'];
  if (!codes.all.has(parent)) {
    errors.add('parent', `unknown parent ${JSON.stringify(parent)}`, parentPath);
  } else if (!codes.parts.has(parent)) {
    errors.add('parent', `parent ${JSON.stringify(parent)} is not a part: items nest one level (codes N.M)`, parentPath);
  } else if (!code.includes('.') || code.split('.')[0] !== parent) {
    const message = `code ${code} does not belong under part ${JSON.stringify(parent)}: expected ${parent}.<n>`;
    errors.add('parent', message, parentPath);
  }
  if (item.assessable === false) {
    errors.add('assessable', 'an item under a part is assessable (only parts are headings)', [...path, 'assessable']);
  }
  if (item.text === undefined) errors.add('text', 'missing (the wording of the item)', path);
}

/** An item's targets: an op goes with a threshold, one target a metric. */
function readTargets(errors: ItemErrors, item: ParsedItem, path: PathPart[]): TargetDefinition[] {
  const targets: TargetDefinition[] = [];
  const targetMetrics = new Set<string>();
  (item.targets ?? []).forEach((t, i) => {
    const tPath = [...path, 'targets', i];
    if ((t.op === undefined) !== (t.threshold === undefined)) {
      const message = t.op === undefined ? 'a threshold needs a comparison op (>=, = or <=)' : 'a comparison op needs a threshold';
      errors.add(`targets[${i}]`, message, tPath);
    }
    if (targetMetrics.has(t.metric)) errors.add(`targets[${i}].metric`, `duplicate target for ${t.metric}`, [...tPath, 'metric']);
    targetMetrics.add(t.metric);
    targets.push({
      metric: t.metric,
      unit: t.unit,
      ...(t.op !== undefined ? { op: t.op } : {}),
      ...(t.threshold !== undefined ? { threshold: t.threshold } : {}),
    });
  });
  return targets;
}

/** An item's match rules: exclude and ignore terms each with a reason, metrics the analyser knows. */
function readMatchRules(out: Collector, errors: ItemErrors, code: string, item: ParsedItem, path: PathPart[]): MatchRules {
  const reasons: Record<string, string> = {};
  const exclude = reasonedTerms(out, code, path, 'exclude', item.match?.exclude ?? [], reasons);
  const ignore = reasonedTerms(out, code, path, 'ignore', item.match?.ignore ?? [], reasons);
  if (exclude === null || ignore === null) errors.ok = false;
  const metrics = item.match?.metrics ?? [];
  metrics.forEach((key, i) => {
    if (!KNOWN_METRICS.has(key)) errors.add(`match.metrics[${i}]`, unknownMetricMessage(key), [...path, 'match', 'metrics', i]);
  });
  return {
    keywords: item.match?.keywords ?? [],
    together: item.match?.together ?? [],
    exclude: exclude ?? [],
    metrics,
    ...(ignore !== null && ignore.length > 0 ? { ignore } : {}),
    ...(Object.keys(reasons).length > 0 ? { reasons } : {}),
  };
}

function unknownMetricMessage(key: string): string {
  return `未知的指标键 ${JSON.stringify(key)}，分析器不会识别它（unknown metric key: the analyser knows ${[...KNOWN_METRICS].join(', ')}）`;
}

/**
 * `exclude` and `ignore` entries are `{ term, reason }`: a term that vetoes or blanks words
 * must say, in general terms, why (not "this sentence of one report"). Returns the terms, or
 * null after reporting every malformed entry; reasons are collected into `reasons`.
 */
function reasonedTerms(
  out: Collector,
  code: string,
  path: PathPart[],
  field: 'exclude' | 'ignore',
  entries: readonly unknown[],
  reasons: Record<string, string>,
): string[] | null {
  const terms: string[] = [];
  let ok = true;
  entries.forEach((entry, i) => {
    const where = [...path, 'match', field, i];
    const name = `match.${field}[${i}]`;
    if (typeof entry === 'string') {
      out.add(
        code,
        name,
        `${JSON.stringify(entry)} 缺少理由：写成 { term: ${entry}, reason: 一般性的理由 }（every ${field} term needs a reason）`,
        where,
      );
      ok = false;
      return;
    }
    const record = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : null;
    const term = typeof record?.term === 'string' ? record.term.trim() : '';
    const reason = typeof record?.reason === 'string' ? record.reason.trim() : '';
    const extra = record ? Object.keys(record).filter((k) => k !== 'term' && k !== 'reason') : [];
    if (!record || term === '' || reason === '' || extra.length > 0) {
      out.add(
        code,
        name,
        `应写成 { term: 词, reason: 理由 }，两者都不能为空（expected { term, reason }${extra.length > 0 ? `; unknown field ${extra.map((k) => JSON.stringify(k)).join(', ')}` : ''}）`,
        where,
      );
      ok = false;
      return;
    }
    terms.push(term);
    reasons[term] = reason;
  });
  return ok ? terms : null;
}
