/**
 * Management bodies that stand in for a level's government, read by their shape (issue 12): a zone run by a 党工委 and a
 * 管委会 — XX经济技术开发区, XX高新区, XX经开区, XX(区)工业园区, XX管理区, XX国家旅游度假区 — which speaks as 全区/我区 and ranks as a district, and a
 * 社区管理办公室 (XX社管办) run by a 党工委 in a district in place of a 街道. Their names end in no level word
 * (街道/镇/乡/区/县/市 read by the suffix reader) or in a 区 whose stem the suffix reader takes for a generic word (开发区,
 * 园区, 管理区), so they are read here: the zone's or office's own name (two to six characters, after its superior) and
 * the body word.
 */
import type { UnitLevel } from './types';

/** The body words, longest first. */
const BODY_WORDS =
  '高新技术产业开发区|经济技术开发区|高新技术开发区|经济开发区|旅游度假区|工业园区|产业园区|高新区|经开区|开发区|度假区|管理区|社区管理办公室|社管办';
/** A body word in a text; group 1. */
const BODY_WORD = new RegExp(`(${BODY_WORDS})`, 'gu');
/** A body word ending a name; group 1. */
const BODY_WORD_END = new RegExp(`(${BODY_WORDS})$`, 'u');

/** The words a name that is only a body's word or a zone's abbreviation consists of (经开区, 高新区, 综保区). */
const BARE_BODY_WORDS = `${BODY_WORDS}|综保区|保税区|自贸区|新区|园区`;
/** A name that is only a body word or a zone's abbreviation, with no stem of its own (经开区, 高新区, 综保区). */
const BARE_BODY_WORD = new RegExp(`^(?:${BARE_BODY_WORDS})$`, 'u');
/** Such a word on its own (after no Han character) before a Han character: group 1 (2023年，高新区坚持…). */
const BARE_BODY_WORD_ALONE = new RegExp(`(?<![\u3400-\u9fff])(${BARE_BODY_WORDS})(?=[\u3400-\u9fff])`, 'gu');

/** A body's word standing on its own in a text, no name before it (2023年，高新区坚持…): where, the word and its level. */
export function bareBodyWordsIn(text: string): Array<{ at: number; word: string; level: UnitLevel }> {
  return [...text.matchAll(BARE_BODY_WORD_ALONE)].map((m) => ({ at: m.index ?? 0, word: m[1] ?? '', level: bodyLevel(m[1] ?? '') }));
}

/** Whether a name is only a body's word, no unit's name (经开区, 高新区, 开发区). */
export function isBareBodyWord(name: string): boolean {
  return BARE_BODY_WORD.test(name);
}

/** A body word standing in for a 街道 (a 社区管理办公室); the rest rank as a district. */
const STREET_BODY = /^(?:社区管理办公室|社管办)$/u;

/** The level a body word's unit ranks at. */
function bodyLevel(word: string): UnitLevel {
  return STREET_BODY.test(word) ? 'STREET' : 'DISTRICT';
}

/** A unit name that ends in a body word: its level, or null. */
export function bodyNameLevel(name: string): UnitLevel | null {
  const m = BODY_WORD_END.exec(name);
  return m && [...name].length > [...(m[1] ?? '')].length + 1 ? bodyLevel(m[1] ?? '') : null;
}

/**
 * What ends the words before a body's own name: a superior's name (长春市, 东西湖区, XX县), an organ (人民政府, 委员会 …), or
 * a province. A 盟 only after two characters of a name (兴安盟; 东盟 is a group of places).
 */
const BEFORE_STEM = /(?:[省市州区县旗]|(?<=[\u3400-\u9fff]{2})盟|人民政府|政府|委员会|工委|党委|办事处)/gu;

/** Stems that are no body's own name: a rank or a determiner (国家级开发区, 省级高新区, 各开发区, 全市工业园区). */
const NOT_BODY_STEM =
  /^(?:国家级?|省级?|市级?|县级?|区级?|综合|重点|特色|新型|现代|中心|城市|城区|辖区|所在|相关|有关|其他|周边)$|[全本我各该此每两级]$/u;

/** Characters and words that never occur in such a name (it is a phrase: 推进开发区, 建设的工业园区). */
const NOT_IN_BODY_STEM =
  /[的了着过们这及或等局议在是和与对把将向从于让使被给为由]|建设|推进|推动|加快|打造|管理|服务|发展|工作|法治|治理|政府|行政|执法|依法|司法|规划|整合|设立|成立|申报|创建|所属|下辖|入驻|园区|开发|高新/u;

