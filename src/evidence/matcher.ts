import type { ChecklistItemDefinition } from '../checklist/types';
import type { AnalysedClaim, AnalysedMetric, SectionKind } from '../reading/types';
import { cutsThroughWord, segment, step, trieOf, type Trie } from './segment';
import type { ProposedLink } from './types';

/**
 * The rule matcher: proposes claim → checklist item links from the rules each item carries
 * in the checklist file (`match: {keywords, together, exclude, metrics}`). Pure and
 * deterministic; no rule lives in code, every word comes from the file.
 *
 * How a claim is read:
 * 1. Claims of PREAMBLE, CHROME and SIGNATURE sections are never evidence (the opening
 *    "深入学习贯彻习近平法治思想" is a slogan, not a study activity).
 * 2. The text is prepared for matching ({@link prepareMatchText}): full-width forms folded,
 *    whitespace and `*` dropped, and every document name 《…》 replaced by the empty `《》`.
 *    Names of documents (《法治政府建设实施纲要》, 《…工作任务清单》, 《行政复议法》) are never
 *    evidence of work done — also for items about studying law: studying 《行政复议法》 is not
 *    handling 行政复议 cases (7.3). A rule that needs "some named law" writes `《》` itself
 *    (e.g. `[中心组, 《》]`: the study group studied a named law).
 * 3. Rules, per assessable item: a `keywords` word anywhere in the text; a `together` group
 *    whose words all occur; a `metrics` key carried by one of the claim's numbers. An
 *    `exclude` word vetoes the item for the claim, whatever else fired. `ignore` phrases are
 *    blanked before the item's words are looked for (the slogan `尊法学法守法用法` is not a
 *    study activity). The file gives the reason of every exclude and ignore term.
 * 4. Words, not characters: a keyword or together word does not count where it is a
 *    fragment of two words of the text as the segmenter (jieba) cuts it (`中心组` in
 *    `服务中心组织` = 服务中心/组织; see {@link cutsThroughWord}).
 * 5. Specificity: a keyword hit lying inside a longer keyword hit of ANOTHER item does not
 *    count (`普法` inside `谁执法谁普法` is 10.6 evidence, not 10.7).
 * 6. Confidence ({@link confidenceOf}): metric 0.95, together 0.85, keyword 0.75 for four or
 *    more characters, 0.65 for three, 0.5 for two; more distinct hits add a little (capped).
 * 7. A claim keeps at most {@link MatchOptions.maxLinksPerClaim} links (default 3), the most
 *    confident first, so a sentence listing everything does not cover half the checklist.
 *
 * Links are produced for every polarity: a PLAN claim only makes PLANNED_ONLY and a NEGATIVE
 * one raises SHORTCOMING_REPORTED; that is the assessment's decision, not the matcher's.
 */

/** What the matcher needs of a claim. */
export type MatchableClaim = Pick<AnalysedClaim, 'id' | 'text' | 'polarity' | 'sectionKind' | 'sectionPath' | 'headings'>;

/** Tuning knobs of the matcher; the defaults are what the product uses. */
export interface MatchOptions {
  /** a claim keeps at most this many links, the most confident first (default 3) */
  maxLinksPerClaim?: number;
  /** claims of these section kinds are never evidence (default PREAMBLE, CHROME, SIGNATURE) */
  skipSectionKinds?: readonly SectionKind[];
}

/** Section kinds whose claims are never evidence. */
export const SKIPPED_SECTION_KINDS: readonly SectionKind[] = ['PREAMBLE', 'CHROME', 'SIGNATURE'];

/** Default cap on links per claim. */
export const DEFAULT_MAX_LINKS_PER_CLAIM = 3;

/** Confidence of each rule kind (keywords depend on their length, see {@link keywordConfidence}). */
const RULE_CONFIDENCE = { metric: 0.95, together: 0.85 } as const;

/** What fired for one item on one claim, before it becomes a link. */
export interface ItemMatch {
  itemCode: string;
  keywords: string[];
  together: string[][];
  metrics: string[];
}

/**
 * Proposes links claim → item for every assessable item whose rules fire on the claim.
 * Output order: claims in input order, then items in checklist order.
 */
