/**
 * A report whose text names no year is not stored under a guessed one: ingest refuses it with YEAR_NOT_DETECTED and the
 * analyser's Chinese reason (what the text holds, that no year is reckoned from a plenum's number), and says how to give
 * the year; given, it goes in. The unit is still read and reported. The text is invented.
 */
import { ingestReport } from '../../src/pipeline/ingest.service';
import { analyzeReport } from '../../src/reading';
import { Report } from '../../src/reports/report.entity';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
const limits = { maxReportBytes: 5 * 1024 * 1024 };

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock, undefined, { reports: false });
});
afterAll(async () => {
  await db?.close();
});

/** A registered 街道 named in its title; no year anywhere, a plenum named by its number. */
const NO_YEAR =
  '万兴街道办事处关于法治政府建设情况的报告\n区委、区政府：\n万兴街道深入学习贯彻党的十九届四中全会精神，现将有关情况报告如下。\n' +
  '一、主要举措和成效\n召开专题会议3次。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

describe('a report that names no year', () => {
  it('is read with its unit and no year, the reason in Chinese saying no year is reckoned from the plenum', () => {
    const a = analyzeReport(NO_YEAR);
    expect(a.unit).toMatchObject({ name: '万兴街道', tentative: false });
    expect(a.year).toBeNull();
    const reason = a.errors.find((e) => e.code === 'YEAR_NOT_DETECTED')?.message ?? '';
    expect(reason).toMatch(/^未能确定报告年度：全文（标题、开头、正文和署名）没有写明任何年份/u);
    expect(reason).toContain('不据此推算年份');
  });

  it('is refused by ingest with that reason and how to give the year; stored when the year is given', async () => {
    const refused = await ingestReport(db.dataSource, db.lock, { text: NO_YEAR, source: 'x', actor: 't' }, limits);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.errors.map((e) => e.code)).toEqual(['YEAR_NOT_DETECTED']);
      expect(refused.errors[0]?.field).toBe('input.year');
      expect(refused.errors[0]?.message).toMatch(/^未能确定报告年度：全文.*请指定年度（命令行 --year，接口 year）后重新导入。$/u);
    }
    expect(await db.dataSource.getRepository(Report).count()).toBe(0);
    const given = await ingestReport(db.dataSource, db.lock, { text: NO_YEAR, year: 2019, source: 'x', actor: 't' }, limits);
    expect(given.ok).toBe(true);
    if (given.ok) expect(given.value.year).toBe(2019);
  });
});
