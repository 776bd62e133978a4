import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { ADMIN, READER, TestClient } from '../helpers/graphql';
import { SEED_DIR } from '../helpers/seeds';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let client: TestClient;
let unitId: string;
let checklistId: string;

const ASSESSMENT = `query($unitId: ID!, $year: Int!, $codes: [String!]) {
  assessment(unitId: $unitId, year: $year) {
    locked
    coverage { confirmed { covered partial assessable ratio } proposed { covered partial assessable ratio } }
    score { confirmed { normalised } proposed { normalised } }
    items(filter: { codes: $codes }) {
      code status confirmedStatus
      evidence { claim { id text } link { id state version method } }
    }
  }
}`;

async function item(code: string) {
  const data = await client.data(ASSESSMENT, { unitId, year: 2022, codes: [code] });
  return { assessment: data.assessment, item: data.assessment.items[0] };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  client = new TestClient(db);
  const units = await client.data(`{ units(filter: { nameContains: "万兴" }) { edges { node { id } } } }`);
  unitId = units.units.edges[0].node.id;
  checklistId = (await client.data(`{ checklists { id } }`)).checklists[0].id;
});
afterAll(async () => db?.close());

const REVIEW = `mutation($input: ReviewEvidenceLinkInput!) {
  reviewEvidenceLink(input: $input) { link { id state version reason reviewer } userErrors { field code message } }
}`;