export function matchClaims(
  claims: readonly MatchableClaim[],
  metrics: readonly AnalysedMetric[],
  items: readonly ChecklistItemDefinition[],
  options: MatchOptions = {},
): ProposedLink[] {
  const cap = options.maxLinksPerClaim ?? DEFAULT_MAX_LINKS_PER_CLAIM;
  const skip = new Set<SectionKind>(options.skipSectionKinds ?? SKIPPED_SECTION_KINDS);
  const compiled = compileItems(items);
  const metricsByClaim = new Map<string, Set<string>>();
  for (const m of metrics) {
    if (m.metric === null) continue;
    const set = metricsByClaim.get(m.claimId) ?? new Set<string>();
    set.add(m.metric);
    metricsByClaim.set(m.claimId, set);
  }

  const links: ProposedLink[] = [];
  for (const claim of claims) {
    if (skip.has(claim.sectionKind)) continue;
    const found = matchPrepared(prepareMatchText(claim.text), metricsByClaim.get(claim.id) ?? new Set(), compiled);
    const scored = found.map((m) => ({ match: m, ...confidenceOf(m) }));
    scored.sort((a, b) => b.confidence - a.confidence || a.match.order - b.match.order);
    const kept = scored.slice(0, Math.max(0, cap));
    kept.sort((a, b) => a.match.order - b.match.order);
    for (const k of kept) {
      links.push({
        claimId: claim.id,
        itemCode: k.match.itemCode,
        method: 'RULE',
        confidence: k.confidence,
        rule: k.rule,
        matched: matchedWords(k.match),
      });
    }
  }
  return links;
}

/** The last text prepared and what it gave ({@link prepareMatchText}). */
let lastText = '';
let lastPrepared = '';

/**
 * The text as the rules see it: full-width forms folded to half-width, whitespace and `*`
 * removed, and each document name 《…》 (nesting allowed) replaced by the empty `《》`.
 */
export function prepareMatchText(text: string): string {
  // the signals read the same claim or clause one after the other: the last one is kept
  if (text !== lastText) {
    lastPrepared = blankDocumentNames(compact(text));
    lastText = text;
  }
  return lastPrepared;
}

/** Confidence of a keyword by its length: longer words are more specific. */
export function keywordConfidence(word: string): number {
  const n = [...compact(word)].length;
  if (n >= 4) return 0.75;
  if (n === 3) return 0.65;
  if (n === 2) return 0.5;
  return 0.4;
}

/**
 * The confidence of one item's match and the rule that decided it: the strongest rule
 * (metric 0.95, together 0.85 + 0.03 per further group up to 0.9, keywords by length + 0.05
 * per further distinct keyword up to 0.9), plus 0.02 per further kind of rule, at most 0.99.
 */
export function confidenceOf(m: Pick<ItemMatch, 'keywords' | 'together' | 'metrics'>): { confidence: number; rule: string } {
  const parts: { rule: string; value: number }[] = [];
  if (m.metrics.length > 0) parts.push({ rule: 'metric', value: RULE_CONFIDENCE.metric });
  if (m.together.length > 0) {
    parts.push({ rule: 'together', value: Math.min(0.9, RULE_CONFIDENCE.together + 0.03 * (m.together.length - 1)) });
  }
  if (m.keywords.length > 0) {
    const best = Math.max(...m.keywords.map(keywordConfidence));
    parts.push({ rule: 'keyword', value: Math.min(0.9, best + 0.05 * (m.keywords.length - 1)) });
  }
  parts.sort((a, b) => b.value - a.value);
  const [top] = parts;
  if (!top) return { confidence: 0, rule: 'none' };
  const value = Math.min(0.99, top.value + 0.02 * (parts.length - 1));
  return { confidence: Math.round(value * 100) / 100, rule: top.rule };
}

// ── implementation ─────────────────────────────────────────────────────────────────────

interface CompiledItem {
  code: string;
  order: number;
  /** [as written, as matched], the written words unique, in the item's order (the order links list them in) */
  keywords: [string, string][];
  together: [string[], string[]][];
  exclude: string[];
  metrics: Set<string>;
  /** the same metrics keys as a list, in the set's order (no copy per claim) */
  metricList: string[];
  /** phrases blanked before this item's keywords and groups are looked for */
  ignore: string[];
}

/**
 * A checklist version's rule words (every item's keywords, together words and exclude words, as
 * matched) in one trie, so a claim is read once for all of them instead of once per word with
 * `indexOf`: `scan` lists every place a keyword occurs and which rule words occur at all.
 */
