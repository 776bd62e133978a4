/**
 * The benchmark corpus: a deterministic, realistic set of units and annual reports built
 * from the five real seed reports. Units are generated names (街道/街/镇 under generated
 * districts, cities and provinces); each report recombines paragraph blocks of the seeds
 * by section kind, renames the seed's units and places, shifts years, varies counts and
 * rates (198起 → 143起, 100% sometimes 95%), drops sentences and applies the seeds'
 * layout quirks (ASCII brackets, blank lines, web-page chrome, hard line wraps, CRLF).
 *
 * Everything comes from a seeded PRNG: the same options give the same corpus, and one
 * report's text depends only on (seed, unit, year), so reports can be generated lazily.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeReport } from '../src/reading/analyze';
import type { SectionKind } from '../src/reading/types';
import { projectRoot } from '../src/common/project-root';
import { Rng } from './prng';

/** Levels used by the generated hierarchy (a subset of the product's unit levels). */
export type CorpusLevel = 'PROVINCE' | 'CITY' | 'DISTRICT' | 'STREET' | 'TOWN';

/** One generated unit; parents come before their children in {@link Corpus.units}. */
export interface CorpusUnit {
  name: string;
  level: CorpusLevel;
  aliases: string[];
  parentName: string | null;
}

/** Which unit and year a report is for (its text is made by {@link generateReportText}). */
export interface ReportSpec {
  unit: string;
  year: number;
}

export interface CorpusOptions {
  /** reporting units (街道/镇) to generate; at least 1 */
  units: number;
  /** consecutive report years from `firstYear` */
  years: number;
  /** PRNG seed (default `fazhi-bench`) */
  seed?: string;
  /** first report year (default 2021, the demo checklist's first year) */
  firstYear?: number;
  /** units of the one large district used for the coverage matrix (default 200, capped at `units`) */
  matrixDistrictUnits?: number;
  /** share of unit × year that sent a report (default 0.93); the rest get REPORT_MISSING */
  reportShare?: number;
  /**
   * plant known copies (default false): every report gets paragraphs of its own (特色工作,
   * text found nowhere else), 20% of the reports reuse 60% of those of the unit's report of
   * the year before, and 10% of the units copy two paragraphs of another unit of their
   * district in the same year; {@link plantedParagraphs} says which (the bench's truth).
   */
  plantReuse?: boolean;
}

/** The generated hierarchy and the list of reports (texts are generated on demand). */
export interface Corpus {
  seed: string;
  units: CorpusUnit[];
  /** the district with `matrixDistrictUnits` reporting units */
  matrixDistrict: string;
  /** a small district (the smallest generated one), to show statements do not grow with rows */
  smallDistrict: string;
  years: number[];
  /** by year, then in unit order */
  reports: ReportSpec[];
  /** reports carry planted copies ({@link plantedParagraphs}) */
  plantReuse?: boolean;
}

interface SeedInfo {
  file: string;
  unit: string;
  aliases: string[];
  district: string;
  city: string;
  province: string | null;
  year: number;
}

/** A paragraph block of a seed report: a level-2 section (heading line and body) or a headless body. */
interface Block {
  seed: number;
  kind: SectionKind;
  /** first line without its （一） numbering, or null when the block has no heading */
  head: string | null;
  paragraphs: string[];
}

interface SeedPool {
  seeds: SeedInfo[];
  texts: string[];
  blocks: Record<'ACHIEVEMENT' | 'SHORTCOMING' | 'RESPONSIBILITY' | 'PLAN', Block[]>;
  /** top-level headings by kind, without 一、 numbering */
  headings: Record<'ACHIEVEMENT' | 'SHORTCOMING' | 'RESPONSIBILITY' | 'PLAN', Array<{ seed: number; text: string }>>;
  /** the main paragraph of each seed's preamble */
  preambles: Array<{ seed: number; text: string }>;
}

