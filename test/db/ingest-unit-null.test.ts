/** Ingest refuses a report whose unit can be neither read nor is given, with the analyser's reason. */
import { ingestReport } from '../../src/pipeline/ingest.service';
import { Report } from '../../src/reports/report.entity';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
const limits = { maxReportBytes: 5 * 1024 * 1024 };

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock, undefined, { reports: false });
});
afterAll(async () => db?.close());

const NAMELESS =
  '关于2022年度法治政府建设情况的报告\n2022年，我们认真贯彻落实法治政府建设各项部署，加大镇街执法力度。\n' +
  '一、主要举措和成效\n召开专题会议3次。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n2023年继续推进。';

describe('ingest of a report without a readable unit', () => {
  it('is refused with UNIT_NOT_DETECTED and a Chinese reason when no unit is given; stored when one is', async () => {
    const refused = await ingestReport(db.dataSource, db.lock, { text: NAMELESS, source: 'x', actor: 't' }, limits);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.errors.map((e) => e.code)).toEqual(['UNIT_NOT_DETECTED']);
      expect(refused.errors[0]?.field).toBe('input.unit');
      expect(refused.errors[0]?.message).toMatch(/^未能确定报告单位/u);
    }
    expect(await db.dataSource.getRepository(Report).count()).toBe(0);
    const given = await ingestReport(db.dataSource, db.lock, { text: NAMELESS, unit: '万兴街', source: 'x', actor: 't' }, limits);
    expect(given.ok).toBe(true);
    if (given.ok) expect(given.value.year).toBe(2022);
  });
});