interface CompiledRules {
  items: CompiledItem[];
  /** the distinct rule words, numbered: a word's number is its place here */
  needles: string[];
  /** per item: its exclude words' needle numbers; per item and together group: its words' */
  excludeNeedle: Int32Array[];
  togetherNeedle: Int32Array[][];
  /** per item, the number of its first keyword among all items' keywords (keyword k of item i is slot `keywordBase[i] + k`) */
  keywordBase: Int32Array;
  keywordCount: number;
  /** per needle: the keyword slots using it, with their items, flat as [slot, item, slot, item, …]; items with ignore phrases left out */
  keywordUses: Int32Array[];
  /** trie over the needles (segment.ts: its edges in typed arrays); `trie.ends[node]` the needle ending there, or -1 */
  trie: Trie;
  /** the root's children by code unit, a direct table (0: none): most characters start no rule word */
  rootChild: Int32Array;
  /** per claim scratch: whether each needle occurs in the text */
  present: Uint8Array;
}

interface Hit {
  item: number;
  word: string;
  start: number;
  end: number;
}

/** Compiled rules per checklist version (per `items` array): compiled once, not per claim. */
const compiledCache = new WeakMap<readonly ChecklistItemDefinition[], CompiledRules>();

function compileItems(items: readonly ChecklistItemDefinition[]): CompiledRules {
  const cached = compiledCache.get(items);
  if (cached) return cached;
  const compiled = rulesOf(compiledItems(items));
  compiledCache.set(items, compiled);
  return compiled;
}

/** The rule words of compiled items in one trie ({@link CompiledRules}). */
function rulesOf(items: CompiledItem[]): CompiledRules {
  const needles: string[] = [];
  const numberOf = new Map<string, number>();
  const needle = (w: string): number => {
    let n = numberOf.get(w);
    if (n === undefined) {
      n = needles.length;
      needles.push(w);
      numberOf.set(w, n);
    }
    return n;
  };
  const uses: number[][] = [];
  const keywordBase = new Int32Array(items.length);
  let keywordCount = 0;
  items.forEach((item, index) => {
    keywordBase[index] = keywordCount;
    item.keywords.forEach(([, w], k) => {
      const n = needle(w);
      if (item.ignore.length === 0) (uses[n] ??= []).push(keywordCount + k, index);
    });
    keywordCount += item.keywords.length;
  });
  const togetherNeedle = items.map((item) => item.together.map(([, group]) => Int32Array.from(group, needle)));
  const excludeNeedle = items.map((item) => Int32Array.from(item.exclude, needle));
  const trie = trieOf(needles);
  return {
    items,
    needles,
    excludeNeedle,
    togetherNeedle,
    keywordBase,
    keywordCount,
    keywordUses: needles.map((_, n) => Int32Array.from(uses[n] ?? [])),
    trie,
    rootChild: rootTable(trie, needles),
    present: new Uint8Array(needles.length),
  };
}

function rootTable(trie: Trie, needles: readonly string[]): Int32Array {
  const table = new Int32Array(0x10000);
  for (const w of needles) table[w.charCodeAt(0)] = step(trie, 0, w.charCodeAt(0));
  return table;
}

function compiledItems(items: readonly ChecklistItemDefinition[]): CompiledItem[] {
  return items
    .map((item, order) => ({ item, order }))
    .filter(({ item }) => item.assessable)
    .map(({ item, order }): CompiledItem => {
      const keywords = unique(item.match.keywords)
        .map((w): [string, string] => [w, compact(w)])
        .filter(([, c]) => c !== '');
      return {
        code: item.code,
        order,
        keywords,
        together: item.match.together
          .map((g): [string[], string[]] => [g, g.map(compact)])
          .filter(([, c]) => c.length > 0 && c.every((w) => w !== '')),
        exclude: item.match.exclude.map(compact).filter((w) => w !== ''),
        metrics: new Set(item.match.metrics),
        metricList: [...new Set(item.match.metrics)],
        ignore: unique(item.match.ignore ?? [])
          .map(compact)
          .filter((w) => w !== ''),
      };
    });
}

/**
 * Reads a (prepared) text once with the rules' trie: `hitsOf[slot]` gets every place (by
 * start) the slot's keyword occurs ({@link CompiledRules.keywordBase}), and `hits` all of them, overlapping ones included — as `indexOf` from each hit's
 * start + 1 finds them — for every item without ignore phrases (their text is the text itself);
 * `present[needle]` says whether a rule word occurs at all.
 */