const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const SEED_NAMES_TO_AVOID = ['万兴', '王顶堤', '稷下', '塘沽', '胡家园', '南开', '滨海', '临淄', '天津', '淄博', '山东'];
/** Place-name characters for generated stems (no level suffixes such as 区/县/镇/乡/街). */
const STEM_CHARS = [
  ...'东西南北青白金银新安平和康宁泰福寿丰华兴盛隆昌明光阳春秋桃李杏柳松竹梅兰菊荷龙凤鹤鹿云山川河湖海江溪泉石岭峰林园田坪桥湾港滩洲沙城关庄屯集寨堡营永长广德清源远定顺通延嘉瑞祥望宝玉文武',
];

let cachedPool: SeedPool | null = null;

/** Splits the five seed reports into blocks by section kind (once per process). */
function seedPool(): SeedPool {
  if (cachedPool) return cachedPool;
  const dir = join(projectRoot(), 'seeds');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    reports: Array<{
      file: string;
      organization: string;
      aliases: string[];
      district: string;
      city: string;
      province?: string;
      year: number;
    }>;
  };
  const pool: SeedPool = {
    seeds: [],
    texts: [],
    blocks: { ACHIEVEMENT: [], SHORTCOMING: [], RESPONSIBILITY: [], PLAN: [] },
    headings: { ACHIEVEMENT: [], SHORTCOMING: [], RESPONSIBILITY: [], PLAN: [] },
    preambles: [],
  };
  manifest.reports.forEach((r, seed) => {
    const raw = readFileSync(join(dir, r.file), 'utf8');
    pool.texts.push(raw);
    pool.seeds.push({
      file: r.file,
      unit: r.organization,
      aliases: r.aliases,
      district: r.district,
      city: r.city,
      province: r.province ?? null,
      year: r.year,
    });
    const analysis = analyzeReport(raw, { unit: r.organization, year: r.year });
    const sections = analysis.sections;
    for (const top of sections.filter((s) => s.level === 1)) {
      const lines = linesOf(raw.slice(top.start, top.end));
      if (top.kind === 'PREAMBLE') {
        const main = [...lines].sort((a, b) => b.length - a.length)[0];
        if (main) pool.preambles.push({ seed, text: main.replace(/^\[bookmark: _GoBack\]/, '') });
        continue;
      }
      if (top.kind !== 'ACHIEVEMENT' && top.kind !== 'SHORTCOMING' && top.kind !== 'RESPONSIBILITY' && top.kind !== 'PLAN') continue;
      const kind = top.kind;
      pool.headings[kind].push({ seed, text: stripTopNumber(lines[0] ?? '') });
      const children = sections.filter((s) => s.level === 2 && s.path.startsWith(`${top.path}/`));
      if (children.length === 0) {
        if (lines.length > 1) pool.blocks[kind].push({ seed, kind, head: null, paragraphs: lines.slice(1) });
        continue;
      }
      for (const child of children) {
        const [first, ...rest] = linesOf(raw.slice(child.start, child.end));
        if (!first) continue;
        pool.blocks[kind].push({ seed, kind, head: stripParenNumber(first), paragraphs: rest });
      }
    }
  });
  cachedPool = pool;
  return pool;
}

function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function stripTopNumber(line: string): string {
  return line.replace(/^[一二三四五六七八九十]+\s*[、.．]\s*/u, '');
}

function stripParenNumber(line: string): string {
  return line.replace(/^\*{0,2}[（(]\s*[一二三四五六七八九十]+\s*[）)]\s*/u, '');
}

/** The texts of the five seed reports (to check generated texts differ from them). */
export function seedTexts(): string[] {
  return [...seedPool().texts];
}

