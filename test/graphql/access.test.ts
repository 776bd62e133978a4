import { authenticate, createToken, revokeToken } from '../../src/access/token.service';
import { bindingProblem, callerOfRequest, isLoopback } from '../../src/access/authenticate-request';
import { Unit } from '../../src/units/unit.entity';
import { ApiToken } from '../../src/access/api-token.entity';
import type { Caller } from '../../src/graphql/context';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { startServer, type RunningServer } from '../../src/server';
import { ADMIN, READER, TestClient } from '../helpers/graphql';
import { seedReport } from '../helpers/seeds';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let client: TestClient;
const secrets: Record<string, string> = {};
const callers: Record<string, Caller> = {};
const ids: Record<string, string> = {};

async function token(key: string, role: string, unit: string | null): Promise<void> {
  const created = await createToken(db.dataSource, { name: key, role, unit, actor: 'test' });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  secrets[key] = created.value.secret;
  callers[key] = (await authenticate(db.dataSource, created.value.secret))!;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  client = new TestClient(db);
  await token('wanxing', 'UNIT', '万兴街');
  await token('nankai-reviewer', 'REVIEWER', '南开区');
  await token('binhai-viewer', 'VIEWER', '滨海新区');
  await token('admin', 'ADMIN', null);
  const units = await client.data(`{ units(first: 100) { edges { node { id name } } } }`);
  for (const e of units.units.edges) ids[e.node.name] = e.node.id;
  const reports = await client.data(`{ reports(first: 10) { edges { node { id unit { name } claims { id links { id } } } } } }`);
  for (const e of reports.reports.edges) {
    ids[`report:${e.node.unit.name}`] = e.node.id;
    ids[`claim:${e.node.unit.name}`] = e.node.claims[0].id;
    ids[`link:${e.node.unit.name}`] = e.node.claims.flatMap((c: { links: { id: string }[] }) => c.links)[0].id;
  }
  ids.checklist = (await client.data(`{ checklists { id } }`)).checklists[0].id;
});
afterAll(async () => db?.close());

const MUTATIONS: Record<string, { query: string; input: () => Record<string, unknown> }> = {
  ingestReport: {
    query: `mutation($input: IngestReportInput!) { ingestReport(input: $input) { created userErrors { code } } }`,
    input: () => ({ text: seedReport('万兴街').raw, unit: '万兴街', year: 2022 }),
  },
  reviewEvidenceLink: {
    query: `mutation($input: ReviewEvidenceLinkInput!) { reviewEvidenceLink(input: $input) { link { id } userErrors { code } } }`,
    input: () => ({ linkId: ids['link:万兴街'], action: 'ACCEPT' }),
  },
  addEvidenceLink: {
    query: `mutation($input: AddEvidenceLinkInput!) { addEvidenceLink(input: $input) { link { id } userErrors { code } } }`,
    input: () => ({ claimId: ids['claim:万兴街'], itemId: Buffer.from('ChecklistItem:1').toString('base64') }),
  },
  setItemNotApplicable: {
    query: `mutation($input: SetItemNotApplicableInput!) { setItemNotApplicable(input: $input) { userErrors { code } } }`,
    input: () => ({
      unitId: ids['万兴街'],
      checklistId: ids.checklist,
      year: 2022,
      itemCode: '9.1',
      notApplicable: true,
      justification: 'x',
    }),
  },
  lockAssessment: {
    query: `mutation($input: LockAssessmentInput!) { lockAssessment(input: $input) { userErrors { code } } }`,
    input: () => ({ unitId: ids['万兴街'], checklistId: ids.checklist, year: 2022, locked: false }),
  },
  importChecklist: {
    query: `mutation($input: ImportChecklistInput!) { importChecklist(input: $input) { userErrors { code } } }`,
    input: () => ({ yaml: 'key: x' }),
  },
};

/** Role × operation pairs that must be refused with FORBIDDEN. */
const REFUSED: [string, string[]][] = [
  ['anonymous', ['ingestReport', 'reviewEvidenceLink', 'addEvidenceLink', 'setItemNotApplicable', 'lockAssessment', 'importChecklist']],
  ['binhai-viewer', ['ingestReport', 'reviewEvidenceLink', 'addEvidenceLink', 'setItemNotApplicable', 'lockAssessment', 'importChecklist']],
  ['wanxing', ['reviewEvidenceLink', 'addEvidenceLink', 'setItemNotApplicable', 'lockAssessment', 'importChecklist']],
  ['nankai-reviewer', ['ingestReport', 'importChecklist']],
];

