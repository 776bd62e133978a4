import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { TestClient } from '../helpers/graphql';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-db';
import { renderErrorCodes } from './documented-error-codes';
import { DOCUMENTED_QUERIES, USERS, type DocumentedQuery } from './documented-queries';

let db: TestDatabase;
let client: TestClient;
/** The server's answers as returned, frozen: docs/api.md is rendered from them, never from a test's copy. */
const answers = new Map<string, any>();

/** Freezes an answer and everything in it, so that nothing can reorder or change it. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  client = new TestClient(db);
  const units = await client.data(`{ units(first: 200) { edges { node { id name } } } }`);
  const unitIds = new Map<string, string>(units.units.edges.map((e: { node: { id: string; name: string } }) => [e.node.name, e.node.id]));
  for (const doc of DOCUMENTED_QUERIES) {
    const variables = Object.fromEntries(
      Object.entries(doc.variables).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('unit:') ? unitIds.get(v.slice(5)) : v]),
    );
    answers.set(doc.id, deepFreeze(await client.data(doc.query, variables)));
  }
});
afterAll(async () => db?.close());

/** A test's own copy of an answer (tests may sort or pick from it freely). */
const answer = (id: string) => structuredClone(answers.get(id));
type Row = { unit: { name: string }; hasReport: boolean; cells: { code: string; status: string }[] };
const statuses = (row: Row) => Object.fromEntries(row.cells.map((c) => [c.code, c.status]));

describe('the office', () => {
  it('sees 万兴街 evidenced and 王顶堤街 missing in the 南开区 2022 matrix', () => {
    const rows: Row[] = answer('matrix').coverageMatrix.rows;
    expect(rows.map((r) => r.unit.name).sort()).toEqual(['万兴街', '王顶堤街'].sort());
    const wanxing = rows.find((r) => r.unit.name === '万兴街')!;
    expect(wanxing.hasReport).toBe(true);
    expect(statuses(wanxing)).toMatchObject({ '7.4': 'COVERED', '10.8': 'PLANNED_ONLY' });
    const wangdingdi = rows.find((r) => r.unit.name === '王顶堤街')!;
    expect(wangdingdi.hasReport).toBe(false);
    expect(Object.values(statuses(wangdingdi))).toEqual(['MISSING', 'MISSING', 'MISSING']);
  });

  it('and the other way round in 2023, with 王顶堤街 7.4 NO_EVIDENCE among the gaps', async () => {
    const ids = await client.data(`{ units(filter: { nameContains: "南开" }) { edges { node { id } } } }`);
    const m2023 = await client.data(
      `query($p: ID!) { coverageMatrix(parentUnitId: $p, year: 2023) { rows { unit { name } hasReport cells(codes: ["7.4", "10.5"]) { code status } } } }`,
      { p: ids.units.edges[0].node.id },
    );
    const rows: Row[] = m2023.coverageMatrix.rows;
    expect(rows.find((r) => r.unit.name === '万兴街')!.hasReport).toBe(false);
    expect(statuses(rows.find((r) => r.unit.name === '王顶堤街')!)).toEqual({ '7.4': 'MISSING', '10.5': 'PARTIAL' });
    const gaps = answer('gaps').flags;
    const nodes = gaps.edges.map((e: { node: { code: string; itemCode: string | null; unit: { name: string } } }) => e.node);
    expect(nodes.every((n: { code: string }) => ['NO_EVIDENCE', 'REPORT_MISSING'].includes(n.code))).toBe(true);
    const all = await client.data(
      `query($d: ID!) { flags(filter: { year: 2023, unitIds: [$d] }, first: 200) { edges { node { code itemCode unit { name } } } } }`,
      { d: ids.units.edges[0].node.id },
    );
    const codes = all.flags.edges.map(
      (e: { node: { code: string; itemCode: string | null; unit: { name: string } } }) =>
        `${e.node.unit.name} ${e.node.itemCode} ${e.node.code}`,
    );
    expect(codes).toContain('王顶堤街 7.4 NO_EVIDENCE');
    expect(codes).toContain('万兴街 null REPORT_MISSING');
  });

  it('finds 稷下街道 saying it has no 执法记录仪, as a shortcoming', () => {
    const hits = answer('search').search.edges.map(
      (e: { node: { highlights: { text: string }[]; claim: { polarity: string; text: string; report: { unit: { name: string } } } } }) =>
        e.node,
    );
    const jixia = hits.find((n: { claim: { report: { unit: { name: string } } } }) => n.claim.report.unit.name === '稷下街道');
    expect(jixia.claim).toMatchObject({ polarity: 'NEGATIVE' });
    expect(jixia.claim.text).toContain('没有配备执法记录仪');
    expect(jixia.highlights.map((h: { text: string }) => h.text)).toEqual(['执法记录仪']);
  });
});