function scanRules(text: string, rules: CompiledRules, hitsOf: Array<Hit[] | undefined>, hits: Hit[]): void {
  const { trie, rootChild, keywordUses, keywordBase, present, items } = rules;
  const { ends } = trie;
  present.fill(0);
  for (let at = 0; at < text.length; at += 1) {
    if (rootChild[text.charCodeAt(at)] === 0) continue;
    let node = 0;
    for (let i = at; i < text.length; i += 1) {
      const to = i === at ? (rootChild[text.charCodeAt(i)] as number) : step(trie, node, text.charCodeAt(i));
      if (to < 0) break;
      node = to;
      const n = ends[to] as number;
      if (n < 0) continue;
      present[n] = 1;
      const use = keywordUses[n] as Int32Array;
      for (let u = 0; u < use.length; u += 2) {
        const slot = use[u] as number;
        const item = use[u + 1] as number;
        const word = (items[item] as CompiledItem).keywords[slot - (keywordBase[item] as number)]?.[0] as string;
        const hit: Hit = { item, word, start: at, end: i + 1 };
        hits.push(hit);
        const list = hitsOf[slot];
        if (list) list.push(hit);
        else hitsOf[slot] = [hit];
      }
    }
  }
}

function matchPrepared(text: string, claimMetrics: ReadonlySet<string>, rules: CompiledRules): (ItemMatch & { order: number })[] {
  const { items, present, excludeNeedle, togetherNeedle } = rules;
  const seen = items.map((item) => blankPhrases(text, item.ignore));
  // A hit can only be a fragment of two words when Han characters surround it on both
  // sides; only then is the text around it segmented (a window of FRAGMENT_WINDOW
  // characters each side, cached per claim), which keeps matching fast on long reports.
  // Segmenting is most of the matcher's time, so it is asked only when an answer depends
  // on it (below); the answers are the same whatever is asked first.
  const fragment = new Map<number, boolean>();
  const isFragment = (start: number, end: number): boolean => {
    if (start === 0 || end >= text.length || !HAN.test(text.charAt(start - 1)) || !HAN.test(text.charAt(end))) return false;
    const key = start * (text.length + 1) + end;
    let known = fragment.get(key);
    if (known === undefined) {
      const from = Math.max(0, start - FRAGMENT_WINDOW);
      known = cutsThroughWord(segment(text.slice(from, end + FRAGMENT_WINDOW)), start - from, end - from);
      fragment.set(key, known);
    }
    return known;
  };
  /** whether a rule word occurs at least once as a word of the text (not a fragment of two words) */
  const occurs = (own: string, needle: string): boolean => {
    for (let at = own.indexOf(needle); at >= 0; at = own.indexOf(needle, at + 1)) {
      if (!isFragment(at, at + needle.length)) return true;
    }
    return false;
  };
  // every place each item's keywords occur in its text, fragments included; a hit counts when
  // it is no fragment, and survives when it also lies inside no longer counting hit of another item
  // (one read of the text for every item without ignore phrases; `indexOf` in its own text for an item with some)
  // (the order of `hits` only orders the questions asked, not the answers)
  const hitsOf = new Array<Hit[] | undefined>(rules.keywordCount);
  const hits: Hit[] = [];
  scanRules(text, rules, hitsOf, hits);
  const { keywordBase } = rules;
  items.forEach((item, index) => {
    if (item.ignore.length === 0) return;
    const own = seen[index] ?? ''; // seen has an entry per item
    const base = keywordBase[index] as number;
    item.keywords.forEach(([word, needle], k) => {
      const mine: Hit[] = [];
      for (let at = own.indexOf(needle); at >= 0; at = own.indexOf(needle, at + 1)) {
        mine.push({ item: index, word, start: at, end: at + needle.length });
      }
      hitsOf[base + k] = mine;
      for (const h of mine) hits.push(h);
    });
  });
  const occursAtAll = (n: number): boolean => present[n] === 1;
  const counts = (h: Hit): boolean => !isFragment(h.start, h.end);
  // a hit containing h starts at most `longest` characters before h's end: only those are looked at
  const byStart = new Map<number, Hit[]>();
  let longest = 0;
  for (const h of hits) {
    const at = byStart.get(h.start);
    if (at) at.push(h);
    else byStart.set(h.start, [h]);
    longest = Math.max(longest, h.end - h.start);
  }
  const insideLonger = (h: Hit): boolean => {
    for (let start = h.start; start >= Math.max(0, h.end - longest); start -= 1) {
      for (const g of byStart.get(start) ?? []) {
        if (g.item !== h.item && g.end >= h.end && g.end - g.start > h.end - h.start && counts(g)) return true;
      }
    }
    return false;
  };
  const survives = (h: Hit): boolean => counts(h) && !insideLonger(h);

  const out: (ItemMatch & { order: number })[] = [];
  items.forEach((item, index) => {
    if ((excludeNeedle[index] as Int32Array).some(occursAtAll)) return;
    const own = seen[index] ?? '';
    // the keywords with a surviving hit, in their order in the item (written words are unique)
    const base = keywordBase[index] as number;
    const keywords: string[] = [];
    for (let k = 0; k < item.keywords.length; k += 1) {
      const list = hitsOf[base + k];
      if (list !== undefined && list.some(survives)) keywords.push((item.keywords[k] as [string, string])[0]);
    }
    // a group's words all in the item's own text (its ignore phrases blanked), then each as a word
    const groupNeedles = togetherNeedle[index] as Int32Array[];
    const together: string[][] = [];
    item.together.forEach(([g, group], at) => {
      const all = item.ignore.length > 0 ? group.every((w) => own.includes(w)) : (groupNeedles[at] as Int32Array).every(occursAtAll);
      if (all && group.every((w) => occurs(own, w))) together.push(g);
    });
    const metrics = claimMetrics.size === 0 ? [] : item.metricList.filter((m) => claimMetrics.has(m));
    if (keywords.length + together.length + metrics.length === 0) return;
    out.push({ itemCode: item.code, order: item.order, keywords, together, metrics });
  });
  return out;
}

