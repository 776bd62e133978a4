import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { Assessment } from '../../src/assessment/assessment.entity';
import { runIngestCli, type IngestIO } from '../../src/cli/ingest';
import { EvidenceLink } from '../../src/evidence/evidence-link.entity';
import { Claim } from '../../src/reports/claim.entity';
import { MetricValue } from '../../src/reports/metric-value.entity';
import { ReportSection } from '../../src/reports/report-section.entity';
import { Report } from '../../src/reports/report.entity';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { sha256 } from '../../src/common/hash';
import { Unit } from '../../src/units/unit.entity';
import { SEED_DIR, seedReport } from '../helpers/seeds';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { deepHtml, zipBombDocx } from '../hostile/hostile-http';
import { docxOf, pageOf004 } from '../unit/documents/build-documents';

let db: TestDatabase;
let dir: string;

/** Captures what the command writes. */
function capture(): IngestIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    out: () => out,
    err: () => err,
  };
}

const run = async (args: string[]) => {
  const io = capture();
  const code = await runIngestCli(args, io, { dataSource: db.dataSource, lock: db.lock, actor: 'test' });
  return { code, out: io.out(), err: io.err() };
};

/** The table rows of the command's output, by file name. */
function tableRows(out: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of out.split('\n').slice(2)) {
    if (line === '') break;
    rows.set(line.split(/\s{2,}/u)[0]!, line);
  }
  return rows;
}

const counts = () =>
  Promise.all([Report, ReportSection, Claim, MetricValue, EvidenceLink].map((e) => db.dataSource.getRepository(e).count()));

beforeAll(async () => {
  db = await createTestDatabase();
  // units and the checklist of seeds/, no reports
  const seeds = mkdtempSync(join(tmpdir(), 'fazhi-seeds-'));
  copyFileSync(join(SEED_DIR, 'units.yaml'), join(seeds, 'units.yaml'));
  copyFileSync(join(SEED_DIR, 'checklist.yaml'), join(seeds, 'checklist.yaml'));
  writeFileSync(join(seeds, 'reports.yaml'), 'reports: []\n');
  await loadSeeds(db.dataSource, db.lock, seeds);
  rmSync(seeds, { recursive: true, force: true });

  dir = mkdtempSync(join(tmpdir(), 'fazhi-ingest-'));
  mkdirSync(join(dir, '2023'));
  writeFileSync(join(dir, '万兴街-2022.txt'), iconv.encode(seedReport('万兴街').raw, 'gb18030'));
  writeFileSync(join(dir, '2023', '王顶堤街.docx'), await docxOf(seedReport('王顶堤街').raw, '王顶堤街道办事处文件'));
  writeFileSync(join(dir, '胡家园街.html'), pageOf004(seedReport('胡家园街').raw));
  copyFileSync(join(__dirname, '..', 'fixtures', 'documents', 'scanned.pdf'), join(dir, '2023', '扫描件.pdf'));
  writeFileSync(join(dir, 'notes.md'), '# not a report\n');
  writeFileSync(join(dir, '.hidden.txt'), 'hidden');
});

