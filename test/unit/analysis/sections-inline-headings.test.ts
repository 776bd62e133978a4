import { analyzeReport } from '../../../src/reading';
import type { ReportAnalysis } from '../../../src/reading';

/**
 * Headings that run inline: a web page that lost its line breaks runs `二、存在的问题和不足` into the paragraph before
 * it. The reading finds them (src/reading/inline-headings.ts) with exact offsets, so sections, polarity and matching
 * follow from one reading. Made-up texts only.
 */

const TITLE = '某某镇2023年法治政府建设工作情况报告';
const OPENING = '2023年，某某镇深入推进法治政府建设，现将有关情况报告如下：';
const PARTS = [
  '一、主要工作开展情况',
  '（一）深入学习贯彻习近平法治思想。镇党委理论学习中心组开展集体学法4次，组织全镇干部参加学法考试，参考率100%。',
  '（二）推进严格规范公正文明执法。全年开展综合执法检查120次，办理行政处罚案件35件。',
  '二、存在的问题和不足',
  '一是行政执法人员力量不足，法律顾问参与重大决策不够深入。二是普法宣传形式较为单一。',
  '三、2024年工作打算',
  '一是持续加强行政执法人员培训，提升执法水平。二是深入开展“八五”普法宣传，推进法律进社区活动。',
];
/** The report as written, every heading on a line of its own. */
const BROKEN = [TITLE, OPENING, ...PARTS].join('\n');
/** The same page with its line breaks lost: one line after the title. */
const RUN_ON = `${TITLE}\n${OPENING}${PARTS.join('')}`;

const shape = (a: ReportAnalysis) => a.sections.map((s) => `${s.path} ${s.kind} ${s.heading}`);
const claimOf = (a: ReportAnalysis, start: string) => {
  const c = a.claims.find((x) => x.text.startsWith(start));
  if (!c) throw new Error(`no claim ${start}`);
  return c;
};

describe('headings that run inline', () => {
  it('are read as the sections of the same report with its line breaks', () => {
    const broken = analyzeReport(BROKEN);
    const runOn = analyzeReport(RUN_ON);
    expect(shape(broken)).toEqual([
      '0 PREAMBLE ',
      '一 ACHIEVEMENT 一、主要工作开展情况',
      '一/（一） ACHIEVEMENT （一）深入学习贯彻习近平法治思想',
      '一/（二） ACHIEVEMENT （二）推进严格规范公正文明执法',
      '二 SHORTCOMING 二、存在的问题和不足',
      '三 PLAN 三、2024年工作打算',
    ]);
    expect(shape(runOn)).toEqual(shape(broken));
  });

  it('start and end at the raw text offsets of their headings', () => {
    const runOn = analyzeReport(RUN_ON);
    const section = (path: string) => runOn.sections.find((s) => s.path === path)!;
    for (const [path, heading] of [
      ['一', '一、主要工作开展情况'],
      ['一/（一）', '（一）深入学习'],
      ['一/（二）', '（二）推进严格'],
      ['二', '二、存在的问题'],
      ['三', '三、2024年工作打算'],
    ] as const) {
      expect(section(path).start).toBe(RUN_ON.indexOf(heading));
    }
    expect(section('0').end).toBe(RUN_ON.indexOf('一、主要工作'));
    expect(section('一').end).toBe(RUN_ON.indexOf('二、存在的问题'));
    expect(section('一/（一）').end).toBe(RUN_ON.indexOf('（二）推进'));
    expect(section('二').end).toBe(RUN_ON.indexOf('三、2024年'));
    expect(section('三').end).toBe(RUN_ON.length);
  });

  it('give the claims under them their polarity: a shortcoming or a plan is never positive', () => {
    const runOn = analyzeReport(RUN_ON);
    expect(claimOf(runOn, '镇党委理论学习中心组').polarity).toBe('POSITIVE');
    expect(claimOf(runOn, '全年开展综合执法检查').polarity).toBe('POSITIVE');
    // the sentence a heading runs into is the heading's: 二、存在的问题和不足一是…
    expect(claimOf(runOn, '二、存在的问题和不足一是').polarity).toBe('NEGATIVE');
    expect(claimOf(runOn, '二是普法宣传').polarity).toBe('NEGATIVE');
    expect(claimOf(runOn, '三、2024年工作打算一是').polarity).toBe('PLAN');
    expect(claimOf(runOn, '二是深入开展').polarity).toBe('PLAN');
    expect(runOn.claims.filter((c) => c.polarity !== 'POSITIVE')).toHaveLength(4);
  });

  it('keep the sentences as they are: a claim is a sentence, a heading run inline is text of it', () => {
    const runOn = analyzeReport(RUN_ON);
    // the opening runs on into 一、 and its （一） up to the 。: one sentence, read where it ends
    const c = claimOf(runOn, '2023年，某某镇');
    expect(c.text).toBe(`${OPENING}一、主要工作开展情况（一）深入学习贯彻习近平法治思想。`);
    expect(c.sectionPath).toBe('一/（一）');
    expect(RUN_ON.slice(c.start, c.end)).toBe(c.text);
    expect(claimOf(runOn, '（二）推进严格规范公正文明执法。').sectionPath).toBe('一/（二）');
    // the claims are the sentences of the report with its line breaks (less its headings on lines of their own)
    const sentences = analyzeReport(BROKEN).claims.map((x) => x.text);
    expect(runOn.claims.map((x) => x.text).filter((t) => sentences.includes(t))).toHaveLength(runOn.claims.length - 4);
  });

  it('are read beside headings on lines of their own', () => {
    const text = [
      TITLE,
      OPENING,
      '一、主要工作开展情况',
      '全年开展综合执法检查120次，办理行政处罚案件35件。二、存在的问题和不足 一是普法宣传形式较为单一。三、下一步工作计划 一是推进法律进社区活动。',
    ].join('\n');
    const a = analyzeReport(text);
    expect(shape(a).join(' | ')).toBe(
      '0 PREAMBLE  | 一 ACHIEVEMENT 一、主要工作开展情况 | 二 SHORTCOMING 二、存在的问题和不足 | 三 PLAN 三、下一步工作计划',
    );
    expect(claimOf(a, '全年开展').polarity).toBe('POSITIVE');
    expect(claimOf(a, '二、存在的问题和不足').polarity).toBe('NEGATIVE');
    expect(claimOf(a, '三、下一步工作计划').polarity).toBe('PLAN');
    expect(a.sections.find((s) => s.path === '二')!.start).toBe(text.indexOf('二、存在的问题'));
  });
});

