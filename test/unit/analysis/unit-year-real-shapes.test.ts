/**
 * Unit and year on shapes that real reports take and the analyser used to miss (issue 12, part 5; the misses of
 * frozen sets 1–3): a breadcrumb with a stray character before it, a page heading above the document's own header, a
 * subject after several adverbial clauses, names that end like a generic word, one-character counties, a person's
 * name before 镇长, a unit named only once (inside an organisation's name), a city named only as a document's
 * issuer, and a year named only in the title of that year's plan. Every text is invented for its shape; none is copied
 * from a report.
 */
import { analyzeReport } from '../../../src/reading';
import { isChromeLine } from '../../../src/reading/sections';

const BODY = '\n一、主要举措和成效\n（一）加强组织领导。召开专题会议3次，研究部署法治建设工作。\n二、下一步工作计划\n继续推进。';

const names = (raw: string): string[] => analyzeReport(raw).unitCandidates.map((c) => c.name);

describe('where the author is named', () => {
  it('a breadcrumb with a stray character before it is chrome, and the title under it names the unit', () => {
    expect(isChromeLine('3首页>政务公开>法治政府建设年度报告')).toBe(true);
    expect(isChromeLine('首页是门户网站的入口，共有3个栏目。')).toBe(false);
    const a = analyzeReport(
      '3首页 > 政务公开 > 法治政府建设年度报告\n石岭镇2023年法治政府建设年度报告\n来源：本网  发布日期：2024-01-10\n' +
        '2023年，在县委的领导下，我镇坚持依法行政。' +
        BODY,
    );
    expect(a.unit).toMatchObject({ name: '石岭镇', level: 'TOWN' });
    expect(a.unit?.evidence.map((e) => e.source)).toContain('TITLE');
    expect(a.year?.value).toBe(2023);
  });

  it('a page heading above the document’s header: the organ line and the 关于 line are the title, the opening follows the addressee', () => {
    const a = analyzeReport(
      '2023年度法治政府建设情况的报告\n中共青禾区委 青禾区人民政府\n关于2023年度法治政府建设情况的报告\n中共江州市委、江州市人民政府：\n' +
        '2023年，青禾区坚持以习近平法治思想为指导，现将有关情况报告如下：' +
        BODY,
    );
    expect(a.unit).toMatchObject({ name: '青禾区', level: 'DISTRICT' });
    const sources = a.unit?.evidence.map((e) => e.source) ?? [];
    expect(sources).toContain('TITLE');
    expect(sources).toContain('OPENING');
    expect(a.year?.value).toBe(2023);
  });

  it('an organ line after the title with no 关于 line under it is an addressee, and 县县委 is no county', () => {
    const raw =
      '中共平川县石门镇委员会 平川县石门镇人民政府 关于2023年法治政府建设情况的报告\n中共平川县县委、平川县人民政府\n' +
      '2023年，我镇坚持依法行政，现将有关情况报告如下：' +
      BODY;
    expect(analyzeReport(raw).unit).toMatchObject({ name: '石门镇', level: 'TOWN' });
    expect(names(raw)).not.toContain('平川县县');
  });

  it('the subject after marks a copy left and two adverbial clauses', () => {
    const a = analyzeReport(
      '? ? ? 2024年，在县委、县政府的领导下，在县委依法治县办的指导下，松溪镇始终坚持依法行政。现将我镇2024年度法治政府建设情况汇报如下：' +
        BODY,
    );
    expect(a.unit).toMatchObject({ name: '松溪镇', level: 'TOWN' });
    expect(a.unit?.evidence.map((e) => e.source)).toEqual(['OPENING']);
    expect(a.year?.value).toBe(2024);
  });
});

describe('names that end like a generic word', () => {
  it('a 镇 whose name ends like 集镇: once it is the subject, every occurrence counts', () => {
    const a = analyzeReport(
      '2024年，马集镇坚持依法行政。现将我镇2024年法治政府建设情况总结如下：\n一、马集镇法治政府建设工作情况\n' +
        '马集镇政府把依法行政作为政府运作的根本准则。2024年，马集镇结合“八五”普法开展宣传。\n二、下一步工作计划\n继续推进。',
    );
    expect(a.unit).toMatchObject({ name: '马集镇', level: 'TOWN' });
    expect(a.unit?.evidence.map((e) => e.source)).toEqual(['OPENING', 'HEADING', 'BODY', 'BODY']);
    expect(a.unit?.confidence).toBeGreaterThan(0.7);
  });

  it('集镇 and 沿街道 on their own are still no names', () => {
    expect(names('2024年，我镇坚持依法行政。\n一、主要举措\n加强小集镇环境整治，整治沿街道路两侧乱摆卖，工作力量下沉到街道。')).toEqual([]);
  });

  it('a 街道 whose name ends in 沿 as the subject of the opening, or in a title', () => {
    expect(analyzeReport('河沿街道2024年法治政府建设情况报告\n2024年，我街道坚持依法行政。' + BODY).unit).toMatchObject({
      name: '河沿街道',
    });
    const a = analyzeReport('2024年，在区委区政府的坚强领导下，河沿街道深入贯彻习近平法治思想。现将有关情况报告如下：' + BODY);
    expect(a.unit).toMatchObject({ name: '河沿街道', level: 'STREET' });
  });

  it('a subject is one short name: 红星乡围绕城乡 is not read as a 乡', () => {
    expect(names('2021年，红星乡围绕城乡统筹依法推进各项工作。\n一、主要成效\n我乡化解矛盾纠纷20件。')).toEqual(['红星乡']);
  });

  it('a county of one character in a title, and 将乐县 is not 乐县', () => {
    expect(analyzeReport('蠡县人民政府关于2022年法治政府建设情况的报告\n2022年，全县坚持依法行政。' + BODY).unit).toMatchObject({
      name: '蠡县',
      level: 'DISTRICT',
    });
    const a = analyzeReport('将乐县人民政府关于2022年法治政府建设情况的报告\n2022年，全县坚持依法行政。' + BODY);
    expect(a.unit).toMatchObject({ name: '将乐县' });
    expect(a.unitCandidates.map((c) => c.name)).not.toContain('乐县');
  });

  it('a 街 of one character in a title, the year before it not part of it', () => {
    const raw = '2022年度南街法治政府建设情况报告\n2022年，我街坚持依法行政。' + BODY;
    expect(analyzeReport(raw).unit).toMatchObject({ name: '南街', level: 'STREET' });
    expect(names(raw)).not.toContain('年度南街');
    const running = names('2022年，我街坚持依法行政。\n一、主要举措\n整治东街、大街和老街的占道经营。');
    for (const one of ['东街', '大街', '老街']) expect(running).not.toContain(one);
  });

  it('a person’s name before 镇长 is no 镇, a verb before 新区 no district, a 样板县 no county', () => {
    const raw =
      '2024年，我镇坚持依法行政。\n一、主要举措\n我镇调整以王强书记为组长、李明镇长为副组长的领导小组，积极配合新区推进综合窗口改革，' +
      '打造全省法治样板县。';
    expect(names(raw)).toEqual([]);
  });
});

