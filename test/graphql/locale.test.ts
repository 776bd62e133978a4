import { createToken } from '../../src/access/token.service';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { startServer, type RunningServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let server: RunningServer;
let wanxing: string;
let admin: string;

async function gql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: admin, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: any; errors?: unknown[] };
}

const EXPLAIN = `query($unitId: ID!) {
  assessment(unitId: $unitId, year: 2022) {
    items(filter: { codes: ["7.4", "10.8"] }) { code explanation en: explanation(locale: EN) zh: explanation(locale: ZH) flags { code message } }
  }
}`;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  const created = await createToken(db.dataSource, { name: 'locale-admin', role: 'ADMIN', actor: 'test' });
  if (!created.ok) throw new Error('token');
  admin = `Bearer ${created.value.secret}`;
  server = await startServer({ dataSource: db.dataSource, lock: db.lock, config: { ...db.config, host: '127.0.0.1', port: 0 } });
  wanxing = (await gql(`{ units(filter: { nameContains: "万兴" }) { edges { node { id } } } }`)).data.units.edges[0].node.id;
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

describe('texts in the caller’s language', () => {
  it('explains in Chinese by default, in English with Accept-Language: en or locale: EN', async () => {
    const zh = (await gql(EXPLAIN, { unitId: wanxing })).data.assessment.items;
    const court = zh.find((i: { code: string }) => i.code === '7.4');
    expect(court.explanation).toBe(
      '7.4 已覆盖：正面佐证见表述 9, 41；COURT_APPEARANCE_RATE 100%（表述 9），达到 >= 100%；只计已采纳的链接：缺失。',
    );
    expect(court.en).toBe(
      '7.4 is COVERED: positive evidence in claims 9, 41; COURT_APPEARANCE_RATE 100% (claim 9) meets >= 100%; accepted links only: MISSING.',
    );
    const youth = zh.find((i: { code: string }) => i.code === '10.8');
    expect(youth.flags.map((f: { message: string }) => f.message)).toContain('10.8：只有计划（表述 72, 73），没有已完成工作的佐证。');

    const en = (await gql(EXPLAIN, { unitId: wanxing }, { 'accept-language': 'en-US,en;q=0.9' })).data.assessment.items;
    expect(en.find((i: { code: string }) => i.code === '7.4').explanation).toBe(court.en);
    expect(en.find((i: { code: string }) => i.code === '7.4').zh).toBe(court.explanation);
    expect(en.find((i: { code: string }) => i.code === '10.8').flags.map((f: { message: string }) => f.message)).toContain(
      '10.8: only planned (claims 72, 73), no evidence of work done.',
    );
  });

  it('reads stored flags (the flags query) in either language', async () => {
    const query = `{ flags(first: 1, filter: { year: 2022, codes: [REPORT_MISSING] }) { edges { node { code message en: message(locale: EN) } } } }`;
    const node = (await gql(query)).data.flags.edges[0].node;
    expect(node.message).toBe('本单位本年度没有报告：全部 31 个可考核条目均为缺失。');
    expect(node.en).toBe('No report for this unit and year: all 31 assessable items are MISSING.');
  });

  it('gives userErrors in Chinese by default and the specific English message with Accept-Language: en', async () => {
    const mutation = `mutation { ingestReport(input: { text: "   ", unit: "万兴街", year: 2022 }) { userErrors { code message } } }`;
    const zh = (await gql(mutation)).data.ingestReport.userErrors[0];
    expect(zh).toEqual({ code: 'EMPTY_TEXT', message: '报告正文为空' });
    const en = (await gql(mutation, {}, { 'accept-language': 'en' })).data.ingestReport.userErrors[0];
    expect(en).toEqual({ code: 'EMPTY_TEXT', message: 'The report text is empty.' });
  });
});
