/**
 * Who wrote a report and which year it describes, with the evidence for each candidate.
 * Works from the text alone (names ending in 街道/街/镇/乡/区/县/市) and resolves aliases against
 * registered units when given.
 *
 * A name is credible as the author when the text puts it where an author is named — the
 * title, the signature, a scraped page's 来源 field, a heading, the subject of the opening
 * sentence — or joins an organ to it (XX镇人民政府, XX街道办事处, 中共XX街道工作委员会), or
 * repeats it, or when it is a registered unit. A name seen once in running text
 * (`加大镇街执法力度`, `扩大乡村…`, `聚焦区委…`) is listed but not chosen. When nothing names
 * the author, a name is still chosen, with a modest confidence, if it is the only recurring
 * name of the level the text speaks as (我县 … 浮梁县 … 浮梁县).
 */
import { knownNameIndex, streetStem } from './known-names';
import { bareBodyWordsIn, bodyNameLevel, bodyNamesIn, isBareBodyWord } from './management-bodies';
import { matchesOf } from './matches';
import { NormalisedText, toRawRange } from './normalise';
import { isStrongTitle, type DocLine, type DocumentStructure } from './sections';
import type {
  AnalysisError,
  AnalyzeOptions,
  DetectionEvidence,
  EvidenceSource,
  KnownUnit,
  UnitCandidate,
  UnitLevel,
  YearCandidate,
} from './types';

/** Unit and year candidates, the chosen ones, and errors when nothing could be chosen. */
export interface UnitYearResult {
  unit: UnitCandidate | null;
  unitCandidates: UnitCandidate[];
  year: YearCandidate | null;
  yearCandidates: YearCandidate[];
  errors: AnalysisError[];
}

/** A candidate below this confidence is listed but not chosen. */
const MIN_UNIT_CONFIDENCE = 0.2;
const MIN_YEAR_CONFIDENCE = 0.15;
/**
 * A chosen unit below this confidence is tentative: inferred from how the text speaks of itself (0.25–0.35) or named
 * only weakly (once in running text beside its organ, demoted beside another level). Every reading named in a title,
 * signature, 来源 field, the opening's subject or a heading is at or above it.
 */
const TENTATIVE_UNIT_CONFIDENCE = 0.4;
/** A chosen year below this confidence is tentative: a signature date early in the next year, a plan's title, running text only. */
const TENTATIVE_YEAR_CONFIDENCE = 0.3;
const MAX_WEAK_EVIDENCE = 6;
const MAX_PER_SOURCE = 3;
const MAX_LISTED_EVIDENCE = 10;

interface Mention {
  key: string;
  name: string;
  level: UnitLevel | null;
  source: EvidenceSource;
  weight: number;
  /** a registered unit */
  known: boolean;
  /** in a position that names an author (title, signature, 来源, heading, opening subject) or followed by an organ */
  credible: boolean;
  /** followed by an organ (人民政府, 办事处, 工作委员会 …) */
  anchored: boolean;
  /** named as a superior: a lower unit or the level's organ right after it (开州区大进镇委员会, 开州区委) */
  superior?: boolean;
  /** normalised offsets */
  start: number;
  end: number;
}

/** A piece of normalised text with the source it counts as. */
interface Segment {
  text: string;
  offset: number;
  source: EvidenceSource;
  /** a subject position: the opening line */
  opening: boolean;
  /** inside a PLAN section: years there are next year's */
  plan: boolean;
  /** a weight for unit names here other than the source's (a page's breadcrumb) */
  unitWeight?: number;
  /** in a title, signature or 来源 field: the indices of `text` that had whitespace before them in the raw text */
  spaces?: ReadonlySet<number>;
}

const HAN = /[\u3400-\u9fff]/u;
const isHan = (ch: string | undefined): boolean => ch !== undefined && HAN.test(ch);

/** The level words a unit's name ends in (levelOf ranks them), longest first: one list for names read and names known. */
const NAME_LEVEL_WORDS = '街道|街|镇|乡|区|县|旗|市|州|盟';
/** A level word ending a name; group 1. */
const LEVEL_WORD_END = new RegExp(`(${NAME_LEVEL_WORDS})$`, 'u');

function levelOf(suffix: string): UnitLevel | null {
  if (suffix === '街道' || suffix === '街') return 'STREET';
  if (suffix === '镇' || suffix === '乡') return 'TOWN';
  // a 旗 (banner) is a county of Inner Mongolia
  if (suffix === '区' || suffix === '县' || suffix === '旗') return 'DISTRICT';
  // a 州 or 自治州 (黔西南州, 湘西土家族苗族自治州) and a 盟 (兴安盟) rank as a city
  if (suffix === '市' || suffix === '州' || suffix === '盟') return 'CITY';
  return null;
}

/** Levels from the top: a unit of a lower rank is inside one of a higher rank. */
const RANK: Record<UnitLevel, number> = { PROVINCE: 0, CITY: 1, DISTRICT: 2, STREET: 3, TOWN: 3 };

/** Words that lead into a name but are not part of it (联合南开区 → 南开区). */
const LEAD_INS = [
  '中国共产党',
  '中共',
  '关于',
  '现将',
  '按照',
  '根据',
  '依据',
  '联合',
  '会同',
  '配合',
  '协助',
  '组织',
  '推动',
  '指导',
  '全面',
  '积极',
  '认真',
  // adverbs and verbs before an organ (严格执行县委…制度, 切实贯彻区委…): never the start of a name
  '严格',
  '切实',
  '坚决',
  '扎实',
  '持续',
  '不断',
  '着力',
  '进一步',
  '执行',
  '贯彻',
  '实施',
  '学习',
  '遵守',
  '深入',
  '坚持',
  '围绕',
  '结合',
  '通过',
  '依托',
  '带领',
  '位于',
  '来自',
  '保障',
  '今年',
  '去年',
  // 2025年以来街道深入… (no comma after the time): 以来 ends the time, never starts a name
  '以来',
  '全年',
  '年度',
  '制定',
  '加强',
  '规范',
  '打造',
  '聘请',
  '开展',
  '推进',
  '建立',
  '完善',
  '落实',
  '深化',
  '覆盖',
  '进入',
  '走进',
  '服务',
  '支持',
  '参与',
  '提升',
  '强化',
  '实现',
  '促进',
  '帮助',
  '协调',
  '督促',
  '召开',
  '举办',
  '成立',
  '设立',
  '健全',
  '所有',
  '全体',
  '整个',
  '全部',
  '及时',
  '主动',
  '前往',
  '来到',
  '收到',
  '加大',
  '扩大',
  '加快',
  '做好',
  '完成',
  '抓好',
  '提高',
  '增强',
  '扩展',
  '拓展',
  '延伸',
  '辐射',
  '带动',
  '统筹',
  '下沉',
  '包括',
  '涉及',
  '联系',
  '对接',
  '面向',
  '针对',
  '各个',
  '每个',
  '周边',
  '相邻',
  '其他',
  '有关',
  '相关',
  '下辖',
  '所辖',
  '辖区',
  '度',
  '年',
  '在',
  '由',
  '对',
  '经',
  '将',
  '为',
  '及',
  '和',
  '与',
  '是',
  '的',
  '了',
  '于',
  '向',
  '到',
  '从',
].sort((a, b) => b.length - a.length);

/** {@link LEAD_INS} as a set, for a whole stem that is one of them. */
const LEAD_IN_SET: ReadonlySet<string> = new Set(LEAD_INS);
const NO_WORDS: readonly string[] = [];
/** {@link LEAD_INS} grouped by a UTF-16 unit of theirs, each group in LEAD_INS's order (so the first match is the same). */
function leadInsBy(unitOf: (w: string) => number, words: readonly string[]): ReadonlyMap<number, readonly string[]> {
  const groups = new Map<number, string[]>();
  for (const w of words) {
    const key = unitOf(w);
    const group = groups.get(key);
    if (group) group.push(w);
    else groups.set(key, [w]);
  }
  return groups;
}
/** The lead-ins a stem can start with, by its first UTF-16 unit: a stem is compared with those, not with all of them. */
const LEAD_INS_BY_FIRST = leadInsBy((w) => w.charCodeAt(0), LEAD_INS);
/** The lead-ins of two UTF-16 units or more a text can end with, by its last UTF-16 unit. */
const LONG_LEAD_INS_BY_LAST = leadInsBy(
  (w) => w.charCodeAt(w.length - 1),
  LEAD_INS.filter((w) => w.length > 1),
);

/**
 * Characters and words that never occur in a unit's proper name (石门镇, 建华街道, 新政镇 and
 * 兴农镇 are names; 部门, 建设, 行政, 农村 are not). A single 街, 镇 or 乡 may be part of a name
 * (镇海区, 乡宁县, 街子镇, 景德镇市); the generic words made of them (乡镇, 镇街, 城乡, 乡村) and
 * ordinals (第四次) never are.
 */
const BAD_STEM_CHARS =
  /[的了着过们这及或等委局议在是]|那[些个里样么时儿边种天年]|乡镇|镇街|街镇|街乡|乡街|城乡|乡村|村镇|镇村|城镇|街巷|县城|[镇乡区县市街旗][长委]|苏木|第[一二三四五六七八九十百\d]|科室|部门|工作|建设|法治|治理|政治|综治|政府|行政|政务|职责|系统|体系|涉农|农村|农业|法律|执法|普法|依法|司法|管理|服务|社会/u;
/** A stem ending like a verb or an admin level is a phrase, not a name (大事不出街道, 天津市街道). */
const PHRASE_END =
  /(?:推进|形成|带动|带领|要求|围绕|涵盖|构建|发挥|聘请|组织|制定|加强|参与|联合|规范|进入|覆盖|服务|深入|走进|全面|建立|完善|落实|打造|配合|协助|指导|督促|推动|开展|成立|设立|召开|举办|执行|贯彻|实施|学习|遵守|风险|[出入进向到由对为省市区县])$/u;
/**
 * The words of {@link PHRASE_END} that end in one of its single characters, and a few more verbs of that kind: after
 * an issuer's parents' names (开州区推进镇…) they still end a phrase where a place's name ending in 进 or 向 does not.
 */
const PHRASE_VERB_END =
  /(?:推进|深入|进入|走进|促进|引进|改进|纳入|融入|投入|列入|引入|加入|面向|走向|转向|成为|作为|做到|达到|作出|做出|提出|突出|针对|面对)$/u;
/** Last characters of a stem that make the word generic (社区, 城镇, 全街, 城乡 …). */
const GENERIC_STEM_END: Record<string, RegExp> = {
  区: /(?:社|小|辖|园|镇|乡|主城|老城|旧城|中心城|景|片|街|市|全|本|我|各|该|校|库|矿|林|灾|山|湖|禁|误|专|分|学|示范|保护|开发|度假|试验|功能|商|住|服务|管|地|老|郊|战|厂|营|院|生活|居住|行政|一|二|三|四|五|六|七|八|九|十|两)$/u,
  县: /(?:全|本|我|各|该|郡|州|市|样板|示范|试点|先进|百强|强|大|重点)$/u,
  旗: /(?:全|本|我|各|该|红|国|党|彩|锦|军|战|队|团|会|校|司|伟大|盟|市)$/u,
  街: /(?:大|步行|商业|美食|老|一条|小|古|全|本|我|各|该|此|每|两|在|到|沿|临)$/u,
  街道: /(?:全|本|我|各|该|此|每|两|在|到|沿|临|所在|相关)$/u,
  镇: /(?:城|乡|村|集|重|小|名|古|市|全|本|我|各|该|特色)$/u,
  乡: /(?:城|家|故|下|老|返|同|异|水|梦|思|他|回|离|全|本|我|各|该|五老)$/u,
  市: /(?:城|超|都|门|上|股|集|夜|早|菜|花|黑|楼|全|本|我|各|该|省|级|地|县|区|副|直|开|罢|互)$/u,
};
/** A stem ending in a determiner is never a name (全镇, 本乡, 各街道, 所在街道). */
const DETERMINER_END = /(?:全|本|我|各|该|此|每|两|在|到|沿|临|所在|相关|城乡|乡村)$/u;
/** The same as the subject of an opening sentence, where a name may end in 沿, 临, 在 or 到 (浦沿街道). */
const SUBJECT_DETERMINER_END = /(?:全|本|我|各|该|此|每|两|所在|相关|城乡|乡村)$/u;
/**
 * Where a 区 is named as an author (title, signature, 来源, before 人民政府) only determiners
 * and words for areas make it generic: 青山区, 中山区, 新城区 are names there, 社区 and 园区 are not.
 */
const DISTRICT_DETERMINER_END = /(?:全|本|我|各|该|此|每|两|社|小|辖|园|景|片|校|库|矿|营|开发|度假|示范|试验|功能|保护)$/u;
/** Where a 市 is a city's name even in a naming spot: not after a determiner or a generic word (城市, 超市). */
const CITY_DETERMINER_END = /(?:全|本|我|各|该|此|每|两|城|超|都|省|县|区|级)$/u;
/** The character after the suffix that shows it is a different word (区域, 街面, 乡贤). */
const GENERIC_NEXT: Record<string, RegExp> = {
  区: /^[域分别间块划位级]/u,
  县: /^[域城级]/u,
  旗: /^[帜舰下袍杆手号]/u,
  街: /^[坊巷头面域区景边角舞市镇级]/u,
  镇: /^[痛静定压守街村级域区长]/u,
  乡: /^[贤村镇土愁情亲音里邻级街长]/u,
  市: /^[场民级容值域内外面井貌县区镇乡]/u,
};
/** A district followed by one of its organs (区委, 区政府, 区司法局) is a superior, not an author. */
const ORGAN_NEXT = /^(?:委|政府|人民政府|人大|政协|司法局|法院|人民法院|检察院|人民检察院|公安|[^\s，,。]{0,4}局)/u;

/** Organs that end an enclosing name (XX区人民政府XX街道 → XX街道, 中共XX街道工作委员会XX街道). */
const ORGAN_BEFORE = /(?:人民政府|政府|办事处|工作委员会|委员会|党工委|工委|党委)/gu;
/** An organ right after a name joins it to the name (XX镇人民政府, XX街道办事处, XX街道党工委). */
const ORGAN_AFTER =
  /^(?:人民政府|政府|办事处|工作委员会|党工委|工委|党委|纪工委|纪委|人大|综合行政执法|综合执法|司法所|法治建设领导小组|全面依法治)/u;

/**
 * The name-like stem before a suffix at `at`, or null. `atSubject` tells whether a stem starting at an index is the
 * subject of an opening sentence (2024年，浦沿街道坚持…): there a stem is read as in a naming spot, except that a
 * preposition at its end (沿, 临, 在, 到) does not make it generic.
 */