describe('a unit named only once', () => {
  const addressed = (body: string): string =>
    '区委、区政府：\n2024年，在区委、区政府的坚强领导下，我镇坚持依法行政，现将我镇2024年推进法治建设工作情况汇报如下：\n' +
    `一、2024年度法治政府工作总结\n${body}\n二、下一步工作计划\n继续推进我镇法治建设。`;

  it('a report to a superior with no title: the only 镇 it names, with a low confidence and the reason', () => {
    const a = analyzeReport(addressed('将法治政府建设纳入了石桥镇发展总体规划和年度考核内容。'));
    expect(a.unit).toMatchObject({ name: '石桥镇', level: 'TOWN', confidence: 0.25 });
    expect(a.unit?.reason).toContain('全文同级的名称只有“石桥镇”，仅出现1次');
    expect(a.year?.value).toBe(2024);
  });

  it('a 街道 named only inside an organisation’s name, in a text that speaks as a 街道', () => {
    const a = analyzeReport(
      '一、主要举措和成效\n（一）优化机构设置\n全街获得“优质服务窗口”称号的窗口2个。完成青松街道幼儿园撤销及人员转隶工作，结合街道实际梳理履职事项。',
    );
    expect(a.unit).toMatchObject({ name: '青松街道', level: 'STREET', confidence: 0.25 });
  });

  it('not when two names of that level are said once each: no unit, the year and the reason still there', () => {
    const a = analyzeReport(addressed('与石桥镇、木兰镇开展联合执法检查。'));
    expect(a.unit).toBeNull();
    expect(a.year?.value).toBe(2024);
    expect(a.errors.map((e) => e.code)).toEqual(['UNIT_NOT_DETECTED']);
    expect(a.errors[0]?.message).toMatch(/^未能确定报告单位/u);
    expect(a.claims.length).toBeGreaterThan(0);
  });

  it('not a phrase that only ends like a level (坚强领导和区)', () => {
    const a = analyzeReport(
      '2023年，在区委的坚强领导和区人大的监督下，我区坚持依法行政。现将有关情况报告如下：\n一、主要举措\n我区办理行政复议案件12件。',
    );
    expect(a.unit).toBeNull();
    expect(a.year?.value).toBe(2023);
  });

  it('a city named only as the issuer of a document, in a text that speaks as a 市', () => {
    const a = analyzeReport(
      '河北省人民政府：\n2024年以来，我市坚持依法行政。\n一、主要举措\n制定《临川市个人诚信积分管理办法（试行）》，完善信用修复。',
    );
    expect(a.unit).toMatchObject({ name: '临川市', level: 'CITY', confidence: 0.25 });
  });
});

describe('a year named only in the title of that year’s plan', () => {
  it('今年 and the year’s 工作方案 give the year', () => {
    const a = analyzeReport(
      '今年以来，龙岗街道坚持依法行政，按照《江州市城南区2021年度法治政府建设工作方案》部署要求推进各项工作，现将有关情况报告如下：' + BODY,
    );
    expect(a.year).toMatchObject({ value: 2021 });
    expect(a.year?.evidence.map((e) => e.text)).toEqual(['2021年度']);
  });

  it('the same on a page in traditional characters, with offsets into the raw text', () => {
    const raw =
      '今年以來，龍崗街道堅持依法行政，按照《江州市城南區2021年度法治政府建設工作方案》部署要求推進各項工作，現將有關情況報告如下：\n一、主要舉措\n召開專題會議3次。';
    const a = analyzeReport(raw);
    expect(a.unit).toMatchObject({ name: '龙岗街道' });
    const ev = a.year?.evidence[0];
    expect(a.year?.value).toBe(2021);
    expect(ev && raw.slice(ev.start, ev.end)).toBe('2021年度');
  });

  it('not a span (纲要 2021—2025年), nor a book that is no annual plan', () => {
    const a = analyzeReport(
      '今年以来，龙岗街道学习《法治政府建设实施纲要（2021—2025年）》和《江州市志（2020年版）》。\n一、主要举措\n召开专题会议3次。',
    );
    expect(a.year).toBeNull();
    expect(a.errors.map((e) => e.code)).toContain('YEAR_NOT_DETECTED');
  });
});