/** Generates the unit hierarchy and the list of reports; report texts come from {@link generateReportText}. */
export function buildCorpus(options: CorpusOptions): Corpus {
  const seed = options.seed ?? 'fazhi-bench';
  const total = Math.max(1, Math.floor(options.units));
  const yearCount = Math.max(1, Math.floor(options.years));
  const firstYear = options.firstYear ?? 2021;
  const matrixSize = Math.min(total, options.matrixDistrictUnits ?? 200);
  const share = options.reportShare ?? 0.93;
  const rng = new Rng(`${seed}|hierarchy`);
  const usedStems = new Set<string>(SEED_NAMES_TO_AVOID);
  // every 2- and 3-character piece of a used stem longer than 2: a new 2–3 character stem may
  // neither contain nor be contained in one (a set lookup, where comparing with every used
  // stem made the generator quadratic in units)
  const piecesOfLong = new Set<string>();
  const addPieces = (u: string): void => {
    if (u.length <= 2) return;
    for (let len = 2; len <= 3; len += 1) for (let i = 0; i + len <= u.length; i += 1) piecesOfLong.add(u.slice(i, i + len));
  };
  for (const u of usedStems) addPieces(u);
  // new stems have at most 3 characters: only a longer avoided name can sit inside one
  const longer = [...usedStems].filter((u) => u.length > 3);
  const containsLong = (s: string): boolean => longer.some((u) => s.includes(u));
  const stem = (): string => {
    for (;;) {
      const length = rng.chance(0.2) ? 3 : 2;
      let s = '';
      for (let i = 0; i < length; i += 1) s += rng.pick(STEM_CHARS);
      if (new Set(s).size < s.length) continue;
      if (piecesOfLong.has(s) || containsLong(s)) continue;
      if (usedStems.has(s)) continue;
      usedStems.add(s);
      addPieces(s);
      return s;
    }
  };

  // District sizes: the matrix district first, then districts of 8–25 reporting units.
  const sizes = [matrixSize];
  let left = total - matrixSize;
  while (left > 0) {
    const n = Math.min(left, rng.int(8, 25));
    sizes.push(n);
    left -= n;
  }
  const units: CorpusUnit[] = [];
  let province: CorpusUnit | null = null;
  let city: CorpusUnit | null = null;
  let citiesInProvince = 0;
  let districtsInCity = 0;
  let provinceCities = 0;
  let cityDistricts = 0;
  let smallDistrict = '';
  let smallSize = Infinity;
  let matrixDistrict = '';
  sizes.forEach((size, index) => {
    if (!province || citiesInProvince >= provinceCities) {
      province = { name: `${stem()}省`, level: 'PROVINCE', aliases: [], parentName: null };
      units.push(province);
      citiesInProvince = 0;
      provinceCities = rng.int(4, 10);
      city = null;
    }
    if (!city || districtsInCity >= cityDistricts) {
      city = { name: `${stem()}市`, level: 'CITY', aliases: [], parentName: province.name };
      units.push(city);
      citiesInProvince += 1;
      districtsInCity = 0;
      cityDistricts = rng.int(2, 6);
    }
    const district: CorpusUnit = {
      name: `${stem()}${rng.chance(0.8) ? '区' : '县'}`,
      level: 'DISTRICT',
      aliases: [],
      parentName: city.name,
    };
    units.push(district);
    districtsInCity += 1;
    if (index === 0) matrixDistrict = district.name;
    else if (size < smallSize) {
      smallSize = size;
      smallDistrict = district.name;
    }
    const townShare = index === 0 ? 0.15 : 0.35;
    for (let i = 0; i < size; i += 1) {
      const s = stem();
      if (rng.chance(townShare)) units.push({ name: `${s}镇`, level: 'TOWN', aliases: [], parentName: district.name });
      else if (rng.chance(0.7)) units.push({ name: `${s}街道`, level: 'STREET', aliases: [`${s}街`], parentName: district.name });
      else units.push({ name: `${s}街`, level: 'STREET', aliases: [`${s}街道`], parentName: district.name });
    }
  });
  const years = Array.from({ length: yearCount }, (_, i) => firstYear + i);
  const reporting = units.filter((u) => u.level === 'STREET' || u.level === 'TOWN');
  const reports: ReportSpec[] = [];
  for (const year of years) {
    for (const unit of reporting) {
      if (new Rng(`${seed}|present|${unit.name}|${year}`).chance(share)) reports.push({ unit: unit.name, year });
    }
  }
  return {
    seed,
    units,
    matrixDistrict,
    smallDistrict: smallDistrict || matrixDistrict,
    years,
    reports,
    ...(options.plantReuse ? { plantReuse: true } : {}),
  };
}

// ── planted copies (options.plantReuse) ──────────────────────────────────────────────

