import { loadSeeds } from '../../src/seeds/load-seeds';
import { TestClient } from '../helpers/graphql';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

/**
 * coverageMatrix, ranking and flags read narrow storage (assessment_item_status, the list
 * columns of assessment) and derive "no report"; `assessment` reads the full stored result.
 * They must tell the same story, also right after each write that recomputes an assessment.
 */
let db: TestDatabase;
let client: TestClient;
let checklistId: string;
const unitIds = new Map<string, string>();

const MATRIX = `query($p: ID!, $year: Int!) {
  coverageMatrix(parentUnitId: $p, year: $year) {
    rows {
      unit { id name } hasReport flagCount rank
      cells { code status confirmedStatus }
      confirmed { covered partial assessable ratio } proposed { covered partial assessable ratio }
      score { confirmed { earned possible normalised } proposed { earned possible normalised } }
    }
    itemTotals { code covered counts { status count } }
  }
  ranking(parentUnitId: $p, year: $year) {
    rank unit { id } score confirmedScore hasReport coverage { covered partial assessable ratio }
  }
  flags(first: 200, filter: { year: $year, unitIds: [$p] }) { totalCount edges { node { code itemCode severity year unit { id } } } }
}`;

const ASSESSMENT = `query($u: ID!, $year: Int!) {
  assessment(unitId: $u, year: $year) {
    report { id }
    items { code status confirmedStatus evidence { claim { id } link { id state version } } }
    coverage { confirmed { covered partial assessable ratio } proposed { covered partial assessable ratio } }
    score { confirmed { earned possible normalised } proposed { earned possible normalised } }
    flags { code itemCode severity }
  }
}`;

type Assessment = Record<string, any>;

/** The list views of a district and year, checked against each unit's full assessment; returns the assessments by unit name. */
async function checkDistrict(parent: string, year: number): Promise<Map<string, Assessment>> {
  const lists = await client.data(MATRIX, { p: unitIds.get(parent), year });
  const rows: Assessment[] = lists.coverageMatrix.rows;
  expect(rows.length).toBeGreaterThan(0);
  const byName = new Map<string, Assessment>();
  const expectedFlags: string[] = [];
  for (const row of rows) {
    const a = (await client.data(ASSESSMENT, { u: row.unit.id, year })).assessment;
    byName.set(row.unit.name, a);
    expect({ unit: row.unit.name, cells: row.cells }).toEqual({
      unit: row.unit.name,
      cells: a.items.map((i: Assessment) => ({ code: i.code, status: i.status, confirmedStatus: i.confirmedStatus })),
    });
    expect(row.hasReport).toBe(a.report !== null);
    expect(row.confirmed).toEqual(a.coverage.confirmed);
    expect(row.proposed).toEqual(a.coverage.proposed);
    expect(row.score).toEqual(a.score);
    expect(row.flagCount).toBe(a.flags.length);
    const ranked = lists.ranking.find((r: Assessment) => r.unit.id === row.unit.id);
    expect(ranked).toMatchObject({
      rank: row.rank,
      score: a.score.proposed.normalised,
      confirmedScore: a.score.confirmed.normalised,
      hasReport: a.report !== null,
      coverage: a.coverage.proposed,
    });
    for (const f of a.flags) expectedFlags.push(`${row.unit.id} ${f.code} ${f.itemCode} ${f.severity} ${year}`);
  }
  expect(lists.ranking.length).toBe(rows.length);
  const listed = lists.flags.edges.map(
    (e: Assessment) => `${e.node.unit.id} ${e.node.code} ${e.node.itemCode} ${e.node.severity} ${e.node.year}`,
  );
  expect(lists.flags.totalCount).toBe(expectedFlags.length);
  expect([...listed].sort()).toEqual([...expectedFlags].sort());
  for (const [index, totals] of lists.coverageMatrix.itemTotals.entries()) {
    const covered = rows.filter((r) => r.cells[index].status === 'COVERED').length;
    expect(totals.covered).toBe(covered);
  }
  return byName;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  client = new TestClient(db);
  const units = await client.data(`{ units(first: 100) { edges { node { id name } } } }`);
  for (const e of units.units.edges) unitIds.set(e.node.name, e.node.id);
  checklistId = (await client.data(`{ checklists { id } }`)).checklists[0].id;
});
afterAll(async () => db?.close());