/** A Han character: only between two of them can a rule word be a fragment of two words. */
const HAN = /\p{Script=Han}/u;
/** Characters segmented on each side of a hit to decide whether it is a fragment. */
const FRAGMENT_WINDOW = 4;

function matchedWords(m: ItemMatch): string[] {
  return [...m.metrics, ...m.together.map((g) => g.join('+')), ...m.keywords];
}

/** Folds full-width forms (U+FF01–FF5E, the ideographic space) and drops whitespace and `*`. */
function compact(text: string): string {
  // most claims need no change: return the text itself when no character is folded or dropped
  let i = 0;
  for (; i < text.length; i += 1) if (compactCode(text.charCodeAt(i)) !== -2) break;
  if (i === text.length) return text;
  const codes: number[] = [];
  for (let j = 0; j < text.length; j += 1) {
    const code = text.charCodeAt(j);
    const c = compactCode(code);
    if (c === -2) codes.push(code);
    else if (c >= 0) codes.push(c);
  }
  let out = '';
  for (let j = 0; j < codes.length; j += 4096) out += String.fromCharCode(...codes.slice(j, j + 4096));
  return out;
}

/**
 * What {@link compact} does with one UTF-16 code unit: -2 keep, -1 drop (whitespace as `\s`
 * matches it, `*`, U+3000), else the folded code. Surrogates are kept, as whole characters were.
 */
function compactCode(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x2a || code === 0x3000) return -1;
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) ? -1 : -2;
  if (code < 0xa0) return -2;
  if (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0xfeff
  )
    return -1;
  return -2;
}

/** Blanks each phrase by as many `□` (offsets unchanged), so nothing inside it is matched. */
function blankPhrases(text: string, phrases: readonly string[]): string {
  let out = text;
  for (const p of phrases) if (out.includes(p)) out = out.split(p).join('□'.repeat(p.length));
  return out;
}

/** Replaces every 《…》 (outermost, nesting-aware) by `《》`; an unclosed 《 is left as is. */
function blankDocumentNames(text: string): string {
  if (!text.includes('《')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '《') {
      out += text[i];
      i += 1;
      continue;
    }
    let depth = 0;
    let j = i;
    for (; j < text.length; j += 1) {
      if (text[j] === '《') depth += 1;
      else if (text[j] === '》') {
        depth -= 1;
        if (depth === 0) break;
      }
    }
    if (j >= text.length) {
      out += text.slice(i);
      break;
    }
    out += '《》';
    i = j + 1;
  }
  return out;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