/** Words that lead into a name but are not part of it, at its start (联合XX开发区, 深化XX高新区). */
const LEAD_IN =
  /^(?:中国共产党|中共|关于|现将|按照|根据|联合|会同|配合|协助|指导|推动|围绕|结合|通过|依托|带领|位于|来自|支持|参与|服务|对接|面向|针对)/u;

/** A body's name read at a body word. */
export interface BodyName {
  /** the name as the text writes it (长春经济技术开发区, 常青花园社管办, 长春市经济技术开发区) */
  name: string;
  /** the grouping key: a zone's like the suffix reader's (`长春经开|区`), an office's by its stem (`常青花园|社管办`) */
  key: string;
  level: UnitLevel;
  /** the body word (经开区, 社管办) */
  word: string;
  /** indices into the text: the name's start, the body word's start, the name's end */
  start: number;
  wordAt: number;
  end: number;
}

/** How far back before a body word its own name may start. */
const LOOKBACK = 12;

const HAN = /[\u3400-\u9fff]/u;
/** A place's name and a hyphen right before a run (广西- before 东盟…): the run goes on across it. */
const PLACE_PAIR_BEFORE = /[\u3400-\u9fff]{2}[-－–]$/u;

/**
 * The management bodies a text names, by their shape: the Han run before a body word, cut after a superior or an organ,
 * without a verb leading into it, two to six characters and no generic word. A body with no name of its own after a
 * city's, county's or district's (长春市经济技术开发区, XX县经济开发区, XX区工业园区) is named with that superior's name. Linear in the text.
 */
export function bodyNamesIn(text: string): BodyName[] {
  const out: BodyName[] = [];
  for (const m of text.matchAll(BODY_WORD)) {
    const wordAt = m.index ?? 0;
    const word = m[1] ?? '';
    // 网格管理区域, 开发区划: a different word
    if (/^[域划]/u.test(text.charAt(wordAt + word.length))) continue;
    let k = wordAt;
    while (k > 0 && HAN.test(text.charAt(k - 1)) && wordAt - k < LOOKBACK) k -= 1;
    // 广西-东盟经济技术开发区: two places joined by a hyphen name one zone, read whole
    if (PLACE_PAIR_BEFORE.test(text.slice(Math.max(0, k - 6), k)) && wordAt - k >= 2) {
      k -= 1;
      while (k > 0 && HAN.test(text.charAt(k - 1)) && wordAt - k < LOOKBACK) k -= 1;
    }
    // 2024年XX开发区: the 年 belongs to the date before it
    const date = /\d/u.test(text.charAt(k - 1)) ? (/^(?:年度|年|月份|月|日)/u.exec(text.slice(k, wordAt))?.[0] ?? '') : '';
    k += date.length;
    const run = text.slice(k, wordAt);
    let cut = -1;
    let superiorEnd = -1;
    for (const b of run.matchAll(BEFORE_STEM)) {
      cut = (b.index ?? 0) + b[0].length;
      superiorEnd = /^[市县区]$/u.test(b[0]) ? cut : -1;
    }
    let stem = cut >= 0 ? run.slice(cut) : run;
    let nameStart = wordAt - stem.length;
    if (stem.length === 0 && superiorEnd === run.length && bodyLevel(word) === 'DISTRICT') {
      // 长春市经济技术开发区, XX县经济开发区, XX区工业园区: the superior's name is the body's own
      let from = 0;
      for (const b of run.slice(0, -1).matchAll(BEFORE_STEM)) from = (b.index ?? 0) + b[0].length;
      stem = run.slice(from);
      nameStart = wordAt - stem.length;
      if (!/^[^\s省市州盟区县旗]{2,4}[市县区]$/u.test(stem) || NOT_IN_BODY_STEM.test(stem) || LEAD_IN.test(stem)) continue;
    } else {
      const lead = LEAD_IN.exec(stem)?.[0];
      if (lead && [...stem].length - [...lead].length >= 2) {
        stem = stem.slice(lead.length);
        nameStart += lead.length;
      }
      const n = [...stem].length;
      if (n < 2 || n > 6 || NOT_BODY_STEM.test(stem) || NOT_IN_BODY_STEM.test(stem)) continue;
    }
    const name = stem + word;
    const level = bodyLevel(word);
    out.push({
      name,
      key: level === 'STREET' ? `${stem}|社管办` : `${name.slice(0, -1)}|区`,
      level,
      word,
      start: nameStart,
      wordAt,
      end: wordAt + word.length,
    });
  }
  return out;
}
