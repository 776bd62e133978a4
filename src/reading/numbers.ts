/**
 * Quantities in one claim: percentages, scores, counts with a measure word and money, with
 * the metric key they report when one is recognised (`metric-keys.ts`). Pure; never throws.
 *
 * Found numbers use explicit patterns (word segmentation splits 12.5, nzh misreads 两千):
 * - an Arabic number (optionally 1,600 with thousands commas, or a decimal) followed, with
 *   optional half-width spaces, by 余/多, a multiplier 千/万/亿, 余/多 again, and a unit from
 *   {@link MEASURE_WORDS}, `%`, `分` or `元`; a prefix (近, 约, 超过, 不低于 …) or a suffix
 *   (以上, 左右) sets the qualifier and is part of the expression;
 * - `4个100%` (`N个P%`) over a list of rates before it: N entries of P%;
 * - a list of rates followed by 均: `及时受理率和按期办理率均达到100%` gives one entry per rate;
 * - 全部/均 stating a rate-like requirement met by all (`重大行政决策全部经合法性审查`): 100%.
 *
 * Not quantities: a number without a unit of the list (dates 12·4, 4.15, 3.8国际妇女节, 12.4宪法日;
 * labels 3+1, 119消防法; 47.17兆瓦), with a unit of time (2022年, 11月, 7个工作日, 15:00),
 * joined to another number by · . - — ~ + : / (2023-01-28, 1-11月, 2021-2025年), an ordinal
 * (第3次), a frequency (每月2次), the upper end of a range (3至5次), an upper bound (5%以内,
 * 不超过3次: the qualifier type cannot say "at most"), a fractional count (3.15期间), or a
 * number touching ASCII letters (5G, A4). Chinese numerals are not read (一次, 八五, 第一).
 */
import type { Qualifier } from './types';
import { matchesOf } from './matches';
import { CLAUSE_BOUNDARY, findAllStatements, metricOfRateName, recogniseMetric } from './metric-keys';

/** A quantity found in a claim. */
export interface FoundNumber {
  /** metric key (the demo checklist's are listed in docs/design.md), or null when not recognised */
  metric: string | null;
  /** the value; money is in 元 (4.55万元 → 45500), multipliers applied (4万余人次 → 40000) */
  value: number;
  /** `%`, `分`, `元`, or the measure word (`次`, `件`, `人次` …) */
  unit: string;
  qualifier: Qualifier;
  /**
   * [start, end) offsets into the given text; `text.slice(start, end)` is the quantity
   * expression with its qualifier words (`4000余次`, `4.55 万元`, `95分以上`, `100%`). The
   * entries of `4个100%` all point at that expression, and a 100% read from 全部/均 at that word.
   */
  start: number;
  end: number;
}

/**
 * Measure words of counts, longest first, each with the characters that must NOT follow it
 * (场 of 场所, 个 of 个月/个工作日, 处 of 处理, 名 of 名单 …).
 */
const MEASURE_WORDS: ReadonlyArray<readonly [word: string, notBefore: RegExp | null]> = [
  ['场次', null],
  ['人次', null],
  ['件次', null],
  ['家次', null],
  ['户次', null],
  ['个次', null],
  ['批次', null],
  ['次', /^[性日年]/],
  ['场', /^[所地景馆合面域站]/],
  ['件', null],
  ['起', /^[诉草来点步始到源因]/],
  ['名', /^[单称义录册额誉]/],
  ['人', /^[民员大口才士事群物身格工力选类权性情生均]/],
  ['份', /^[额子]/],
  ['家', /^[长属乡园风门政具电务]/],
  ['处', /^[理置罚分于级长室在所]/],
  ['条', /^[例件款线]/],
  ['个', /^(?:月|工作日|小时|星期|季度|自然日|年度|百分点|半月|周)/],
  ['项', /^目/],
  ['户', /^[籍口外型]/],
  ['间', /^[隔断]/],
  ['期', /^[间限末初望待货刊]/],
  ['批', /^[准示评复]/],
  ['篇', null],
  ['台', /^[账阶湾]/],
  ['辆', null],
  ['张', /^[贴]/],
  ['套', null],
  ['所', /^[有属在以得谓]/],
  ['座', /^[谈]/],
  ['宗', /^[旨教族]/],
  ['例', /^[如外会]/],
  ['则', null],
  ['幅', null],
  ['块', null],
  ['位', /^[于置]/],
  ['支', /^[持付出部撑]/],
  ['轮', null],
];

