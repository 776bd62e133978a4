import ExcelJS from 'exceljs';
import { authenticate, createToken } from '../../src/access/token.service';
import { DownloadStore } from '../../src/db/download-store';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { startServer, type RunningServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let server: RunningServer;
let clock = Date.now();
const downloads = new DownloadStore({ ttlMs: 60_000, limits: { perCallerFiles: 50 }, now: () => clock });
let wanxingToken: string;
/** tokens exist, so anonymous callers are refused: the district office calls with an ADMIN token */
let adminToken: string;
const ids: Record<string, string> = {};

const EXPORT = `mutation($input: ExportDistrictInput!) {
  exportDistrict(input: $input) { files { fileName contentType bytes path url } expiresAt userErrors { code message } }
}`;

async function gql(query: string, variables: Record<string, unknown>, token: string = adminToken) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: any; errors?: unknown[] };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  const created = await createToken(db.dataSource, { name: 'wanxing', role: 'UNIT', unit: '万兴街', actor: 't' });
  if (!created.ok) throw new Error('token');
  wanxingToken = created.value.secret;
  const admin = await createToken(db.dataSource, { name: 'office', role: 'ADMIN', actor: 't' });
  if (!admin.ok) throw new Error('token');
  adminToken = admin.value.secret;
  expect(await authenticate(db.dataSource, wanxingToken)).not.toBeNull();
  server = await startServer({ dataSource: db.dataSource, lock: db.lock, config: { ...db.config, host: '127.0.0.1', port: 0 }, downloads });
  const units = await gql(`{ units(first: 50) { edges { node { id name } } } }`, {});
  for (const e of units.data.units.edges) ids[e.node.name] = e.node.id;
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

describe('exportDistrict', () => {
  it('returns a download link for the district workbook, served by the same server', async () => {
    const result = await gql(EXPORT, { input: { parentUnitId: ids['南开区'], year: 2022, format: 'XLSX' } });
    const payload = result.data.exportDistrict;
    expect(payload.userErrors).toEqual([]);
    expect(payload.files).toHaveLength(1);
    expect(payload.files[0]).toMatchObject({ fileName: '南开区-2022.xlsx', path: expect.stringMatching(/^\/downloads\/[\w-]{20,}$/) });
    const file = await fetch(new URL(payload.files[0].path, server.url));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await file.arrayBuffer());
    const sheets = workbook.worksheets.map((w) => w.name);
    expect(sheets).toEqual(expect.arrayContaining(['汇总', '矩阵', '万兴街', '王顶堤街', '预警']));
  });

  it("respects the caller's scope: a UNIT token for 万兴街 gets only its own sheet", async () => {
    const own = await gql(EXPORT, { input: { parentUnitId: ids['万兴街'], year: 2022, format: 'XLSX' } }, wanxingToken);
    expect(own.data.exportDistrict.userErrors).toEqual([]);
    const file = await fetch(new URL(own.data.exportDistrict.files[0].path, server.url));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await file.arrayBuffer());
    const sheets = workbook.worksheets.map((w) => w.name);
    expect(sheets).toContain('万兴街');
    expect(sheets).not.toContain('王顶堤街');
    const district = await gql(EXPORT, { input: { parentUnitId: ids['南开区'], year: 2022, format: 'XLSX' } }, wanxingToken);
    expect(district.data.exportDistrict.files).toEqual([]);
    expect(district.data.exportDistrict.userErrors[0].message).toContain('No such unit');
  });

  it('writes CSVs with a BOM, and links expire', async () => {
    const result = await gql(EXPORT, { input: { parentUnitId: ids['滨海新区'], year: 2022, format: 'CSV' } });
    const files = result.data.exportDistrict.files;
    expect(files.map((f: { fileName: string }) => f.fileName)).toEqual(['滨海新区-2022.csv', '滨海新区-2022-flags.csv']);
    const csv = Buffer.from(await (await fetch(new URL(files[0].path, server.url))).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('胡家园街');
    clock += 61_000;
    const expired = await fetch(new URL(files[1].path, server.url));
    expect(expired.status).toBe(404);
    expect((await fetch(new URL('/downloads/not-a-token', server.url))).status).toBe(404);
  });
});
