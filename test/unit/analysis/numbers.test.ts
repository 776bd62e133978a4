import { readFileSync } from 'fs';
import { join } from 'path';
import fc from 'fast-check';
import { extractNumbers, type FoundNumber } from '../../../src/reading/numbers';
import { METRIC_KEYS } from '../../../src/reading/metric-keys';

const REPORTS = join(__dirname, '../../../seeds/reports');
const FILES = {
  wanxing: '000_6e4407ce581485da.txt', // 万兴街 2022
  wangdingdi: '001_84781cc4d090b840.txt', // 王顶堤街 2023
  jixia: '002_d696e94e7c632d16.txt', // 稷下街道 2023
  tanggu: '003_7e2c2bf165e90f1b.txt', // 塘沽街道 2021
  hujiayuan: '004_744dcdb32919324b.txt', // 胡家园街 2022
} as const;
type Report = keyof typeof FILES;

const raw = (report: Report): string => readFileSync(join(REPORTS, FILES[report]), 'utf8');

/**
 * What the normaliser does for these tests: ** dropped, and a PDF page break inside a word
 * (塘沽: 全过程记 / 录, 受理信 / 访) joined.
 */
const normalise = (text: string): string => text.replace(/\*\*/g, '').replace(/(?<=[\u4e00-\u9fff])\n\s*\n(?=[\u4e00-\u9fff])/g, '');

/**
 * The sentence of a real report that contains `snippet` (from the previous 。！？ or blank line
 * to the next), normalised; fails when the report no longer contains the snippet.
 */
function sentence(report: Report, snippet: string): string {
  const text = normalise(raw(report));
  const at = text.indexOf(snippet);
  if (at < 0) throw new Error(`${FILES[report]} no longer contains ${snippet}`);
  const ends = /[。！？]|\n\s*\n|\n(?=\s*[一二三四五六七八九十]、)/g;
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(ends)) {
    const i = m.index ?? 0;
    if (i + m[0].length <= at) start = i + m[0].length;
    else if (i >= at + snippet.length) {
      end = i + m[0].length;
      break;
    }
  }
  return text.slice(start, end).trim();
}

interface Seen {
  text: string;
  metric: string | null;
  value: number;
  unit: string;
  qualifier: string;
}
const seen = (claim: string, found: FoundNumber[]): Seen[] =>
  found.map((f) => ({ text: claim.slice(f.start, f.end), metric: f.metric, value: f.value, unit: f.unit, qualifier: f.qualifier }));

function numbersIn(report: Report, snippet: string): Seen[] {
  const claim = sentence(report, snippet);
  expect(claim).toContain(snippet);
  return seen(claim, extractNumbers(claim));
}

/** The one number whose expression is `expression`. */
function only(found: Seen[], expression: string): Seen {
  const hits = found.filter((f) => f.text === expression);
  expect(hits).toHaveLength(1);
  return hits[0] as Seen;
}