/** Characters that make 分 something other than a score (分钟, 分别, 分局 …). */
const NOT_SCORE = /^[钟之别类局队级层管析享批布散配工期段片区会院行所成秒解流开担化居摊包拣发送组值]/;
/** Characters that make 元 something other than money (元旦 …). */
const NOT_MONEY = /^[旦素宵帅首老件]/;

const MULTIPLIER_POWER: Readonly<Record<string, number>> = { 千: 3, 万: 4, 亿: 8 };

/** Half-width spaces and tabs (and their full-width or no-break forms) allowed around numbers. */
const SPACE = /[ \t\u00a0\u3000]/;

/** Separators that join two numbers into a date, range or label (12·4, 1-11, 3+1, 15:00). */
const JOINERS = '·•・．.\\-－—–~～+＋:：/／_\\\\';
const JOINER_BEFORE = new RegExp(`\\d[ \\t]*[${JOINERS}][ \\t]*$`);
const JOINER_AFTER = new RegExp(`^[ \\t]*[${JOINERS}][ \\t]*\\d`);
/** Words before a number that make it no quantity: ordinal, frequency, upper end of a range. */
const NOT_A_COUNT_BEFORE = /(?:第|每(?:年|季度?|月|周|星期|天|日|次|人|户|场|个)?|\d[ \t]*(?:至|到))[ \t]*$/;

/** Prefix qualifiers, immediately before the number. */
const PREFIX_APPROX =
  /(?:将近|接近|(?<![最附临就靠亲贴])近|大约|大概|(?<![预节制签契邀特公条合违履践隐相集简守婚赴誓租失解毁纽爽信要立缔规盟和成])约)[ \t]*$/;
const PREFIX_AT_LEAST = /(?:(?<![不未])超过|(?<![赶不未])超|逾|不低于|不少于|至少|(?<!不)高于|(?<!不)多于)[ \t]*$/;
const PREFIX_AT_MOST = /(?:不超过|未超过|不足|(?<!不)低于|(?<!不)少于|不到|不高于|不多于)[ \t]*$/;
/** Suffix qualifiers, right after the unit. */
const SUFFIX = /^[ \t]*(及以上|以上|左右|及以下|以下|以内|之内)/;

/** `N个P%`: N rates each at P percent. */
const N_RATES = /(\d{1,2})[ \t]*个[ \t]*(\d+(?:\.\d+)?)[ \t]*%/g;
/** An Arabic number: thousands commas or plain, optionally decimal. */
const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?/g;
/** Rate list followed by 均 and a verb, at the end of the text before a percentage. */
const RATES_ALL_SUFFIX = /率[ \t]*(?:均|都|全部|皆)[ \t]*(?:已经?)?[ \t]*(?:达到了?|达|为|是|保持在|保持|实现了?|在)?[ \t]*$/;
/** Where a list of rates splits: after 率, at 、 ， 和 与 以及 及. */
const RATE_SEPARATOR = /(?<=率)[ \t]*(?:、|，|,|和|与|以及|及)[ \t]*/;

interface Quantity {
  start: number;
  end: number;
  value: number;
  unit: string;
  qualifier: Qualifier;
  /** `N个P%`: how many rates share the value (1 for an ordinary quantity) */
  rates: number;
}

/** The characters {@link fold} changes. */
const TO_FOLD = /[\uff10-\uff19\uff05\uff0e\u3000]/;

/** Full-width digits, ％, ．, ，, and ideographic space folded one-to-one, so offsets hold. */
function fold(text: string): string {
  if (!TO_FOLD.test(text)) return text; // most claims: nothing to fold, no string built
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 0x30);
    else if (ch === '％') out += '%';
    else if (ch === '．') out += '.';
    else if (ch === '\u3000') out += ' ';
    else out += ch;
  }
  return out;
}