afterAll(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run ingest', () => {
  it('ingests a folder of mixed documents, reports the bad file and exits 1', async () => {
    const { code, out, err } = await run([dir]);
    expect(code).toBe(1);
    const rows = tableRows(out);
    expect([...rows.keys()]).toEqual(['2023/扫描件.pdf', '2023/王顶堤街.docx', '万兴街-2022.txt', '胡家园街.html']);
    expect(rows.get('2023/扫描件.pdf')).toMatch(/FAILED NO_TEXT_LAYER: this PDF has no text layer .* run OCR first$/u);
    expect(rows.get('2023/王顶堤街.docx')).toMatch(/王顶堤街\s+2023\s+\d+\s+\d+\/31\s+ingested$/u);
    expect(rows.get('万兴街-2022.txt')).toMatch(/万兴街\s+2022\s+\d+\s+\d+\/31\s+ingested$/u);
    expect(rows.get('胡家园街.html')).toMatch(/胡家园街\s+2022\s+\d+\s+\d+\/31\s+ingested$/u);
    expect(out).toContain('4 files: 3 ingested, 0 already in, 1 failed.');
    expect(err.split('\n').filter(Boolean)).toEqual([
      '[1/4] 2023/扫描件.pdf: failed (NO_TEXT_LAYER)',
      '[2/4] 2023/王顶堤街.docx: ingested',
      '[3/4] 万兴街-2022.txt: ingested',
      '[4/4] 胡家园街.html: ingested',
    ]);
  });

  it('stored the extracted text with the original file name and SHA-256, and the numbers in the table', async () => {
    const reports = await db.dataSource.getRepository(Report).find({ order: { id: 'ASC' } });
    expect(reports.map((r) => r.source)).toEqual(['2023/王顶堤街.docx', '万兴街-2022.txt', '胡家园街.html']);
    const txt = reports[1];
    expect(txt?.rawText).toBe(seedReport('万兴街').raw); // GB18030 decoded to the exact text
    expect(txt?.sourceSha256).toBe(sha256(readFileSync(join(dir, '万兴街-2022.txt'))));
    expect(reports[0]?.sourceSha256).toBe(sha256(readFileSync(join(dir, '2023', '王顶堤街.docx'))));

    const { out } = await run([join(dir, '万兴街-2022.txt')]);
    const unit = await db.dataSource.getRepository(Unit).findOneByOrFail({ name: '万兴街' });
    const assessment = await db.dataSource.getRepository(Assessment).findOneByOrFail({ unitId: unit.id, year: 2022 });
    const claims = await db.dataSource.getRepository(Claim).countBy({ reportId: txt!.id });
    const { covered, assessable } = assessment.result.coverage.proposed;
    expect(tableRows(out).get('万兴街-2022.txt')).toMatch(
      new RegExp(`万兴街\\s+2022\\s+${claims}\\s+${covered}/${assessable}\\s+already in$`, 'u'),
    );
  });

  it('re-running skips what is already in and adds nothing', async () => {
    const before = await counts();
    const { code, out } = await run([dir]);
    expect(code).toBe(1); // the scan still fails
    expect(out).toContain('4 files: 0 ingested, 3 already in, 1 failed.');
    expect(await counts()).toEqual(before);
  });

  it('exits 0 when every file is in; --dry-run stores nothing', async () => {
    expect((await run([join(dir, '胡家园街.html'), join(dir, '2023', '王顶堤街.docx')])).code).toBe(0);
    const other = join(dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, '塘沽.txt'), seedReport('塘沽街道').raw);
    const before = await counts();
    const dry = await run(['--dry-run', other]);
    expect(dry.code).toBe(0);
    expect(tableRows(dry.out).get('塘沽.txt')).toMatch(/塘沽街道\s+2021\s+\d+\s+\d+\/31\s+dry run: not stored$/u);
    expect(await counts()).toEqual(before);
  });

  it('a unit that is not registered, a missing path and a different report for the same year fail one by one, with nothing half-stored', async () => {
    const before = await counts();
    const changed = join(dir, 'other', '万兴街-修订.txt');
    writeFileSync(changed, `${seedReport('万兴街').raw}\n补充：全年开展培训3次。\n`);
    const { code, out } = await run([changed, join(dir, 'missing.docx'), '--unit', '万兴街']);
    expect(code).toBe(1);
    const rows = tableRows(out);
    expect(rows.get('万兴街-修订.txt')).toMatch(
      /FAILED REPORT_EXISTS: 万兴街 already has a different report for 2022 \(report \d+\); use --replace to replace it$/u,
    );
    expect(rows.get(join(dir, 'missing.docx'))).toMatch(/FAILED NOT_FOUND: no such file or folder$/u);
    expect(await counts()).toEqual(before);

    const unknown = await run([changed, '--unit', '不存在街']);
    expect(tableRows(unknown.out).get('万兴街-修订.txt')).toMatch(/FAILED UNIT_NOT_FOUND: Unknown unit "不存在街"/u);
    expect(await counts()).toEqual(before);
  });

  it('--replace stores the new version; bad arguments exit 2', async () => {
    const changed = join(dir, 'other', '万兴街-修订.txt');
    const replaced = await run([changed, '--replace']);
    expect(replaced.code).toBe(0);
    expect(tableRows(replaced.out).get('万兴街-修订.txt')).toMatch(/ingested \(replaced the earlier report\)$/u);
    expect((await run(['--year', '22', dir])).code).toBe(2);
    expect((await run([])).code).toBe(2);
  });
});

