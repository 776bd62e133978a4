import iconv from 'iconv-lite';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { TestClient } from '../helpers/graphql';
import { seedReport } from '../helpers/seeds';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let client: TestClient;

const INGEST = `mutation($input: IngestReportInput!) {
  ingestReport(input: $input) {
    created claimCount
    report { sha256 sourceSha256 source rawText sections { path kind } metrics { metric value } }
    userErrors { field code message }
  }
}`;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  client = new TestClient(db);
});
afterAll(async () => db?.close());

const seed = seedReport('稷下街道');
const ENCODINGS: [string, () => Buffer][] = [
  ['UTF-8', () => Buffer.from(seed.raw, 'utf8')],
  ['UTF-8 with BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed.raw, 'utf8')])],
  ['UTF-16LE with BOM', () => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(seed.raw, 'utf16le')])],
  ['UTF-16BE with BOM', () => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(seed.raw, 'utf16be')])],
  ['GB18030', () => iconv.encode(seed.raw, 'gb18030')],
  ['GBK', () => iconv.encode(seed.raw, 'gbk')],
];

describe('uploaded files in every supported encoding', () => {
  it.each(ENCODINGS)('%s decodes to the same report and the same analysis', async (_name, bytes) => {
    const result = await client.data(INGEST, {
      input: { contentBase64: bytes().toString('base64'), fileName: 'report.txt', unit: '稷下街道', year: 2023 },
    });
    // the same text as the seed, already stored: recognised as the same report (no duplicate)
    expect(result.ingestReport.userErrors).toEqual([]);
    expect(result.ingestReport.created).toBe(false);
    expect(result.ingestReport.report.rawText).toBe(seed.raw);
    expect(result.ingestReport.report.source).toBe(`seeds/${seed.file}`);
  });

  it('stores a new report from GB18030 bytes with the original file hash', async () => {
    const text = seed.raw.replace('2023年，我街道共化解矛盾纠纷198起', '2023年，我街道共化解矛盾纠纷199起');
    expect(text).not.toBe(seed.raw);
    const bytes = iconv.encode(text, 'gb18030');
    const result = await client.data(INGEST, {
      input: { contentBase64: bytes.toString('base64'), fileName: 'gbk-report.txt', unit: '稷下街道', year: 2022 },
    });
    expect(result.ingestReport.userErrors).toEqual([]);
    expect(result.ingestReport.created).toBe(true);
    expect(result.ingestReport.report.rawText).toBe(text);
    expect(result.ingestReport.report.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.ingestReport.report.sourceSha256).not.toBe(result.ingestReport.report.sha256);
    expect(result.ingestReport.report.metrics).toContainEqual({ metric: 'DISPUTES_MEDIATED', value: 199 });
  });
});

describe('refused input, as user errors', () => {
  const refused = async (input: Record<string, unknown>) =>
    (await client.data(INGEST, { input: { unit: '稷下街道', year: 2021, dryRun: true, ...input } })).ingestReport;

  it('binary content, naming what it is', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const result = await refused({ contentBase64: png.toString('base64'), fileName: 'scan.txt' });
    expect(result.userErrors[0]).toMatchObject({ field: 'input.contentBase64' });
    expect(result.userErrors[0].message).toMatch(/PNG/);
  });

  it('an empty file, whitespace-only text, and empty text', async () => {
    expect((await refused({ contentBase64: '', fileName: 'empty.txt' })).userErrors[0].code).toBe('EMPTY');
    expect(
      (await refused({ contentBase64: Buffer.from('  \n\t  ').toString('base64'), fileName: 'blank.txt' })).userErrors[0].code,
    ).toMatch(/EMPTY/);
    expect((await refused({ text: ' \n ' })).userErrors[0].code).toBe('EMPTY_TEXT');
  });

  it('an over-size file or text (limit MAX_REPORT_BYTES, default 5 MB)', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024 + 1);
    expect((await refused({ contentBase64: Buffer.from(big).toString('base64'), fileName: 'big.txt' })).userErrors[0].code).toBe(
      'TEXT_TOO_LARGE',
    );
    expect((await refused({ text: big })).userErrors[0].code).toBe('TEXT_TOO_LARGE');
  });

  it('both text and a file, or neither', async () => {
    expect((await refused({ text: seed.raw, contentBase64: 'AA==', fileName: 'a.txt' })).userErrors[0].code).toBe('TEXT_OR_FILE');
    expect((await refused({})).userErrors[0].code).toBe('TEXT_OR_FILE');
  });
});