/** `digits` × 10^power without binary rounding (4.55 × 10^4 = 45500 exactly). */
function scaled(digits: string, power: number): number {
  const [intPart = '0', frac = ''] = digits.split('.');
  if (power === 0) return Number(digits);
  const padded = frac.padEnd(power, '0');
  const rest = padded.slice(power);
  return Number(rest.length > 0 ? `${intPart}${padded.slice(0, power)}.${rest}` : `${intPart}${padded}`);
}

function skipSpaces(text: string, at: number): number {
  let p = at;
  while (p < text.length && SPACE.test(text.charAt(p))) p += 1;
  return p;
}

function clauseStart(text: string, at: number): number {
  let p = at;
  while (p > 0 && !CLAUSE_BOUNDARY.test(text.charAt(p - 1))) p -= 1;
  return p;
}

function clauseEnd(text: string, at: number): number {
  let p = at;
  while (p < text.length && !CLAUSE_BOUNDARY.test(text.charAt(p))) p += 1;
  return p;
}

/** The unit right at `at` (with its length), or null. */
function unitAt(text: string, at: number, multiplied: boolean): { unit: string; length: number } | null {
  const ch = text.charAt(at);
  const next = text.slice(at + 1, at + 6);
  if (ch === '%') return multiplied ? null : { unit: '%', length: 1 };
  if (ch === '分') return multiplied || NOT_SCORE.test(next) ? null : { unit: '分', length: 1 };
  if (ch === '元') return NOT_MONEY.test(next) ? null : { unit: '元', length: 1 };
  for (const [word, notBefore] of MEASURE_WORDS) {
    if (!text.startsWith(word, at)) continue;
    if (notBefore !== null && notBefore.test(text.slice(at + word.length, at + word.length + 6))) return null;
    return { unit: word, length: word.length };
  }
  return null;
}

/** 余 or 多 between a number and its unit (4000余次, 5000多名, 35万余元). */
const isApproxWord = (ch: string): boolean => ch === '余' || ch === '多';

/** Reads the quantity whose number is text[numStart, numEnd), or null when it is none. */
function readQuantity(text: string, numStart: number, numEnd: number): Quantity | null {
  const before = text.slice(Math.max(0, numStart - 8), numStart);
  if (numStart > 0 && /[A-Za-z]/.test(text.charAt(numStart - 1))) return null;
  if (JOINER_BEFORE.test(before) || NOT_A_COUNT_BEFORE.test(before) || PREFIX_AT_MOST.test(before)) return null;
  const rest = text.slice(numEnd, numEnd + 8);
  if (JOINER_AFTER.test(rest) || /^[A-Za-z]/.test(rest)) return null;

  let qualifier: Qualifier = 'EXACT';
  let start = numStart;
  const atLeast = PREFIX_AT_LEAST.exec(before);
  const approx = atLeast === null ? PREFIX_APPROX.exec(before) : null;
  const prefix = atLeast ?? approx;
  if (prefix !== null) {
    qualifier = atLeast !== null ? 'AT_LEAST' : 'APPROX';
    start = numStart - (before.length - prefix.index);
  }

  let p = skipSpaces(text, numEnd);
  let power = 0;
  if (isApproxWord(text.charAt(p))) {
    if (qualifier === 'EXACT') qualifier = 'APPROX';
    p = skipSpaces(text, p + 1);
  }
  const mult = MULTIPLIER_POWER[text.charAt(p)];
  if (mult !== undefined) {
    power = mult;
    p = skipSpaces(text, p + 1);
    if (isApproxWord(text.charAt(p))) {
      if (qualifier === 'EXACT') qualifier = 'APPROX';
      p = skipSpaces(text, p + 1);
    }
  }
  const unit = unitAt(text, p, power > 0);
  if (unit === null) return null;
  let end = p + unit.length;

  const suffix = SUFFIX.exec(text.slice(end, end + 8));
  if (suffix !== null) {
    const word = suffix[1] ?? '';
    if (word === '以上' || word === '及以上') qualifier = 'AT_LEAST';
    else if (word === '左右') {
      if (qualifier === 'EXACT') qualifier = 'APPROX';
    } else return null; // an upper bound: not representable
    end += suffix[0].length;
  }

  const digits = text.slice(numStart, numEnd).replace(/,/g, '');
  const value = scaled(digits, power);
  if (!Number.isFinite(value)) return null;
  const isCount = unit.unit !== '%' && unit.unit !== '分' && unit.unit !== '元';
  if (isCount && !Number.isInteger(value)) return null;
  return { start, end, value, unit: unit.unit, qualifier, rates: 1 };
}

