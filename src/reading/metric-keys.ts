/**
 * The metric keys the analyser recognises and the wording that names them in a report. Pure
 * data plus small pure look-ups used by `numbers.ts`. Analysis knows no checklist: which item
 * a key serves is the checklist file's business (`match.metrics`, `targets`), and the
 * checklist validator refuses a key that is not in {@link METRIC_KEYS}.
 *
 * How a number gets its metric (see {@link recogniseMetric}):
 * 1. Within the number's clause (split at ，,；;。！？ and line breaks, never at 、) and after
 *    the previous quantity of that clause, find the cue of any metric that ends nearest
 *    before the number. That nearest cue decides: when its metric does not accept the
 *    number's unit (信访群众500余人次 is not a petition case), the number keeps `null`; a
 *    farther cue is never used instead.
 * 2. The cue is rejected when more than {@link MAX_CUE_GAP} characters separate it from the
 *    number, when the gap speaks of a change (同比/提高/下降 …: a change is not a level) or,
 *    for a percentage, when another `…率` stands between cue and number (出庭应诉案件旁听率
 *    is not the court-appearance rate).
 * 3. With no cue before, a few metrics have a cue right after the quantity
 *    (对8家企业进行了行政处罚, 40余场…法治宣传活动).
 * 4. A metric with a `context` is recognised only when the whole claim matches it: an exam
 *    for the `LAW_EXAM_*` keys, 信访 for `PETITION_ON_TIME_RATE`.
 */

import { matchesOf } from './matches';

/** A metric key the analyser recognises. */
export type MetricKey =
  | 'COURT_APPEARANCE_RATE'
  | 'MAJOR_DECISION_LEGAL_REVIEW_RATE'
  | 'LEGAL_ADVISER_CONSULTATIONS'
  | 'PENALTY_CASES'
  | 'FINES_TOTAL'
  | 'DISPUTES_MEDIATED'
  | 'PETITION_ON_TIME_RATE'
  | 'PETITION_CASES'
  | 'INFO_DISCLOSED'
  | 'LEADERSHIP_LAW_STUDY_SESSIONS'
  | 'LAW_EXAM_PARTICIPATION_RATE'
  | 'LAW_EXAM_PASS_RATE'
  | 'LAW_EXAM_AVG_SCORE'
  | 'LEGAL_PUBLICITY_EVENTS';

/** What sort of value a metric holds: a rate in %, a score in 分, a count, or money in 元. */
type MetricKind = 'RATE' | 'SCORE' | 'COUNT' | 'MONEY';

/** One metric key: the units it accepts and its cue words. */
export interface MetricKeyDefinition {
  readonly key: MetricKey;
  readonly kind: MetricKind;
  /** units a value of this metric may have (`%`, `分`, `元` or measure words) */
  readonly units: readonly string[];
  /**
   * Cue patterns looked for BEFORE the number in its clause; the cue ending nearest to the
   * number wins. A RATE's cues all end in 率 so that they can also name an item of a list
   * of rates (参与率、学习率、考试率、合格率共4个100%).
   */
  readonly cues: readonly RegExp[];
  /** cue patterns anchored right AFTER the quantity expression, used when no cue precedes */
  readonly after?: readonly RegExp[];
  /** the whole claim must match this for the metric to be recognised at all */
  readonly context?: RegExp;
  /**
   * Wording that reports 100% without a number (重大行政决策全部经合法性审查); capture group 1
   * is the word reported as the quantity (全部, 均 …).
   */
  readonly all?: readonly RegExp[];
}

/** A word that ends a clause; cues and numbers never reach across one. 、 is not one. */
export const CLAUSE_BOUNDARY = /[，,；;。！？!?\n\r]/;

/** Characters allowed between a cue and its number before the cue no longer counts. */
const MAX_CUE_GAP = 24;

/** Wording of a change rather than a level: a number after it is a difference. */
const CHANGE_WORDS = /同比|环比|较去年|较上年|比去年|比上年|提高|提升|增长|增加|上升|下降|降低|减少|增幅|降幅/;

/** An exam of staff law knowledge: required for every `LAW_EXAM_*` key. */
const EXAM_CONTEXT = /考试|考法|测试|测评|参考率/;

/** 信访 wording: required for `PETITION_ON_TIME_RATE` (a 12345 hotline rate is not it). */
const PETITION_CONTEXT = /信访|来信|来访|接访/;

/** Not inside a clause: `[^，,；;。！？!?\n\r]`. */
const IN_CLAUSE = '[^，,；;。！？!?\\n\\r]';

