/**
 * A report stored under another unit is worse than one refused: ingest does not store a report under a unit read only
 * tentatively (inferred from how the text speaks of itself), neither through the service nor in a folder ingest's row,
 * and says why in Chinese; a year read only weakly is stored with a warning on the row. The text is invented.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIngestCli, type IngestIO } from '../../src/cli/ingest';
import { ingestReport } from '../../src/pipeline/ingest.service';
import { analyzeReport } from '../../src/reading';
import { Report } from '../../src/reports/report.entity';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let dir: string;
const limits = { maxReportBytes: 5 * 1024 * 1024 };

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock, undefined, { reports: false });
  dir = mkdtempSync(join(tmpdir(), 'fazhi-tentative-'));
});
afterAll(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** No title, addressed to the district; speaks as a 街道 and names a registered 街道 once, inside an organisation's name. */
const TENTATIVE =
  '区委、区政府：\n2022年，我街道认真贯彻落实法治政府建设各项部署，现将有关情况报告如下。\n' +
  '一、主要举措和成效\n（一）加强组织领导。我街道召开专题会议3次，研究部署法治建设工作。\n' +
  '（二）严格规范执法。全年办理行政处罚案件12件，胡家园街道综合执法队开展联合检查20次。\n' +
  '二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。';

/** Named in its title, but its year only by the signature date early in the next year. */
const SIGNED_ONLY =
  '万兴街道办事处关于法治政府建设情况的报告\n区委、区政府：\n今年以来，万兴街道认真贯彻落实法治政府建设各项部署，现将有关情况报告如下。\n' +
  '一、主要举措和成效\n召开专题会议3次。\n二、存在的不足\n执法力量不足。\n三、下一步工作计划\n继续推进。\n' +
  '万兴街道办事处\n2023年1月10日';

describe('a unit read only tentatively', () => {
  it('is marked tentative by the analyser (the reading says so)', () => {
    const a = analyzeReport(TENTATIVE);
    expect(a.unit).toMatchObject({ name: '胡家园街道', tentative: true });
    expect(a.unit!.reason).toContain('把握较低');
  });

  it('is refused by ingest with UNIT_UNCERTAIN and a Chinese message naming the guess; stored when the unit is given', async () => {
    const refused = await ingestReport(db.dataSource, db.lock, { text: TENTATIVE, source: 'x', actor: 't' }, limits);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.errors.map((e) => e.code)).toEqual(['UNIT_UNCERTAIN']);
      expect(refused.errors[0]?.field).toBe('input.unit');
      expect(refused.errors[0]?.message).toMatch(/^报告单位只能推定为“胡家园街”（把握 0\.25：.*请指定单位/u);
    }
    expect(await db.dataSource.getRepository(Report).count()).toBe(0);
    const given = await ingestReport(db.dataSource, db.lock, { text: TENTATIVE, unit: '胡家园街', source: 'x', actor: 't' }, limits);
    expect(given.ok).toBe(true);
    if (given.ok) expect(given.value.unit.name).toBe('胡家园街');
  });

  it('fails its own row in a folder ingest (exit 1) with the reason; the confidently read report beside it goes in, with a warning for its year', async () => {
    writeFileSync(join(dir, 'guess.txt'), TENTATIVE.replace('2022年', '2021年'));
    writeFileSync(join(dir, 'signed.txt'), SIGNED_ONLY);
    let out = '';
    const io: IngestIO = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true, isTTY: false } };
    const code = await runIngestCli([dir], io, { dataSource: db.dataSource, lock: db.lock, actor: 'test' });
    expect(code).toBe(1);
    const row = (file: string): string => out.split('\n').find((l) => l.startsWith(file)) ?? '';
    expect(row('guess.txt')).toMatch(/FAILED UNIT_UNCERTAIN: 报告单位只能推定为“胡家园街”/u);
    expect(row('signed.txt')).toMatch(/万兴街\s+2022\s.*ingested/u);
    expect(out).toMatch(/signed\.txt: 报告年度 2022 是推定的（把握 0\.25，依据“2023年1月10日”），请核对/u);
  });
});
