/**
 * Measuring unit and year detection: a deterministic rewriter that turns a report into the
 * same report by another unit in another year, and a scorer. Pure (no files, no database):
 * the command `npm run -s evaluate:unit-year` reads the texts and labels and calls these.
 */
import { Converter } from 'opencc-js';
import { analyzeReport } from './analyze';
import type { KnownUnit, UnitLevel } from './types';

/** The unit a report is rewritten into. */
export interface RewriteTarget {
  /** full name: 金山街道, 城关镇, 新华路街街道 */
  name: string;
  /** the short form used in running text (金山街, 新华路街); the full name for 镇 and 乡 */
  short: string;
  level: 'STREET' | 'TOWN';
  /** 镇 or 乡 for a TOWN (the generic word 街道 in the text becomes it) */
  townWord?: '镇' | '乡';
  /** the district or county above it, and the city and province above that */
  parent: string;
  city: string;
  province: string;
}

/**
 * Other plausible units, written for this evaluation: 街道 (with names ending in 街 before
 * 街道), 镇 and 乡, under districts, counties and county-level cities of several provinces.
 */
export const REWRITE_TARGETS: readonly RewriteTarget[] = [
  { name: '金山街道', short: '金山街', level: 'STREET', parent: '城南区', city: '江州市', province: '江西省' },
  { name: '城关镇', short: '城关镇', level: 'TOWN', townWord: '镇', parent: '安平县', city: '衡水市', province: '河北省' },
  { name: '石桥乡', short: '石桥乡', level: 'TOWN', townWord: '乡', parent: '青川县', city: '广元市', province: '四川省' },
  { name: '新华路街街道', short: '新华路街', level: 'STREET', parent: '和平区', city: '沈阳市', province: '辽宁省' },
  { name: '东湖街道', short: '东湖街道', level: 'STREET', parent: '武昌区', city: '武汉市', province: '湖北省' },
  { name: '桂花镇', short: '桂花镇', level: 'TOWN', townWord: '镇', parent: '龙泉驿区', city: '成都市', province: '四川省' },
  { name: '南街街道', short: '南街', level: 'STREET', parent: '昌平区', city: '北京市', province: '北京市' },
  { name: '红旗乡', short: '红旗乡', level: 'TOWN', townWord: '乡', parent: '五常市', city: '哈尔滨市', province: '黑龙江省' },
  { name: '长安镇', short: '长安镇', level: 'TOWN', townWord: '镇', parent: '东莞市', city: '东莞市', province: '广东省' },
  { name: '白云路街道', short: '白云路街道', level: 'STREET', parent: '越秀区', city: '广州市', province: '广东省' },
];

/** The unit a report was written by, as registered: name, aliases and the units above it. */
export interface SourceUnit {
  name: string;
  aliases: readonly string[];
  /** names of the units above it, nearest first (南开区, 天津市) */
  ancestors: readonly string[];
}

/**
 * How the rewritten report names its author in its title: as the seed does, `XX区人民政府XX街道办事处关于…` or
 * `XX镇人民政府关于…`, `中共XX街道工作委员会 XX街道办事处关于…`, `XX街道2022年度…报告`, the organ with its county on
 * one line and `关于…的报告` on the next, no title but a superior addressed (`区委、区政府：`), or the seed's title with the
 * whole page in traditional characters.
 */
export type TitleShape = 'AS_IS' | 'GOVERNMENT_OFFICE' | 'PARTY_AND_OFFICE' | 'NAME_AND_YEAR' | 'SPLIT_TITLE' | 'ADDRESSED' | 'TRADITIONAL';
export const TITLE_SHAPES: readonly TitleShape[] = [
  'AS_IS',
  'GOVERNMENT_OFFICE',
  'PARTY_AND_OFFICE',
  'NAME_AND_YEAR',
  'SPLIT_TITLE',
  'ADDRESSED',
  'TRADITIONAL',
];

/** What a rewritten (or labelled) report should be read as. */
export interface ExpectedUnitYear {
  unit: string | null;
  unitLevel: UnitLevel | null;
  aliases: string[];
  year: number | null;
}

export interface RewrittenReport {
  text: string;
  expected: ExpectedUnitYear;
  target: RewriteTarget;
  shape: TitleShape;
}

function titleFor(target: RewriteTarget, year: number, shape: TitleShape): string | null {
  const office = target.level === 'STREET' ? `${target.name}办事处` : `${target.name}人民政府`;
  switch (shape) {
    case 'GOVERNMENT_OFFICE':
      return target.level === 'STREET'
        ? `${target.parent}人民政府${office}关于${year}年度法治政府建设情况的报告`
        : `${office}关于${year}年度法治政府建设情况的报告`;
    case 'PARTY_AND_OFFICE': {
      const party = target.level === 'STREET' ? `中共${target.name}工作委员会` : `中共${target.name}委员会`;
      return `${party} ${office}关于${year}年法治政府建设工作情况的报告`;
    }
    case 'NAME_AND_YEAR':
      return `${target.name}${year}年度法治政府建设情况报告`;
    case 'SPLIT_TITLE':
      return target.level === 'STREET'
        ? `${target.parent}人民政府${office}\n关于${year}年度法治政府建设情况的报告`
        : `${target.parent}${office}\n关于${year}年度法治政府建设情况的报告`;
    case 'ADDRESSED': {
      // the superior's level word: 区委、区政府 / 县委、县政府 / 市委、市政府
      const above = target.parent.slice(-1);
      return `${above}委、${above}政府：`;
    }
    default:
      return null;
  }
}