/**
 * The metric key table. Order matters only to break ties between two cues ending at the same
 * character (the longer match wins first, then the earlier entry).
 *
 * | key | units | cues (before the number, same clause) |
 * |---|---|---|
 * | COURT_APPEARANCE_RATE | % | 出庭应诉率, 出庭率 (not 旁听率, 复议纠错率); 负责人全部/均出庭 → 100 |
 * | MAJOR_DECISION_LEGAL_REVIEW_RATE | % | 重大(行政)决策…合法性审查/审核(覆盖)率; 重大行政决策全部/均经合法性审查 → 100 |
 * | LEGAL_ADVISER_CONSULTATIONS | 次 件 件次 人次 条 份 | 法律顾问/公职律师 … 咨询/法律意见 |
 * | PENALTY_CASES | 件 起 家 家次 个 宗 例 件次 | 立案(查处/处罚), (行政)处罚(案件) but not 不予/免予处罚, 查处…案件; after: (企业)进行了行政处罚 |
 * | FINES_TOTAL | 元 | 罚款(金额), 罚没(款/收入), 处罚金额 |
 * | DISPUTES_MEDIATED | 起 件 件次 次 个 宗 例 | 化解/调解/调处(各类)(矛盾)纠纷, 矛盾(纠纷)调解/化解, 调解成功 |
 * | PETITION_ON_TIME_RATE | % | 按期/按时 办理/办结/答复 率, in a 信访 claim; 信访…全部/均按期办结 → 100 |
 * | PETITION_CASES | 件 件次 起 个 批 批次 宗 | 信访(件/案件/事项/问题), 来信来访 |
 * | INFO_DISCLOSED | 条 件 项 篇 份 个 则 | (主动)公开(政府/政务)信息, 政府/政务信息(主动)公开 (not 执法公示, 村务公开) |
 * | LEADERSHIP_LAW_STUDY_SESSIONS | 次 场 场次 期 | 领导班子/班子成员/领导干部/中心组/党工委/党委/会前 … 学法, 集体学法 |
 * | LAW_EXAM_PARTICIPATION_RATE | % | 参考率, 参与率, 参加率, in an exam claim |
 * | LAW_EXAM_PASS_RATE | % | 合格率, 通过率, 及格率, in an exam claim |
 * | LAW_EXAM_AVG_SCORE | 分 | 平均(成绩/得分/分数), 均分, in an exam claim |
 * | LEGAL_PUBLICITY_EVENTS | 次 场 场次 期 | 普法(宣传)(活动/讲座), 法治/法律/法制/宪法 宣传/宣讲/讲座(活动), 专题宣传, 以案释法; after: …法治宣传活动 |
 */