function stemBefore(
  text: string,
  at: number,
  suffix: string,
  namingSpot = false,
  atSubject?: (start: number) => boolean,
  authorLine = false,
  spaces?: ReadonlySet<number>,
  ownLevel = false,
): string | null {
  let k = at;
  // an autonomous county's or an ethnic township's name is longer (彭水苗族土家族自治县, 双河拉祜族佤族布朗族自治县)
  const lookback = AUTONOMOUS_BEFORE.test(text.slice(Math.max(0, at - 2), at)) ? AUTONOMOUS_LOOKBACK : 12;
  while (k > 0 && isHan(text[k - 1]) && at - k < lookback) k -= 1;
  // 威廉希尔中文 沙园街道办事处 (a mirror page's title after a site's words): where a naming line had a space, the name
  // starts after it, when two characters or more follow (a letter-spaced title, 沙 园 街 道, has one)
  if (namingSpot && spaces) {
    for (let p = at - 1; p > k; p -= 1) {
      if (!spaces.has(p)) continue;
      if (at - p >= 2) k = p;
      break;
    }
  }
  let run = text.slice(k, at);
  // 2022年南街, 2022年度南街: the 年 belongs to the date before it
  if (/\d/u.test(text.charAt(k - 1))) run = run.replace(/^(?:年度|年|月份|月|日)/u, '');
  // 滨海新区胡家园 → 胡家园, 天津市南开 → 南开
  // 中共禹王台区委禹王台 (two header lines joined) → 禹王台: a superior's 委 goes with it
  // 济南市市中 → 市中, 青岛市市北 → 市北 (a district whose own name starts with 市 or 区 after its city's name);
  // 湘西土家族苗族自治州石溪 → 石溪; 阳泉市郊 → 郊 where a text names its author (城区, 郊区 and 矿区 are districts' names)
  // 张店区房 (before 镇镇): a district's full name and one character is the district and a cut name, never a town's
  // name — what follows is too short to be one and is refused below
  const townLevel = suffix === '镇' || suffix === '乡' || suffix === '街道' || suffix === '街';
  const admin = adminPattern(namingSpot && suffix === '区', townLevel);
  let adminEnd = -1;
  for (const m of matchesOf(admin, run)) adminEnd = (m.index ?? 0) + m[0].length;
  // 中共重庆市开州区大进镇委员会, 重庆市綦江区金桥镇人民政府: an issuer line that starts with its parents' names — the
  // name after them is the issuer's own, even where it ends like a verb (大进, 前进, 东向)
  const chained =
    namingSpot &&
    adminEnd > 0 &&
    !isHan(text[k - 1]) &&
    PARENT_CHAIN.test(run.slice(0, adminEnd)) &&
    ISSUER_AFTER.test(text.slice(at + suffix.length, at + suffix.length + 8));
  // 2024年，江州市大进区坚持…: the opening's subject after its parents' names (see the subject reading below)
  const afterParents = adminEnd > 0 && PARENT_CHAIN.test(run.slice(0, adminEnd));
  if (adminEnd >= 0) run = run.slice(adminEnd);
  // 南开区人民政府万兴 → 万兴, 中共稷下街道工作委员会稷下 → 稷下
  let organEnd = -1;
  for (const m of matchesOf(ORGAN_BEFORE, run)) organEnd = (m.index ?? 0) + m[0].length;
  if (organEnd > 0 && [...run.slice(organEnd)].length >= 2) run = run.slice(organEnd);
  // a one-character county (郏县, 沛县) is named only where an author is named
  const minRest = suffix === '县' && namingSpot ? 1 : 2;
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const w of LEAD_INS_BY_FIRST.get(run.charCodeAt(0)) ?? NO_WORDS) {
      if (!run.startsWith(w)) continue;
      const rest = [...run].length - [...w].length;
      if (rest >= 2 || (rest >= minRest && [...w].length >= 2)) {
        run = run.slice(w.length);
        stripped = true;
        break;
      }
      // a verb of two characters and one character left: 配合新区, 按照新区 are no names
      if (rest === 1 && [...w].length >= 2) return null;
    }
  }
  // a name ending in its own level word (房镇镇) is a subject's name by the part before that word
  const plain = ownLevel && run.endsWith(suffix) ? run.slice(0, -suffix.length) : run;
  const subjectLike =
    SUBJECT_STEM.test(plain) ||
    DIRECTION_AREA.test(plain) ||
    (ownLevel && [...plain].length === 1 && isHan(plain)) ||
    (suffix === '县' && oneCharCountyAt(text, at, plain));
  const whole = acceptStem(text, at, suffix, run, namingSpot, (authorLine || chained) && subjectLike, ownLevel, chained);
  if (whole !== null || namingSpot) return whole;
  // a subject is a place's own name: short, with no level word inside (红星乡围绕城乡 is two words) but 东区街道's; right
  // after its parents' names (2024年，江州市大进区坚持…) it is a place's name even where it ends like a verb, as on an
  // issuer line (大进, 东向) — not a verb of two characters (推进, 纳入)
  if (subjectLike && atSubject?.(at - run.length)) {
    const subject = acceptStem(text, at, suffix, run, true, true, ownLevel, afterParents);
    if (subject !== null) return subject;
  }
  // running text: 让…精神在下太镇落地, 列入下太镇委党校 — the name starts after the last
  // function word (在, 的, 入 …) or lead-in; such a name is credible only by repetition or agreement
  const chars = [...run];
  for (let p = chars.length - 2; p >= 1; p -= 1) {
    const head = chars.slice(0, p).join('');
    if (
      !FUNCTION_END.test(head) &&
      !(LONG_LEAD_INS_BY_LAST.get(head.charCodeAt(head.length - 1)) ?? NO_WORDS).some((w) => head.endsWith(w))
    )
      continue;
    return chars.length - p <= 4 ? acceptStem(text, at, suffix, chars.slice(p).join(''), false, false, ownLevel) : null;
  }
  return null;
}

/**
 * The parents' names that start an issuer line (中共重庆市开州区, 重庆市綦江区, 江州市): one to three names, each two or more
 * characters and a level word, none ending in a determiner (全区, 本市 are no parent's name).
 */
const PARENT_CHAIN =
  /^(?:中共|中国共产党)?(?:[\u3400-\u9fff]{1,8}?[^\s全本我各该此每两](?:省|自治区|市|自治州|州|盟|地区|区|县|旗)){1,3}$/u;
/** What follows the issuer's name on an issuer line: its organ, the title going on (关于…, 2025年度…), or the line's end. */
const ISSUER_AFTER = /^(?:人民政府|政府|办事处|工作委员会|委员会|党工委|工委|党委|关于|\d|$)/u;

const ADMIN_PATTERNS = new Map<string, RegExp>();
/**
 * A superior's name or organ before a stem, to strip (see {@link stemBefore}): with `districtWords` 城, 郊, 矿 may
 * follow it (阳泉市郊区); with `townLevel` a district's full name and one character (张店区房 before 镇镇). Built once.
 */
function adminPattern(districtWords: boolean, townLevel: boolean): RegExp {
  const key = `${districtWords}|${townLevel}`;
  let re = ADMIN_PATTERNS.get(key);
  if (!re) {
    re = new RegExp(
      `(?:[省市区县](?:委(?!员))?|自治州|盟)(?=(?:[^省市区县]{2,}|[市区][^省市区县]{1,3}${districtWords ? '|[城郊矿]' : ''}${
        townLevel ? '|[^省市区县]{1,2}[市县]|县[^省市区县]{1,3}' : ''
      })$)${townLevel ? '|(?<=[\\u3400-\\u9fff]{2})[区县](?=[^省市区县]$)' : ''}`,
      'gu',
    );
    ADMIN_PATTERNS.set(key, re);
  }
  return re;
}

/** A character that ends the words before a name in running text (精神在…, 列入…, 党的…). */
const FUNCTION_END = /[的了在把将对向从于让使被入给是]$/u;

/** The two characters before a suffix that may end an autonomous county's (自治县) or an ethnic township's (回族乡) name. */
const AUTONOMOUS_BEFORE = /(?:自治|族)$/u;
/** How far back such a name may start (双河拉祜族佤族布朗族自治 is twelve characters). */
const AUTONOMOUS_LOOKBACK = 18;
/**
 * Stems of autonomous counties and ethnic townships and towns: a place name and one to four peoples (彭水苗族土家族自治县,
 * 柳溪回族乡, 大营子满族蒙古族乡, 龙胜各族自治县).
 */
const AUTONOMOUS_STEM: Partial<Record<string, RegExp>> = {
  县: /^[^省市区县州族\s]{2,4}(?:[^省市区县州族\s]{1,4}?族){1,4}自治$/u,
  州: /^[^省市区县州族\s]{2,4}(?:[^省市区县州族\s]{1,4}?族){1,4}自治$/u,
  旗: /^[^省市区县州族\s]{2,4}(?:[^省市区县州族\s]{1,4}?族){0,4}自治$/u,
  乡: /^[^省市区县州族\s]{2,4}(?:[^省市区县州族\s]{1,4}?族){1,3}$/u,
  镇: /^[^省市区县州族\s]{2,4}(?:[^省市区县州族\s]{1,4}?族){1,3}$/u,
};
/** The one-character names of districts of a city (阳泉市城区, 阳泉市郊区, 阳泉市矿区). */
const CITY_DISTRICT_WORD = /^[城郊矿]$/u;
/** A 街道's or 镇's name that is a direction and an area word (东区街道, 北市镇): a name where a subject or author stands. */
const DIRECTION_AREA = /^[东西南北中][区市]$/u;

/** A stem read as an opening's subject: two to four characters, no level word among them. */
const SUBJECT_STEM = /^[^街镇乡区县市\s]{2,4}$/u;

/** What comes before a clause's first word: nothing, a mark, or a date (；桃市乡…, 2024年桃市镇…). */
const INNER_LEVEL_CLAUSE_START = /(?:^|[^\u3400-\u9fff]|\d\s*年度?)$/u;
/**
 * First characters of a 市/县 word that is no name's (全市, 城市, 超市, 县市, 省市): where a clause starts with one
 * before 镇, 乡 or 街道 it is a phrase (全市街道, 城市街道), not a town named X市.
 */
const NOT_INNER_LEVEL_HEAD = /^[全本我各该此每两城超都省市县区州乡镇村街级地副直集门上股夜早菜花黑楼开罢互郡邻外]/u;

/** A single character before 县 that is no county's name (全县, 邻县, 市县). */
const NOT_ONE_CHAR_COUNTY = /[全本我各该此每两邻外郡州市省区县乡镇村街一]/u;
/** A 州's party committee or government right after its short name (巴州党委、政府; 博州人民政府). */
const PREFECTURE_ORGAN_NEXT = /^(?:党委|州委|委|人民政府|政府)/u;
/** A single character before 县 at a sentence's start that is a preposition or a verb, no name (在县委…, 经县政府…). */
const NOT_ONE_CHAR_SUBJECT = /[在经由对据按向从于为与和及同跟把将被让使给是的了入到至自以]/u;

/**
 * Whether `stem` before 县 at `at` may be a one-character county as an opening's subject (2023年，新县在市委…领导下): a Han
 * character that is no determiner, level word or preposition, not followed by a county's organ (在县委…) or a word that
 * makes 县 another (县城, 县域, 县级).
 */
function oneCharCountyAt(text: string, at: number, stem: string): boolean {
  return (
    [...stem].length === 1 &&
    isHan(stem) &&
    !NOT_ONE_CHAR_COUNTY.test(stem) &&
    !NOT_ONE_CHAR_SUBJECT.test(stem) &&
    !ORGAN_NEXT.test(text.slice(at + 1, at + 9)) &&
    !GENERIC_NEXT['县']!.test(text.slice(at + 1, at + 3))
  );
}

/**
 * The stem `run` before a suffix at `at` if it can be a name, else null. `subject`: a short stem that is the subject of
 * an opening sentence or stands in a title, signature or 来源 field, read as in a naming spot but where a final
 * preposition (浦沿街道, 海临镇) is part of the name.
 */
function acceptStem(
  text: string,
  at: number,
  suffix: string,
  run: string,
  namingSpot: boolean,
  subject = false,
  ownLevel = false,
  chained = false,
): string | null {
  const n = [...run].length;
  // a county or a 街 of one character (郏县, 南街) only where an author is named; 城区, 郊区, 矿区 right after their
  // city's name there (阳泉市郊区人民政府); a 州 by its short name (X州党委、政府) only before its party committee or
  // government, after no digit (5次州党委会议 counts meetings)
  const oneChar =
    n === 1 &&
    namingSpot &&
    ((suffix === '县' && !NOT_ONE_CHAR_COUNTY.test(run)) ||
      (suffix === '州' &&
        PREFECTURE_ORGAN_NEXT.test(text.slice(at + 1, at + 9)) &&
        !/[\p{L}\p{N}]/u.test(text.charAt(at - 2)) &&
        !NOT_ONE_CHAR_COUNTY.test(run) &&
        !NOT_ONE_CHAR_SUBJECT.test(run)) ||
      (suffix === '街' && !GENERIC_STEM_END['街']!.test(run) && !NOT_ONE_CHAR_COUNTY.test(run)) ||
      (suffix === '区' && CITY_DISTRICT_WORD.test(run) && /[\u3400-\u9fff]市$/u.test(text.slice(Math.max(0, at - 3), at - 1))));
  // 自治区 is a province (广西壮族自治区), not a district
  if (suffix === '区' && run.endsWith('自治')) return null;
  const autonomous = AUTONOMOUS_STEM[suffix]?.test(run) ?? false;
  if ((n < 2 && !oneChar) || (n > 6 && !autonomous)) return null;
  // 决策部署和街道党工委, 坚强领导和区: a stem of four characters or more ending in a conjunction is the end of a phrase
  // (东和镇, 石云和街 — two or three characters — may be names)
  if (n >= 4 && /[和与]$/u.test(run)) return null;
  if (autonomous) return BAD_STEM_CHARS.test(run) || GENERIC_NEXT[suffix]?.test(text.slice(at + 1, at + 3)) ? null : run;
  // 东区街道, 西市镇: a 街道 or 镇 named after its part of a town, where a text names its author or as the opening's subject
  if (subject && DIRECTION_AREA.test(run) && (suffix === '街道' || suffix === '镇' || suffix === '乡')) return run;
  // a 街道 whose own name ends in 街 (南街街道, 新华路街街道): the 街 belongs to the name
  const ownStreet = suffix === '街道' && run.endsWith('街') && !/[我本全各该此每两在到沿临]街$/u.test(run);
  const body = ownStreet ? run.slice(0, -1) : run;
  // 新市镇 in a title is a name; 天津市街道 in running text is not — but a clause that starts with a 镇's or 乡's
  // two-character name ending in 市 or 县 (；桃市乡法治副校长…) names it there too
  const innerLevel = n === 2 && /[市县]$/u.test(run) && suffix !== '市' && suffix !== '区' && suffix !== '县' && suffix !== '旗';
  const clauseStart = innerLevel && !namingSpot && INNER_LEVEL_CLAUSE_START.test(text.slice(Math.max(0, at - n - 3), at - n));
  const innerLevelName = innerLevel && (namingSpot || (clauseStart && !NOT_INNER_LEVEL_HEAD.test(run)));
  // after its parents' names on an issuer line a short stem is a place's name even where its last character is one a
  // phrase ends in (大进镇, 东向街道) — but not a verb of two characters (推进镇, 纳入镇)
  const placeAfterParents = chained && SUBJECT_STEM.test(run) && !PHRASE_VERB_END.test(run);
  // a district of two characters ending in 市 (新市区) where a text names its author and its organ, a year or a closing
  // bracket follows (高新区(新市区)人民政府) — 城市区, 全市区 are phrases
  const cityInDistrictName =
    namingSpot &&
    suffix === '区' &&
    n === 2 &&
    run.endsWith('市') &&
    !NOT_INNER_LEVEL_HEAD.test(run) &&
    ISSUER_AFTER.test(text.slice(at + 1, at + 9).replace(/^[)）]/u, ''));
  const phraseEnd = PHRASE_END.test(run) && !innerLevelName && !placeAfterParents && !cityInDistrictName;
  // two level words in a row (各镇街道, 邻近镇街, 各镇乡) are no name; 景德镇市 is
  // nor a level word doubled (渠县县委: 渠县 and its 县委)
  // where a text names its author, a 街道 whose own name ends in 乡 or 镇 (西乡街道办事处, 新镇街道) is a name
  const ownLevelWord =
    namingSpot && suffix === '街道' && n >= 2 && /[乡镇]$/u.test(run) && !/[全本我各该此每两乡镇街城村]$/u.test(run.slice(0, -1));
  // a 镇 or 乡 whose own name ends in its level word (房镇镇, 桥乡乡), read where the text never writes the shorter name
  const ownTownWord = ownLevel && (suffix === '镇' || suffix === '乡') && run.endsWith(suffix);
  // where a text names its author, a 镇 or 乡 of two characters whose second is 乡 or 街 (三乡镇, 横街镇) before its organ,
  // a year or the line's end is a name — 各乡镇, 城乡镇, 县乡镇 (a determiner or a level word first) are not
  const innerTownWord =
    namingSpot &&
    (suffix === '镇' || suffix === '乡') &&
    n === 2 &&
    /[乡街]$/u.test(run) &&
    !/^[全本我各该此每两乡镇街城村县市区省]/u.test(run) &&
    ISSUER_AFTER.test(text.slice(at + suffix.length, at + suffix.length + 8));
  const levelPair =
    (suffix !== '市' && !ownStreet && !ownLevelWord && !ownTownWord && !innerTownWord && /[镇乡街]$/u.test(run)) ||
    ((suffix === '区' || suffix === '县') && run.endsWith(suffix));
  if (levelPair || BAD_STEM_CHARS.test(body) || phraseEnd || LEAD_IN_SET.has(run) || LEAD_IN_SET.has(body)) return null;
  // where a text names its author (title, signature, 来源, or before 人民政府/办事处) only a
  // determiner makes a 镇/乡/街道 generic: 王集镇, 新市镇, 古城镇 are names there
  const generic = !namingSpot
    ? GENERIC_STEM_END[suffix]
    : suffix === '市'
      ? CITY_DETERMINER_END
      : suffix === '区'
        ? DISTRICT_DETERMINER_END
        : suffix === '县' || suffix === '旗'
          ? GENERIC_STEM_END[suffix]
          : subject
            ? SUBJECT_DETERMINER_END
            : DETERMINER_END;
  // 州县 is a phrase (各州县), but where a text names its author or as the opening's subject a county of two characters
  // ending in 州 (X州县委、县政府) is a name
  const countyEndingInPrefecture = namingSpot && suffix === '县' && n === 2 && run.endsWith('州') && !NOT_ONE_CHAR_COUNTY.test(run[0]!);
  if (!ownStreet && !innerLevelName && !countyEndingInPrefecture && generic?.test(run)) return null;
  if (GENERIC_NEXT[suffix]?.test(text.slice(at + suffix.length, at + suffix.length + 2))) return null;
  return run;
}

/** For each position of `text`, whether it lies inside 《…》 (a document's name). */
function bookTitleMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length + 1);
  // nothing before the first 《 is inside one (a 》 there closes nothing); most lines have none
  const first = text.indexOf('《');
  if (first < 0) return mask;
  let depth = 0;
  for (let i = first; i < text.length; i += 1) {
    mask[i] = depth > 0 ? 1 : 0;
    const unit = text.charCodeAt(i);
    if (unit === 0x300a) depth += 1;
    else if (unit === 0x300b && depth > 0) depth -= 1;
  }
  mask[text.length] = depth > 0 ? 1 : 0;
  return mask;
}

/** Lookup tables over a list of known units, built once per list (the list's identity): known-names.ts. */
const indexOfKnown = knownNameIndex;

/** The registered unit a name refers to (its name, an alias, or 街 ↔ 街道), if any. */
function resolveKnownUnit(name: string, known: readonly KnownUnit[] | undefined): KnownUnit | null {
  if (!known) return null;
  const index = indexOfKnown(known);
  const exact = index.exact.get(name);
  if (exact) return exact;
  if (!/(街道|街)$/u.test(name)) return null;
  // 新华路街街道 registered as 新华路街
  const short = /街街道$/u.test(name) ? index.exact.get(name.slice(0, -2)) : undefined;
  if (short) return short;
  const byStem = index.byStem.get(streetStem(name)) ?? [];
  return byStem.length === 1 ? (byStem[0] ?? null) : null;
}