/** A paragraph of a report's own: fresh, or a known copy of another report's paragraph. */
export interface PlantedParagraph {
  text: string;
  /** where it was copied from (null: fresh, found nowhere else) */
  copyOf: { unit: string; year: number; kind: 'EARLIER' | 'SAME_YEAR' } | null;
}

export const FRESH_PARAGRAPHS = 5;
/** share of a unit's own paragraphs of the year before that a reusing report repeats */
export const REUSED_SHARE = 0.6;

const PLACES = ['社区', '小区', '村', '工业园', '商业街', '农贸市场', '学校', '养老院'];
const ACTS = [
  '组织开展',
  '牵头推进',
  '持续深化',
  '集中开展',
  '创新实施',
  '探索建立',
  '统筹推进',
  '扎实开展',
  '全面启动',
  '试点推行',
  '联合开展',
  '深入推进',
];
const THINGS = [
  '楼门长议事会',
  '物业纠纷联调',
  '老旧小区加装电梯协商',
  '夜间经济摊区规范',
  '电动自行车充电治理',
  '外卖骑手权益保障',
  '家政服务合同指引',
  '租房押金纠纷调处',
  '校园周边交通整治',
  '独居老人法律帮扶',
  '小微企业合规体检',
  '农村宅基地确权',
  '燃气安全入户检查',
  '装修噪音协调',
  '宠物饲养文明公约',
  '停车泊位共享',
  '菜市场计量监督',
  '垃圾分类积分兑换',
  '直播带货合规提示',
  '快递驿站规范管理',
];
const RESULTS = [
  '形成可复制的工作清单',
  '相关投诉同比明显下降',
  '群众满意度持续提升',
  '化解积案',
  '编印工作手册',
  '建立长效机制',
  '获得上级通报表扬',
  '制定议事规则',
  '建立联络员队伍',
  '开通线上受理渠道',
];
const MEASURES = ['场', '次', '件', '户', '人次', '处'];

/** The unit's own paragraphs of a year: text found in no other report (before copies are planted). */
function freshParagraphs(corpus: Corpus, unit: string, year: number): string[] {
  const rng = new Rng(`${corpus.seed}|fresh|${unit}|${year}`);
  const place = placeOf(corpus, unit);
  const name = (): string => `${rng.pick(STEM_CHARS)}${rng.pick(STEM_CHARS)}${rng.pick(STEM_CHARS)}${rng.pick(PLACES)}`;
  return Array.from({ length: FRESH_PARAGRAPHS }, () => {
    const sentences = Array.from({ length: 3 }, () => {
      const where = name();
      return `${where}${rng.pick(ACTS)}${rng.pick(THINGS)}工作，${rng.pick(THINGS)}${rng.int(3, 90)}${rng.pick(MEASURES)}，${rng.pick(RESULTS)}，${name()}与${name()}${rng.pick(ACTS)}${rng.pick(THINGS)}。`;
    });
    return `${year}年，${place.unit}${sentences.join('')}`;
  });
}

const reportSets = new WeakMap<Corpus, Set<string>>();

function hasReport(corpus: Corpus, unit: string, year: number): boolean {
  let set = reportSets.get(corpus);
  if (!set) reportSets.set(corpus, (set = new Set(corpus.reports.map((r) => `${r.unit}|${r.year}`))));
  return set.has(`${unit}|${year}`);
}

/** Whether the unit's report of `year` repeats 60% of its own paragraphs of the year before. */
export function reusesLastYear(corpus: Corpus, unit: string, year: number): boolean {
  return (
    year > (corpus.years[0] ?? Infinity) && hasReport(corpus, unit, year - 1) && new Rng(`${corpus.seed}|reuse|${unit}|${year}`).chance(0.2)
  );
}

/** The unit of the same district whose paragraphs the unit copies in `year`, or null. */
export function sharesWith(corpus: Corpus, unit: string, year: number): string | null {
  if (!new Rng(`${corpus.seed}|share|${unit}|${year}`).chance(0.1)) return null;
  const parent = unitOf(corpus, unit)?.parentName;
  const siblings = childrenOf(corpus, parent).filter((u) => u.name !== unit && hasReport(corpus, u.name, year));
  if (siblings.length === 0) return null;
  return new Rng(`${corpus.seed}|share-with|${unit}|${year}`).pick(siblings).name;
}