describe('numbers that are no heading', () => {
  const sectionsOf = (body: string) => shape(analyzeReport(`${TITLE}\n${OPENING}\n${body}`));

  it('一是 / 二是 clauses', () => {
    expect(sectionsOf('一是加强组织领导，召开专题会议3次。二是强化执法监督，开展执法检查12次。三是深化普法宣传。')).toEqual([
      '0 PREAMBLE ',
    ]);
  });

  it('第一、 in prose, 2、 inside a sentence, 统一、 and 第二、三批, 一、二等奖', () => {
    expect(
      sectionsOf(
        '镇里明确了工作重点：第一、完善制度；第二、强化执行。完成第二、三批示范项目评审，获评比一、二等奖。坚持“政令统一、法制统一”的原则，做到2、3月集中整治。',
      ),
    ).toEqual(['0 PREAMBLE ']);
  });

  it('a （一） after a 一、 that is no heading', () => {
    expect(sectionsOf('全镇坚持统一、规范管理（一）建立学法制度。（二）完善执法机制。')).toEqual(['0 PREAMBLE ']);
  });

  it('a list numbered again under a heading, and items ending at ；', () => {
    const under = ['一、主要工作开展情况', '镇里推进三项工作。一、建立制度。二、完善机制。三、强化监督。'].join('\n');
    expect(sectionsOf(under)).toEqual(['0 PREAMBLE ', '一 ACHIEVEMENT 一、主要工作开展情况']);
    expect(sectionsOf('主要做法有：一、建立学法制度；二、完善执法机制；三、强化监督检查。')).toEqual(['0 PREAMBLE ']);
  });

  it('a 一、 with neither its （一） nor a 二、 after it, and a 二、 with no 一、 before it', () => {
    expect(sectionsOf('全年开展检查12次。一、完善制度建设，做到有章可循，全年修订制度5项。')).toEqual(['0 PREAMBLE ']);
    expect(sectionsOf('全年开展检查12次。二、存在的问题和不足 一是普法形式单一。')).toEqual(['0 PREAMBLE ']);
  });
});