/** A short line near the top naming the report (法治政府建设 … 报告/总结), without a full stop. */
function titleLineRange(text: string): { start: number; end: number } | null {
  let start = 0;
  for (let n = 0; n < 8 && start < text.length; n += 1) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    if (line.length > 0 && line.length <= 60 && !line.includes('。') && /法治政府建设/u.test(line) && /报告|总结/u.test(line)) {
      return { start, end };
    }
    start = end + 1;
  }
  return null;
}

let traditional: ((s: string) => string) | null = null;
/** A page in traditional characters (OpenCC, cn → tw), as some sites serve them. */
function toTraditional(text: string): string {
  traditional ??= Converter({ from: 'cn', to: 'tw' });
  return traditional(text);
}

/** Years written as years (2022年, 2021-2025, 2023-01-28), not counts such as 2000余人. */
const YEAR_IN_TEXT = /(?<!\d)((?:19|20)\d{2})(?=\s*(?:年|[-—–./]\s*\d))/gu;

/**
 * Rewrites a report as written by `target` in `year`: the unit's names and aliases, its
 * bare name (平安稷下), the units above it and every year (shifted by the same amount, so
 * plans stay next year's and dates stay in order); for a 镇 or 乡 the generic 街道 / 我街 /
 * 全街 become 镇 / 我镇 / 全镇. With a title shape, the title is replaced (or, when the report
 * has none, one is added). Deterministic and pure.
 */
export function rewriteReport(
  text: string,
  source: SourceUnit,
  sourceYear: number,
  target: RewriteTarget,
  year: number,
  shape: TitleShape,
): RewrittenReport {
  const delta = year - sourceYear;
  const slots: string[] = [];
  const hold = (s: string): string => {
    slots.push(s);
    return `\u0001${slots.length - 1}\u0002`;
  };
  const replaceAll = (t: string, from: string, to: () => string): string => (from ? t.split(from).join(to()) : t);
  let out = text;
  // the unit's names, longest first: a 街道 form becomes the full name, a 街 form the short one
  const names = [...new Set([source.name, ...source.aliases])].sort((a, b) => b.length - a.length);
  for (const n of names) out = replaceAll(out, n, () => hold(/街道$/u.test(n) || target.level === 'TOWN' ? target.name : target.short));
  const stem = source.name.replace(/(街道|街|镇|乡)$/u, '');
  const targetStem = target.name.replace(/(?:街街道|街道|镇|乡)$/u, '');
  if ([...stem].length >= 2) out = replaceAll(out, stem, () => hold(targetStem));
  const above = [target.parent, target.city, target.province];
  source.ancestors.forEach((a, i) => {
    const to = above[Math.min(i, above.length - 1)] ?? ''; // above is never empty
    out = replaceAll(out, a, () => hold(to));
    // the bare place name (天津律师事务所, 南开信用平台, 滨海通办)
    const bare = a.replace(/(?:新区|自治县|区|县|市|省)$/u, '');
    const bareTo = to.replace(/(?:新区|自治县|区|县|市|省)$/u, '');
    if ([...bare].length >= 2) out = replaceAll(out, bare, () => hold(bareTo));
  });
  if (target.level === 'TOWN') {
    const w = target.townWord ?? '镇';
    out = out
      .replace(/街道办事处/gu, w === '镇' ? '镇人民政府' : '乡人民政府')
      .replace(/街道工作委员会|街道党工委/gu, `${w}党委`)
      .replace(/街道/gu, w)
      .replace(/([我本全])街/gu, `$1${w}`);
  }
  out = out.replace(YEAR_IN_TEXT, (y) => String(Number(y) + delta));
  out = out.replace(/\u0001(\d+)\u0002/gu, (_m, i: string) => slots[Number(i)] ?? '');
  const title = titleFor(target, year, shape);
  if (title) {
    const range = titleLineRange(out);
    out = range ? `${out.slice(0, range.start)}${title}${out.slice(range.end)}` : `${title}\n${out}`;
  }
  if (shape === 'TRADITIONAL') out = toTraditional(out);
  const aliases = target.short !== target.name ? [target.short] : [];
  return { text: out, expected: { unit: target.name, unitLevel: target.level, aliases, year }, target, shape };
}

/** A labelled report for the scorer. */
export interface UnitYearCase {
  id: string;
  text: string;
  expected: ExpectedUnitYear;
}

/** A report of the demo data with its unit and year. */
export interface SourceReport {
  id: string;
  text: string;
  unit: SourceUnit;
  year: number;
}

/**
 * Every source report rewritten into every target unit: the year cycles through 2019–2024
 * and the title shape through {@link TITLE_SHAPES}, both by position, so the set is fixed.
 */