describe('the office, across reports', () => {
  it('reads 万兴街 2022 出庭应诉率 100% with its claim beside the 7.4 target', () => {
    const d = answer('district-metric').districtMetric;
    expect(d.target).toEqual({ itemCode: '7.4', text: '≥ 100%' });
    const wanxing = d.values.find((v: { unit: { name: string } }) => v.unit.name === '万兴街');
    expect(wanxing).toMatchObject({ hasReport: true, display: '100%', met: true });
    expect(wanxing.claim.text).toContain('100%');
  });
});

describe('frontend teams', () => {
  it('get 万兴街 7.4 with the 出庭应诉率 claim, its exact offsets and its value', async () => {
    const item = answer('assessment').assessment.items[0];
    expect(item).toMatchObject({ code: '7.4', status: 'COVERED' });
    const evidence = item.evidence.find((e: { claim: { text: string } }) => e.claim.text.includes('出庭应诉率达到'));
    expect(evidence.claim.metrics).toContainEqual(
      expect.objectContaining({ metric: 'COURT_APPEARANCE_RATE', value: 100, unit: '%', qualifier: 'EXACT' }),
    );
    const raw = readFileSync(join(__dirname, '../../seeds/reports/000_6e4407ce581485da.txt'), 'utf8');
    expect(raw.slice(evidence.claim.start, evidence.claim.end)).toContain('行政机关负责人出庭应诉率达到 100%');
    expect(evidence.link).toMatchObject({ state: 'PROPOSED' });
  });

  it('get 稷下街道 shortcomings linked to 5.5', () => {
    const claims = answer('review-queue').reports.edges[0].node.claims;
    const recorder = claims.find((c: { text: string }) => c.text.includes('执法记录仪'));
    expect(recorder.links.map((l: { item: { code: string } }) => l.item.code)).toContain('5.5');
  });
});

describe('the assessment team', () => {
  it('ranks 滨海新区 2022: 胡家园街 first, 塘沽街道 (no 2022 report) last with 0', () => {
    const ranking = answer('ranking').ranking;
    expect(ranking.map((r: { unit: { name: string } }) => r.unit.name)).toEqual(['胡家园街', '塘沽街道']);
    expect(ranking[0]).toMatchObject({ rank: 1, hasReport: true });
    expect(ranking[0].score).toBeGreaterThan(0);
    expect(ranking[1]).toMatchObject({ rank: 2, score: 0, hasReport: false });
  });

  it('explains 王顶堤街 10.5 as PARTIAL at half its points, and 7.4 as MISSING', () => {
    const [exam, court] = answer('explain').assessment.items.sort((a: { code: string }, b: { code: string }) =>
      a.code === '10.5' ? -1 : b.code === '10.5' ? 1 : 0,
    );
    expect(exam).toMatchObject({ code: '10.5', status: 'PARTIAL', points: 5, factor: 0.5, score: 2.5 });
    expect(court).toMatchObject({ code: '7.4', status: 'MISSING', score: 0 });
    expect(court.flags.map((f: { code: string }) => f.code)).toEqual(['NO_EVIDENCE']);
  });

  it('compares 万兴街 2022 → 2023 as lost evidence', () => {
    const compare = answer('compare').compare;
    expect(compare.proposedScore.to).toBe(0);
    expect(compare.proposedScore.delta).toBeLessThan(0);
    expect(compare.items.length).toBeGreaterThan(0);
    expect(compare.items.every((i: { change: string; toStatus: string }) => i.change === 'LOST_EVIDENCE' && i.toStatus === 'MISSING')).toBe(
      true,
    );
  });
});

function renderDocs(): string {
  const out: string[] = [
    '# The GraphQL API by user',
    '',
    'Every query below is run by `test/graphql/api-docs.test.ts` against the seeded demo database, which also',
    'asserts the content of each answer; the answers shown are the real ones (regenerate with',
    '`UPDATE_DOCS=1 npx jest test/graphql/api-docs`). Ids are global ids of a fresh demo database.',
    'Conventions: lists that grow are Relay connections (`edges`, `node`, `pageInfo`, `totalCount`);',
    'mutations take one `input` and return a payload with `userErrors { field message code }`.',
    '',
  ];
  for (const user of Object.keys(USERS) as DocumentedQuery['user'][]) {
    out.push(`## ${USERS[user]}`, '');
    for (const doc of DOCUMENTED_QUERIES.filter((d) => d.user === user)) {
      out.push(`### ${doc.title}`, '', doc.why, '', '```graphql', doc.query, '```', '');
      if (Object.keys(doc.variables).length)
        out.push("Variables (`unit:NAME` stands for that unit's id):", '', '```json', JSON.stringify(doc.variables), '```', '');
      out.push('Answer:', '', '```json', JSON.stringify({ data: answers.get(doc.id) }, null, 2), '```', '');
    }
  }
  out.push(...renderErrorCodes());
  return `${out.join('\n').trimEnd()}\n`;
}

describe('docs/api.md', () => {
  const file = join(__dirname, '../../docs/api.md');
  (onPostgres ? it.skip : it)('holds the documented queries with their current answers', () => {
    const text = renderDocs();
    if (process.env.UPDATE_DOCS === '1' || !existsSync(file)) writeFileSync(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