describe('coverageMatrix, ranking and flags agree with the full assessment', () => {
  it.each([
    ['南开区', 2022],
    ['南开区', 2023],
    ['滨海新区', 2021],
    ['滨海新区', 2022],
    ['临淄区', 2023],
  ])('%s %i, units with and without a report', async (parent, year) => {
    const byName = await checkDistrict(parent, year);
    expect([...byName.values()].some((a) => a.report === null) || [...byName.values()].every((a) => a.report !== null)).toBe(true);
  });

  it('after a review, a manual link, a not-applicable mark and a lock: the narrow rows follow every recompute', async () => {
    const cell = async (code: string) => {
      const m = await client.data(MATRIX, { p: unitIds.get('南开区'), year: 2022 });
      return m.coverageMatrix.rows.find((r: Assessment) => r.unit.name === '万兴街').cells.find((c: Assessment) => c.code === code);
    };
    // accept the proposed links of 7.4: confirmed becomes COVERED in the matrix too
    let a = (await checkDistrict('南开区', 2022)).get('万兴街')!;
    const item74 = a.items.find((i: Assessment) => i.code === '7.4');
    expect(item74.confirmedStatus).toBe('MISSING');
    for (const e of item74.evidence) {
      const r = await client.data(
        `mutation($input: ReviewEvidenceLinkInput!) { reviewEvidenceLink(input: $input) { userErrors { code } } }`,
        { input: { linkId: e.link.id, action: 'ACCEPT', expectedVersion: e.link.version } },
      );
      expect(r.reviewEvidenceLink.userErrors).toEqual([]);
    }
    expect(await cell('7.4')).toMatchObject({ status: 'COVERED', confirmedStatus: 'COVERED' });
    a = (await checkDistrict('南开区', 2022)).get('万兴街')!;

    // reject every proposed link of an item that has evidence: its status falls in the matrix
    const covered = a.items.find((i: Assessment) => i.status === 'COVERED' && i.confirmedStatus === 'MISSING');
    for (const e of covered.evidence) {
      await client.data(`mutation($input: ReviewEvidenceLinkInput!) { reviewEvidenceLink(input: $input) { userErrors { code } } }`, {
        input: { linkId: e.link.id, action: 'REJECT', reason: '不是该项工作', expectedVersion: e.link.version },
      });
    }
    expect((await cell(covered.code)).status).not.toBe('COVERED');
    a = (await checkDistrict('南开区', 2022)).get('万兴街')!;

    // link a claim by hand to an item that had none
    const missing = a.items.find((i: Assessment) => i.status === 'MISSING');
    const claimId = a.items.find((i: Assessment) => i.evidence.length > 0).evidence[0].claim.id;
    const items = await client.data(`query($id: ID!) { node(id: $id) { ... on Checklist { items { id code } } } }`, { id: checklistId });
    const itemId = items.node.items.find((i: Assessment) => i.code === missing.code).id;
    const added = await client.data(`mutation($input: AddEvidenceLinkInput!) { addEvidenceLink(input: $input) { userErrors { code } } }`, {
      input: { claimId, itemId, reason: '人工关联' },
    });
    expect(added.addEvidenceLink.userErrors).toEqual([]);
    expect((await cell(missing.code)).status).not.toBe('MISSING');
    await checkDistrict('南开区', 2022);

    // not applicable, with and without a report
    const NA = `mutation($input: SetItemNotApplicableInput!) { setItemNotApplicable(input: $input) { userErrors { code } } }`;
    for (const [unit, year] of [
      ['万兴街', 2022],
      ['万兴街', 2023],
    ] as const) {
      await client.data(NA, {
        input: { unitId: unitIds.get(unit), checklistId, year, itemCode: '9.1', notApplicable: true, justification: '无此职能' },
      });
      const byName = await checkDistrict('南开区', year);
      expect(byName.get(unit)!.items.find((i: Assessment) => i.code === '9.1').status).toBe('NOT_APPLICABLE');
      expect(byName.get(unit)!.coverage.proposed.assessable).toBe(30);
    }
    await client.data(NA, { input: { unitId: unitIds.get('万兴街'), checklistId, year: 2023, itemCode: '9.1', notApplicable: false } });
    expect((await checkDistrict('南开区', 2023)).get('万兴街')!.coverage.proposed.assessable).toBe(31);

    // a locked assessment keeps its numbers in the list views as in the assessment
    const LOCK = `mutation($input: LockAssessmentInput!) { lockAssessment(input: $input) { userErrors { code } } }`;
    await client.data(LOCK, { input: { unitId: unitIds.get('万兴街'), checklistId, year: 2022, locked: true } });
    await client.data(NA, {
      input: { unitId: unitIds.get('万兴街'), checklistId, year: 2022, itemCode: '9.1', notApplicable: false },
    });
    expect((await cell('9.1')).status).toBe('NOT_APPLICABLE');
    await checkDistrict('南开区', 2022);
    await client.data(LOCK, { input: { unitId: unitIds.get('万兴街'), checklistId, year: 2022, locked: false } });
    expect((await cell('9.1')).status).not.toBe('NOT_APPLICABLE');
    await checkDistrict('南开区', 2022);
  });
});