describe('npm run ingest with hostile files in the batch', () => {
  it('a 10,000-level web page and a zip bomb fail their own rows with their codes; the 3 good reports beside them go in', async () => {
    const batch = join(dir, 'hostile');
    mkdirSync(batch);
    writeFileSync(join(batch, 'a-deep.html'), deepHtml(10_000));
    writeFileSync(join(batch, 'b-bomb.docx'), zipBombDocx(1000, false));
    writeFileSync(join(batch, 'c-塘沽.txt'), seedReport('塘沽街道').raw);
    writeFileSync(join(batch, 'd-稷下.txt'), seedReport('稷下街道').raw);
    writeFileSync(join(batch, 'e-万兴.txt'), seedReport('万兴街').raw);
    const { code, out } = await run([batch, '--year', '2020']);
    expect(code).toBe(1);
    const rows = tableRows(out);
    expect(rows.get('a-deep.html')).toMatch(/FAILED DOCUMENT_TOO_DEEP: .*MAX_HTML_DEPTH/u);
    expect(rows.get('b-bomb.docx')).toMatch(/FAILED DOCUMENT_TOO_LARGE: .*zip bomb/u);
    for (const [file, unit] of [
      ['c-塘沽.txt', '塘沽街道'],
      ['d-稷下.txt', '稷下街道'],
      ['e-万兴.txt', '万兴街'],
    ]) {
      expect(rows.get(file!)).toMatch(new RegExp(`${unit}\\s+2020\\s+\\d+\\s+\\S+\\s+ingested$`, 'u'));
    }
    expect(out).toContain('5 files: 3 ingested, 0 already in, 2 failed.');
    expect(await db.dataSource.getRepository(Report).countBy({ year: 2020 })).toBe(3);
  }, 60_000);
});

describe('npm run ingest on a database without units or checklist', () => {
  it('exits 2 and says what to do', async () => {
    const empty = await createTestDatabase();
    try {
      const lang = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, LC_MESSAGES: process.env.LC_MESSAGES };
      delete process.env.LC_ALL;
      delete process.env.LC_MESSAGES;
      process.env.LANG = 'zh_CN.UTF-8';
      const io = capture();
      const code = await runIngestCli([dir], io, { dataSource: empty.dataSource, lock: empty.lock });
      expect(code).toBe(2);
      expect(io.err()).toMatch(/^ingest: 数据库中还没有单位：请先运行一次 npm start/u);
      // in English with LANG=en…, naming the documented command
      process.env.LANG = 'en_US.UTF-8';
      await empty.dataSource.query(`INSERT INTO unit (name, level, aliases) VALUES ('试点街', 'STREET', '[]')`).catch(() => undefined);
      const en = capture();
      await runIngestCli([dir], en, { dataSource: empty.dataSource, lock: empty.lock });
      expect(en.err()).toMatch(/(the database has no units|import one with npm run import-checklist -- FILE)/u);
      Object.assign(process.env, Object.fromEntries(Object.entries(lang).filter(([, v]) => v !== undefined)));
      if (lang.LANG === undefined) delete process.env.LANG;
    } finally {
      await empty.close();
    }
  });
});