describe('extractNumbers on the real reports', () => {
  it('万兴街: 行政机关负责人出庭应诉率达到 100% is COURT_APPEARANCE_RATE = 100 %', () => {
    const found = numbersIn('wanxing', '出庭应诉率达到 100%');
    expect(found).toEqual([{ text: '100%', metric: 'COURT_APPEARANCE_RATE', value: 100, unit: '%', qualifier: 'EXACT' }]);
  });

  it('万兴街: a vaccination rate is a percentage without a metric, "1+1"专班 is a label', () => {
    const found = numbersIn('wanxing', '“1+1”专班');
    expect(found).toEqual([{ text: '95%以上', metric: null, value: 95, unit: '%', qualifier: 'AT_LEAST' }]);
  });

  it('万兴街: 信访件390余件 is PETITION_CASES, APPROX', () => {
    expect(only(numbersIn('wanxing', '信访件390余件'), '390余件')).toMatchObject({
      metric: 'PETITION_CASES',
      value: 390,
      qualifier: 'APPROX',
    });
  });

  it('万兴街: 12·4 and 4·15 are festivals, not quantities', () => {
    expect(numbersIn('wanxing', '办好“12·4”国家宪法日宣传活动')).toEqual([]);
    expect(numbersIn('wanxing', '“4·15”全民国家安全教育日')).toEqual([]);
  });

  it('王顶堤街: 平均成绩93.55分 and 平均成绩在95分以上 (AT_LEAST) are LAW_EXAM_AVG_SCORE', () => {
    const found = numbersIn('wangdingdi', '平均成绩93.55分');
    expect(found).toEqual([
      { text: '93.55分', metric: 'LAW_EXAM_AVG_SCORE', value: 93.55, unit: '分', qualifier: 'EXACT' },
      { text: '95分以上', metric: 'LAW_EXAM_AVG_SCORE', value: 95, unit: '分', qualifier: 'AT_LEAST' },
    ]);
  });

  it('王顶堤街: 4000余次 is APPROX; 立案处罚96件 is PENALTY_CASES and 罚款金额47450元 FINES_TOTAL', () => {
    expect(only(numbersIn('wangdingdi', '店外经营4000余次'), '4000余次')).toEqual({
      text: '4000余次',
      metric: null,
      value: 4000,
      unit: '次',
      qualifier: 'APPROX',
    });
    expect(numbersIn('wangdingdi', '立案处罚96件')).toEqual([
      { text: '96件', metric: 'PENALTY_CASES', value: 96, unit: '件', qualifier: 'EXACT' },
      { text: '47450元', metric: 'FINES_TOTAL', value: 47450, unit: '元', qualifier: 'EXACT' },
    ]);
  });

  it('王顶堤街: 全部上缴财政 and 均通过 are not rates', () => {
    expect(numbersIn('wangdingdi', '全部上缴财政')).toEqual([]);
  });

  it('王顶堤街: 信访件464件 and 及时受理率和按期办理率均达到100% give one entry per rate', () => {
    const found = numbersIn('wangdingdi', '按期办理率均达到100%');
    expect(only(found, '464件')).toMatchObject({ metric: 'PETITION_CASES', value: 464 });
    const hundreds = found.filter((f) => f.text === '100%');
    expect(hundreds.map((f) => f.metric)).toEqual([null, 'PETITION_ON_TIME_RATE']);
    expect(only(found, '97.5%')).toMatchObject({ metric: null, value: 97.5 });
    expect(only(found, '50%')).toMatchObject({ metric: null }); // 同比下降50%: a change
    expect(found.map((f) => f.text)).not.toContain('2022年');
  });

  it('王顶堤街: 法律顾问…法律咨询33次 is LEGAL_ADVISER_CONSULTATIONS, the other counts are not', () => {
    const found = numbersIn('wangdingdi', '进行法律咨询33次');
    expect(found.map((f) => [f.text, f.metric])).toEqual([
      ['33次', 'LEGAL_ADVISER_CONSULTATIONS'],
      ['9次', null],
      ['4次', null],
      ['2次', null],
    ]);
  });

  it('王顶堤街: 普法宣传25次 and 专题宣传117场次 are LEGAL_PUBLICITY_EVENTS', () => {
    const found = numbersIn('wangdingdi', '开展专题宣传117场次');
    expect(found.map((f) => [f.text, f.metric, f.value, f.unit])).toEqual([
      ['25次', 'LEGAL_PUBLICITY_EVENTS', 25, '次'],
      ['117场次', 'LEGAL_PUBLICITY_EVENTS', 117, '场次'],
    ]);
  });

  it('王顶堤街: 35万余元 is 350000 元 APPROX; 7个工作日内 and 4.15 are not quantities', () => {
    expect(only(numbersIn('wangdingdi', '35万余元'), '35万余元')).toMatchObject({
      value: 350000,
      unit: '元',
      qualifier: 'APPROX',
    });
    expect(numbersIn('wangdingdi', '7个工作日内')).toEqual([]);
    expect(numbersIn('wangdingdi', '结合4.15全民国家安全教育日').map((f) => f.text)).toEqual(['200余份']);
  });

  it('王顶堤街: 矛盾调解54次 is DISPUTES_MEDIATED; 网上预约2件 is EXACT (预约 is not 约)', () => {
    const found = numbersIn('wangdingdi', '矛盾调解54次');
    expect(only(found, '54次')).toMatchObject({ metric: 'DISPUTES_MEDIATED' });
    expect(only(found, '2件')).toMatchObject({ metric: null, qualifier: 'EXACT' });
  });

  it('稷下街道: 化解矛盾纠纷198起 is DISPUTES_MEDIATED', () => {
    expect(numbersIn('jixia', '化解矛盾纠纷198起')).toEqual([
      { text: '198起', metric: 'DISPUTES_MEDIATED', value: 198, unit: '起', qualifier: 'EXACT' },
    ]);
  });

  it('稷下街道: 主动公开政府信息141条 is INFO_DISCLOSED; 领导班子学法6次 is LEADERSHIP_LAW_STUDY_SESSIONS', () => {
    expect(numbersIn('jixia', '主动公开政府信息141条')).toEqual([
      { text: '141条', metric: 'INFO_DISCLOSED', value: 141, unit: '条', qualifier: 'EXACT' },
    ]);
    expect(numbersIn('jixia', '领导班子学法6次').map((f) => [f.text, f.metric])).toEqual([
      ['6次', 'LEADERSHIP_LAW_STUDY_SESSIONS'],
      ['4次', null],
      ['10次', null],
    ]);
  });

  it('稷下街道: 普法宣传活动50余次, 20多条 and 10余万元', () => {
    const found = numbersIn('jixia', '举办普法宣传活动50余次');
    expect(only(found, '50余次')).toMatchObject({ metric: 'LEGAL_PUBLICITY_EVENTS', value: 50, qualifier: 'APPROX' });
    expect(only(found, '20多条')).toMatchObject({ metric: null, value: 20, unit: '条', qualifier: 'APPROX' });
    expect(only(found, '1000余份')).toMatchObject({ metric: null, value: 1000, unit: '份' });
    const money = numbersIn('jixia', '投入10余万元');
    expect(only(money, '10余万元')).toMatchObject({ value: 100000, unit: '元', qualifier: 'APPROX' });
    expect(only(money, '6.1万余人')).toMatchObject({ value: 61000, unit: '人', qualifier: 'APPROX' });
  });

  it('稷下街道: festivals (3.8, 3.15, 4.15, 12.4), 八五 and 一村一法律顾问 are not quantities', () => {
    expect(numbersIn('jixia', '“3.8国际妇女节”')).toEqual([]);
    expect(numbersIn('jixia', '全面贯彻落实“八五”普法规划')).toEqual([]);
    expect(numbersIn('jixia', '一村（社区）一法律顾问工作部署会')).toEqual([]);
  });

  it('塘沽街道: 660 余人次 is APPROX, 罚款 4.55 万元 = 45500 元 FINES_TOTAL, 立案处罚企业 5 家 PENALTY_CASES', () => {
    const found = numbersIn('tanggu', '罚款 4.55 万元');
    expect(only(found, '660 余人次')).toEqual({ text: '660 余人次', metric: null, value: 660, unit: '人次', qualifier: 'APPROX' });
    expect(only(found, '4.55 万元')).toEqual({ text: '4.55 万元', metric: 'FINES_TOTAL', value: 45500, unit: '元', qualifier: 'EXACT' });
    expect(only(found, '5 家')).toMatchObject({ metric: 'PENALTY_CASES', value: 5 });
    expect(only(found, '200 余项')).toMatchObject({ metric: null, qualifier: 'APPROX' });
  });

  it('塘沽街道: across the PDF line break, 受理信访案件 326 件 is PETITION_CASES and 调处矛盾纠纷 213 件 DISPUTES_MEDIATED', () => {
    const found = numbersIn('tanggu', '调处矛盾纠纷 213 件');
    expect(found.map((f) => [f.text, f.metric, f.value])).toEqual([
      ['326 件', 'PETITION_CASES', 326],
      ['213 件', 'DISPUTES_MEDIATED', 213],
    ]);
  });

  it('塘沽街道: years with spaces (2021 年, 2021—2025 年) are not quantities', () => {
    expect(numbersIn('tanggu', '2021 年，塘沽街道')).toEqual([]);
  });

  it('胡家园街: 参与率、学习率、考试率、合格率共4个100% gives four rates at 100, including LAW_EXAM_PASS_RATE', () => {
    const found = numbersIn('hujiayuan', '共4个100%');
    expect(found).toEqual([
      { text: '4个100%', metric: 'LAW_EXAM_PARTICIPATION_RATE', value: 100, unit: '%', qualifier: 'EXACT' },
      { text: '4个100%', metric: null, value: 100, unit: '%', qualifier: 'EXACT' },
      { text: '4个100%', metric: null, value: 100, unit: '%', qualifier: 'EXACT' },
      { text: '4个100%', metric: 'LAW_EXAM_PASS_RATE', value: 100, unit: '%', qualifier: 'EXACT' },
    ]);
  });

  it('胡家园街: 重大行政决策全部经合法性审查 is MAJOR_DECISION_LEGAL_REVIEW_RATE = 100 %, on 全部', () => {
    expect(numbersIn('hujiayuan', '重大行政决策全部经合法性审查')).toEqual([
      { text: '全部', metric: 'MAJOR_DECISION_LEGAL_REVIEW_RATE', value: 100, unit: '%', qualifier: 'EXACT' },
    ]);
  });

  it('胡家园街: 7.81亿元 = 781000000 元; 255% growth has no metric; 47.17兆瓦 and 1-11月 are skipped', () => {
    const investment = numbersIn('hujiayuan', '7.81亿元');
    expect(only(investment, '7.81亿元')).toMatchObject({ value: 781000000, unit: '元', metric: null });
    expect(only(investment, '1.084亿元')).toMatchObject({ value: 108400000 });
    expect(only(investment, '255%')).toMatchObject({ value: 255, metric: null });
    expect(investment.map((f) => f.text)).toEqual(['53个', '15个', '7.81亿元', '5.61亿元', '255%', '1.084亿元']);
    const growth = numbersIn('hujiayuan', '1-11月,胡家园街新增主体');
    expect(growth.map((f) => f.text)).toEqual(['1600余家', '18.60亿元', '119%']);
  });

  it('胡家园街: 对8家企业进行了行政处罚 is PENALTY_CASES, 共计罚款9万元 FINES_TOTAL', () => {
    const found = numbersIn('hujiayuan', '对8家企业进行了行政处罚');
    expect(only(found, '8家')).toMatchObject({ metric: 'PENALTY_CASES', value: 8, unit: '家' });
    expect(only(found, '9万元')).toMatchObject({ metric: 'FINES_TOTAL', value: 90000, unit: '元' });
    expect(only(found, '1892家次')).toMatchObject({ metric: null });
  });

  it('胡家园街: 调解各类矛盾纠纷576起 is DISPUTES_MEDIATED, 调解金额 is not; 信访事项100余件次 is PETITION_CASES', () => {
    const disputes = numbersIn('hujiayuan', '调解各类矛盾纠纷576起');
    expect(only(disputes, '576起')).toMatchObject({ metric: 'DISPUTES_MEDIATED', value: 576 });
    expect(only(disputes, '50万元')).toMatchObject({ metric: null, value: 500000 });
    const petitions = numbersIn('hujiayuan', '信访事项100余件次');
    expect(petitions.map((f) => [f.text, f.metric])).toEqual([
      ['100余件次', 'PETITION_CASES'],
      ['500余人次', null],
    ]);
  });

  it('胡家园街: 普法宣传活动18次 and 40余场…法治宣传活动 are LEGAL_PUBLICITY_EVENTS', () => {
    expect(only(numbersIn('hujiayuan', '共组织普法宣传活动18次'), '18次')).toMatchObject({
      metric: 'LEGAL_PUBLICITY_EVENTS',
    });
    expect(only(numbersIn('hujiayuan', '通过40余场'), '40余场')).toMatchObject({
      metric: 'LEGAL_PUBLICITY_EVENTS',
      qualifier: 'APPROX',
    });
  });

  it('胡家园街: "3+1", the publish date, the signature date and a number without unit are not quantities', () => {
    expect(numbersIn('hujiayuan', '“3+1”工作模式')).toEqual([]);
    expect(extractNumbers('发布日期: 2023-01-28 15:00      来源: 胡家园街')).toEqual([]);
    expect(extractNumbers('2022年11月7日')).toEqual([]);
    expect(numbersIn('hujiayuan', '律师值班服务37').map((f) => f.text)).toEqual(['105次']);
  });

  it('on every sentence of every report, each slice is a quantity expression and its metric accepts its unit', () => {
    const units = new Map(METRIC_KEYS.map((d) => [d.key as string, d.units]));
    let total = 0;
    for (const report of Object.keys(FILES) as Report[]) {
      for (const claim of normalise(raw(report)).split(/(?<=[。！？\n])/)) {
        for (const f of extractNumbers(claim)) {
          total += 1;
          const expression = claim.slice(f.start, f.end);
          expect(expression === '全部' || expression === '均' || /\d/.test(expression)).toBe(true);
          expect(expression).toBe(expression.trim());
          if (f.metric !== null) expect(units.get(f.metric)).toContain(f.unit);
        }
      }
    }
    expect(total).toBeGreaterThan(100);
  });
});