describe('reviewing evidence links', () => {
  it('accepting a proposed link makes the item confirmed and recomputes coverage', async () => {
    const { item: before, assessment: a0 } = await item('7.4');
    expect(before).toMatchObject({ status: 'COVERED', confirmedStatus: 'MISSING' });
    const link = before.evidence[0].link;
    expect(link).toMatchObject({ state: 'PROPOSED', method: 'RULE' });
    const result = await client.data(REVIEW, { input: { linkId: link.id, action: 'ACCEPT', expectedVersion: link.version } });
    expect(result.reviewEvidenceLink.userErrors).toEqual([]);
    expect(result.reviewEvidenceLink.link).toMatchObject({ state: 'ACCEPTED', version: link.version + 1, reviewer: ADMIN.name });
    const { item: after, assessment: a1 } = await item('7.4');
    expect(after.confirmedStatus).toBe('COVERED');
    expect(a1.coverage.confirmed.covered).toBe(a0.coverage.confirmed.covered + 1);
    expect(a1.coverage.proposed).toEqual(a0.coverage.proposed);
  });

  it('refuses a stale version, records both attempts in the audit trail, and enforces the declared transitions', async () => {
    const { item: before } = await item('7.4');
    const link = before.evidence[0].link;
    const stale = await client.data(REVIEW, { input: { linkId: link.id, action: 'REOPEN', expectedVersion: link.version - 1 } });
    expect(stale.reviewEvidenceLink.userErrors[0].code).toBe('STALE_VERSION');
    const invalid = await client.data(REVIEW, { input: { linkId: link.id, action: 'REJECT', reason: 'wrong item' } });
    expect(invalid.reviewEvidenceLink.userErrors[0].code).toBe('INVALID_TRANSITION');
    const audit = await db.dataSource.getRepository(AuditEntry).find({ where: { entityType: 'EvidenceLink' }, order: { id: 'ASC' } });
    expect(audit.map((a) => `${a.action}:${a.succeeded}`)).toEqual(['LINK_ACCEPT:true', 'LINK_REOPEN:false', 'LINK_REJECT:false']);
  });

  it('needs a reason to reject; a rejected link no longer counts anywhere', async () => {
    const { item: before } = await item('10.4');
    expect(before.status).toBe('COVERED');
    for (const e of before.evidence) {
      const noReason = await client.data(REVIEW, { input: { linkId: e.link.id, action: 'REJECT' } });
      expect(noReason.reviewEvidenceLink.userErrors[0]).toMatchObject({ code: 'REASON_REQUIRED', field: 'input.reason' });
      const rejected = await client.data(REVIEW, {
        input: { linkId: e.link.id, action: 'REJECT', reason: 'not about leaders studying law' },
      });
      expect(rejected.reviewEvidenceLink.link).toMatchObject({ state: 'REJECTED', reason: 'not about leaders studying law' });
    }
    const { item: after } = await item('10.4');
    expect(after.status).not.toBe('COVERED');
    expect(after.evidence).toEqual([]);
  });

  it('adds a manual link that counts as confirmed evidence, and refuses a duplicate', async () => {
    const { item: missing } = await item('7.3');
    const report = await client.data(`query($id: ID!) { unit(id: $id) { reports { claims { id text } } } }`, { id: unitId });
    const claim = report.unit.reports[0].claims.find((c: { text: string }) => c.text.includes('为我街政府信息公开、行政复议、行政诉讼'));
    expect(claim).toBeDefined();
    const cl = await client.data(`query($id: ID!) { checklist(id: $id) { item(code: "7.3") { id } } }`, { id: checklistId });
    const ADD = `mutation($input: AddEvidenceLinkInput!) { addEvidenceLink(input: $input) { link { state method confidence } userErrors { code } } }`;
    const added = await client.data(ADD, {
      input: { claimId: claim.id, itemId: cl.checklist.item.id, reason: 'the legal adviser handles 行政复议' },
    });
    expect(added.addEvidenceLink).toEqual({ link: { state: 'ACCEPTED', method: 'MANUAL', confidence: 1 }, userErrors: [] });
    const { item: after } = await item('7.3');
    expect(missing.status === 'COVERED').toBe(false);
    expect(after).toMatchObject({ status: 'COVERED', confirmedStatus: 'COVERED' });
    const again = await client.data(ADD, { input: { claimId: claim.id, itemId: cl.checklist.item.id } });
    expect(again.addEvidenceLink.userErrors[0].code).toBe('LINK_EXISTS');
  });

  it('marks an item not applicable only with a justification, and it leaves the assessable count', async () => {
    const SET = `mutation($input: SetItemNotApplicableInput!) {
      setItemNotApplicable(input: $input) { assessment { coverage { proposed { assessable } } } userErrors { code field } }
    }`;
    const base = { unitId, checklistId, year: 2022, itemCode: '9.1', notApplicable: true };
    const refused = await client.data(SET, { input: { ...base, justification: '   ' } });
    expect(refused.setItemNotApplicable.userErrors).toEqual([{ code: 'JUSTIFICATION_REQUIRED', field: 'input.justification' }]);
    const done = await client.data(SET, { input: { ...base, justification: 'The street has no own information platform.' } });
    expect(done.setItemNotApplicable.assessment.coverage.proposed.assessable).toBe(30);
    expect((await item('9.1')).item.status).toBe('NOT_APPLICABLE');
  });

  it('a locked assessment keeps its numbers when links change later', async () => {
    const LOCK = `mutation($input: LockAssessmentInput!) { lockAssessment(input: $input) { assessment { locked coverage { confirmed { covered } } } userErrors { code } } }`;
    const locked = await client.data(LOCK, { input: { unitId, checklistId, year: 2022 } });
    expect(locked.lockAssessment.assessment.locked).toBe(true);
    const { assessment: frozen, item: court } = await item('7.4');
    const link = court.evidence[0].link;
    await client.data(REVIEW, { input: { linkId: link.id, action: 'REOPEN' } });
    const { assessment: still, item: courtAfter } = await item('7.4');
    expect(still.coverage).toEqual(frozen.coverage);
    expect(courtAfter.confirmedStatus).toBe('COVERED');
    const unlocked = await client.data(LOCK, { input: { unitId, checklistId, year: 2022, locked: false } });
    expect(unlocked.lockAssessment.assessment.locked).toBe(false);
    expect(unlocked.lockAssessment.assessment.coverage.confirmed.covered).toBe(frozen.coverage.confirmed.covered - 1);
  });

  it('refuses changes from a read-only caller with FORBIDDEN', async () => {
    const { item: court } = await item('7.4');
    const result = await client.run(REVIEW, { input: { linkId: court.evidence[0].link.id, action: 'ACCEPT' } }, READER);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('importChecklist', () => {
  const IMPORT = `mutation($input: ImportChecklistInput!) { importChecklist(input: $input) { created checklist { id version } userErrors { field code message } } }`;
  const yaml = readFileSync(join(SEED_DIR, 'checklist.yaml'), 'utf8');
  const seedVersion = Number(/^version: (\d+)$/m.exec(yaml)?.[1]);
  const withVersion = (text: string, v: number) => text.replace(/^version: \d+$/m, `version: ${v}`);

  it('is a no-op for the same definition and refuses a changed one under the same version', async () => {
    const same = await client.data(IMPORT, { input: { yaml } });
    expect(same.importChecklist).toMatchObject({ created: false, userErrors: [] });
    const changed = yaml.replace(/title: 行政机关负责人出庭应诉(?=\s)/, 'title: 行政机关负责人出庭应诉（修订）');
    expect(changed).not.toBe(yaml);
    const refused = await client.data(IMPORT, { input: { yaml: changed } });
    expect(refused.importChecklist.userErrors[0].code).toBe('CHECKLIST_VERSION_EXISTS');
  });

  it('imports a new version without rewriting links made against the old item text', async () => {
    const v2 = withVersion(yaml, seedVersion + 1).replace(/title: 行政机关负责人出庭应诉(?=\s)/, 'title: 行政机关负责人出庭应诉（修订）');
    const result = await client.data(IMPORT, { input: { yaml: v2 } });
    expect(result.importChecklist).toMatchObject({ created: true, checklist: { version: seedVersion + 1 }, userErrors: [] });
    const links = await client.data(
      `query($id: ID!) { unit(id: $id) { reports { claims(filter: { linked: true }) { links { itemText item { code checklist { version } } } } } } }`,
      { id: unitId },
    );
    const court = links.unit.reports[0].claims
      .flatMap((c: { links: unknown[] }) => c.links)
      .filter((l: { item: { code: string } }) => l.item.code === '7.4');
    const byVersion = new Map(
      court.map((l: { item: { checklist: { version: number } }; itemText: string }) => [l.item.checklist.version, l.itemText]),
    );
    expect(String(byVersion.get(seedVersion))).toMatch(/^行政机关负责人出庭应诉\n/);
    expect(String(byVersion.get(seedVersion + 1))).toMatch(/^行政机关负责人出庭应诉（修订）\n/);
  });

  it('gives each problem of a bad file as a user error naming item and field, importing nothing', async () => {
    const bad = withVersion(yaml, seedVersion + 2).replace(/threshold: 100\b/, 'threshold: lots');
    const result = await client.data(IMPORT, { input: { yaml: bad, fileName: 'bad.yaml' } });
    expect(result.importChecklist.created).toBe(false);
    expect(result.importChecklist.userErrors.length).toBeGreaterThan(0);
    expect(result.importChecklist.userErrors[0].message).toMatch(/bad\.yaml: item [\d.]+: targets\[0\]\.threshold/);
    expect((await client.data(`{ checklists { version } }`)).checklists.map((c: { version: number }) => c.version)).toEqual([
      seedVersion + 1,
      seedVersion,
    ]);
  });
});