/**
 * The hits that are not inside a longer registered name: in 昌新松街道 the registered 新松街 (or its alias 新松街道) is
 * part of another unit's name, not a mention of its own. Hits with the same span (two units of one name) both stay.
 */
function withoutInnerNames<T extends { n: string; at: number }>(hits: T[]): T[] {
  if (hits.length < 2) return hits;
  return hits.filter((h) => {
    const end = h.at + h.n.length;
    return !hits.some((g) => g.n.length > h.n.length && g.at <= h.at && g.at + g.n.length >= end);
  });
}

/**
 * Occurrences of every known name in `t`, in the order of the former loop (unit, then
 * name, then position; a name's occurrences do not overlap).
 */
function knownOccurrences(t: string, known: readonly KnownUnit[]): Array<{ ui: number; n: string; at: number }> {
  // every name that starts at each position, whatever the number of names
  const hits = indexOfKnown(known).hitsIn(t);
  hits.sort((a, b) => a.ui - b.ui || a.ni - b.ni || a.at - b.at);
  const out: Array<{ ui: number; n: string; at: number }> = [];
  let last: { ui: number; ni: number; end: number } | null = null;
  for (const h of withoutInnerNames(hits)) {
    if (last && last.ui === h.ui && last.ni === h.ni && h.at < last.end) continue;
    last = { ui: h.ui, ni: h.ni, end: h.at + h.n.length };
    out.push(h);
  }
  return out;
}

/**
 * What may stand before a sentence's subject: nothing (or marks a copy left, `? ? ?`), a leading date (2022年，) or a
 * clause saying what the year is (2023年是…开局之年，, 2025年是《…纲要（2021-2025年）》收官之年，),
 * up to three adverbial clauses (在…领导下，在…指导下，为…，按照…，; a document's name in one counts as one word: 根据《…》有关规定，), a date after them (为…，2021年来，), 现将, a superior's name (江州市城南区),
 * a zone whose 街道 or 镇 follows in brackets as the same organ (开发区（XX街道）) — not a verb
 * (聚焦区委…, 研究解决…县).
 */