describe('extractNumbers on wording the reports do not contain', () => {
  const metricsOf = (text: string): Array<[string, string | null]> =>
    extractNumbers(text).map((f) => [text.slice(f.start, f.end), f.metric]);

  it('a rate of something else is not the rate it resembles', () => {
    expect(metricsOf('行政机关负责人出庭应诉案件庭审旁听率为90%')).toEqual([['90%', null]]);
    expect(metricsOf('行政复议纠错率为5%')).toEqual([['5%', null]]);
    expect(metricsOf('出庭应诉率和旁听率均为100%')).toEqual([
      ['100%', 'COURT_APPEARANCE_RATE'],
      ['100%', null],
    ]);
    expect(metricsOf('规范性文件合法性审核率100%')).toEqual([['100%', null]]);
    expect(metricsOf('12345热线按期办结率98%')).toEqual([['98%', null]]); // not 信访
  });

  it('a change is not a level', () => {
    expect(metricsOf('行政机关负责人出庭应诉率同比提高20%')).toEqual([['20%', null]]);
  });

  it('全部/均 count as 100% only for a recognised rate and never when negated', () => {
    expect(metricsOf('行政机关负责人均出庭应诉')).toEqual([['均', 'COURT_APPEARANCE_RATE']]);
    expect(metricsOf('信访事项均按期办结')).toEqual([['均', 'PETITION_ON_TIME_RATE']]);
    expect(metricsOf('参考人员全部通过考试')).toEqual([['全部', 'LAW_EXAM_PASS_RATE']]);
    expect(metricsOf('重大行政决策未全部经合法性审查')).toEqual([]);
    expect(metricsOf('重大行政决策全部经合法性审查，重大行政决策合法性审查率100%')).toEqual([['100%', 'MAJOR_DECISION_LEGAL_REVIEW_RATE']]);
  });

  it('qualifiers: 近/约 APPROX, 超过/不低于/以上 AT_LEAST; upper bounds, ranges, ordinals and frequencies are skipped', () => {
    const q = (text: string): Array<[string, string]> => extractNumbers(text).map((f) => [text.slice(f.start, f.end), f.qualifier]);
    expect(q('近100次')).toEqual([['近100次', 'APPROX']]);
    expect(q('约 30 场')).toEqual([['约 30 场', 'APPROX']]);
    expect(q('超过 30 场')).toEqual([['超过 30 场', 'AT_LEAST']]);
    expect(q('参考率不低于95%')).toEqual([['不低于95%', 'AT_LEAST']]);
    expect(q('不超过3次')).toEqual([]);
    expect(q('差错率控制在5%以内')).toEqual([]);
    expect(q('开展3至5次')).toEqual([]);
    expect(q('第3次会议，每月2次')).toEqual([]);
  });

  it('units of time and unknown units are skipped; full-width digits are read', () => {
    expect(extractNumbers('10分钟、3个月、7个工作日、2天、24小时、提高3个百分点、47.17兆瓦、5G')).toEqual([]);
    expect(metricsOf('罚没款１２.５万元')).toEqual([['１２.５万元', 'FINES_TOTAL']]);
    expect(extractNumbers('1,600余家')[0]).toMatchObject({ value: 1600, qualifier: 'APPROX' });
    expect(extractNumbers('')).toEqual([]);
  });
});