export function rewrittenCases(reports: readonly SourceReport[], targets: readonly RewriteTarget[] = REWRITE_TARGETS): UnitYearCase[] {
  const cases: UnitYearCase[] = [];
  reports.forEach((r, i) => {
    targets.forEach((t, j) => {
      const year = 2019 + ((i * 3 + j) % 6);
      const shape = TITLE_SHAPES[(i + j) % TITLE_SHAPES.length]!; // an index modulo the length
      const rw = rewriteReport(r.text, r.unit, r.year, t, year, shape);
      cases.push({ id: `${r.id} → ${t.name} ${year} (${shape})`, text: rw.text, expected: rw.expected });
    });
  });
  return cases;
}

/** A name without its level word: 金山街道 → 金山, 新华路街街道 → 新华路街, 城关镇人民政府 → 城关, 武汉市 → 武汉. */
function unitStem(name: string): string {
  return name
    .trim()
    .replace(/(?:人民政府|办事处)$/u, '')
    .replace(/(?:街道|街|镇|乡|区|县|旗|市)$/u, '');
}

/** The level a name's last word gives (街道/街 STREET, 镇/乡 TOWN, 区/县 DISTRICT, 市 CITY). */
export function levelOfName(name: string): UnitLevel | null {
  const n = name.trim().replace(/(?:人民政府|办事处)$/u, '');
  if (/(?:街道|街)$/u.test(n)) return 'STREET';
  if (/[镇乡]$/u.test(n)) return 'TOWN';
  if (/[区县旗]$/u.test(n)) return 'DISTRICT';
  if (/市$/u.test(n)) return 'CITY';
  return null;
}

/**
 * Whether a detected unit is the expected one: the same name or one of its aliases, or the
 * same level and the same name stem (金山街 ↔ 金山街道). `新华路街` is not `新华路街街道`
 * unless it is a listed alias. An expected null unit is matched by a null detection only.
 */
export function unitMatches(expected: ExpectedUnitYear, detected: { name: string; level: UnitLevel | null } | null): boolean {
  if (expected.unit === null) return detected === null;
  if (detected === null) return false;
  const names = new Set([expected.unit, ...expected.aliases].map((n) => n.trim()));
  if (names.has(detected.name.trim())) return true;
  const level = expected.unitLevel ?? levelOfName(expected.unit);
  const detectedLevel = detected.level ?? levelOfName(detected.name);
  return level !== null && level === detectedLevel && unitStem(expected.unit) === unitStem(detected.name);
}

/** One scored case. */
interface UnitYearOutcome {
  id: string;
  expectedUnit: string | null;
  detectedUnit: string | null;
  expectedYear: number | null;
  detectedYear: number | null;
  unitRight: boolean;
  yearRight: boolean;
  /** the unit was read tentatively (ingest refuses it unless the unit is given) */
  unitTentative: boolean;
  /** the chosen unit's confidence and reason (null when none was chosen) */
  unitConfidence: number | null;
  unitReason: string | null;
}

/** Shares right over a set of cases. */
export interface UnitYearScore {
  reports: number;
  unit: number;
  year: number;
  both: number;
  /** units read tentatively, and how many of them are wrong (refused at ingest, not stored under another unit) */
  tentativeUnits: number;
  tentativeWrong: number;
  /** units read with confidence and wrong: what ingest would store under another unit */
  confidentWrong: number;
  outcomes: UnitYearOutcome[];
}

/** Detects unit and year in each case (no registry, nothing given) and scores them. */
export function scoreUnitYear(cases: readonly UnitYearCase[], knownUnits?: KnownUnit[]): UnitYearScore {
  const outcomes = cases.map((c): UnitYearOutcome => {
    const a = analyzeReport(c.text, knownUnits ? { knownUnits } : {});
    const unitRight = unitMatches(c.expected, a.unit);
    const yearRight = (a.year?.value ?? null) === c.expected.year;
    return {
      id: c.id,
      expectedUnit: c.expected.unit,
      detectedUnit: a.unit?.name ?? null,
      expectedYear: c.expected.year,
      detectedYear: a.year?.value ?? null,
      unitRight,
      yearRight,
      unitTentative: a.unit?.tentative ?? false,
      unitConfidence: a.unit?.confidence ?? null,
      unitReason: a.unit?.reason ?? null,
    };
  });
  const n = outcomes.length;
  const share = (k: number): number => (n === 0 ? 0 : Math.round((k / n) * 10000) / 10000);
  return {
    reports: n,
    unit: share(outcomes.filter((o) => o.unitRight).length),
    year: share(outcomes.filter((o) => o.yearRight).length),
    both: share(outcomes.filter((o) => o.unitRight && o.yearRight).length),
    tentativeUnits: outcomes.filter((o) => o.unitTentative).length,
    tentativeWrong: outcomes.filter((o) => o.unitTentative && !o.unitRight).length,
    confidentWrong: outcomes.filter((o) => o.detectedUnit !== null && !o.unitTentative && !o.unitRight).length,
    outcomes,
  };
}