const SUBJECT_PREFIX =
  /^[\s?？·•*_\-—]*(?:(?:(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年|今年)是(?:[^。；;，,《]|《[^》。]{0,60}》){0,40}?之年\s*[，,]\s*|(?:(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年度?|今年|本年度|全年|一年|近年)(?:以来|来)?\s*[，,、]?\s*)?(?:(?:在|为|按照|根据|围绕|以|自)(?:[^。；;，,《]|《[^》。]{0,60}》){0,40}[，,]\s*){0,3}(?:(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年度?(?:以来|来)?\s*[，,、]\s*)?(?:(?:现将|现就)(?:(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年度?)?)?(?:[\u3400-\u9fff]{2,6}?(?:省|市|自治州|州|盟|地区))?(?:[\u3400-\u9fff]{0,6}(?:开发区|新区|园区|管委会|管理委员会)[(（])?\s*$/u;
/** How far back a subject's sentence may start. */
const SUBJECT_LOOKBACK = 90;

/** Whether `start` in an opening text begins the subject of its sentence. */
function atSubject(t: string, start: number): boolean {
  let s = start;
  while (s > 0 && start - s < SUBJECT_LOOKBACK && !/[。；;！!？?\n]/u.test(t.charAt(s - 1))) s -= 1;
  if (s > 0 && !/[。；;！!？?\n]/u.test(t.charAt(s - 1))) return false;
  // 中共XX市委、XX市人民政府： 2020年，XX市以…: the addressee run into the opening on its line is no part of the sentence
  const addressee = s === 0 ? ADDRESSEE_RUN_IN.exec(t.slice(0, start)) : null;
  const before = t.slice(addressee ? addressee[0].length : s, start);
  return SUBJECT_PREFIX.test(before) || (YEAR_OF_PREFIX.test(before) && YEAR_OF_REST.test(t.slice(start, start + 60)));
}

/**
 * A year's clause whose possessor is the unit (刚刚过去的2023年，是XX镇经济社会发展取得重大突破的一年): the name right after
 * `是`, the clause ending in 的一年 or 之年 — the text's own year, as a subject's.
 */
const YEAR_OF_PREFIX =
  /^[\s?？·•*_\-—]*(?:刚刚过去的|过去的|刚刚结束的)?(?:(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年度?|今年|过去的一年)\s*[，,]?\s*是$/u;
const YEAR_OF_REST = /^[^。；;！!？?，,\n]{2,50}?(?:的一年|之年)/u;

/** An addressee at the start of the opening's line, the opening run in after it (区委、区政府： 2020年，…). */
const ADDRESSEE_RUN_IN = /^[^。，,；;:：\n]{2,30}[:：]\s*(?=(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年|今年)/u;

function unitWeight(source: EvidenceSource, subject: boolean): number {
  switch (source) {
    case 'TITLE':
      return 0.6;
    case 'OPENING':
      return subject ? 0.5 : 0.3;
    case 'HEADING':
      return 0.4;
    case 'SIGNATURE':
      return 0.5;
    case 'SOURCE':
      return 0.45;
    default:
      return 0.1;
  }
}

/** Lines whose whole purpose is to name the author (a heading may name anything). */
const AUTHOR_LINES: ReadonlySet<EvidenceSource> = new Set<EvidenceSource>(['TITLE', 'SIGNATURE', 'SOURCE']);
/** Sources that name an author by their position. */
const AUTHOR_POSITIONS: ReadonlySet<EvidenceSource> = new Set<EvidenceSource>(['TITLE', 'SIGNATURE', 'SOURCE', 'HEADING']);
/**
 * A lower unit named later in the same segment (XX区人民政府XX街道办事处, XX市XX区人民政府):
 * the district or city is its superior.
 */
const LOWER_UNIT: Partial<Record<UnitLevel, RegExp>> = {
  DISTRICT:
    /[\u3400-\u9fff]{2,}(?:街道|镇|乡|街)(?:人民政府|办事处|工作委员会|党工委|委员会|关于|\d|$)|[\u3400-\u9fff]{2,}(?:开发区|高新区|经开区|园区|管理区|社管办|社区管理办公室)(?:管委会|管理委员会|工作委员会|党工委|工委|关于|\d|$)/u,
  CITY: /[\u3400-\u9fff]{2,}(?:街道|镇|乡|街|区|县|旗)(?:人民政府|办事处|工作委员会|党工委|委员会|关于|\d|$)/u,
};

/** A lower unit's name right after a district's or city's (江州市城南区坚持…, 城南区金山街道): the first is a superior. */
const LOWER_NAME_NEXT: Partial<Record<UnitLevel, RegExp>> = {
  DISTRICT:
    /^[\u3400-\u9fff]{1,5}?(?:街道|镇|乡|经济技术开发区|经济开发区|高新区|经开区|开发区|工业园区|管理区|社管办|社区管理办公室)(?![域级村])|^(?!人民政府|政府|驻)[\u3400-\u9fff]{2,4}?办事处/u,
  CITY: /^[\u3400-\u9fff]{1,5}?(?:新区|区|县|旗|街道|镇|乡)(?![域级村])|^(?!人民政府|政府|驻)[\u3400-\u9fff]{2,4}?办事处/u,
};

/**
 * A 街道's office named without the word 街道 right after its district's, zone's or city's name on a line that names the
 * author (深港特别合作区鹅湖办事处关于…): the 办事处 is a 街道 of that stem. Not a district's own office (区政府办事处) nor a
 * liaison office elsewhere (驻京办事处).
 */
const OFFICE_AFTER_PARENT = /(?<=[\u3400-\u9fff][区县市旗])(?!人民政府|政府|驻)([\u3400-\u9fff]{2,4}?)办事处(?=关于|\d|\s|$)/gu;

/** 街道 offices named after their parent without the word 街道, on a title, signature or 来源 line: see OFFICE_AFTER_PARENT. */
function officeMentions(seg: Segment, known: readonly KnownUnit[] | undefined): Mention[] {
  if (!AUTHOR_LINES.has(seg.source)) return [];
  const out: Mention[] = [];
  for (const m of matchesOf(OFFICE_AFTER_PARENT, seg.text)) {
    const stem = m[1]!;
    if (!SUBJECT_STEM.test(stem) || BAD_STEM_CHARS.test(stem)) continue;
    const start = m.index ?? 0;
    // named as the text writes it (鹅湖办事处); a registered 鹅湖街道 is the same unit
    const name = `${stem}办事处`;
    const resolved = resolveKnownUnit(name, known) ?? resolveKnownUnit(`${stem}街道`, known);
    out.push({
      key: resolved ? `known:${resolved.name}` : `${stem}|街`,
      name: resolved ? resolved.name : name,
      level: 'STREET',
      source: seg.source,
      weight: unitWeight(seg.source, false),
      known: resolved !== null,
      credible: true,
      anchored: true,
      start: seg.offset + start,
      end: seg.offset + start + m[0].length,
    });
  }
  return out;
}

function unitMentions(segments: Segment[], known: readonly KnownUnit[] | undefined): Mention[] {
  const out: Mention[] = [];
  const seen = new Set<string>();
  const doubled = doubledNames(segments);
  for (const seg of segments) {
    if (seg.source === 'PUBLISH_DATE') continue;
    const inBook = bookTitleMask(seg.text);
    const found = [
      ...knownNameMentions(seg, inBook, known),
      ...suffixNameMentions(seg, inBook, known, doubled),
      ...bodyMentions(seg, inBook, known),
      ...officeMentions(seg, known),
    ];
    for (const m of found) {
      const id = `${m.key}@${m.start}`; // the same name at the same place once
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(m);
    }
  }
  out.push(...repeatedNameMentions(segments, out));
  return out;
}

/** Whether a name with its level word doubled (房镇镇, 桥乡乡) is the text's name for a 镇 or 乡: see {@link doubledNames}. */
type DoubledName = (name: string) => boolean;

/**
 * What may follow a 镇's name and also a bare 镇 (镇长, 镇人民政府, 镇党委): after 石门镇镇 it does not tell 石门镇镇 from
 * 石门镇 and its 镇政府.
 */
const LEVEL_ORGAN_NEXT = /^(?:长|人民政府|政府|党委|党政|党工委|委|人大|纪委|办|干部|机关|领导)/u;

/**
 * A 镇 or 乡 whose own name ends in its level word is written with it doubled (房镇镇, 桥乡乡), as a 街道 named XX街 is
 * (XX街街道); but 石门镇镇长 is 石门镇 and its 镇长. The doubled form is the name where the text never writes the
 * shorter one on its own (房镇 not followed by 镇) and writes the doubled one at least once followed by what no bare
 * 镇 takes (房镇镇坚持…, not 石门镇镇人民政府); or where the shorter one cannot be a name (房 alone, one character), when
 * the doubled one is written once not followed by 长 (镇长, 乡长 are the 镇's head).
 */
function doubledNames(segments: readonly Segment[]): DoubledName {
  let whole: string | null = null;
  const cache = new Map<string, boolean>();
  return (name) => {
    let v = cache.get(name);
    if (v === undefined) {
      whole ??= segments
        .filter((s) => s.source !== 'PUBLISH_DATE')
        .map((s) => s.text)
        .join('\n');
      const shorter = name.slice(0, -1);
      const level = name.slice(-1);
      let alone = 0;
      let evidence = 0;
      let plain = 0;
      for (let at = whole.indexOf(shorter); at >= 0; at = whole.indexOf(shorter, at + 1)) {
        const next = whole.charAt(at + shorter.length);
        const rest = whole.slice(at + name.length, at + name.length + 4);
        if (next !== level) alone += 1;
        else if (!rest.startsWith('长')) {
          evidence += 1;
          if (!LEVEL_ORGAN_NEXT.test(rest)) plain += 1;
        }
      }
      // 房镇 + 镇: a one-character stem is no 镇's name, so the doubled form is the only reading (房镇 alone abbreviates it)
      v = [...shorter].length === 2 ? evidence > 0 : alone === 0 && plain > 0;
      cache.set(name, v);
    }
    return v;
  };
}

/** The part of a doubled name before its two level words: a place's own name, one to four characters, no level word. */
const DOUBLED_STEM = /^[^街镇乡区县市旗\s]{1,4}$/u;

/** The suffix a name read from its suffix ends in. */
const NAME_SUFFIX = /(街道|街|镇|乡|区|县|旗|市)$/u;

/**
 * Once a name stands where an author is named (a title, a heading, the opening's subject, before 人民政府), its other
 * occurrences are the same name, even where running text alone would not read it (赵集镇 beside 集镇, 浦沿街道 beside
 * 沿街道). Registered names are found everywhere already; an occurrence overlapping another name is left to it.
 */
function repeatedNameMentions(segments: Segment[], found: readonly Mention[]): Mention[] {
  const names = new Map<string, Mention>();
  for (const m of found) if (!m.known && m.credible && m.level !== 'CITY' && !names.has(m.name)) names.set(m.name, m);
  if (names.size === 0) return [];
  const out: Mention[] = [];
  const taken = (start: number, end: number): boolean => [...found, ...out].some((m) => m.start < end && start < m.end);
  for (const seg of segments) {
    if (seg.source === 'PUBLISH_DATE') continue;
    const t = seg.text;
    let inBook: Uint8Array | null = null;
    for (const [name, like] of names) {
      const suffix = NAME_SUFFIX.exec(name)?.[1] ?? '';
      for (let at = t.indexOf(name); at >= 0; at = t.indexOf(name, at + name.length)) {
        const start = seg.offset + at;
        const end = start + name.length;
        const after = t.slice(at + name.length, at + name.length + 8);
        if (taken(start, end) || GENERIC_NEXT[suffix]?.test(after.slice(0, 2))) continue;
        inBook ??= bookTitleMask(t);
        const book = Boolean(inBook[at]);
        const subject = seg.opening && atSubject(t, at);
        const anchored = !book && ORGAN_AFTER.test(after);
        const at0 = at + name.length - suffix.length;
        out.push({
          ...like,
          source: seg.source,
          weight: suffixNameWeight(seg, at0, suffix, like.level, subject, anchored, book),
          superior: namedAsSuperior(seg, at0, suffix, like.level, subject),
          credible: !book && (AUTHOR_POSITIONS.has(seg.source) || subject || anchored),
          anchored,
          start,
          end,
        });
      }
    }
  }
  return out;
}

/** The 市 names read from running text, outside book titles and not overlapping a name found already. */
function cityMentionsInText(segments: readonly Segment[], found: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const seg of segments) {
    if (seg.source === 'PUBLISH_DATE') continue;
    const inBook = bookTitleMask(seg.text);
    for (const m of suffixNameMentions(seg, inBook, undefined, undefined, true)) {
      if (m.level !== 'CITY' || found.some((f) => f.start < m.end && m.start < f.end)) continue;
      out.push(m);
    }
  }
  return out;
}

/** Registered unit names in a segment, as written (no suffix reading needed). */
function knownNameMentions(seg: Segment, inBook: Uint8Array, known: readonly KnownUnit[] | undefined): Mention[] {
  if (!known) return [];
  const t = seg.text;
  const out: Mention[] = [];
  for (const { ui, n, at } of knownOccurrences(t, known)) {
    const u = known[ui];
    if (!u) continue; // ui indexes `known`
    const subject = seg.opening && atSubject(t, at);
    const weight = inBook[at] ? 0.03 : (seg.unitWeight ?? unitWeight(seg.source, subject));
    out.push({
      key: `known:${u.name}`,
      name: u.name,
      level: levelOf(LEVEL_WORD_END.exec(n)?.[1] ?? ''),
      source: seg.source,
      weight,
      known: true,
      credible: !inBook[at],
      anchored: ORGAN_AFTER.test(t.slice(at + n.length, at + n.length + 8)),
      start: seg.offset + at,
      end: seg.offset + at + n.length,
    });
  }
  return out;
}

/** A management body's organs right after its name (XX经开区党工委、管委会, XX高新区管理委员会): the name is the author's. */
const BODY_ORGAN_AFTER = /^(?:党工委|工委|管委会|管理委员会)/u;

/**
 * Management bodies read by their shape (a development zone run by a 党工委 and a 管委会, a 管理区, a 社区管理办公室 —
 * XX社管办): see management-bodies.ts. They count as names read from their suffix do, the body word standing for it.
 */
function bodyMentions(seg: Segment, inBook: Uint8Array, known: readonly KnownUnit[] | undefined): Mention[] {
  const t = seg.text;
  const out: Mention[] = [];
  for (const b of bodyNamesIn(t)) {
    const after = t.slice(b.end, b.end + 8);
    const book = Boolean(inBook[b.wordAt]);
    const anchored = !book && (ORGAN_AFTER.test(after) || BODY_ORGAN_AFTER.test(after));
    const subject = seg.opening && atSubject(t, b.start);
    const resolved = resolveKnownUnit(b.name, known);
    out.push({
      key: resolved ? `known:${resolved.name}` : b.key,
      name: resolved ? resolved.name : b.name,
      level: b.level,
      source: seg.source,
      weight: suffixNameWeight(seg, b.wordAt, b.word, b.level, subject, anchored, book),
      superior: namedAsSuperior(seg, b.wordAt, b.word, b.level, subject),
      known: resolved !== null,
      credible: !book && (AUTHOR_POSITIONS.has(seg.source) || subject || anchored),
      anchored,
      start: seg.offset + b.start,
      end: seg.offset + b.end,
    });
  }
  return out;
}

/** The unit's own leaders right after a name (2022年南街党政主要负责人履行…职责): the name is the unit's, as before its organ. */
const LEADERS_AFTER = /^(?:党政)?主要(?:负责人|负责同志|领导)/u;

/** The level words a name read from its suffix ends in. */
const LEVEL_WORD = new RegExp(NAME_LEVEL_WORDS, 'gu');
/** A body word and an opening bracket right before a district's name (高新区(新市区)): group 1 the body word. */
const SHARED_GOVERNMENT = /(?<![\u3400-\u9fff])([\u3400-\u9fff]{2,7})[(（]$/u;
/** A 州 or 盟 read only where a text names its author, and not inside a longer name (郑州市, 通州区, 杭州湾). */
const PREFECTURE_WORD = /^[州盟]$/u;
const PREFECTURE_NEXT = /^[市区县省镇乡街湾港城]/u;

/** Unit names read from their suffix (街道, 镇, 区 …) and the stem before it; a city only where a text names its author. */
function suffixNameMentions(
  seg: Segment,
  inBook: Uint8Array,
  known: readonly KnownUnit[] | undefined,
  doubled: DoubledName = () => false,
  cities = false,
): Mention[] {
  const t = seg.text;
  const out: Mention[] = [];
  const authorLine = seg.source === 'TITLE' || seg.source === 'SIGNATURE' || seg.source === 'SOURCE';
  const namingSpotAt = (at: number, suffix: string): boolean => {
    const after = t.slice(at + suffix.length, at + suffix.length + 8);
    return authorLine || ORGAN_AFTER.test(after) || LEADERS_AFTER.test(after);
  };
  const subjectAt = seg.opening ? (s: number): boolean => atSubject(t, s) : undefined;
  // 房镇镇, 桥乡乡: the stem with its own level word at the second of a doubled pair, when the doubled form is the name
  const doubledStem = (at: number, suffix: string): string | null => {
    const stem = stemBefore(t, at, suffix, namingSpotAt(at, suffix), subjectAt, authorLine, seg.spaces, true);
    return stem?.endsWith(suffix) && DOUBLED_STEM.test(stem.slice(0, -1)) && doubled(stem + suffix) ? stem : null;
  };
  for (const m of matchesOf(LEVEL_WORD, t)) {
    const at = m.index ?? 0;
    const suffix = m[0];
    // 新华路街街道: the first 街 is part of the name, the unit ends at 街道
    if (suffix === '街' && t.startsWith('街道', at + 1)) continue;
    const pairFirst = (suffix === '镇' || suffix === '乡') && t.charAt(at + 1) === suffix;
    const pairSecond = (suffix === '镇' || suffix === '乡') && t.charAt(at - 1) === suffix;
    // 房镇镇: the first 镇 is part of the name where the doubled form is it
    if (pairFirst && doubledStem(at + 1, suffix) !== null) continue;
    const after = t.slice(at + suffix.length, at + suffix.length + 8);
    const prefecture = PREFECTURE_WORD.test(suffix);
    if (prefecture && PREFECTURE_NEXT.test(after)) continue;
    const namingSpot = namingSpotAt(at, suffix);
    const stem = pairSecond ? doubledStem(at, suffix) : stemBefore(t, at, suffix, namingSpot, subjectAt, authorLine, seg.spaces);
    if (!stem) continue;
    const surface = stem + suffix;
    const level = levelOf(suffix);
    const start = at - stem.length;
    const resolved = resolveKnownUnit(surface, known);
    const subject = seg.opening && atSubject(t, start);
    // a city is read only where a text names its author (市 is in 城市, 市场, 全市 …) or issues a document (《保定市…》)
    // (and, with `cities`, anywhere: a text speaking as a 市 names no other unit of its level as often as its own)
    if ((level === 'CITY' ? !cities : suffix === '旗') && !namingSpot && !subject && t[start - 1] !== '《') continue;
    if (prefecture && !namingSpot && !subject) continue;
    // a name that is only a body's word or abbreviation (经开区, 高新区) has no stem of its own: no unit's name
    if (isBareBodyWord(surface)) continue;
    // 高新区(新市区)人民政府: a zone and a district sharing one government, named by both where a text names its author
    const shared = namingSpot && level === 'DISTRICT' ? SHARED_GOVERNMENT.exec(t.slice(0, start)) : null;
    const sharedName = shared && /^[)）]/u.test(after) && isBareBodyWord(shared[1]!) ? `${shared[0]}${surface}${after[0]}` : null;
    const anchored = !inBook[at] && ORGAN_AFTER.test(after);
    out.push({
      key: resolved ? `known:${resolved.name}` : `${stem}|${level === 'STREET' ? '街' : suffix}`,
      name: resolved ? resolved.name : (sharedName ?? surface),
      level,
      source: seg.source,
      weight: suffixNameWeight(seg, at, suffix, level, subject, anchored, Boolean(inBook[at])),
      superior: namedAsSuperior(seg, at, suffix, level, subject),
      known: resolved !== null,
      credible: !inBook[at] && (AUTHOR_POSITIONS.has(seg.source) || subject || anchored),
      anchored,
      start: seg.offset + start,
      end: seg.offset + at + suffix.length,
    });
  }
  return out;
}

/**
 * Whether a name read from its suffix at `at` is named as a superior: a district's or city's organ after it (区委,
 * 区政府), or a lower unit right after it (开州区大进镇委员会, 江州市城南区) — unless a title or signature names no lower
 * unit, or the organ is the subject of the opening sentence and that sentence names no lower unit
 * (2022年，清河县人民政府坚持…).
 */
function namedAsSuperior(seg: Segment, at: number, suffix: string, level: UnitLevel | null, subject: boolean): boolean {
  const lower = level ? LOWER_UNIT[level] : undefined;
  if (!lower) return false;
  const t = seg.text;
  const after = t.slice(at + suffix.length, at + suffix.length + 8);
  const rest = t.slice(at + suffix.length);
  if (!ORGAN_NEXT.test(after) && !lower.test(rest.slice(0, 16)) && !LOWER_NAME_NEXT[level!]?.test(rest)) return false;
  const sentence = /^[^。；;！!？?\n]*/u.exec(rest)?.[0] ?? rest;
  const authorLine =
    (AUTHOR_POSITIONS.has(seg.source) && !lower.test(rest)) ||
    (subject && ORGAN_NEXT.test(after) && !lower.test(sentence) && !LOWER_NAME_NEXT[level!]?.test(rest));
  return !authorLine;
}

/**
 * How much a name read from its suffix at `at` counts: by its place (in a book title hardly), halved where it names a
 * superior ({@link namedAsSuperior}); at least 0.15 in the body when an organ follows it.
 */
export function suffixNameWeight(
  seg: Segment,
  at: number,
  suffix: string,
  level: UnitLevel | null,
  subject: boolean,
  anchored: boolean,
  inBook: boolean,
): number {
  const weight = inBook ? 0.03 : (seg.unitWeight ?? unitWeight(seg.source, subject));
  if (namedAsSuperior(seg, at, suffix, level, subject)) return weight * 0.5;
  return anchored && seg.source === 'BODY' ? Math.max(weight, 0.15) : weight;
}

/**
 * A level word with an organ and no name, as the subject of the opening (2022年，区政府坚持…; 街道按照…), or as what the
 * opening reports on (现将县人民政府2022年…情况报告如下, see {@link REPORTS_AS}). Not a level word that starts a unit's own
 * name (2024年，市中区坚持…; 镇宁县坚持…; 县前街道坚持…).
 */
const BARE_ORGAN =
  /(?<=^|[^\u3400-\u9fff]|现[将就](?:\d{4}\s*年度?)?)(街道|镇|乡|区|县|旗|市)(?![\u3400-\u9fff]{1,2}(?:[区县旗市镇乡]|街道))(?:人民政府|政府|办事处|党工委|党委)?(?=[\u3400-\u9fff])(?![委、])/gu;
/** The level's party committee and government together as the opening's subject (县委、县政府坚持…; 镇党委、镇政府…). */
const PARTY_AND_GOVERNMENT = /(?<=^|[^\u3400-\u9fff]|现[将就])(街道|镇|乡|区|县|旗|市)(?:党工委|党委|委)、\1?(?:人民政府|政府|办事处)/gu;
/**
 * After 现将/现就 an organ is the text's own voice only when the sentence reports on it (现将县人民政府2022年…情况报告如下),
 * not when it passes on a superior's words (现将区委部署转发如下).
 */
const REPORTS_AS = /^[^。；;！!？?\n]{0,60}?(?:报告|汇报)如下/u;
/** A bare organ as written, for a reason (县人民政府, 镇党委、镇政府). */
const ORGAN_SAID = /^(?:街道|镇|乡|区|县|旗|市)(?:党工委|党委|委)?(?:、(?:街道|镇|乡|区|县|旗|市)?)?(?:人民政府|政府|办事处|党工委|党委)?/u;
/**
 * 全区, 全县, 全旗, 全市 (the whole of the level, its people and offices) — counted where it is the opening sentence's
 * subject only: a 镇's report speaks of 全县 too, but not as the subject it reports on.
 */
const WHOLE_LEVEL_SUBJECT = /(?<![\u3400-\u9fff])全(区|县|旗|市)(?![\u3400-\u9fff]{0,1}[委政])/gu;
/** A bare organ as the opening's subject counts as this many 我X. */
const BARE_SUBJECT_COUNT = 3;

/**
 * The level the text speaks as: 我街 / 本街道 / 全街 → STREET, 我镇 / 本乡 → TOWN, 我区 / 本县
 * → DISTRICT, 我市 / 本市 → CITY; a bare organ as the opening's subject (区政府坚持…) counts
 * as {@link BARE_SUBJECT_COUNT}. A unit speaks of the city or district it lies in as 我市 / 我区 too, so when a title,
 * signature or 来源 field names units of levels the text also speaks as (`XX镇关于…` with 我镇 and 我市 once each),
 * the lowest of those levels is the author's, however often the higher one is said; when it names only units below
 * the level the text speaks as (`XX街道关于…` with 我市 alone), no level is taken from the text.
 */
function authorLevel(segments: Segment[], named: ReadonlySet<UnitLevel> = new Set(), voice: Voice = new Map()): UnitLevel | null {
  const counts = new Map<UnitLevel, number>();
  const count = (level: UnitLevel | null, n: number, said: string): void => {
    if (!level) return;
    counts.set(level, (counts.get(level) ?? 0) + n);
    const words = voice.get(level) ?? new Map<string, number>();
    words.set(said, (words.get(said) ?? 0) + 1);
    voice.set(level, words);
  };
  for (const seg of segments) {
    if (seg.source === 'PUBLISH_DATE') continue;
    // 本市 is not counted: a district of a municipality says 本市 for the municipality (国家、本市…纲要)
    for (const m of seg.text.matchAll(/(?:我|本|全)(街道|街|镇|乡)|(?:我|本)(区|县|旗)(?![委政域民场])|我(市)(?![委政域民场])/gu)) {
      count(levelOf(m[1] ?? m[2] ?? m[3] ?? ''), 1, `“${m[0]}”`);
    }
    if (!seg.opening) continue;
    for (const re of [BARE_ORGAN, PARTY_AND_GOVERNMENT]) {
      for (const m of seg.text.matchAll(re)) {
        const at = m.index ?? 0;
        // 现将县人民政府…, 现将2023年街道…
        const lead = /现[将就](?:\d{4}\s*年度?)?$/u.exec(seg.text.slice(Math.max(0, at - 10), at))?.[0];
        const after = lead !== undefined;
        const reported = !after || REPORTS_AS.test(seg.text.slice(at));
        const organ = ORGAN_SAID.exec(seg.text.slice(at))?.[0] ?? m[0];
        const said = after ? `开头的“${lead}${organ}…报告如下”` : `开头以“${organ}”为主语`;
        if (reported && atSubject(seg.text, at)) count(levelOf(m[1] ?? ''), BARE_SUBJECT_COUNT, said);
      }
    }
    // 2023年，高新区坚持…: a zone's body word with no name as the opening's subject is the zone speaking, as 区政府 is
    for (const b of zoneSubjectsIn(seg)) count(b.level, BARE_SUBJECT_COUNT, `开头以“${b.word}”为主语`);
    // 在市委、市政府和县委的坚强领导下，全县法治政府建设工作…: the whole county as the opening's subject is a county speaking
    for (const m of seg.text.matchAll(WHOLE_LEVEL_SUBJECT)) {
      const at = m.index ?? 0;
      if (atSubject(seg.text, at)) count(levelOf(m[1] ?? ''), BARE_SUBJECT_COUNT, `开头以“${m[0]}”为主语`);
    }
  }
  const confirmed = [...named].filter((l) => (counts.get(l) ?? 0) > 0).sort((a, b) => RANK[b] - RANK[a])[0];
  if (confirmed) return confirmed;
  let best: UnitLevel | null = null;
  let bestCount = 0;
  for (const [level, c] of counts) {
    if (c > bestCount) {
      best = level;
      bestCount = c;
    }
  }
  // a text whose title names a 街道 and which says only 我市: the city is where it lies, not who speaks
  if (best && named.size > 0 && [...named].every((l) => RANK[l] > RANK[best!])) return null;
  return best;
}

/**
 * Where a zone's body word with no name is the subject of the opening's first sentence (2023年，高新区坚持…): the zone
 * speaking. Not in a later sentence (…；经济技术开发区荣获… in a city's opening lists its zone's honours).
 */
function zoneSubjectsIn(seg: Segment): Array<{ at: number; word: string; level: UnitLevel }> {
  if (!seg.opening) return [];
  return bareBodyWordsIn(seg.text).filter((b) => !/[。；;！!？?]/u.test(seg.text.slice(0, b.at)) && atSubject(seg.text, b.at));
}

/** Whether a zone's body word with no name is the opening's subject (2023年，高新区坚持…). */
function zoneSpeaks(segments: readonly Segment[]): boolean {
  return segments.some((seg) => zoneSubjectsIn(seg).length > 0);
}

/** What a text said of itself, by level: “我县” (how often), 开头以“县人民政府”为主语 (how often). */
type Voice = Map<UnitLevel, Map<string, number>>;

/**
 * What the text was read saying of itself as `level`, for a reason: `全文以区、县的口吻行文（开头以“县人民政府”为主语）`,
 * `全文以镇、乡的口吻自称（“我镇”3次）`. Without the words read, the level's usual word.
 */
function voiceReason(level: UnitLevel, voice?: Voice): string {
  const words = [...(voice?.get(level) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]);
  if (words.length === 0) return `全文以${LEVEL_WORDS[level]}的口吻自称（如“${SELF_WORDS[level]}”）`;
  const selfWord = words.some(([w]) => w.startsWith('“'));
  const listed = words
    .slice(0, 3)
    .map(([w, n]) => (w.startsWith('“') ? `${w}${n}次` : n > 1 ? `${w}（${n}次）` : w))
    .join('、');
  return `全文以${LEVEL_WORDS[level]}的口吻${selfWord ? '自称' : '行文'}（${listed}）`;
}

/** The levels of the units a title, signature or 来源 field names (outside book titles). */
function levelsNamedAsAuthor(mentions: readonly Mention[]): Set<UnitLevel> {
  const out = new Set<UnitLevel>();
  for (const m of mentions) if (m.level && m.credible && m.weight > 0.03 && AUTHOR_LINES.has(m.source)) out.add(m.level);
  return out;
}

function noisyOr(weights: number[]): number {
  return 1 - weights.reduce((p, w) => p * (1 - Math.max(0, Math.min(0.99, w))), 1);
}

function toEvidence(norm: NormalisedText, m: { source: EvidenceSource; start: number; end: number }): DetectionEvidence {
  const r = toRawRange(norm, m.start, m.end);
  return { source: m.source, text: norm.text.slice(m.start, m.end), start: r.start, end: r.end };
}

/**
 * Keeps the strongest few mentions of each kind (three per source, six weak ones) so that
 * repetition cannot outweigh a title.
 */
function capBody<T extends { source: EvidenceSource; weight: number }>(items: T[]): T[] {
  const counts = new Map<string, number>();
  return [...items]
    .sort((a, b) => b.weight - a.weight)
    .filter((m) => {
      const weak = m.weight <= 0.1;
      const key = weak ? 'weak' : m.source;
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      return n <= (weak ? MAX_WEAK_EVIDENCE : MAX_PER_SOURCE);
    });
}

const SOURCE_WORDS: Record<EvidenceSource, string> = {
  EXPLICIT: '调用方指定',
  TITLE: '标题',
  OPENING: '开头',
  HEADING: '小标题',
  SIGNATURE: '署名',
  SOURCE: '网页来源栏或位置导航',
  BODY: '正文',
  PUBLISH_DATE: '发布日期',
};

/** A candidate seen only in running text, once or twice, is not the author: its confidence drops. */
const NOT_CREDIBLE_FACTOR = 0.3;
/** Mentions in running text that make an unregistered name credible by repetition. */
const CREDIBLE_REPEATS = 3;

/** 新华路街 (one mention) and 新华路街街道 (another) are one unit: the longer name wins. */
function mergeOwnStreetNames(groups: Map<string, Mention[]>): void {
  for (const key of [...groups.keys()]) {
    const m = /^(.+街)\|街$/u.exec(key);
    if (!m) continue;
    const shortKey = `${(m[1] ?? '').slice(0, -1)}|街`;
    const short = groups.get(shortKey);
    if (!short || short.some((x) => x.name.endsWith('街道'))) continue;
    groups.get(key)!.push(...short);
    groups.delete(shortKey);
  }
}

/** A short name declared right after a full one: （以下简称“广西-东盟经开区”）, (简称"XX高新区"). Group 1. */
const DECLARED_SHORT = /^\s*[（(]\s*(?:以下)?简称\s*[“"「『]([^”"」』\n]{2,16})[”"」』]/u;

/**
 * XX经济技术开发区（以下简称“XX经开区”）: where a text declares a name's short form, the short form's mentions are the full
 * name's — merged into it, whichever occurs more often.
 */
function mergeDeclaredShortNames(text: string, groups: Map<string, Mention[]>): void {
  for (const [key, ms] of [...groups]) {
    if (!groups.has(key)) continue;
    for (const m of ms) {
      const short = DECLARED_SHORT.exec(text.slice(m.end, m.end + 24))?.[1]?.trim();
      if (!short || short === m.name) continue;
      for (const [other, os] of [...groups]) {
        if (other === key || !os.some((o) => o.name === short && !o.known)) continue;
        ms.push(...os.map((o) => ({ ...o, key, name: m.name })));
        groups.delete(other);
      }
    }
  }
}

/** Sources of running text, where a verb before a name can be read into it. */
const RUNNING_TEXT: ReadonlySet<EvidenceSource> = new Set<EvidenceSource>(['BODY', 'OPENING', 'HEADING']);

/** Mentions of a group in running text (opening, body, headings). */
const inRunningText = (ms: readonly Mention[]): number => ms.filter((m) => RUNNING_TEXT.has(m.source)).length;

/** The provinces' short names (and those of the other provincial units). */
const PROVINCE_SHORT_NAMES =
  '北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门';
/**
 * A province's stem, alone or before a two-character stem (河北…, 河北唐山…, 内蒙古包头…): the provinces and cities a
 * title writes before its unit's own name, never part of it.
 */
const PROVINCE_PREFIX = new RegExp(`^(?:${PROVINCE_SHORT_NAMES})(?:[\u3400-\u9fff]{2})?$`, 'u');
const provincePrefix = (prefix: string): boolean => PROVINCE_PREFIX.test(prefix) && !LEAD_IN_SET.has(prefix.slice(-2));

/**
 * 研究解决浮梁县, 印制增福镇: in running text a verb before a name can be read into it. When
 * the shorter name (浮梁县) is found on its own elsewhere in the text, the longer one is merged
 * into it. Registered names are kept as they are.
 *
 * A place's two-character stem before a name (青岛西海岸新区 … 西海岸新区; a title's 天津滨海高新区 over an opening's
 * 滨海高新区), or a province's stem with or without a city's two-character one (a title's 河北唐山XX开发区 over an opening's
 * XX开发区), is the same unit too: the merged unit takes the form the text's running text writes more often — the longer
 * one only where it is also credible there (its opening's subject, before its organ), the shorter one on a tie. A name
 * in a title, signature or 来源 field is merged only so, by such a stem, into a shorter name written more
 * often in running text and credible there; else it is kept as it is.
 */
function mergeVerbPrefixedNames(groups: Map<string, Mention[]>): void {
  const byName = new Map<string, string>();
  for (const [key, [first]] of groups) if (first && !first.known) byName.set(first.name, key);
  for (const [key, ms] of [...groups]) {
    const first = ms[0];
    if (!first || ms.some((m) => m.known)) continue;
    const authorLine = ms.some((m) => !RUNNING_TEXT.has(m.source));
    const chars = [...first.name];
    for (let i = authorLine ? 2 : 1; chars.length - i >= 3; i += 1) {
      const shorter = chars.slice(i).join('');
      const target = byName.get(shorter);
      const into = target !== undefined && target !== key ? groups.get(target) : undefined;
      if (!into || into[0]?.level !== first.level) continue;
      const placeStem = (i === 2 && !LEAD_IN_SET.has(chars.slice(0, 2).join(''))) || provincePrefix(chars.slice(0, i).join(''));
      const longerWritten =
        placeStem && inRunningText(ms) > inRunningText(into) && ms.some((m) => m.credible && RUNNING_TEXT.has(m.source));
      if (authorLine && !(placeStem && inRunningText(into) > inRunningText(ms) && into.some((m) => m.credible))) break;
      const name = longerWritten ? first.name : shorter;
      const merged = [...into, ...ms].map((m) => ({ ...m, key: target!, name }));
      groups.set(target!, merged);
      groups.delete(key);
      byName.delete(first.name);
      break;
    }
  }
}

const stemOf = (name: string): string => name.replace(/(?:街道|街|镇|乡|区|县|旗|市)$/u, '');

/** Whether `short` is `long` abbreviated: the same first character, the rest in order (广内 ← 广安门内). */
function abbreviates(short: string, long: string): boolean {
  const s = [...short];
  const l = [...long];
  if (s.length < 2 || s.length >= l.length || s[0] !== l[0]) return false;
  let k = 1;
  for (let i = 1; i < l.length && k < s.length; i += 1) if (l[i] === s[k]) k += 1;
  return k === s.length;
}

/**
 * 广内街道 in running text for 广安门内街道 in the title or beside its organ: a name
 * abbreviated (its first character, the rest in order) is merged into the full name when the
 * full name stands where an author is named.
 */
function mergeAbbreviations(groups: Map<string, Mention[]>): void {
  const full = [...groups].filter(([, ms]) => ms.some((m) => !RUNNING_TEXT.has(m.source) || m.anchored));
  for (const [key, ms] of [...groups]) {
    const first = ms[0];
    if (!first || ms.some((m) => m.known || !RUNNING_TEXT.has(m.source))) continue;
    const into = full.find(
      ([k, [f]]) => k !== key && f !== undefined && f.level === first.level && abbreviates(stemOf(first.name), stemOf(f.name)),
    );
    const target = into?.[1][0];
    if (!into || !target) continue;
    into[1].push(...ms.map((m) => ({ ...m, key: into[0], name: target.name })));
    groups.delete(key);
  }
}

/**
 * The start of a document's name, after an optional year (《浮梁县…》, 《2022年岳阳县…》, 〈兴国县…〉): where a
 * report names its own unit's plans and rules.
 */
const DOCUMENT_HEAD = /[《〈](?:(?:19|20)\d{2}年度?)?$/u;
/**
 * Confidence of the only recurring name of the level a text speaks as when it also heads the text's own documents
 * (我县 … 《浮梁县法治政府建设实施纲要》 … 《浮梁县人民政府重大行政决策程序规定》): the text speaks as that level and
 * issues that unit's documents — two roles a careful reader takes as the author's. Above the tentative bar.
 */
const OWN_DOCUMENTS_CONFIDENCE = 0.45;

/**
 * Whether `c` heads the text's own documents — twice, or once and named outside a document's name too — while no other
 * name of its level heads any. Not for a city: a county-level city's report cites its prefecture's documents (both 市).
 */
function issuesOwnDocuments(c: ScoredUnit, scored: readonly ScoredUnit[]): boolean {
  const heads = c.documentHeads ?? 0;
  if (c.level === 'CITY' || c.level === null || heads === 0) return false;
  if (heads < 2 && (c.outsideBooks ?? 0) === 0) return false;
  return !scored.some((o) => o !== c && o.level === c.level && (o.documentHeads ?? 0) > 0);
}

/** Confidence of a unit chosen only by agreement with how the text speaks of itself. */
const AGREEMENT_CONFIDENCE = 0.35;
/**
 * A name short enough to be a place's own name (two to four characters and its level word; 坚强领导和区 is a phrase),
 * not ending in a conjunction — except a two-character stem X和 whose X is no level or organ word (东和镇 is a name,
 * 村和镇 two words): the only kind taken on a single mention.
 */
const PLAIN_NAME =
  /^(?:[\u3400-\u9fff]{1,3}[^\s和与及或同跟]|[^\s\p{P}全本我各该此每两省市区县州乡镇村街道社组委局所队站部办党]和)(?:街道|街|镇|乡|区|县|旗|市)$/u;
/** Confidence of the only name of the author's level when it is said once: above the bar, below everything else. */
const SINGLE_MENTION_CONFIDENCE = 0.25;
/** Mentions (any position) a name needs to be chosen by agreement. */
const AGREEMENT_MIN_MENTIONS = 2;

/** How a text of each level speaks of itself, for the reasons. */
const SELF_WORDS: Record<UnitLevel, string> = {
  PROVINCE: '我省',
  CITY: '我市',
  DISTRICT: '我区”“我县',
  STREET: '我街道',
  TOWN: '我镇',
};

const LEVEL_WORDS: Record<UnitLevel, string> = {
  PROVINCE: '省',
  CITY: '市',
  DISTRICT: '区、县',
  STREET: '街道',
  TOWN: '镇、乡',
};

function reasonOf(name: string, ms: Mention[], credible: boolean): string {
  const count = ms.length;
  if (!credible) {
    return `“${name}”只在正文或书名号中出现${count}次，不在标题、署名、来源栏或开头，也未与“人民政府”“办事处”等机关名连用，不足以认定为报告单位`;
  }
  const best = [...ms].sort((a, b) => Number(b.credible) - Number(a.credible) || b.weight - a.weight)[0];
  if (!best) return `“${name}”没有出现`; // a group always has a mention
  const parts = [`${SOURCE_WORDS[best.source]}写明“${name}”${best.anchored ? '（与机关名连用）' : ''}`];
  const positions = [...new Set(ms.filter((m) => m.credible).map((m) => SOURCE_WORDS[m.source]))].filter(
    (w) => w !== SOURCE_WORDS[best.source],
  );
  if (positions.length > 0) parts.push(`${positions.join('、')}也写明`);
  if (ms.some((m) => m.known)) parts.push('与登记单位一致');
  if (count > 1) parts.push(`全文出现${count}次`);
  return parts.join('；');
}

function rankUnits(norm: NormalisedText, mentions: Mention[], author: UnitLevel | null, voice?: Voice): UnitCandidate[] {
  const groups = new Map<string, Mention[]>();
  for (const m of mentions) {
    const list = groups.get(m.key);
    if (list) list.push(m);
    else groups.set(m.key, [m]);
  }
  mergeOwnStreetNames(groups);
  mergeVerbPrefixedNames(groups);
  mergeAbbreviations(groups);
  mergeDeclaredShortNames(norm.text, groups);
  const scored = [...groups.values()].map((ms) => scoreUnitGroup(norm, ms, author));
  demoteOtherLevels(scored, author);
  adoptRecurringName(scored, author, voice);
  const ranked = scored.sort((a, b) => b.confidence - a.confidence || a.first - b.first);
  const chosen = ranked[0];
  const readNotGuessed =
    chosen !== undefined &&
    namedAsAuthor(chosen.known, chosen.evidence) &&
    !ranked.slice(1).some((c) => !isSuperior(c.level, chosen.level) && namedAsAuthor(c.known, c.evidence));
  const once = chosen !== undefined && namedOnceAtOpening(chosen) && !openingCorroborated(norm, chosen, voice);
  const asSuperior = chosen?.onlyAsSuperior;
  return ranked.map(({ name, level, confidence, reason, known, evidence }, i) => ({
    name,
    level,
    confidence: round(confidence),
    reason:
      i === 0 && once
        ? `${reason}；但全文只出现1次（开头的主语），标题、署名和网页来源栏都没有写明，名称也没有再出现，据此推定，把握较低（${round(confidence)}）`
        : i === 0 && asSuperior
          ? `${reason}；但每次都作为上级写在下级单位或本级机关名前（如“${superiorPlace(norm, asSuperior)}”），报告单位可能是下级单位，把握较低（${round(confidence)}）`
          : reason,
    known,
    tentative:
      (round(confidence) < TENTATIVE_UNIT_CONFIDENCE && !(i === 0 && readNotGuessed)) || (i === 0 && (once || asSuperior !== undefined)),
    evidence,
  }));
}

/** A superior's name and what follows it on its line, up to a mark (开州区大进镇委员会): for a reason. */
function superiorPlace(norm: NormalisedText, m: Mention): string {
  const rest = /^[^\s，,。；;：:、]{0,14}/u.exec(norm.text.slice(m.end))?.[0] ?? '';
  return norm.text.slice(m.start, m.end) + rest;
}

/**
 * Whether a name rests on one mention, the subject of the opening (2024年，XX镇坚持…; 今年以来，XX乡…): no title,
 * signature, 来源 field or heading names it, it is not registered and the text never says it again. A careful reader
 * takes it for the author, but one sentence is all there is (it may be a copied paragraph, or a unit the report
 * praises): tentative.
 */
/**
 * Evidence beside a name said once, as the opening's subject, that a careful reader takes for the author's: the name
 * joined to its own organ (XX县人民政府坚持…, the formal name an author signs with), the text
 * speaks of itself at that name's level (我镇, 全镇, 镇党委… as the opening's subject, 现将街道…报告如下, its own
 * 镇党委 or 街道党工委 by the bare level word anywhere), or it is
 * addressed to a superior of that level (区委、区政府：over `2024年，XX街道坚持…`). Two roles of one unit; the
 * superior's leadership in the same sentence (XX镇在县委的领导下) is the sentence itself, not more evidence.
 */
function openingCorroborated(norm: NormalisedText, c: ScoredUnit, voice?: Voice): boolean {
  if (!c.level) return false;
  // its own organ speaking (2023年，XX县人民政府坚持…, XX街道办事处深入…): the formal name an author signs with
  if (c.anchored) return true;
  if ((voice?.get(c.level)?.size ?? 0) > 0 || OWN_ORGAN[c.level]?.test(norm.text)) return true;
  const to = ADDRESSED_TO[c.level];
  if (!to) return false;
  // the line before the opening's (normalisation may have joined it to the lines above it: a title, a page's fields)
  const before = norm.text.slice(0, Math.max(0, norm.text.lastIndexOf('\n', c.first))).trimEnd();
  const addressee = ADDRESSEE_TAIL.exec(before)?.[1];
  return addressee !== undefined && to.test(addressee);
}

/** An addressee ending the text before the opening line: up to 30 characters and a colon (区委、区政府：). */
const ADDRESSEE_TAIL = /([^。，,；;:：\s]{2,30})[:：]$/u;

/**
 * A 街道's, 镇's or 乡's own organ named by its bare level word, anywhere (…。镇党委召开…, 以街道党工委…): the text speaks
 * as that level — a district's report says 各镇党委, 各街道党工委.
 */
const OWN_ORGAN: Partial<Record<UnitLevel, RegExp>> = {
  STREET: /(?:^|[^\u3400-\u9fff]|[以由经在和与及对将把为向从])街道(?:党工委|党委|办事处)/mu,
  TOWN: /(?:^|[^\u3400-\u9fff]|[以由经在和与及对将把为向从])[镇乡](?:党委|人民政府|政府)/mu,
};

/** An addressee line naming a superior of each level (区委、区政府：; 中共XX县委员会、XX县人民政府：; XX区委全面依法治区委员会：). */
const ADDRESSED_TO: Partial<Record<UnitLevel, RegExp>> = {
  STREET: /[区县市旗盟](?:委|政府|人民政府|委员会)|(?:工委|管委会)|依法治[区县市旗]/u,
  TOWN: /[区县市旗盟](?:委|政府|人民政府|委员会)|(?:工委|管委会)|依法治[区县市旗]/u,
  DISTRICT: /[市州盟](?:委|政府|人民政府|委员会)|依法治[市州盟]/u,
  CITY: /(?:省|自治区)(?:委|党委|政府|人民政府|委员会)|依法治省/u,
};

function namedOnceAtOpening(c: ScoredUnit): boolean {
  return !c.known && c.outsideBooks === 1 && c.evidence.length === 1 && c.evidence[0]?.source === 'OPENING';
}

/**
 * The chosen unit, registered and named in the title, the signature or the 来源 field where no other name is but its
 * superiors' (a breadcrumb 某市 > 某区 > 某镇), is read, not guessed:
 * its confidence may be low only because the text speaks of itself with another level's words (a 镇's report saying
 * 全街 or 留区, copied from another unit's), which {@link demoteOtherLevels} counts against it.
 */
function namedAsAuthor(known: boolean, evidence: readonly DetectionEvidence[]): boolean {
  return known && evidence.some((e) => AUTHOR_LINES.has(e.source));
}

function isSuperior(level: UnitLevel | null, of: UnitLevel | null): boolean {
  return level !== null && of !== null && RANK[level] < RANK[of];
}

/** A unit name with its mentions counted: the confidence before the levels are compared. */
interface ScoredUnit extends Omit<UnitCandidate, 'tentative'> {
  credible: boolean;
  mentions: number;
  first: number;
  /** mentions at the head of a document's name (《浮梁县法治政府建设实施纲要》, 《2022年岳阳县…》): its own documents */
  documentHeads?: number;
  /** mentions outside any document's name */
  outsideBooks?: number;
  /** a mention joined to the unit's own organ (XX县人民政府, XX街道办事处) */
  anchored?: boolean;
  /** where it is named as a superior every time outside a document's name (开州区大进镇委员会), the first such place */
  onlyAsSuperior?: Mention;
}

/**
 * One name's mentions scored: the name written most (a 某某街街道 of its own first), credible when registered, repeated
 * at the author's level or once in an author's position; not credible, its confidence is cut.
 */
function scoreUnitGroup(norm: NormalisedText, ms: Mention[], author: UnitLevel | null): ScoredUnit {
  const kept = capBody(ms);
  const byName = new Map<string, number>();
  for (const m of ms) byName.set(m.name, (byName.get(m.name) ?? 0) + m.weight);
  const ownStreet = ms.find((m) => /街街道$/u.test(m.name) && !m.known);
  // a group always has a mention, so byName has an entry and ms[0] is there
  const name = ownStreet ? ownStreet.name : ([...byName.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '');
  const level = ms[0]?.level ?? null;
  const known = ms.some((m) => m.known);
  const repeated = ms.filter((m) => m.weight > 0.03).length >= CREDIBLE_REPEATS && (author === null || author === level);
  const credible = known || repeated || ms.some((m) => m.credible);
  const outside = ms.filter((m) => m.weight > 0.03);
  return {
    name,
    level,
    known,
    credible,
    confidence: noisyOr(kept.map((m) => m.weight)) * (credible ? 1 : NOT_CREDIBLE_FACTOR),
    reason: reasonOf(name, ms, credible),
    mentions: ms.length,
    first: ms.reduce((min, m) => Math.min(min, m.start), Infinity),
    documentHeads: ms.filter((m) => DOCUMENT_HEAD.test(norm.text.slice(Math.max(0, m.start - 8), m.start))).length,
    outsideBooks: outside.length,
    anchored: ms.some((m) => m.anchored),
    onlyAsSuperior:
      outside.length > 0 && outside.every((m) => m.superior) ? outside.find((m) => AUTHOR_POSITIONS.has(m.source)) : undefined,
    evidence: kept
      .slice(0, MAX_LISTED_EVIDENCE)
      .sort((a, b) => a.start - b.start)
      .map((m) => toEvidence(norm, m)),
  };
}

/**
 * Where the text speaks as one level, the names of other levels count less; otherwise a credible unit of a lower
 * level makes the higher ones its superiors.
 */
export function demoteOtherLevels(scored: ScoredUnit[], author: UnitLevel | null): void {
  const lowest = Math.max(-1, ...scored.filter((c) => c.level && c.credible && c.confidence >= 0.3).map((c) => RANK[c.level!]));
  for (const c of scored) {
    if (author && c.level !== author) c.confidence *= 0.3;
    else if (!author && c.level && RANK[c.level] < lowest) c.confidence *= 0.5;
  }
}

/**
 * No title, signature or 来源 names the author, but the text speaks as one level (我县, 区政府…) and only one name of
 * that level recurs in it: that name, with a modest confidence.
 */
export function adoptRecurringName(scored: ScoredUnit[], author: UnitLevel | null, voice?: Voice): void {
  if (!author || scored.some((c) => c.level === author && c.credible && c.confidence >= MIN_UNIT_CONFIDENCE)) return;
  const speaks = `标题、署名和网页来源栏没有写明单位；${voiceReason(author, voice)}`;
  const recurring = scored.filter((c) => c.level === author && c.mentions >= AGREEMENT_MIN_MENTIONS);
  const c = recurring[0];
  if (recurring.length === 1 && c) {
    c.credible = true;
    if (issuesOwnDocuments(c, scored)) {
      c.confidence = Math.max(c.confidence, OWN_DOCUMENTS_CONFIDENCE);
      c.reason = `${speaks}，正文中同级的名称只有“${c.name}”反复出现（${c.mentions}次），且是本级文件名的开头（如《${c.name}…》，${c.documentHeads}次）——以本级口吻行文、又发本级文件的单位，据此认定`;
      return;
    }
    c.confidence = Math.max(c.confidence, AGREEMENT_CONFIDENCE);
    c.reason = `${speaks}，正文中同级的名称只有“${c.name}”反复出现（${c.mentions}次），据此推定`;
    return;
  }
  // the only name of that level, said once (纳入东庄镇发展规划, 中长街道幼儿园): weak, but better than none
  const ofLevel = scored.filter((x) => x.level === author);
  const only = ofLevel[0];
  if (recurring.length > 0 || ofLevel.length !== 1 || !only || !PLAIN_NAME.test(only.name)) return;
  only.confidence = Math.max(only.confidence, SINGLE_MENTION_CONFIDENCE);
  only.credible = true;
  only.reason = `${speaks}，全文同级的名称只有“${only.name}”，仅出现1次（可能只是某个机构或规划名称的一部分），据此推定，把握较低`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

interface YearMention {
  value: number;
  source: EvidenceSource;
  weight: number;
  start: number;
  end: number;
}

const CN_DIGITS: Record<string, number> = {
  〇: 0,
  '○': 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
// 2024以来 (年 left out before 以来): a year too
const YEAR_RE = /(?<!\d)((?:19|20)\d{2})\s*(?:年(度)?|(?=以来))|([〇○零一二三四五六七八九]{4})年(度)?/gu;
const PLAN_AFTER = /^[^。，,；;]{0,12}?(?:计划|安排|打算|思路|设想|工作要点|展望)/u;
/** A full date: `2022年11月7日`, `2022年11月`, `2023-01-28`; group 2 or 3 is the month. */
const DATE_IN_TEXT = /((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?|[-./](\d{1,2})(?:[-./]\d{1,2})?)/u;

/** A date written in Chinese numerals: `二〇二二年十二月二十日`, `二〇二三年一月`. */
const CN_DATE_IN_TEXT =
  /([〇○零一二三四五六七八九]{4})\s*年\s*(十[一二]?|[一二三四五六七八九])\s*月(?:\s*[一二三四五六七八九十]{1,3}\s*日)?/u;

function cnNumber(s: string): number {
  if (s.startsWith('十')) return 10 + (s.length > 1 ? (CN_DIGITS[s.charAt(1)] ?? 0) : 0);
  return CN_DIGITS[s] ?? 0;
}

/** The first full date in a text (Arabic or Chinese numerals): year, month, where. */
function dateIn(t: string): { year: number; month: number; index: number; length: number } | null {
  const d = DATE_IN_TEXT.exec(t);
  if (d) return { year: Number(d[1]), month: Number(d[2] ?? d[3]), index: d.index, length: d[0].length };
  const c = CN_DATE_IN_TEXT.exec(t);
  if (!c) return null;
  const year = Number([...(c[1] ?? '')].map((ch) => CN_DIGITS[ch] ?? 0).join(''));
  return { year, month: cnNumber(c[2] ?? ''), index: c.index, length: c[0].length };
}

function parseYear(m: RegExpMatchArray): number | null {
  if (m[1]) return Number(m[1]);
  if (m[3]) {
    const v = Number([...m[3]].map((c) => CN_DIGITS[c] ?? 0).join(''));
    return v >= 1900 && v <= 2100 ? v : null;
  }
  return null;
}

/** How much a dated line's date counts for the report's year: in the first half of a year, in the second. */
interface DatedLineWeights {
  firstHalf: number;
  secondHalf: number;
}
/** A page's publish date: weak either way (pages are republished). */
const PUBLISH_DATE_WEIGHTS: DatedLineWeights = { firstHalf: 0.1, secondHalf: 0.1 };
/** The date under the signature: a report signed late in its own year is surer than one signed early the next. */
const SIGNATURE_WEIGHTS: DatedLineWeights = { firstHalf: 0.25, secondHalf: 0.3 };

/**
 * The year a dated line (a page's publish date, the date under the signature) points at: a date in the first half of
 * a year reports on the year before. `null` where the line holds no full date.
 */
export function datedLineMention(seg: Segment, weights: DatedLineWeights): YearMention | null {
  const d = dateIn(seg.text);
  if (!d) return null;
  const firstHalf = d.month <= 6;
  return {
    value: firstHalf ? d.year - 1 : d.year,
    source: seg.source,
    weight: firstHalf ? weights.firstHalf : weights.secondHalf,
    start: seg.offset + d.index,
    end: seg.offset + d.index + d.length,
  };
}

/**
 * The rest of a book title naming one year's plan or work points (…法治政府建设工作方案》, …工作要点》, a study plan
 * …理论学习中心组学习计划》, …普法责任清单》).
 */
const ANNUAL_DOCUMENT = /^[^》。]{0,24}?(?:要点|方案|计划|安排|清单|分工)[^》。]{0,6}》/u;
/** A year named only in its annual plan's title: enough alone (just above the bar), little beside anything else. */
const ANNUAL_DOCUMENT_WEIGHT = 0.16;

/** How much a year named in running text counts, by where it stands (`at`: its index in the segment's text). */
function textYearWeight(seg: Segment, at: number, after: string): number {
  if (seg.source === 'TITLE') return 0.6;
  if (seg.source === 'HEADING') return 0.3;
  if (seg.source !== 'OPENING') return 0.08;
  const t = seg.text;
  // 2022年，… and 2024年以来，… at the start of a line
  const leading = t.slice(0, Math.min(at, 4)).trim() === '' && at < 4 && /^\s*(?:以来)?\s*[，,]/u.test(after);
  // 现将2022年…报告如下, 现将我镇2024年…报告如下
  const reportAs = /现[将就][^。，,；;]{0,8}$/u.test(t.slice(Math.max(0, at - 10), at)) && /^[^。]{0,40}?(?:报告|汇报)如下/u.test(after);
  return leading || reportAs ? 0.6 : 0.3;
}

/**
 * The date a report was written, where it says so apart from its text: a line before the report's sections that is
 * only a date (`（2025年1月）` under a 述法 report's author, `二〇二五年一月`), or a date in brackets ending the title
 * (`…述法报告（2025年1月10日）`). A date line inside a section is an event's.
 * Its index and length in the segment, or null.
 */
function writingDateIn(seg: Segment): { index: number; length: number } | null {
  const t = seg.text;
  // a line of its own before the report's sections (the preamble) or in the title
  const whole = seg.source === 'TITLE' || seg.source === 'OPENING' ? /^\s*[（(]?\s*([^（）()]{6,20}?)\s*[)）]?\s*$/u.exec(t) : null;
  const bracketed = seg.source === 'TITLE' ? /[（(]\s*([^（）()]{6,20}?)\s*[)）]\s*$/u.exec(t) : null;
  for (const m of [whole, bracketed]) {
    const inner = m?.[1];
    if (!m || !inner) continue;
    const d = dateIn(inner);
    // the whole bracket a date (2025年1月, 2025年1月10日), not a year and more words
    if (d && d.index === 0 && d.length === inner.length && d.month >= 1 && d.month <= 12) {
      return { index: m.index + m[0].indexOf(inner), length: inner.length };
    }
  }
  return null;
}

/** The years named in a segment's running text: not the ends of a span (2021—2025年), a book title or a plan. */
function textYearMentions(seg: Segment): YearMention[] {
  const out: YearMention[] = [];
  const t = seg.text;
  const inBook = bookTitleMask(t);
  // a date the report was written on points at the year before when early in a year, as a signature's date does
  const written = writingDateIn(seg);
  if (written) {
    const m = datedLineMention(
      { ...seg, text: t.slice(written.index, written.index + written.length), offset: seg.offset + written.index },
      SIGNATURE_WEIGHTS,
    );
    if (m) out.push(m);
  }
  for (const m of matchesOf(YEAR_RE, t)) {
    const value = parseYear(m);
    const at = m.index ?? 0;
    if (value === null) continue;
    if (written && at >= written.index && at < written.index + written.length) continue;
    const before = t.slice(Math.max(0, at - 8), at);
    const after = t.slice(at + m[0].length, at + m[0].length + 60);
    if (/\d{4}\s*年?\s*[-—–~～至到]\s*$/u.test(before) || /^\s*[-—–~～至到]\s*\d{4}/u.test(after)) continue;
    if (inBook[at]) {
      // 《龙华区2021年度法治政府建设工作方案》: the year's own plan, which the report implements — weak, but a year
      if (ANNUAL_DOCUMENT.test(after)) {
        out.push({ value, source: seg.source, weight: ANNUAL_DOCUMENT_WEIGHT, start: seg.offset + at, end: seg.offset + at + m[0].length });
      }
      continue;
    }
    if (PLAN_AFTER.test(after)) continue;
    const weight = textYearWeight(seg, at, after);
    out.push({ value, source: seg.source, weight, start: seg.offset + at, end: seg.offset + at + m[0].length });
  }
  return out;
}

/**
 * The opening or title speaks of the report's year as 今年 (今年以来, …): a page published in the second half of a year
 * then reports on that year — a tentative year (just above the bar), where nothing else names one.
 */
const THIS_YEAR = /今年/u;
const THIS_YEAR_PUBLISH_DATE_WEIGHTS: DatedLineWeights = { firstHalf: PUBLISH_DATE_WEIGHTS.firstHalf, secondHalf: 0.2 };

function yearMentions(segments: Segment[]): YearMention[] {
  const out: YearMention[] = [];
  const thisYear = segments.some((s) => !s.plan && (s.source === 'TITLE' || s.source === 'OPENING') && THIS_YEAR.test(s.text));
  const publishWeights = thisYear ? THIS_YEAR_PUBLISH_DATE_WEIGHTS : PUBLISH_DATE_WEIGHTS;
  const pushDated = (seg: Segment, weights: DatedLineWeights): void => {
    const m = datedLineMention(seg, weights);
    if (m) out.push(m);
  };
  for (const seg of segments) {
    // a page's publish date counts even inside a plan section; a signature there does not
    if (seg.source === 'PUBLISH_DATE') pushDated(seg, publishWeights);
    else if (seg.plan) continue;
    else if (seg.source === 'SIGNATURE') pushDated(seg, SIGNATURE_WEIGHTS);
    else out.push(...textYearMentions(seg));
  }
  return out;
}

function rankYears(norm: NormalisedText, mentions: YearMention[]): YearCandidate[] {
  const groups = new Map<number, YearMention[]>();
  for (const m of mentions) {
    if (m.value < 1900 || m.value > 2100) continue;
    const list = groups.get(m.value);
    if (list) list.push(m);
    else groups.set(m.value, [m]);
  }
  return [...groups.entries()]
    .map(([value, ms]) => {
      const kept = capBody(ms);
      return {
        value,
        confidence: round(noisyOr(kept.map((m) => m.weight))),
        first: ms.reduce((min, m) => Math.min(min, m.start), Infinity),
        evidence: kept
          .slice(0, MAX_LISTED_EVIDENCE)
          .sort((a, b) => a.start - b.start)
          .map((m) => toEvidence(norm, m)),
      };
    })
    .sort((a, b) => b.confidence - a.confidence || a.first - b.first)
    .map(({ value, confidence, evidence }) => ({ value, confidence, tentative: confidence < TENTATIVE_YEAR_CONFIDENCE, evidence }));
}

/** A page's field naming who published it: 来源, 信息来源, 发布机构, 发文机关, 发布单位 (also as a table's cells, `发布机构: | XX街道 |`). */
const SOURCE_FIELD =
  /(?:信息来源|来源|发布机构|发文机关|发布单位)\s*(?:[:：]\s*[|｜]?|[\]】]\s*[:：]?)\s*([^\s|｜:：[【]+?)(?=\s|[|｜[【]|发布|作者|浏览|点击|字号|时间|日期|索引|主题|文号|成文|分享|打印|阅读|访问|$)/gu;
/**
 * A row of a page's table of fields (| 索引号 | … | 发布机构 | 腾冲市新华乡 |, 公开方式: | 主动公开 |): no text of the report's
 * own.
 */
const FIELD_TABLE_ROW =
  /(?:^|[|｜])\s*(?:索引号|发布机构|发文机关|发布单位|发文单位|信息来源|来源|发布日期|成文日期|发文日期|文号|文件编号|发文字号|主题分类|组配分类|公开目录|公开方式|公开时限|公开范围|关键词|浏览量)\s*[:：]?\s*[|｜]/u;
/** The 来源 field of such a table: the cell after the field's name (group 1). */
const FIELD_TABLE_SOURCE =
  /(?:^|[|｜])\s*(?:信息来源|来源|发布机构|发文机关|发布单位|发文单位)\s*[:：]?\s*[|｜]\s*([^\s|｜]+)\s*(?=[|｜]|$)/gu;
/**
 * A page's breadcrumb (当前位置：首页 > 乡镇街道 > 桂花镇 > 政务公开): each step names a section of the site. The page's column
 * may stand before it on its line (公告公示 首页 > 信息公开 > 公告公示).
 */
const BREADCRUMB = /^(?:(?:您|你)?当前(?:所在|的)?位置|您的位置|你的位置|[\u3400-\u9fff]{2,8}(?=\s*首页))?\s*[:：]?\s*首页\s*[>＞»›]/u;
/** A breadcrumb's steps on the line under its 首页 (首页 / >> 政务公开 >> 法治政府工作报告). */
const BREADCRUMB_GOING_ON = /^\s*[>＞»›]/u;
/** Weight of a unit named in a breadcrumb step: the site may be the district's. */
const BREADCRUMB_WEIGHT = 0.3;

/** A line addressed to a superior (区委、区政府：): neither the author nor the opening. */
const ADDRESSEE = /^[^。，,；;]{1,30}[:：]$/u;
/** A short line above the title naming an organ (XX市XX区人民政府XX街道办事处): the author's header. */
const HEADER_ORGAN = /(?:人民政府|政府|办事处|委员会|党工委|党委)$/u;

/** A short line ending in a unit's name (no punctuation), and a title line starting with that unit's organ. */
const NAME_LINE_END = /^[^。，,；;:：\s]{2,40}(?:街道|镇|乡)$/u;
const ORGAN_START = /^(?:办事处|人民政府|政府|党工委|工作委员会|委员会|党委)/u;

/** A second title line under the first: 关于2022年度法治政府建设情况的报告. */
const TITLE_CONTINUATION = /^关于[^。，,；;:：]{4,60}(?:报告|总结|汇报)$/u;

/** A line with no character or digit (a scraped table's `|`, `* * *`): no text of its own. */
const MARKS_ONLY = /^[^\p{L}\p{N}]*$/u;
/**
 * A document's number alone on its line (江政发〔2025〕12号, 某府呈[2024]3号), above the addressee: the document's
 * header, neither its author nor its opening.
 */
const DOCUMENT_NUMBER_LINE = /^\s*[\u3400-\u9fff]{1,12}\s*[〔［[【(（]\s*(?:19|20)\d{2}\s*[〕］\]】)）]\s*(?:第\s*)?\d{1,5}\s*号\s*$/u;
/**
 * A page's date field alone on its line, read as body (发布于:2023-01-06 09:04:54, 发布时间：2024年3月1日): the page's, no
 * sentence of the report — the opening is below it.
 */
const DATE_FIELD_LINE =
  /^\s*(?:发布于|发布时间|发布日期|发文日期|成文日期|日期|时间)\s*[:：]?\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$/u;

/** How many lines below the structure's opening line a page's breadcrumb may still stand (lines of a browser notice above it). */
const BREADCRUMB_BELOW_OPENING_LINES = 4;

/**
 * The line after a page's breadcrumb standing a few lines below `from` in the text before the first heading (更换或升级浏览器… /
 * 当前浏览器版本过低… / 您当前的位置：首页>…> 2024年度 / 2024年，XX新区坚持…): the lines above a breadcrumb are the site's,
 * the opening follows it. Else `from`.
 */
function pastBreadcrumb(doc: DocumentStructure, from: number): number {
  const end = Math.min(doc.lines.length, from + 1 + BREADCRUMB_BELOW_OPENING_LINES);
  for (let i = from + 1; i < end; i += 1) {
    const l = doc.lines[i]!;
    if (l.role === 'HEADING' || l.role === 'SIGNATURE') break;
    if (l.role !== 'BODY' || !BREADCRUMB.test(l.text)) continue;
    const next = doc.lines.findIndex((n, k) => k > i && n.role === 'BODY' && n.text.trim() !== '');
    return next < 0 ? from : next;
  }
  return from;
}

/**
 * The opening line, past lines of marks only, an addressee line, a document's number (相政呈〔2025〕12号), an author header
 * above the title and a page's breadcrumb (below the structure's opening line or on it: 您当前的位置:首页>内容).
 */
function openingOf(doc: DocumentStructure, header: ReadonlySet<number>): number | null {
  let i = doc.openingLine === null ? null : pastBreadcrumb(doc, doc.openingLine);
  while (
    i !== null &&
    i < doc.lines.length &&
    (ADDRESSEE.test(doc.lines[i]!.text) ||
      header.has(i) ||
      MARKS_ONLY.test(doc.lines[i]!.text) ||
      FIELD_TABLE_ROW.test(doc.lines[i]!.text) ||
      DOCUMENT_NUMBER_LINE.test(doc.lines[i]!.text) ||
      DATE_FIELD_LINE.test(doc.lines[i]!.text) ||
      BREADCRUMB.test(doc.lines[i]!.text))
  ) {
    const next = doc.lines.findIndex((l, k) => k > i! && l.role !== 'TITLE' && l.role !== 'CHROME' && l.text.trim() !== '');
    i = next < 0 ? null : next;
  }
  return i;
}

/** A page's breadcrumb taken for the title: the report's own title below it, within this many lines. */
const TITLE_UNDER_BREADCRUMB_LINES = 4;

/**
 * The title line, or -1: the structure's, or — where that is a page's breadcrumb (您当前的位置：首页>…>法治政府建设年度报告)
 * — the first line under it that can only be a report's title (重庆市XX区XX镇人民政府2025年度法治政府建设情况报告).
 */
function titleLineOf(doc: DocumentStructure): { at: number; breadcrumb: number } {
  const at = doc.lines.findIndex((l) => l.role === 'TITLE');
  if (at < 0 || !(BREADCRUMB.test(doc.lines[at]!.text) || BREADCRUMB_GOING_ON.test(doc.lines[at]!.text))) return { at, breadcrumb: -1 };
  let seen = 0;
  for (let i = at + 1; i < doc.lines.length && seen < TITLE_UNDER_BREADCRUMB_LINES; i += 1) {
    const l = doc.lines[i]!;
    // a page's fields between the breadcrumb and the opening are chrome, and so is the title among them
    if ((l.role === 'BODY' || l.role === 'CHROME') && isStrongTitle(l.text)) return { at: i, breadcrumb: at };
    if (l.role === 'CHROME' || l.text.trim() === '') continue;
    seen += 1;
  }
  return { at, breadcrumb: -1 };
}

/** The steps of a page's breadcrumb (当前位置：首页 > 乡镇街道 > 桂花镇 > 政务公开), each a weak 来源 segment. */
function breadcrumbSegments(l: DocLine, plan: boolean): Segment[] {
  const out: Segment[] = [];
  for (const step of l.text.matchAll(/[^>＞»›:：\s]+/gu)) {
    if (/^(?:(?:您|你)?当前(?:所在|的)?位置|您的位置|你的位置|首页)$/u.test(step[0])) continue;
    out.push({ text: step[0], offset: l.start + (step.index ?? 0), source: 'SOURCE', opening: false, plan, unitWeight: BREADCRUMB_WEIGHT });
  }
  return out;
}

function lineSegments(doc: DocumentStructure): Segment[] {
  const segments: Segment[] = [];
  const kindOf = (l: DocLine): string | null => doc.sections[l.section]?.kind ?? null; // section -1: none
  const { at: titleAt, breadcrumb } = titleLineOf(doc);
  const header = new Set<number>();
  if (breadcrumb >= 0) header.add(titleAt);
  const organLine = (l: DocLine): boolean =>
    l.role !== 'CHROME' && l.text.length <= 40 && !/[。，,；;:：]/u.test(l.text) && HEADER_ORGAN.test(l.text);
  for (let i = 0; i < titleAt; i += 1) if (organLine(doc.lines[i]!)) header.add(i); // titleAt < doc.lines.length
  // a title broken inside its author's name (XX区人民政府XX街道 / 办事处2023年…报告): the line before it is title too
  let before = titleAt - 1;
  while (before >= 0 && doc.lines[before]!.text.trim() === '') before -= 1;
  const above = before >= 0 ? doc.lines[before] : undefined;
  if (above && above.role !== 'CHROME' && NAME_LINE_END.test(above.text) && ORGAN_START.test(doc.lines[titleAt]!.text)) header.add(before);
  // a page's heading taken for the title, then the document's own header: 中共XX区委 XX区人民政府 / 关于…的报告 (an
  // organ line not followed by such a 关于 line is an addressee, 中共XX县委、XX县人民政府)
  const organs: number[] = [];
  for (let i = titleAt + 1; titleAt >= 0 && i < doc.lines.length; i += 1) {
    const l = doc.lines[i]!;
    if (l.text.trim() === '' || l.role === 'CHROME') continue;
    if (l.role === 'BODY' && organLine(l)) organs.push(i);
    else if (l.role === 'BODY' && TITLE_CONTINUATION.test(l.text)) {
      for (const k of [...organs, i]) header.add(k);
      organs.length = 0;
    } else break;
  }
  const opening = openingOf(doc, header);
  for (const l of doc.lines) {
    const plan = kindOf(l) === 'PLAN';
    const seg = (text: string, offset: number, source: EvidenceSource, opening = false): void => {
      if (text) segments.push({ text, offset, source, opening, plan });
    };
    // | 发布机构 | 腾冲市新华乡 |: a table's 来源 cell, before the line's own segment (a name read twice at one place counts once)
    if (l.role !== 'TITLE' && FIELD_TABLE_ROW.test(l.text)) {
      for (const from of l.text.matchAll(FIELD_TABLE_SOURCE)) {
        const value = from[1] ?? '';
        seg(value, l.start + (from.index ?? 0) + from[0].lastIndexOf(value), 'SOURCE');
      }
    }
    if (l.index === breadcrumb) segments.push(...breadcrumbSegments(l, plan));
    else if (l.role === 'TITLE' || header.has(l.index)) seg(l.text, l.start, 'TITLE');
    else if (l.role === 'CHROME') {
      if (/发布日期|发布时间|发文日期|成文日期|^日期/u.test(l.text)) seg(l.text, l.start, 'PUBLISH_DATE');
      // 来源: 胡家园街 / 信息来源：某某镇人民政府 — the value up to a space or the next field
      for (const from of l.text.matchAll(SOURCE_FIELD)) {
        const value = from[1] ?? '';
        seg(value, l.start + (from.index ?? 0) + from[0].length - value.length, 'SOURCE');
      }
      if (BREADCRUMB.test(l.text) || /^(?:(?:您|你)?当前(?:所在|的)?位置|您的位置|你的位置)/u.test(l.text)) {
        segments.push(...breadcrumbSegments(l, plan));
      }
    } else if (l.role === 'SIGNATURE') seg(l.text, l.start, 'SIGNATURE');
    else if (l.role === 'HEADING' && l.heading) {
      seg(l.text.slice(0, l.heading.headingEnd), l.start, 'HEADING');
      const body = l.text.slice(l.heading.bodyStart);
      seg(body, l.start + l.heading.bodyStart, l.index === opening ? 'OPENING' : 'BODY', l.index === opening);
    } else if (l.index === opening) seg(l.text, l.start, 'OPENING', true);
    else seg(l.text, l.start, kindOf(l) === 'PREAMBLE' ? 'OPENING' : 'BODY');
  }
  return segments;
}

/**
 * Slogans that name a place by its bare stem: 法治XX建设, 平安XX建设, 法治XX、法治政府、法治社会, 谱写XX法治建设新篇章, a
 * quoted “法治XX”, a clause `XX交出满意答卷` (one of groups 1–4 is the stem).
 */
const BARE_STEM_SLOT =
  /(?<=^|[，,。；;：:])([\u3400-\u9fff]{2,3})交出[^。，,；;]{0,8}?(?:答卷|成绩单)|(?:法治|平安)([\u3400-\u9fff]{2,3}?)(?:建设|新篇章|、法治政府、法治社会)|(?:谱写|书写|开创|开拓|推进|推动|助力|护航|打造|共建)([\u3400-\u9fff]{2,3}?)法治(?:建设|新篇章|新征程)|[“"](?:法治|平安)([\u3400-\u9fff]{2,3})[”"]/gu;
/** Words that stand in those slots without being a place (法治政府建设, 平安校园建设, 推进基层法治建设). */
const NOT_A_STEM =
  /^(?:中国|国家|文化|机关|队伍|环境|思维|宣传|教育|示范|理念|保障|基层|全域|全面|城市|社区|校园|企业|网络|数字|智慧|阳光|诚信|营商|生态|民主|廉洁|清廉|美丽|和谐|平安|制度|能力|水平|单位|部门|医院|学校|家庭|工程|项目|示范区|先行区|村居|村社|村组|新村|农村|干部|群众|大家|全体|班子|团队|上下|各级|各方|今年|去年|全年|一年|我们|我街|我镇|我乡|我县|我区)$|[化的和与及街镇乡区县市省州们]/u;
/** Provinces, whose slogans (法治广东建设) any unit in them repeats. */
const PROVINCE_STEM = new RegExp(`^(?:${PROVINCE_SHORT_NAMES})$`, 'u');
/** A superior named in the clause before a slogan (围绕省委部署推动法治XX建设, 全市…): the slogan is the superior's. */
const SUPERIOR_IN_CLAUSE = /(?:[省市州区县](?:委|政府|人民政府)|全[省市州区县])[^。；;，,]*$/u;
/** The same for a county's or district's text: its own 县委 or 全县 (全县上下以建设法治XX…为目标) is no superior. */
const SUPERIOR_OF_DISTRICT_IN_CLAUSE = /(?:[省市州](?:委|政府|人民政府)|全[省市州])[^。；;，,]*$/u;
/** The suffixes of the levels above each author level: a stem said with one of them is a superior's (韶关 in 韶关市). */
const ABOVE_SUFFIX: Partial<Record<UnitLevel, string>> = { STREET: '[省市州盟区县旗]', TOWN: '[省市州盟区县旗]', DISTRICT: '[省市州盟]' };
/** Whether a text ending in `head` is inside “…” or 《…》 at its end. */
function inQuotes(head: string): boolean {
  const open = (o: string, c: string): boolean => head.lastIndexOf(o) > head.lastIndexOf(c);
  return open('“', '”') || open('《', '》') || open('"', '"');
}

/** Confidence of a unit named only by its bare stem in such a slogan: once, and more than once. */
const BARE_STEM_CONFIDENCE = [0.25, 0.3] as const;

/** The level word of a unit of `level` by how the text speaks of itself (我乡 → 乡, 我县 → 县). */
function levelWordOf(segments: readonly Segment[], level: UnitLevel): string | null {
  const words: Partial<Record<UnitLevel, string[]>> = { STREET: ['街道'], TOWN: ['镇', '乡'], DISTRICT: ['区', '县', '旗'] };
  const options = words[level];
  if (!options) return null;
  const text = segments.map((s) => s.text).join('\n');
  const counts = options.map((w) => [...text.matchAll(new RegExp(`[我本全]${w}`, 'gu'))].length);
  return options[counts.indexOf(Math.max(...counts))] ?? null;
}

/** What stands before a sentence's subject: the sentence's start and perhaps a year (。街道…; 。2022年，区政府…). */
const SENTENCE_SUBJECT_BEFORE = /(?:^|[。；;！!？?])\s*(?:(?:19|20)\d{2}\s*年度?\s*[，,]\s*)?$/u;
const SENTENCE_SUBJECT_LOOKBACK = 16;

/**
 * The level a text with no opening subject and no 我X speaks as, by a level's bare organ or word as the subject of
 * sentences in its running text (。街道全面贯彻…；。街道本年度未印发…; 2022年，区政府党组会…研究…): the one level so said,
 * or null (none, or two). Recorded in `voice` for the reason. Read only where nothing else told the text's level.
 */
function sentenceSubjectLevel(segments: readonly Segment[], voice: Voice): UnitLevel | null {
  const counts = new Map<UnitLevel, Map<string, number>>();
  for (const seg of segments) {
    if (seg.source !== 'BODY' && seg.source !== 'OPENING') continue;
    for (const m of seg.text.matchAll(BARE_ORGAN)) {
      const at = m.index ?? 0;
      const head = seg.text.slice(Math.max(0, at - SENTENCE_SUBJECT_LOOKBACK), at);
      const start = SENTENCE_SUBJECT_BEFORE.exec(head);
      if (!start || (at > SENTENCE_SUBJECT_LOOKBACK && !/[。；;！!？?]/u.test(head.charAt(start.index)))) continue;
      const level = levelOf(m[1] ?? '');
      if (!level) continue;
      const said = `正文以“${ORGAN_SAID.exec(seg.text.slice(at))?.[0] ?? m[0]}”为句子主语`;
      const words = counts.get(level) ?? new Map<string, number>();
      words.set(said, (words.get(said) ?? 0) + 1);
      counts.set(level, words);
    }
  }
  if (counts.size !== 1) return null;
  const [level, words] = [...counts][0]!; // one entry
  voice.set(level, words);
  return level;
}

/**
 * No unit could be chosen, the text speaks as a 街道, 镇, 乡, 区 or 县, and names a place only by its bare stem in a
 * slogan (明确法治舒桥建设的重点任务 in a text that says 我乡): that stem with the level word, with a low confidence and
 * a reason saying so. Not a province's stem, a stem the text also names as a superior (法治奉节建设 beside 奉节县), a
 * slogan after a superior's organ in its clause (围绕省委部署推动法治XX建设) or a generic word (法治政府建设).
 */
function bareStemCandidate(
  norm: NormalisedText,
  segments: readonly Segment[],
  author: UnitLevel | null,
  others: readonly UnitCandidate[],
  voice?: Voice,
): UnitCandidate | null {
  const word = author ? levelWordOf(segments, author) : null;
  // a zone speaking (2023年，高新区坚持…) is named XX高新区, not by a place's stem and 区
  if (!author || !word || zoneSpeaks(segments)) return null;
  // a name of the text's own level with the slogan's stem (西秀区 beside 法治西秀) is the same place, no superior
  const ownLevelNames = new Map(others.filter((c) => c.level === author).map((c) => [stemOf(c.name), c]));
  const otherStems = new Set(others.filter((c) => c.level !== author).map((c) => stemOf(c.name)));
  const whole = norm.text;
  const superior = (stem: string): boolean =>
    PROVINCE_STEM.test(stem) || otherStems.has(stem) || new RegExp(`${stem}${ABOVE_SUFFIX[author] ?? '[省市州盟]'}`, 'u').test(whole);
  const found = new Map<string, Array<{ source: EvidenceSource; start: number; end: number }>>();
  for (const seg of segments) {
    if (seg.source === 'PUBLISH_DATE') continue;
    for (const m of seg.text.matchAll(BARE_STEM_SLOT)) {
      const stem = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
      if (NOT_A_STEM.test(stem) || BAD_STEM_CHARS.test(stem) || superior(stem)) continue;
      const head = seg.text.slice(0, m.index ?? 0);
      // 以落实“2023年法治XX建设工作要点”为牵引, 《法治XX建设规划》: a document's name, most often a superior's
      if ((author === 'DISTRICT' ? SUPERIOR_OF_DISTRICT_IN_CLAUSE : SUPERIOR_IN_CLAUSE).test(head) || inQuotes(head)) continue;
      const start = seg.offset + (m.index ?? 0) + m[0].indexOf(stem);
      found.set(stem, [...(found.get(stem) ?? []), { source: seg.source, start, end: start + stem.length }]);
    }
  }
  if (found.size !== 1) return null;
  const [stem, at] = [...found][0]!; // one entry
  const own = ownLevelNames.get(stem);
  const name = own?.name ?? `${stem}${word}`;
  return {
    name,
    level: author,
    confidence: BARE_STEM_CONFIDENCE[at.length > 1 ? 1 : 0],
    reason: own
      ? `标题、署名和网页来源栏没有写明单位；${voiceReason(author, voice)}，“法治${stem}建设”一类提法中的地名“${stem}”（${at.length}次）与正文中的“${name}”同名，据此推定为“${name}”，把握较低`
      : `标题、署名和网页来源栏没有写明单位；${voiceReason(author, voice)}，只在“法治${stem}建设”一类提法中出现地名“${stem}”（${at.length}次），据此推定为“${name}”，把握较低`,
    known: false,
    tentative: true,
    evidence: [...at.map((m) => toEvidence(norm, m)), ...(own?.evidence ?? [])].slice(0, MAX_LISTED_EVIDENCE),
  };
}

/**
 * A document of the unit's own, named at the start of a book title: 《岳阳县人民政府常务会会前学法制度》,
 * 《仓山区法治社会建设实施方案》 (group 1 the name, group 2 its level word).
 */
const OWN_DOCUMENT =
  /《([\u3400-\u9fff]{2,6}?(街道|镇|乡|区|县))(?:人民政府|政府|办事处|党工委|党委|委员会)?(?![\u3400-\u9fff]{0,2}[街镇乡区县](?:人民政府|政府|办事处|党委))/gu;
/** Confidence of a unit named only at the start of its own documents' titles: once, and more than once. */
const OWN_DOCUMENT_CONFIDENCE = [0.25, 0.3] as const;

/**
 * No unit could be chosen, the text speaks as a 街道, 镇, 乡, 区 or 县 (我区, 县人民政府坚持…), and names a unit of that
 * level only at the start of book titles — its own rules and plans (《岳阳县人民政府常务会会前学法制度》): that unit, with
 * a low confidence and a reason saying so. Only when exactly one name of that level stands there.
 */
function ownDocumentCandidate(
  norm: NormalisedText,
  segments: readonly Segment[],
  author: UnitLevel | null,
  voice?: Voice,
): UnitCandidate | null {
  if (author !== 'STREET' && author !== 'TOWN' && author !== 'DISTRICT') return null;
  const found = new Map<string, Array<{ source: EvidenceSource; start: number; end: number }>>();
  for (const seg of segments) {
    if (seg.source === 'PUBLISH_DATE') continue;
    for (const m of seg.text.matchAll(OWN_DOCUMENT)) {
      const name = m[1] ?? '';
      const stem = stemOf(name);
      if (levelOf(m[2] ?? '') !== author || BAD_STEM_CHARS.test(stem) || NOT_A_STEM.test(stem) || PROVINCE_STEM.test(stem)) continue;
      const start = seg.offset + (m.index ?? 0) + 1;
      found.set(name, [...(found.get(name) ?? []), { source: seg.source, start, end: start + name.length }]);
    }
  }
  if (found.size !== 1) return null;
  const [name, at] = [...found][0]!; // one entry
  return {
    name,
    level: author,
    confidence: OWN_DOCUMENT_CONFIDENCE[at.length > 1 ? 1 : 0],
    reason: `标题、署名和网页来源栏没有写明单位；${voiceReason(author, voice)}，只在本级文件名（如《${name}…》）开头出现“${name}”（${at.length}次），据此推定为“${name}”，把握较低`,
    known: false,
    tentative: true,
    evidence: at.slice(0, MAX_LISTED_EVIDENCE).map((m) => toEvidence(norm, m)),
  };
}

/**
 * A 社区 or 村 named as an author: a title starting with it or naming it after its 街道/镇 (XX社区2023年…, XX街道XX社区
 * 关于…, XX村村民委员会…), or the opening's subject (2023年，XX社区在…领导下). Group 1 the name.
 */
const COMMUNITY_NAME =
  /(?:^|[街道镇乡区县市]|人民政府|办事处)([^\s街道镇乡区县市，,。；;：:、“”《》()（）\d]{2,5}?(?:社区|村))(?:党委|党总支|党支部|居民委员会|居委会|村民委员会|村委会)?(?=\d{4}|关于|年度|[在坚认深紧始全积]|法治|依法|普法|民主|工作)/gu;
/** Words before 社区/村 that make it no community's name (示范村, 法治乡村, 美丽乡村, 城乡社区). */
const NOT_COMMUNITY_STEM =
  /(?:示范|先进|美丽|和美|文明|法治|平安|城乡|乡|各|全|本|我|该|每|基层|农村|城市|新型|行政|自然|中心|重点|试点)(?:社区|村)$/u;
/** A text speaking as a 社区 or 村 (我社区, 本村). */
const COMMUNITY_VOICE = /(?:我|本)(?:社区|村)(?![民级委])/gu;
/** A text speaking as one of the project's levels (我街道, 本镇, 我县). */
const LEVEL_VOICE = /(?:我|本|全)(?:街道|街|镇|乡)|(?:我|本)(?:区|县|旗)(?![委政域民场])/gu;

/**
 * Whether the text is a 社区's or 村's own report: its title or opening's subject names a 社区 or 村 as the author, or it
 * speaks as one (我社区, 我村) more often than as a 街道, 镇, 乡, 区 or 县. A 社区 (居委会) and a 村 (村委会) are
 * self-governing bodies, not governments, and no reporting unit here: the 街道 or 镇 such a report names is its
 * superior, and storing the report under it would be a wrong unit. The name, or `null` when it speaks as one only.
 */
function communityReport(segments: readonly Segment[]): { name: string | null } | null {
  let named: string | null = null;
  let voice = 0;
  let level = 0;
  for (const seg of segments) {
    if (seg.source === 'PUBLISH_DATE') continue;
    voice += matchesOf(COMMUNITY_VOICE, seg.text).length;
    level += matchesOf(LEVEL_VOICE, seg.text).length;
    if (named || (seg.source !== 'TITLE' && !seg.opening)) continue;
    for (const m of seg.text.matchAll(COMMUNITY_NAME)) {
      const name = m[1] ?? '';
      const at = (m.index ?? 0) + m[0].indexOf(name);
      if (NOT_COMMUNITY_STEM.test(name) || BAD_STEM_CHARS.test(name)) continue;
      if (seg.source === 'TITLE' ? at <= 12 : atSubject(seg.text, at)) {
        named = name;
        break;
      }
    }
  }
  if (named) return level > voice ? null : { name: named };
  return voice > 0 && voice > level ? { name: null } : null;
}

/**
 * The longer name a text spells where a chosen 镇, 乡 or 街 name is always followed by its own level word again (every
 * 房镇 is 房镇镇…, every 新华路街 is 新华路街街…): the name read cut that word off. `null` when the name stands on its own
 * anywhere (石门镇坚持… beside 石门镇镇长).
 */
function longerNameSpelled(text: string, name: string): string | null {
  const level = name.slice(-1);
  if (level !== '镇' && level !== '乡' && level !== '街') return null;
  let seen = 0;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (text.charAt(at + name.length) !== level) return null;
    seen += 1;
  }
  return seen > 0 ? name + level : null;
}

/** Records, in title, signature and 来源 segments, where the raw text had whitespace that normalisation removed. */
function markSpaces(norm: NormalisedText, segments: Segment[]): void {
  for (const seg of segments) {
    if (!AUTHOR_LINES.has(seg.source)) continue;
    const spaces = new Set<number>();
    for (let i = 1; i < seg.text.length; i += 1) {
      const at = seg.offset + i;
      const gap = norm.raw.slice(norm.ends[at - 1] ?? 0, norm.starts[at] ?? 0);
      if (/[ \t\u3000\u00a0]/u.test(gap)) spaces.add(i);
    }
    if (spaces.size > 0) seg.spaces = spaces;
  }
}

function explicitUnit(name: string, known: readonly KnownUnit[] | undefined): UnitCandidate {
  const resolved = resolveKnownUnit(name.trim(), known);
  const canonical = resolved ? resolved.name : name.trim();
  const suffix = /(街道|街|镇|乡|区|县|旗|市)$/u.exec(canonical)?.[1];
  return {
    name: canonical,
    level: bodyNameLevel(canonical) ?? (suffix ? levelOf(suffix) : null),
    confidence: 1,
    reason: '调用方指定',
    known: resolved !== null,
    tentative: false,
    evidence: [{ source: 'EXPLICIT', text: name, start: 0, end: 0 }],
  };
}

/** Two years in a title (2023—2024年度): a report on more than one year. */
const TITLE_SPAN = /(?:19|20)\d{2}\s*年?度?\s*[-—–~～至到]\s*(?:19|20)\d{2}\s*年度?/u;

/** A party congress's plenum (十九届四中全会, 十九届三中、四中全会): it dates a policy, not the report — no year is reckoned from it. */
const PLENUM = /[一二三四五六七八九十]{1,3}届[^。；;，,]{0,12}?全会/u;
/** A year written anywhere (2019年, 二〇一九年, 2019-2020). */
const ANY_YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)|[〇○零一二三四五六七八九]{4}年/u;

/**
 * Why no year was chosen, in Chinese, saying what the text does hold: a title spanning years; a year too weak to choose
 * (only in running text, a plan or a document's name); only a page's publish date; or no year at all — and that none is
 * reckoned from a plenum's number (十九届四中全会) or guessed. Ingest asks for the year with it.
 */
function yearMissingReason(segments: readonly Segment[], candidates: readonly YearCandidate[]): string {
  const span = segments.find((s) => s.source === 'TITLE' && TITLE_SPAN.test(s.text));
  const spanText = span ? TITLE_SPAN.exec(span.text)?.[0] : undefined;
  if (spanText) return `未能确定报告年度：标题写的是跨年度的“${spanText}”，报告不止一个年度；请指定年度`;
  const plenum = segments.some((s) => s.source !== 'PUBLISH_DATE' && PLENUM.test(s.text))
    ? '；文中的全会届次（如“十九届四中全会”）只说明政策出处，不据此推算年份'
    : '';
  // 今年以来 with no publish date to date it (a page's date in the second half of a year counts for 今年)
  const thisYear = segments.some((s) => !s.plan && (s.source === 'TITLE' || s.source === 'OPENING') && THIS_YEAR.test(s.text))
    ? '（开头只说“今年”，没有网页发布日期可以对照）'
    : '';
  const best = candidates[0];
  if (best) {
    return `未能确定报告年度：标题、开头和署名日期都没有写明报告年度，最可能的“${best.value}年”把握不足（${best.confidence}，只见于正文、计划、文件名或网页发布日期）${plenum}；请指定年度`;
  }
  const written = segments.some((s) => s.source !== 'PUBLISH_DATE' && ANY_YEAR.test(s.text));
  if (written) {
    return `未能确定报告年度：文中写到的年份都是时间段、计划或文件名中的年份，不是报告所写的年度${plenum}；请指定年度`;
  }
  return `未能确定报告年度：全文（标题、开头、正文和署名）没有写明任何年份，也没有网页发布日期，无从推断${thisYear}${plenum}；请指定年度`;
}

/** Why a 社区's or 村's report gets no unit, naming the superior the text names when there is one. */
function communityReason(name: string | null, candidates: UnitCandidate[]): string {
  const who = name ? `“${name}”的报告` : '以社区或村的口吻（“我社区”“我村”）写的报告';
  const superior = candidates[0] ? `；文中的“${candidates[0].name}”是其上级，不是报告单位` : '';
  return `未能确定报告单位：这是${who}——社区（居委会）和村（村委会）是基层群众性自治组织，不是本系统的报告单位（街道、镇、乡、区、县、市）${superior}；如确要存入某个单位名下，请指定单位`;
}

/** Why no unit was chosen, in Chinese, naming the best candidate when there is one. */
/** Why no unit was read from a zone that names itself by its body word alone (2023年，高新区坚持…), or null. */
function zoneWordReason(segments: readonly Segment[]): string | null {
  const word = segments.flatMap(zoneSubjectsIn)[0]?.word;
  if (!word) return null;
  return `未能确定报告单位：开头以“${word}”为主语，全文以开发区、新区一类的通称自称，标题、署名和网页来源栏都没有写明它的名称（通称不能作为单位名称）；请指定单位`;
}

function unitMissingReason(candidates: UnitCandidate[]): string {
  const best = candidates[0];
  if (!best)
    return '未能确定报告单位：标题、署名、网页来源栏和开头都没有写明街道、镇、乡、区、县或市的名称，正文也没有可推定的同级名称；请指定单位';
  return `未能确定报告单位：最可能的“${best.name}”把握不足（${best.confidence}）——${best.reason}；请指定单位`;
}

/**
 * Detects the reporting unit and the report year from a normalised report and its
 * structure. Explicit `opts.unit` / `opts.year` win (source EXPLICIT, confidence 1); detected
 * candidates follow, best first. Errors UNIT_NOT_DETECTED / YEAR_NOT_DETECTED when neither
 * given nor detected.
 */
export function detectUnitYear(norm: NormalisedText, doc: DocumentStructure, opts: AnalyzeOptions = {}): UnitYearResult {
  const segments = lineSegments(doc);
  markSpaces(norm, segments);
  const mentions = unitMentions(segments, opts.knownUnits);
  const voice: Voice = new Map();
  const author = authorLevel(segments, levelsNamedAsAuthor(mentions), voice);
  // a text speaking as a 市 (市政府坚持…, 我市) that names no 市 where an author is named: the 市 names in its running text
  // (发布“XX市公共法律服务地图”), for the rules that read a unit from the text's own voice
  if (author === 'CITY' && !mentions.some((m) => m.level === 'CITY')) mentions.push(...cityMentionsInText(segments, mentions));
  let unitCandidates = rankUnits(norm, mentions, author, voice);
  let yearCandidates = rankYears(norm, yearMentions(segments));
  const [topUnit] = unitCandidates;
  const [topYear] = yearCandidates;
  let unit = topUnit && topUnit.confidence >= MIN_UNIT_CONFIDENCE ? topUnit : null;
  const community = communityReport(segments);
  if (community) unit = null;
  else if (!unit) {
    // a text with no opening subject and no 我X that names itself by a slogan's stem (法治XX): its level from its sentences'
    // subjects (。街道全面贯彻…) — not for its own documents' names, which a text passing on a superior's cites too
    const stemmed = bareStemCandidate(norm, segments, author ?? sentenceSubjectLevel(segments, voice), unitCandidates, voice);
    const bare = stemmed ?? ownDocumentCandidate(norm, segments, author, voice);
    if (bare) {
      unit = bare;
      // a slogan's stem read as a name the text also writes (法治西秀 … 西秀区): one candidate, with both evidences
      unitCandidates = [bare, ...unitCandidates.filter((c) => !(stemmed && c.name === bare.name))];
    }
  }
  // a name the text never writes on its own, only with its level word again after it (房镇 in 房镇镇…), is cut from a
  // longer name: never a confident reading
  const longer = unit && !unit.known && !unit.tentative ? longerNameSpelled(norm.text, unit.name) : null;
  if (unit && longer) {
    unit = {
      ...unit,
      tentative: true,
      reason: `${unit.reason}；但文中“${unit.name}”每次都紧接着又一个“${longer.slice(-1)}”（“${longer}”），单位全称可能是“${longer}”，把握较低（${unit.confidence}）`,
    };
    unitCandidates = [unit, ...unitCandidates.slice(1)];
  }
  // a low-confidence reading says so in its reason (the inferred ones already do)
  if (unit?.tentative && !unit.reason.includes('把握较低')) {
    unit = { ...unit, reason: `${unit.reason}；把握较低（${unit.confidence}）` };
    unitCandidates = [unit, ...unitCandidates.slice(1)];
  }
  let year = topYear && topYear.confidence >= MIN_YEAR_CONFIDENCE ? topYear : null;
  if (opts.unit !== undefined && opts.unit.trim() !== '') {
    unit = explicitUnit(opts.unit, opts.knownUnits);
    const chosen = unit.name;
    unitCandidates = [unit, ...unitCandidates.filter((c) => c.name !== chosen)];
  }
  if (opts.year !== undefined && Number.isInteger(opts.year)) {
    year = {
      value: opts.year,
      confidence: 1,
      tentative: false,
      evidence: [{ source: 'EXPLICIT', text: String(opts.year), start: 0, end: 0 }],
    };
    const chosen = year.value;
    yearCandidates = [year, ...yearCandidates.filter((c) => c.value !== chosen)];
  }
  const errors: AnalysisError[] = [];
  if (!unit)
    errors.push({
      code: 'UNIT_NOT_DETECTED',
      message: community
        ? communityReason(community.name, unitCandidates)
        : (zoneWordReason(segments) ?? unitMissingReason(unitCandidates)),
    });
  if (!year) errors.push({ code: 'YEAR_NOT_DETECTED', message: yearMissingReason(segments, yearCandidates) });
  return { unit, unitCandidates, year, yearCandidates, errors };
}