describe('extractNumbers never throws', () => {
  const alphabet = [
    ...'0123456789０１２３.·-+:/%％,，、。；余多近约万亿千元分次场件起人名份家处条个项率均全部以上下内第每年月日\n ',
    '4个100%',
    '合格率',
    '出庭应诉率',
    '重大行政决策全部经合法性审查',
    '罚款',
    '信访件',
    '普法宣传活动',
    '\uD83D', // a lone surrogate
  ];
  const allSeeds = (Object.keys(FILES) as Report[]).map(raw).join('\n');

  const checkOffsets = (text: string): void => {
    for (const f of extractNumbers(text)) {
      expect(Number.isInteger(f.start) && Number.isInteger(f.end)).toBe(true);
      expect(0 <= f.start && f.start < f.end && f.end <= text.length).toBe(true);
      expect(Number.isFinite(f.value)).toBe(true);
    }
  };

  it('on random strings, and its offsets are within the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 60 })), (text) => {
        checkOffsets(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('on mutated slices of the real reports', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: allSeeds.length - 1 }),
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...alphabet)), { maxLength: 8 }),
        (from, length, edits) => {
          let text = allSeeds.slice(from, from + length);
          for (const [at, piece] of edits) {
            const i = text.length === 0 ? 0 : at % (text.length + 1);
            text = text.slice(0, i) + piece + text.slice(i);
          }
          checkOffsets(text);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