const callerOf = (key: string) => (key === 'anonymous' ? READER : callers[key]);

describe('operations a role may not perform', () => {
  for (const [who, operations] of REFUSED) {
    for (const operation of operations) {
      it(`${who} may not ${operation}`, async () => {
        const m = MUTATIONS[operation];
        const result = await client.run(m!.query, { input: m!.input() }, callerOf(who));
        expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(result.data ?? null).toBeNull();
      });
    }
  }
  it('anonymous, UNIT and VIEWER callers may not read the audit trail', async () => {
    for (const who of ['anonymous', 'wanxing', 'binhai-viewer']) {
      const result = await client.run(`{ auditTrail { totalCount } }`, {}, callerOf(who));
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('scope: a UNIT token for 万兴街 gets nothing of 王顶堤街', () => {
  const as = (query: string, variables: Record<string, unknown> = {}) => client.run(query, variables, callers.wanxing);

  it('through node(id) for a report, a claim, a link and a unit', async () => {
    for (const key of ['report:王顶堤街', 'claim:王顶堤街', 'link:王顶堤街', '王顶堤街']) {
      const result = await as(`query($id: ID!) { node(id: $id) { id } }`, { id: ids[key] });
      expect(result.data?.node).toBeNull();
    }
    const own = await as(`query($id: ID!) { node(id: $id) { id } }`, { id: ids['report:万兴街'] });
    expect(own.data?.node).toEqual({ id: ids['report:万兴街'] });
  });

  it('through lists, search, flags and the coverage matrix', async () => {
    const units = await as(`{ units(first: 100) { edges { node { name } } } }`);
    expect(units.data?.units.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['万兴街']);
    const reports = await as(`{ reports(first: 10) { totalCount edges { node { unit { name } } } } }`);
    expect(reports.data?.reports.totalCount).toBe(1);
    const search = await as(`{ search(query: "金冠里") { totalCount } }`);
    expect(search.data?.search.totalCount).toBe(0);
    const adminSearch = await client.data(`{ search(query: "金冠里") { totalCount } }`);
    expect(adminSearch.search.totalCount).toBeGreaterThan(0);
    const flags = await as(`{ flags(filter: { year: 2023 }, first: 200) { edges { node { unit { name } } } } }`);
    expect(new Set(flags.data?.flags.edges.map((e: { node: { unit: { name: string } } }) => e.node.unit.name))).toEqual(
      new Set(['万兴街']),
    );
    const matrix = await as(`query($p: ID!) { coverageMatrix(parentUnitId: $p, year: 2022) { rows { unit { name } } } }`, {
      p: ids['南开区'],
    });
    expect(matrix.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const other = await as(`query($u: ID!) { assessment(unitId: $u, year: 2023) { year } }`, { u: ids['王顶堤街'] });
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('through nested fields (parent, children, links to other reports)', async () => {
    const result = await as(`query($id: ID!) { unit(id: $id) { name parent { name } reports { year } } }`, { id: ids['万兴街'] });
    expect(result.data?.unit).toEqual({ name: '万兴街', parent: null, reports: [{ year: 2022 }] });
  });

  it('learns nothing of units outside its scope from ingest errors: every name and alias of the demo data is "not found" with the same words', async () => {
    const units = await db.dataSource.getRepository(Unit).find();
    const wanxing = units.find((u) => u.name === '万兴街')!;
    const outside = units.filter((u) => u.id !== wanxing.id);
    const query = `mutation($input: IngestReportInput!) { ingestReport(input: $input) { created userErrors { code field message } } }`;
    const ask = async (unit: string) =>
      (await client.run(query, { input: { text: '这是一份报告。', unit, year: 2023, dryRun: true } }, callers.wanxing)).data?.ingestReport;
    const nowhere = await ask('不存在的地方');
    expect(nowhere.userErrors).toEqual([{ code: 'UNIT_NOT_FOUND', field: 'input.unit', message: expect.any(String) }]);
    const forbiddenNames = outside.flatMap((u) => [u.name, ...u.aliases]);
    expect(forbiddenNames.length).toBeGreaterThan(10);
    for (const name of forbiddenNames) {
      const payload = await ask(name);
      expect(payload.created).toBe(false);
      // the same answer as for a name that exists nowhere (suggestions, from the caller's own units only, aside)
      expect(payload.userErrors).toHaveLength(1);
      const [error] = payload.userErrors;
      expect({ ...error, message: error.message.replace(/ Did you mean (.*)\?$/u, '') }).toEqual(nowhere.userErrors[0]);
      expect(/ Did you mean (.*)\?$/u.exec(error.message)?.[1] ?? '万兴街').toBe('万兴街');
      for (const other of forbiddenNames) expect(error.message).not.toContain(other);
    }
  });

  it('assessment decisions only for reporting units: a city or a province is a userError and no assessment row appears', async () => {
    const before = await db.dataSource.query('SELECT COUNT(*) AS n FROM assessment');
    for (const name of ['天津市', '山东省', '南开区']) {
      const na = await client.run(
        MUTATIONS.setItemNotApplicable!.query,
        { input: { ...MUTATIONS.setItemNotApplicable!.input(), unitId: ids[name] } },
        ADMIN,
      );
      expect(na.data?.setItemNotApplicable.userErrors).toEqual([{ code: 'NOT_A_REPORTING_UNIT' }]);
      const lock = await client.run(
        MUTATIONS.lockAssessment!.query,
        { input: { ...MUTATIONS.lockAssessment!.input(), unitId: ids[name], locked: true } },
        ADMIN,
      );
      expect(lock.data?.lockAssessment.userErrors).toEqual([{ code: 'NOT_A_REPORTING_UNIT' }]);
    }
    expect(await db.dataSource.query('SELECT COUNT(*) AS n FROM assessment')).toEqual(before);
  });

  it('and may ingest only for its own unit', async () => {
    const other = seedReport('王顶堤街');
    const result = await client.run(
      MUTATIONS.ingestReport!.query,
      { input: { text: other.raw, unit: '王顶堤街', year: 2023 } },
      callers.wanxing,
    );
    expect(result.data?.ingestReport.userErrors).toEqual([{ code: 'UNIT_NOT_FOUND' }]);
    const own = await client.run(MUTATIONS.ingestReport!.query, { input: MUTATIONS.ingestReport!.input() }, callers.wanxing);
    expect(own.data?.ingestReport).toEqual({ created: false, userErrors: [] });
  });
});

describe('scope: a REVIEWER of 南开区', () => {
  it('reviews links of its units but not of other districts (not found)', async () => {
    const own = await client.run(
      MUTATIONS.reviewEvidenceLink!.query,
      { input: { linkId: ids['link:王顶堤街'], action: 'ACCEPT' } },
      callers['nankai-reviewer'],
    );
    expect(own.data?.reviewEvidenceLink.userErrors).toEqual([]);
    const other = await client.run(
      MUTATIONS.reviewEvidenceLink!.query,
      { input: { linkId: ids['link:稷下街道'], action: 'ACCEPT' } },
      callers['nankai-reviewer'],
    );
    expect(other.data?.reviewEvidenceLink.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    const na = await client.run(
      MUTATIONS.setItemNotApplicable!.query,
      { input: { ...MUTATIONS.setItemNotApplicable!.input(), unitId: ids['胡家园街'] } },
      callers['nankai-reviewer'],
    );
    expect(na.data?.setItemNotApplicable.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
  });

  it('reads the audit trail of its units only', async () => {
    const trail = await client.data(`{ auditTrail(first: 100) { edges { node { action entityType } } } }`, {}, callers['nankai-reviewer']);
    const entries = trail.auditTrail.edges.map(
      (e: { node: { action: string; entityType: string } }) => `${e.node.entityType}:${e.node.action}`,
    );
    expect(entries).toContain('EvidenceLink:LINK_ACCEPT');
    expect(entries.filter((e: string) => e.startsWith('Report:')).length).toBe(2);
    expect(entries.some((e: string) => e.startsWith('ApiToken:') || e.startsWith('Checklist:'))).toBe(false);
    const all = await client.data(`{ auditTrail(first: 100) { edges { node { entityType } } } }`, {}, ADMIN);
    expect(all.auditTrail.edges.some((e: { node: { entityType: string } }) => e.node.entityType === 'ApiToken')).toBe(true);
  });
});

describe('tokens over HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ dataSource: db.dataSource, lock: db.lock, config: { ...db.config, host: '127.0.0.1', port: 0 } });
  });
  afterAll(async () => server?.stop());
  const ask = (headers: Record<string, string>) =>
    fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ units(first: 50) { totalCount } }' }),
    });

  it('a valid token sees its scope; an unknown one gets 401', async () => {
    const ok = await ask({ authorization: `Bearer ${secrets['binhai-viewer']}` });
    expect(((await ok.json()) as { data: { units: { totalCount: number } } }).data.units.totalCount).toBe(3);
    const bad = await ask({ authorization: 'Bearer fzq_not-a-token' });
    expect(bad.status).toBe(401);
  });

  it('a revoked token stops working at once and is stored only hashed', async () => {
    const stored = await db.dataSource.getRepository(ApiToken).find();
    expect(stored.some((t) => JSON.stringify(t).includes(secrets.admin!))).toBe(false);
    await token('temp', 'VIEWER', '南开区');
    expect((await ask({ authorization: `Bearer ${secrets.temp}` })).status).toBe(200);
    await revokeToken(db.dataSource, { name: 'temp', actor: 'test' });
    expect((await ask({ authorization: `Bearer ${secrets.temp}` })).status).toBe(401);
  });
});

describe('anonymous callers once tokens exist', () => {
  const anonymous = async (config: Partial<typeof db.config>) => {
    const server = await startServer({
      dataSource: db.dataSource,
      lock: db.lock,
      config: { ...db.config, host: '127.0.0.1', port: 0, ...config },
    });
    try {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ units(first: 50) { totalCount } }' }),
      });
      return { status: response.status, body: (await response.json()) as { errors?: { extensions: { code: string } }[] } };
    } finally {
      await server.stop();
    }
  };

  it('are refused (401) unless ALLOW_ANONYMOUS_READ=1, and even then only on loopback', async () => {
    const refused = await anonymous({});
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect((await anonymous({ allowAnonymousRead: true })).status).toBe(200);
    await expect(callerOfRequest(db.dataSource, undefined, { host: '0.0.0.0', allowAnonymousRead: true })).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('token names are at most 100 characters, expiry lies ahead', async () => {
    const long = await createToken(db.dataSource, { name: '名'.repeat(101), role: 'VIEWER', unit: '南开区', actor: 'test' });
    expect(long.ok ? null : long.errors[0]?.code).toBe('NAME_TOO_LONG');
    const past = await createToken(db.dataSource, { name: 'x', role: 'ADMIN', actor: 'test', expiresAt: new Date(Date.now() - 1) });
    expect(past.ok ? null : past.errors[0]?.code).toBe('BAD_EXPIRY');
    const soon = await createToken(db.dataSource, { name: 'soon', role: 'ADMIN', actor: 'test', expiresAt: new Date(Date.now() + 60_000) });
    if (!soon.ok) throw new Error('token');
    expect(await authenticate(db.dataSource, soon.value.secret)).not.toBeNull();
    expect((await db.dataSource.getRepository(ApiToken).findOneByOrFail({ id: soon.value.token.id })).lastUsedAt).toBeInstanceOf(Date);
    await db.dataSource.getRepository(ApiToken).update({ id: soon.value.token.id }, { expiresAt: new Date(Date.now() - 1) });
    expect(await authenticate(db.dataSource, soon.value.secret)).toBeNull();
  });
});

describe('binding', () => {
  it('refuses to start beyond loopback without tokens, and says why', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(bindingProblem('127.0.0.1', 0)).toBeNull();
    expect(bindingProblem('0.0.0.0', 0)).toMatch(/HOST=0\.0\.0\.0 .*no API tokens/);
    expect(bindingProblem('0.0.0.0', 1)).toBeNull();
  });
});