export const METRIC_KEYS: readonly MetricKeyDefinition[] = [
  {
    key: 'COURT_APPEARANCE_RATE',
    kind: 'RATE',
    units: ['%'],
    cues: [/出庭(?:应诉)?率/],
    all: [new RegExp(`负责人${IN_CLAUSE}{0,8}?(全部|均|全都|一律)(?:按时|依法|亲自)?出庭`)],
  },
  {
    key: 'MAJOR_DECISION_LEGAL_REVIEW_RATE',
    kind: 'RATE',
    units: ['%'],
    cues: [new RegExp(`重大(?:行政)?决策${IN_CLAUSE}{0,12}?合法性(?:审查|审核)(?:覆盖|通过)?率`)],
    all: [
      new RegExp(
        `重大(?:行政)?决策(?:事项)?${IN_CLAUSE}{0,8}?(全部|均|一律|全都)(?:已)?(?:经过?|通过|进行了?|开展了?|提交)?${IN_CLAUSE}{0,4}?合法性(?:审查|审核)`,
      ),
    ],
  },
  {
    key: 'LEGAL_ADVISER_CONSULTATIONS',
    kind: 'COUNT',
    units: ['次', '件', '件次', '人次', '条', '份'],
    cues: [new RegExp(`(?:法律顾问|公职律师)${IN_CLAUSE}{0,24}?(?:咨询|法律意见书?)`)],
  },
  {
    key: 'PENALTY_CASES',
    kind: 'COUNT',
    units: ['件', '起', '家', '家次', '个', '宗', '例', '件次'],
    cues: [/立案(?:查处|处罚)?/, /(?<!不予|免予|免于|免)(?:行政)?处罚(?:案件)?/, /查处(?:各类)?(?:违法|违规)?(?:案件|行为)/],
    after: [
      /^[ \t]*(?:企业|单位|商户|商家|店铺|门店|经营户|个体工商户|当事人|违法行为人)?[ \t]*(?:依法)?(?:进行了?|予以|作出了?|实施了?|给予了?)(?:行政)?处罚/,
    ],
  },
  {
    key: 'FINES_TOTAL',
    kind: 'MONEY',
    units: ['元'],
    cues: [/罚款(?:金额|总额|数额)?/, /罚没(?:款|收入|金额)?/, /处罚(?:金额|总额|款)/],
  },
  {
    key: 'DISPUTES_MEDIATED',
    kind: 'COUNT',
    units: ['起', '件', '件次', '次', '个', '宗', '例'],
    cues: [/(?:调解|化解|调处)(?:各类|各种)?(?:矛盾)?纠纷/, /矛盾(?:纠纷)?(?:调解|化解|调处)/, /纠纷调解|调解成功|成功调解/],
  },
  {
    key: 'PETITION_ON_TIME_RATE',
    kind: 'RATE',
    units: ['%'],
    cues: [/按(?:期|时)(?:办理|办结|答复|处理|处置)率/],
    context: PETITION_CONTEXT,
    all: [new RegExp(`信访${IN_CLAUSE}{0,12}?(全部|均|全都)(?:已)?(?:按期|按时|在规定(?:时限|期限)内)(?:办理|办结|答复)`)],
  },
  {
    key: 'PETITION_CASES',
    kind: 'COUNT',
    units: ['件', '件次', '起', '个', '批', '批次', '宗'],
    cues: [/信访(?:件|案件|事项|问题|诉求|举报)?/, /来信来访/],
  },
  {
    key: 'INFO_DISCLOSED',
    kind: 'COUNT',
    units: ['条', '件', '项', '篇', '份', '个', '则'],
    cues: [/(?:主动)?公开(?:各类)?(?:政府|政务)信息/, /(?:政府|政务)信息(?:主动)?公开/],
  },
  {
    key: 'LEADERSHIP_LAW_STUDY_SESSIONS',
    kind: 'COUNT',
    units: ['次', '场', '场次', '期'],
    cues: [
      new RegExp(
        `(?:领导班子|班子成员|领导干部|中心组|党工委|党委|党组|常委会|常务会|办公会|会前)${IN_CLAUSE}{0,10}?学法(?:活动|会议?|课)?`,
      ),
      /集体学法/,
    ],
  },
  {
    key: 'LAW_EXAM_PARTICIPATION_RATE',
    kind: 'RATE',
    units: ['%'],
    cues: [/参(?:考|与|加)率/],
    context: EXAM_CONTEXT,
    all: [new RegExp(`(全部|均|全员)(?:按时)?参(?:加|与)了?${IN_CLAUSE}{0,8}?(?:考试|考法|测试)`)],
  },
  {
    key: 'LAW_EXAM_PASS_RATE',
    kind: 'RATE',
    units: ['%'],
    cues: [/(?:合格|通过|及格)率/],
    context: EXAM_CONTEXT,
    all: [
      new RegExp(`(?:考试|测试|考法)${IN_CLAUSE}{0,8}?(全部|均|全员)(?:顺利)?(?:通过|合格|及格)`),
      new RegExp(`(全部|均|全员)(?:顺利)?通过了?${IN_CLAUSE}{0,8}?(?:考试|测试)`),
    ],
  },
  {
    key: 'LAW_EXAM_AVG_SCORE',
    kind: 'SCORE',
    units: ['分'],
    cues: [/平均(?:成绩|得分|分数|分)?|均分/],
    context: EXAM_CONTEXT,
  },
  {
    key: 'LEGAL_PUBLICITY_EVENTS',
    kind: 'COUNT',
    units: ['次', '场', '场次', '期'],
    cues: [
      /(?:普法|法治|法律|法制|宪法|民法典)(?:宣传|宣讲|讲座)(?:教育)?(?:活动)?/,
      /普法(?:活动|讲座)?/,
      /专题宣传(?:活动)?/,
      /以案释法(?:活动)?/,
    ],
    after: [new RegExp(`^${IN_CLAUSE}{0,12}?(?:普法|法治|法律|法制|宪法)(?:宣传|宣讲)(?:教育)?活动`), /^[ \t]*的?(?:普法|法治|法律)讲座/],
  },
];

const globalCopies = { g: new Map<RegExp, RegExp>(), dg: new Map<RegExp, RegExp>() };

/**
 * The global copy of a pattern (with match indices too for `dg`: the `all` patterns), built once per pattern, not per
 * claim. It is only ever read by `matchesOf` (with `exec` from `lastIndex` 0 to the end, where it is 0 again), never
 * by `test` or `exec` elsewhere.
 */
