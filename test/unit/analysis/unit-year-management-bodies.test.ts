/**
 * Management bodies that stand in for a level's government, read by their shape: a development zone run by a 党工委 and a
 * 管委会 (XX经济技术开发区, XX高新区, XX经开区, XX工业园区), a 管理区 — a district's rank, speaking as 全区 — and a
 * 社区管理办公室 (XX社管办) run by a 党工委 in place of a 街道. Every text and name is invented; the last case is the
 * outcome on the real text of frozen set 10 that showed the shape.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { projectRoot } from '../../../src/common/project-root';
import { analyzeReport } from '../../../src/reading';
import { bodyNamesIn } from '../../../src/reading/management-bodies';

const body =
  '\n一、主要举措\n（一）加强组织领导\n全年集体学法6次。\n（二）推进依法行政\n全年审核规范性文件12件。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('a 社区管理办公室 (社管办) run by a 党工委', () => {
  it('reads `YYYY年，XX社管办党工委…` as a 街道-level unit, its organ joined to it', () => {
    const a = analyzeReport(`2024年，翠湖湾社管办党工委紧紧围绕区委、区政府中心工作，扎实推进依法行政。现将有关情况报告如下：${body}`);
    expect(a.unit).toMatchObject({ name: '翠湖湾社管办', level: 'STREET', tentative: false });
    expect(a.unit?.reason).toContain('与机关名连用');
    expect(a.year?.value).toBe(2024);
  });

  it('reads the full name 社区管理办公室 in a title, after its district', () => {
    const a = analyzeReport(`溪东区翠湖湾社区管理办公室关于2023年度法治政府建设情况的报告${body}`);
    expect(a.unit).toMatchObject({ name: '翠湖湾社区管理办公室', level: 'STREET', tentative: false });
  });

  it('says once, with no organ and nothing else naming it, is tentative', () => {
    const a = analyzeReport(`2024年，翠湖湾社管办坚持以习近平法治思想为指导，扎实推进依法行政。${body}`);
    expect(a.unit).toMatchObject({ name: '翠湖湾社管办', tentative: true });
  });
});

describe('a development zone run by a 党工委 and a 管委会', () => {
  it('reads XX经济技术开发区管委会 in a title as a district-level unit', () => {
    const a = analyzeReport(`青岚经济技术开发区管委会关于2023年度法治政府建设情况的报告\n2023年，全区法治政府建设取得新进展。${body}`);
    expect(a.unit).toMatchObject({ name: '青岚经济技术开发区', level: 'DISTRICT', tentative: false });
  });

  it('reads 中共XX高新区工作委员会 XX高新区管理委员会 in a title', () => {
    const a = analyzeReport(`中共云岭高新区工作委员会 云岭高新区管理委员会关于2022年法治政府建设工作情况的报告${body}`);
    expect(a.unit).toMatchObject({ name: '云岭高新区', level: 'DISTRICT', tentative: false });
  });

  it('names a zone with no name of its own by its city (XX市经济技术开发区党工委、管委会 as the subject)', () => {
    const a = analyzeReport(`2024年，临川市经济技术开发区党工委、管委会坚持以习近平法治思想为指导。${body}`);
    expect(a.unit).toMatchObject({ name: '临川市经济技术开发区', level: 'DISTRICT', tentative: false });
  });

  it('reads a zone under its district, the district its superior', () => {
    const a = analyzeReport(`溪南区溪南工业园区管委会关于2023年度法治政府建设情况的报告${body}`);
    expect(a.unit).toMatchObject({ name: '溪南工业园区', level: 'DISTRICT' });
  });

  it('reads XX管理区 as the opening’s subject, tentatively when named once', () => {
    const a = analyzeReport(`2023年，枫林管理区坚持以习近平法治思想为指导，依法行政水平不断提高。${body}`);
    expect(a.unit).toMatchObject({ name: '枫林管理区', level: 'DISTRICT', tentative: true });
  });

  it('does not take a zone a district’s or county’s report works with for the author', () => {
    const district = analyzeReport(
      `溪南区人民政府关于2023年度法治政府建设情况的报告\n2023年，我区配合溪南经济开发区管委会推进园区建设，国家级开发区建设加快。${body}`,
    );
    expect(district.unit).toMatchObject({ name: '溪南区', tentative: false });
    const county = analyzeReport(
      `溪口县人民政府关于2023年度法治政府建设情况的报告\n我县各开发区、工业园区持续发展，溪口经济开发区管委会完成规范性文件审查。${body}`,
    );
    expect(county.unit).toMatchObject({ name: '溪口县', tentative: false });
  });
});

describe('what is no management body’s name', () => {
  it.each([
    ['国家级经济技术开发区', '国家级'],
    ['全市各开发区', '全市各'],
    ['推进工业园区建设', '推进'],
    ['省级高新区', '省级'],
    ['加快建设的开发区', '的'],
    ['网格管理区域', '区域'],
  ])('%s', (text) => {
    expect(bodyNamesIn(text)).toEqual([]);
  });

  it('a text that says only 管委会 and 全区 names no unit', () => {
    const a = analyzeReport(
      `一、2024年工作举措\n一是坚持高位统筹。党工委理论学习中心组专题学法2次，全区科级以上干部参加培训。参与管委会各类会议231次。`,
    );
    expect(a.unit).toBeNull();
  });
});

describe('the real text that showed the 社管办 shape (frozen set 10, tuning data now)', () => {
  it('reads its 社管办, with confidence', () => {
    const dir = join(projectRoot(), 'test', 'fixtures', 'frozen-10', 'texts');
    const file = readdirSync(dir).find((f) => f.startsWith('010_'));
    expect(file).toBeDefined();
    const a = analyzeReport(readFileSync(join(dir, file!), 'utf8'));
    expect(a.unit).toMatchObject({ name: '常青花园社管办', level: 'STREET', tentative: false });
    expect(a.year?.value).toBe(2025);
  });
});