/**
 * `ranking` keeps a district's summaries with the data version they were read at (the
 * `flags:*` counters that triggers on units, assessments and flags bump): a write in plain SQL,
 * through no service, still reaches the next answer, and a scoped caller ranks its scope only.
 */
describe('ranking kept between writes', () => {
  const RANKING = `query($p: ID!, $year: Int!) { ranking(parentUnitId: $p, year: $year) { rank score hasReport unit { id name } } }`;
  type Entry = { rank: number; score: number; hasReport: boolean; unit: { id: string; name: string } };
  const ranking = async (caller?: Parameters<TestClient['data']>[2]): Promise<Entry[]> =>
    (await client.data<{ ranking: Entry[] }>(RANKING, { p: unitIds.get('南开区'), year: 2022 }, caller)).ranking;
  const dbId = (globalId: string): number => Number(Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]);

  it('follows a score and a name changed in SQL; a scoped caller gets its scope ranked', async () => {
    const before = await ranking();
    expect(await ranking()).toEqual(before); // read, then kept
    const reported = before.find((e) => e.hasReport)!;
    const unreported = before.find((e) => !e.hasReport)!;
    expect(reported.score).toBeGreaterThan(0);
    expect(unreported.rank).toBeGreaterThan(1);
    const [row] = (await db.dataSource.query(
      `SELECT "id", "scoreProposed" FROM "assessment" WHERE "unitId" = ${dbId(reported.unit.id)} AND "year" = 2022`,
    )) as Array<{ id: number; scoreProposed: number }>;
    await db.dataSource.query(`UPDATE "assessment" SET "scoreProposed" = 0 WHERE "id" = ${row!.id}`);
    await db.dataSource.query(`UPDATE "unit" SET "name" = '${reported.unit.name}甲' WHERE "id" = ${dbId(reported.unit.id)}`);
    try {
      const after = await ranking();
      expect(after.find((e) => e.unit.id === reported.unit.id)).toMatchObject({
        rank: 1,
        score: 0,
        unit: { name: `${reported.unit.name}甲` },
      });
      expect(after.every((e) => e.rank === 1)).toBe(true); // every score 0: ties share the rank
    } finally {
      await db.dataSource.query(`UPDATE "assessment" SET "scoreProposed" = ${row!.scoreProposed} WHERE "id" = ${row!.id}`);
      await db.dataSource.query(`UPDATE "unit" SET "name" = '${reported.unit.name}' WHERE "id" = ${dbId(reported.unit.id)}`);
    }
    expect(await ranking()).toEqual(before);

    // a caller who sees the district and only its unit without a report: ranked first among its scope (the kept answer is the whole district's)
    const scoped = await ranking({
      name: 'scoped',
      role: 'VIEWER',
      scope: new Set([dbId(unitIds.get('南开区')!), dbId(unreported.unit.id)]),
    });
    expect(scoped).toEqual([{ ...unreported, rank: 1 }]);
  });
});