function globalCopy(re: RegExp, added: 'g' | 'dg' = 'g'): RegExp {
  const copies = globalCopies[added];
  let copy = copies.get(re);
  if (!copy) {
    let flags = re.flags;
    for (const f of added) if (!flags.includes(f)) flags += f;
    copy = new RegExp(re.source, flags);
    copies.set(re, copy);
  }
  return copy;
}

/** Rate cues anchored at the end of a string, to name the items of a list of rates. */
const RATE_NAME_PATTERNS: ReadonlyArray<{ def: MetricKeyDefinition; res: RegExp[] }> = METRIC_KEYS.filter((d) => d.kind === 'RATE').map(
  (def) => ({ def, res: def.cues.map((re) => new RegExp(`(?:${re.source})$`, re.flags)) }),
);

function contextHolds(def: MetricKeyDefinition, claim: string): boolean {
  return def.context === undefined || def.context.test(claim);
}

/** Where the input of {@link recogniseMetric} comes from. */
export interface MetricQuery {
  /** the clause text before the quantity (after any earlier quantity of the clause) */
  before: string;
  /** the clause text after the quantity expression */
  after: string;
  /** unit of the quantity: `%`, `分`, `元` or a measure word */
  unit: string;
  /** the whole claim, for context requirements (an exam, 信访) */
  claim: string;
}

/**
 * The metric key of a quantity from the words around it, or null when none is recognised
 * (the rules are in this module's header).
 */
export function recogniseMetric(q: MetricQuery): MetricKey | null {
  let best: { def: MetricKeyDefinition; end: number; length: number } | null = null;
  for (const def of METRIC_KEYS) {
    if (!contextHolds(def, q.claim)) continue;
    for (const cue of def.cues) {
      // the matches `matchAll` would give, read with `exec` from the copy itself: no clone of the pattern per quantity
      for (const m of matchesOf(globalCopy(cue), q.before)) {
        if (m[0].length === 0) continue;
        const end = (m.index ?? 0) + m[0].length;
        if (best === null || end > best.end || (end === best.end && m[0].length > best.length)) {
          best = { def, end, length: m[0].length };
        }
      }
    }
  }
  if (best !== null) {
    if (!best.def.units.includes(q.unit)) return null;
    const gap = q.before.slice(best.end);
    if (gap.length > MAX_CUE_GAP || CHANGE_WORDS.test(gap)) return null;
    if (q.unit === '%' && gap.includes('率')) return null;
    return best.def.key;
  }
  for (const def of METRIC_KEYS) {
    if (def.after === undefined || !def.units.includes(q.unit) || !contextHolds(def, q.claim)) continue;
    if (def.after.some((re) => re.test(q.after))) return def.key;
  }
  return null;
}

/**
 * The metric key named by one item of a list of rates (`…合格率` → `LAW_EXAM_PASS_RATE` in an
 * exam claim), or null. `rateName` should end with 率.
 */
export function metricOfRateName(rateName: string, claim: string): MetricKey | null {
  for (const { def, res } of RATE_NAME_PATTERNS) {
    if (!contextHolds(def, claim)) continue;
    if (res.some((re) => re.test(rateName))) return def.key;
  }
  return null;
}

/** A statement of 100% without a number: the metric and the span of its word (全部, 均). */
export interface AllStatement {
  metric: MetricKey;
  /** [start, end) of the word in the claim */
  start: number;
  end: number;
}

/** Characters that negate a following 全部/均 (未全部经合法性审查 is not 100%). */
const NEGATION = /[未不没非无]/;

/**
 * Statements that a rate-like requirement was met by all (重大行政决策全部经合法性审查), one per
 * metric at most (the first). Only metrics with `all` patterns take part; a bare 全部 elsewhere
 * (全部上缴财政) is not reported.
 */
export function findAllStatements(claim: string): AllStatement[] {
  const found: AllStatement[] = [];
  for (const def of METRIC_KEYS) {
    if (def.all === undefined || !contextHolds(def, claim)) continue;
    let hit: AllStatement | null = null;
    for (const re of def.all) {
      for (const m of matchesOf(globalCopy(re, 'dg'), claim)) {
        const span = m.indices?.[1];
        if (span === undefined) continue;
        if (span[0] > 0 && NEGATION.test(claim.charAt(span[0] - 1))) continue;
        if (hit === null || span[0] < hit.start) hit = { metric: def.key, start: span[0], end: span[1] };
        break;
      }
    }
    if (hit !== null) found.push(hit);
  }
  return found;
}