/**
 * The paragraphs of its own that a report carries (in the order they appear), with the
 * copies planted: the truth the reuse bench measures detection against.
 */
export function plantedParagraphs(corpus: Corpus, spec: ReportSpec): PlantedParagraph[] {
  const fresh = freshParagraphs(corpus, spec.unit, spec.year);
  const out: PlantedParagraph[] = fresh.map((text) => ({ text, copyOf: null }));
  if (reusesLastYear(corpus, spec.unit, spec.year)) {
    // what the report of the year before really carried (itself possibly a reuse)
    const before = plantedParagraphs(corpus, { unit: spec.unit, year: spec.year - 1 })
      .filter((p) => p.copyOf?.kind !== 'SAME_YEAR')
      .map((p) => p.text);
    const copies = Math.round(REUSED_SHARE * before.length);
    for (let i = 0; i < copies; i += 1) {
      out[i] = {
        text: before[i]!.replace(`${spec.year - 1}年`, `${spec.year}年`), // i < copies <= before.length
        copyOf: { unit: spec.unit, year: spec.year - 1, kind: 'EARLIER' },
      };
    }
  }
  const other = sharesWith(corpus, spec.unit, spec.year);
  if (other) {
    const from = placeOf(corpus, other).unit;
    const to = placeOf(corpus, spec.unit).unit;
    for (const text of freshParagraphs(corpus, other, spec.year).slice(FRESH_PARAGRAPHS - 2)) {
      out.push({ text: text.split(from).join(to), copyOf: { unit: other, year: spec.year, kind: 'SAME_YEAR' } });
    }
  }
  return out;
}

/** Names a report talks about: its unit, the unit's short name, district, city and province. */
interface Place {
  unit: string;
  short: string;
  town: boolean;
  district: string;
  city: string;
  province: string;
}

/**
 * The corpus's units by name (the first of a name) and by parent (in corpus order), built once
 * per corpus: a scan of the units per report made a 43 000-unit corpus spend 77 ms per text.
 */
const unitIndexes = new WeakMap<Corpus, { byName: Map<string, CorpusUnit>; byParent: Map<string | undefined, CorpusUnit[]> }>();

function indexesOf(corpus: Corpus): { byName: Map<string, CorpusUnit>; byParent: Map<string | undefined, CorpusUnit[]> } {
  let index = unitIndexes.get(corpus);
  if (!index) {
    index = { byName: new Map(), byParent: new Map() };
    for (const u of corpus.units) {
      if (!index.byName.has(u.name)) index.byName.set(u.name, u);
      const key = u.parentName ?? undefined;
      const list = index.byParent.get(key);
      if (list) list.push(u);
      else index.byParent.set(key, [u]);
    }
    unitIndexes.set(corpus, index);
  }
  return index;
}

function unitOf(corpus: Corpus, name: string): CorpusUnit | undefined {
  return indexesOf(corpus).byName.get(name);
}

function childrenOf(corpus: Corpus, parent: string | null | undefined): CorpusUnit[] {
  return indexesOf(corpus).byParent.get(parent ?? undefined) ?? [];
}

function placeOf(corpus: Corpus, unitName: string): Place {
  const byName = indexesOf(corpus).byName;
  const unit = byName.get(unitName);
  if (!unit) throw new Error(`unknown corpus unit ${unitName}`);
  const district = byName.get(unit.parentName ?? '');
  const city = byName.get(district?.parentName ?? '');
  const province = byName.get(city?.parentName ?? '');
  return {
    unit: unit.name,
    short: unit.name.replace(/(街道|街|镇)$/u, ''),
    town: unit.level === 'TOWN',
    district: district?.name ?? '',
    city: city?.name ?? '',
    province: province?.name ?? '',
  };
}

/**
 * Rewrites a seed paragraph for another place and year: the seed's unit (and aliases,
 * short name), district, city and province become the target's; years shift by the
 * difference (ranges such as 2021—2025 stay); 街道 becomes 镇 for towns.
 */