/** `N个P%` expressions, N between 1 and 20. */
function readRateGroups(text: string): Quantity[] {
  const groups: Quantity[] = [];
  for (const m of matchesOf(N_RATES, text)) {
    const start = m.index ?? 0;
    const n = Number(m[1]);
    const value = Number(m[2]);
    if (n < 1 || n > 20 || !Number.isFinite(value)) continue;
    const before = text.slice(Math.max(0, start - 8), start);
    if (JOINER_BEFORE.test(before) || (start > 0 && /[A-Za-z]/.test(text.charAt(start - 1)))) continue;
    groups.push({ start, end: start + m[0].length, value, unit: '%', qualifier: 'EXACT', rates: n });
  }
  return groups;
}

/** The rate names listed at the end of `before` (…参与率、学习率、考试率、合格率), in order. */
function trailingRateNames(before: string): string[] {
  const last = before.lastIndexOf('率');
  if (last < 0) return [];
  const list = before.slice(0, last + 1);
  return list.split(RATE_SEPARATOR).filter((s) => s.endsWith('率'));
}

/**
 * All quantities in one normalised claim, in text order, each with its metric key or null.
 * Returns [] for text without quantities. Never throws: there is no catch-all here, so the
 * property tests over random and mutated text check exactly that.
 */
export function extractNumbers(claim: string): FoundNumber[] {
  if (typeof claim !== 'string' || claim.length === 0) return [];
  const text = fold(claim);

  const groups = readRateGroups(text);
  const quantities: Quantity[] = [...groups];
  for (const m of matchesOf(NUMBER, text)) {
    const s = m.index ?? 0;
    const e = s + m[0].length;
    if (groups.some((g) => s < g.end && e > g.start)) continue;
    const q = readQuantity(text, s, e);
    if (q !== null && !quantities.some((o) => q.start < o.end && q.end > o.start)) quantities.push(q);
  }
  quantities.sort((a, b) => a.start - b.start);

  const found: FoundNumber[] = [];
  let previousEnd = 0;
  for (const q of quantities) {
    const cStart = clauseStart(text, q.start);
    const from = Math.max(cStart, previousEnd); // quantities never overlap
    const before = text.slice(from, q.start);
    const after = text.slice(q.end, clauseEnd(text, q.end));
    previousEnd = q.end;
    const base = { value: q.value, unit: q.unit, qualifier: q.qualifier, start: q.start, end: q.end };

    if (q.rates > 1 || (q.unit === '%' && RATES_ALL_SUFFIX.test(before))) {
      const names = trailingRateNames(before);
      const count = q.rates > 1 ? q.rates : names.length;
      if (count > 1) {
        const used = names.slice(Math.max(0, names.length - count));
        const padding: Array<string | null> = Array.from({ length: count - used.length }, () => null);
        for (const name of [...padding, ...used]) {
          found.push({ ...base, metric: name === null ? null : metricOfRateName(name, text) });
        }
        continue;
      }
    }
    found.push({ ...base, metric: recogniseMetric({ before, after, unit: q.unit, claim: text }) });
  }

  for (const all of findAllStatements(text)) {
    if (found.some((f) => f.metric === all.metric)) continue;
    found.push({ metric: all.metric, value: 100, unit: '%', qualifier: 'EXACT', start: all.start, end: all.end });
  }
  return found
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.start - b.f.start || a.i - b.i)
    .map(({ f }) => f);
}
