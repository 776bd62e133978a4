/**
 * Search over claims (SQLite FTS5 here, PostgreSQL tsvector in CI): word order does not
 * matter, `%` and `_` are literal, results are ranked, highlights slice the raw report to the
 * matched words, filters and the caller's scope apply, overlong queries are refused.
 */
import { Claim } from '../../src/reports/claim.entity';
import { normaliseText } from '../../src/reading/normalise';
import { Report } from '../../src/reports/report.entity';
import { indexClaims } from '../../src/reports/search/claim-search';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { Unit } from '../../src/units/unit.entity';
import type { Caller } from '../../src/graphql/context';
import { subtreeIds } from '../../src/units/unit.service';
import { TestClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let client: TestClient;
let raws: Map<number, string>;
let claims: Claim[];

const SEARCH = `query($q: String!, $filter: SearchFilter, $first: Int) {
  search(query: $q, filter: $filter, first: $first) {
    totalCount
    edges { node { rank score highlights { start end text } claim { id dbId: localId text polarity start end report { id year unit { name } } } } }
  }
}`;

interface Hit {
  rank: number;
  score: number;
  highlights: { start: number; end: number; text: string }[];
  claim: { id: string; text: string; polarity: string; start: number; end: number; report: { year: number; unit: { name: string } } };
}

async function search(q: string, filter?: Record<string, unknown>, caller?: Caller): Promise<{ totalCount: number; hits: Hit[] }> {
  const data = await client.data(SEARCH, { q, filter, first: 100 }, caller);
  return { totalCount: data.search.totalCount, hits: data.search.edges.map((e: { node: Hit }) => e.node) };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  client = new TestClient(db);
  const reports = await db.dataSource.getRepository(Report).find();
  raws = new Map(reports.map((r) => [r.id, r.rawText]));
  claims = await db.dataSource.getRepository(Claim).find();
});
afterAll(async () => db?.close());

describe('search', () => {
  it('finds the same claims for 应诉出庭 as for 出庭应诉, ranked, with highlights that slice the raw report', async () => {
    const forward = await search('出庭应诉');
    const reversed = await search('应诉出庭');
    expect(forward.totalCount).toBeGreaterThanOrEqual(3);
    const ids = (r: { hits: Hit[] }) => r.hits.map((h) => h.claim.id).sort();
    expect(ids(reversed)).toEqual(ids(forward));
    // every claim holding both words is found
    const expected = claims.filter((c) => c.text.includes('出庭') && c.text.includes('应诉')).length;
    expect(forward.totalCount).toBe(expected);
    for (const result of [forward, reversed]) {
      expect(result.hits.map((h) => h.rank)).toEqual(result.hits.map((_h, i) => i + 1));
      const scores = result.hits.map((h) => h.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      for (const hit of result.hits) {
        const claim = claims.find((c) => c.text === hit.claim.text && c.start === hit.claim.start)!;
        const raw = raws.get(claim.reportId)!;
        expect(hit.highlights.length).toBeGreaterThan(0);
        for (const h of hit.highlights) {
          expect(raw.slice(h.start, h.end)).toBe(h.text);
          expect(h.start).toBeGreaterThanOrEqual(claim.start);
          expect(h.end).toBeLessThanOrEqual(claim.end);
          // exactly the matched words: made of 出庭 and 应诉, nothing around them
          expect(normaliseText(h.text)).toMatch(/^(出庭|应诉)+$/u);
        }
      }
    }
    // the claim saying 出庭应诉 is highlighted on those four characters, for either order
    const claimWithPhrase = forward.hits.find((h) => h.claim.text.includes('出庭应诉'))!;
    expect(claimWithPhrase.highlights.map((h) => normaliseText(h.text))).toContain('出庭应诉');
    const sameInReversed = reversed.hits.find((h) => h.claim.id === claimWithPhrase.claim.id)!;
    expect(sameInReversed.highlights.map((h) => normaliseText(h.text))).toContain('出庭应诉');
  });

  it('takes % and _ literally: 100% finds the claims containing 100%', async () => {
    const percent = await search('100%');
    const expected = claims.filter((c) => c.text.includes('100%'));
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(percent.totalCount).toBe(expected.length);
    for (const hit of percent.hits) {
      expect(hit.claim.text).toContain('100%');
      expect(hit.highlights.map((h) => h.text)).toContain('100%');
    }
    expect((await search('100_')).totalCount).toBe(claims.filter((c) => c.text.includes('100_')).length);
    expect((await search('%')).totalCount).toBe(claims.filter((c) => c.text.includes('%')).length);
  });

  it('filters by year, polarity, unit and item, and stays within the caller’s scope', async () => {
    const all = await search('法治');
    expect(all.totalCount).toBeGreaterThan(50);
    const y2022 = await search('法治', { year: 2022 });
    expect(y2022.hits.every((h) => h.claim.report.year === 2022)).toBe(true);
    expect(y2022.totalCount).toBeLessThan(all.totalCount);
    const plans = await search('法治', { polarities: ['PLAN'] });
    expect(plans.totalCount).toBeGreaterThan(0);
    expect(plans.hits.every((h) => h.claim.polarity === 'PLAN')).toBe(true);
    const units = await db.dataSource.getRepository(Unit).find();
    const wanxing = units.find((u) => u.name === '万兴街')!;
    const { toGlobalId } = await import('../../src/graphql/relay');
    const own = await search('法治', { unitIds: [toGlobalId('Unit', wanxing.id)] });
    expect(own.totalCount).toBeGreaterThan(0);
    expect(own.hits.every((h) => h.claim.report.unit.name === '万兴街')).toBe(true);
    const court = await search('出庭', { itemCodes: ['7.4'] });
    expect(court.totalCount).toBeGreaterThan(0);
    expect(court.totalCount).toBeLessThanOrEqual((await search('出庭')).totalCount);
    const scoped: Caller = { name: 'wanxing', role: 'UNIT', scope: new Set(subtreeIds(units, wanxing.id)) };
    const seen = await search('法治', undefined, scoped);
    expect(seen.totalCount).toBe(own.totalCount);
    expect(seen.hits.every((h) => h.claim.report.unit.name === '万兴街')).toBe(true);
  });

  it('refuses an overlong query with BAD_USER_INPUT naming the limit, never a database error', async () => {
    const result = await client.run(SEARCH, { q: '法'.repeat(101) });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toBe('搜索词过长：最多 100 个字符（收到 101 个）。');
    const many = await client.run(SEARCH, { q: Array.from({ length: 11 }, (_, i) => `词${i}`).join(' ') });
    expect(many.errors?.[0]?.message).toBe('搜索词过多：最多 10 个词（收到 11 个）。');
    const empty = await client.run(SEARCH, { q: '   ' });
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // 100 characters of FTS syntax and quotes are just text
    expect((await search('"出庭" OR NOT * ^ : ( ) \' -')).totalCount).toBe(0);
  });

  it('is maintained in the ingest transaction and rebuilt the same by indexClaims (the migration backfill)', async () => {
    const before = (await search('法律顾问')).totalCount;
    expect(before).toBeGreaterThan(0);
    await indexClaims(db.dataSource.manager, claims);
    expect((await search('法律顾问')).totalCount).toBe(before);
  });
});