function transplant(text: string, info: SeedInfo, place: Place, yearShift: number): string {
  const short = info.unit.replace(/(街道|街)$/u, '');
  const pairs: Array<[string, string]> = [
    [info.unit, '\u0001U\u0002'],
    ...info.aliases.map((a): [string, string] => [a, '\u0001U\u0002']),
    [info.district, '\u0001D\u0002'],
    [info.city, '\u0001C\u0002'],
    ...(info.province ? [[info.province, '\u0001P\u0002'] as [string, string]] : []),
    [short, '\u0001S\u0002'],
    [info.city.replace(/市$/u, ''), '\u0001c\u0002'],
  ];
  pairs.sort((a, b) => b[0].length - a[0].length);
  const re = new RegExp(pairs.map(([from]) => escapeRegExp(from)).join('|'), 'gu');
  const map = new Map(pairs);
  let out = text.replace(re, (m) => map.get(m) ?? m);
  out = out.replace(/(20\d\d)(\s*[-—–~至]\s*)(20\d\d)|(20\d\d)(?=\s*年)/gu, (m, a, sep, b, single) => {
    if (single === undefined) return `${a}${sep}${b}`;
    return String(Number(single) + yearShift);
  });
  if (place.town) out = out.replace(/我街(?!道)/gu, '我镇').replace(/街道/gu, '镇');
  return out
    .replace(/\u0001U\u0002/gu, place.unit)
    .replace(/\u0001S\u0002/gu, place.short)
    .replace(/\u0001D\u0002/gu, place.district)
    .replace(/\u0001C\u0002/gu, place.city)
    .replace(/\u0001c\u0002/gu, place.city.replace(/市$/u, ''))
    .replace(/\u0001P\u0002/gu, place.province);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const MEASURE =
  '(?:万人次|人次|场次|件次|户次|余次|万元|万|元|%|％|个百分点|个|次|场|件|起|人|家|份|项|名|户|篇|条|期|处|台|套|本|分|天|小时|平方米|米|公里|单|宗|批)';
const NUMBER_RE = new RegExp(`(?<![\\d.．·])(\\d+(?:\\.\\d+)?)(?=\\s*(?:余|多)?\\s*${MEASURE})(\\s*(?:余|多)?\\s*)(${MEASURE})`, 'gu');

/** A number as the generator wrote it into a report (see {@link generateReportText}'s `numbers`). */
export interface GeneratedNumber {
  /** the part of the report the paragraph is in (PREAMBLE: the opening paragraph) */
  part: 'PREAMBLE' | 'ACHIEVEMENT' | 'SHORTCOMING' | 'RESPONSIBILITY' | 'PLAN';
  /** the paragraph's text before the number (as varied up to there) */
  before: string;
  value: number;
  /** the measure after it: %, 起, 分 … */
  unit: string;
}

/**
 * Varies counts, rates and scores: counts × 0.5–1.6, 100% sometimes 95/98/99/90%, other
 * rates ± 5 points. `written` hears every number as written (varied or not), with the text before it.
 */
function varyNumbers(text: string, rng: Rng, written?: (before: string, value: number, unit: string) => void): string {
  let out = '';
  let last = 0;
  return text.replace(NUMBER_RE, (match, value: string, gap: string, unit: string, offset: number) => {
    const next = varyNumber(match, value, gap, unit, rng);
    if (written) {
      out += text.slice(last, offset);
      last = offset + match.length;
      written(out, Number(next.slice(0, next.length - gap.length - unit.length)), unit);
      out += next;
    }
    return next;
  });
}

function varyNumber(match: string, value: string, gap: string, unit: string, rng: Rng): string {
  if (!rng.chance(0.85)) return match;
  const decimals = value.split('.')[1]?.length ?? 0;
  const v = Number(value);
  let next: number;
  if (unit === '%' || unit === '％' || unit === '个百分点') {
    if (v === 100) next = rng.chance(0.3) ? rng.pick([90, 95, 98, 99]) : 100;
    else next = Math.min(100, Math.max(0, v + rng.int(-5, 5)));
  } else if (unit === '分' && v >= 50) {
    next = Math.min(100, Math.max(50, v + (rng.next() * 8 - 4)));
  } else {
    next = Math.max(decimals ? 0.1 : 1, v * (0.5 + rng.next() * 1.1));
  }
  const formatted = decimals ? next.toFixed(decimals) : String(Math.round(next));
  return `${formatted}${gap}${unit}`;
}

/** Drops one non-first sentence of a long paragraph now and then. */
function varyParagraph(text: string, rng: Rng): string {
  const sentences = text.match(/[^。！？]+[。！？]?/gu) ?? [text];
  if (sentences.length >= 3 && rng.chance(0.25)) sentences.splice(rng.int(1, sentences.length - 1), 1);
  return sentences.join('');
}

interface Style {
  title: 0 | 1 | 2 | 3;
  asciiBrackets: boolean;
  blankLines: boolean;
  indent: boolean;
  web: boolean;
  crlf: boolean;
  wrapAt: number | null;
  bookmark: boolean;
  responsibilityFirst: boolean;
  withResponsibility: boolean;
  withShortcomings: boolean;
  signature: boolean;
}

function styleFor(rng: Rng): Style {
  const web = rng.chance(0.12);
  return {
    title: web ? 3 : (rng.pick([0, 0, 1, 1, 2]) as 0 | 1 | 2),
    asciiBrackets: web || rng.chance(0.1),
    blankLines: web || rng.chance(0.3),
    indent: web,
    web,
    crlf: rng.chance(0.1),
    wrapAt: !web && rng.chance(0.08) ? rng.int(34, 42) : null,
    bookmark: rng.chance(0.05),
    responsibilityFirst: rng.chance(0.25),
    withResponsibility: rng.chance(0.85),
    withShortcomings: rng.chance(0.92),
    signature: web || rng.chance(0.5),
  };
}

/**
 * The text of one report: a recombination of seed blocks for the unit and year of `spec`.
 * Depends only on (corpus seed, unit, year) and the corpus hierarchy. `numbers`, when
 * given, receives every number the generator wrote with its measure, the part of the report
 * and the text before it (the truth for tests of the metric series).
 */
export function generateReportText(corpus: Corpus, spec: ReportSpec, numbers?: GeneratedNumber[]): string {
  const pool = seedPool();
  const rng = new Rng(`${corpus.seed}|report|${spec.unit}|${spec.year}`);
  const place = placeOf(corpus, spec.unit);
  const style = styleFor(rng);
  const year = spec.year;
  // seed numbers come from the pool's own blocks
  const fromSeed = (seed: number, text: string): string => transplant(text, pool.seeds[seed]!, place, year - pool.seeds[seed]!.year);
  const para = (seed: number, text: string, part: GeneratedNumber['part']): string =>
    varyNumbers(
      varyParagraph(fromSeed(seed, text), rng),
      rng,
      numbers && ((before, value, unit) => numbers.push({ part, before, value, unit })),
    );
  const paren = (i: number): string => `（${CN_NUMERALS[i]}）`;

  const lines: string[] = [];
  if (style.web) {
    lines.push(`当前位置:${place.unit}> 政务公开> 工作总结`, '');
    lines.push(`${year}年${place.unit}法治政府建设工作总结`);
    lines.push(
      `发布日期: ${year + 1}-0${rng.int(1, 3)}-${String(rng.int(10, 28))} ${rng.int(9, 17)}:00      来源: ${place.unit}`,
      '字号:',
      '  • 扫一扫在手机打开当前页',
      '',
    );
  } else if (style.title === 1) {
    lines.push(`${place.unit}${year}年法治政府建设年度报告`, '');
  } else if (style.title === 2) {
    lines.push(`${place.unit}关于${year}年法治政府建设工作情况的报告`, '');
  }
  const pre = rng.pick(pool.preambles);
  lines.push(`${style.bookmark ? '[bookmark: _GoBack]' : ''}${para(pre.seed, pre.text, 'PREAMBLE')}`);

  type Part = { kind: 'ACHIEVEMENT' | 'SHORTCOMING' | 'RESPONSIBILITY' | 'PLAN'; count: [number, number] };
  const achievementParts = style.web ? rng.int(2, 3) : 1;
  const parts: Part[] = Array.from({ length: achievementParts }, (): Part => ({
    kind: 'ACHIEVEMENT',
    count: achievementParts > 1 ? [2, 3] : [3, 6],
  }));
  const tail: Part[] = [];
  if (style.withShortcomings) tail.push({ kind: 'SHORTCOMING', count: [1, 3] });
  if (style.withResponsibility) tail.push({ kind: 'RESPONSIBILITY', count: [1, 3] });
  if (style.responsibilityFirst) tail.reverse();
  parts.push(...tail, { kind: 'PLAN', count: [2, 4] });

  const usedHeadings = new Set<string>();
  parts.forEach((part, index) => {
    let heading: { seed: number; text: string };
    if (part.kind === 'ACHIEVEMENT' && achievementParts > 1) {
      const web = pool.headings.ACHIEVEMENT.filter(
        (h) => pool.headings.ACHIEVEMENT.filter((o) => o.seed === h.seed).length > 1 && !usedHeadings.has(h.text),
      );
      heading = rng.pick(web.length ? web : pool.headings.ACHIEVEMENT);
    } else {
      const single = pool.headings[part.kind].filter((h) => pool.headings[part.kind].filter((o) => o.seed === h.seed).length === 1);
      heading = rng.pick(single.length ? single : pool.headings[part.kind]);
    }
    usedHeadings.add(heading.text);
    lines.push(`${CN_NUMERALS[index]}、${fromSeed(heading.seed, heading.text)}`);
    const blocks = rng.sample(pool.blocks[part.kind], rng.int(part.count[0], part.count[1]));
    const headed = blocks.filter((b) => b.head !== null);
    const headless = blocks.filter((b) => b.head === null);
    headed.forEach((block, i) => {
      lines.push(`${paren(i)}${para(block.seed, block.head as string, part.kind)}`);
      for (const p of block.paragraphs) lines.push(para(block.seed, p, part.kind));
    });
    for (const block of headless) for (const p of block.paragraphs) lines.push(para(block.seed, p, part.kind));
    if (corpus.plantReuse && index === 0) {
      lines.push(`${paren(headed.length)}特色工作`);
      for (const p of plantedParagraphs(corpus, spec)) lines.push(p.text);
    }
  });
  if (style.signature) {
    lines.push(
      '',
      style.web
        ? `中共${place.district}${place.unit}${place.town ? '委员会' : '工作委员会'}`
        : `${place.unit}${place.town ? '人民政府' : '办事处'}`,
    );
    lines.push(`${year + 1}年${rng.int(1, 2)}月${rng.int(1, 28)}日`);
  }
  if (style.web) lines.push('', '', '全国各省市政府网站', `${place.city}各区政府网站`, `${place.district}政府系统网站`, '重点链接');

  let out = lines.map((l) => (style.wrapAt ? hardWrap(l, style.wrapAt) : l)).join(style.blankLines ? '\n\n' : '\n');
  if (style.indent)
    out = out
      .split('\n')
      .map((l) => (l ? `    ${l}` : l))
      .join('\n');
  if (style.asciiBrackets) out = out.replace(/（/gu, '(').replace(/）/gu, ')');
  if (style.crlf) out = out.replace(/\n/g, '\r\n');
  return `${out}\n`;
}

/** Breaks a long line every `width` characters, as a PDF text export does. */
function hardWrap(line: string, width: number): string {
  if (line.length <= width) return line;
  const parts: string[] = [];
  for (let i = 0; i < line.length; i += width) parts.push(line.slice(i, i + width));
  return parts.join('\n');
}

/**
 * A generated report as a unit files it: with the title real reports carry
 * (`XX街道关于2023年度法治政府建设情况的报告`). Generated bodies come from the demo reports and
 * often say only 我街/我镇; a folder ingest (unit read from the text) needs what a real file has.
 */
export function asFiledReport(spec: ReportSpec, text: string): string {
  return `${spec.unit}关于${spec.year}年度法治政府建设情况的报告\n${text}`;
}
