import ExcelJS from 'exceljs';
import { writeDistrictExport } from '../../src/exports/district-export';
import { HEADER_ROW, SHEETS } from '../../src/exports/workbook';
import { fromGlobalId } from '../../src/graphql/relay';
import { importChecklist } from '../../src/pipeline/checklist-import.service';
import type { ChecklistDefinition } from '../../src/checklist/types';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { TestClient } from '../helpers/graphql';
import { demoChecklist } from '../helpers/seeds';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

let db: TestDatabase;
let client: TestClient;
let wanxing: string;
let jixia: string;
let v1: string;
let wanxingParent: string;

const ITEMS = `query($unit: ID!, $year: Int!, $checklist: ID, $codes: [String!]) {
  assessment(unitId: $unit, year: $year, checklistId: $checklist) {
    checklist { version }
    locked
    coverage { confirmed { covered } proposed { covered } }
    score { confirmed { normalised } proposed { normalised } }
    flags { code itemCode message }
    items(filter: { codes: $codes }) {
      code status confirmedStatus
      evidence { claim { id } link { id state version carriedOver itemChange { before after diff parts { kind text } } } }
    }
  }
}`;
const REVIEW = `mutation($input: ReviewEvidenceLinkInput!) {
  reviewEvidenceLink(input: $input) { link { state } userErrors { code message } }
}`;

async function assessment(unit: string, year: number, codes: string[], checklist?: string) {
  return (await client.data(ITEMS, { unit, year, codes, checklist })).assessment;
}

async function acceptAll(unit: string, year: number, code: string): Promise<void> {
  for (const e of (await assessment(unit, year, [code])).items[0].evidence) {
    const r = await client.data(REVIEW, { input: { linkId: e.link.id, action: 'ACCEPT', expectedVersion: e.link.version } });
    expect(r.reviewEvidenceLink.userErrors).toEqual([]);
  }
}

/** The next version of the demo checklist: item 7.4 reworded, everything else as in seeds/checklist.yaml. */
function version2(): ChecklistDefinition {
  const def = demoChecklist();
  return {
    ...def,
    version: def.version + 1,
    items: def.items.map((i) => (i.code === '7.4' ? { ...i, text: `${i.text}出庭应诉情况每半年向区政府报告一次。` } : i)),
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await loadSeeds(db.dataSource, db.lock);
  client = new TestClient(db);
  const units = await client.data(`{ units(first: 50) { edges { node { id name } } } }`);
  const ids = new Map<string, string>(units.units.edges.map((e: { node: { id: string; name: string } }) => [e.node.name, e.node.id]));
  wanxing = ids.get('万兴街')!;
  wanxingParent = ids.get('南开区')!;
  jixia = ids.get('稷下街道')!;
  v1 = (await client.data(`{ checklists { id version } }`)).checklists[0].id;
});
afterAll(async () => db?.close());

describe('suspect links after a checklist revision', () => {
  let lockedBefore: Record<string, unknown>;

  it("version 2 makes the reworded item's accepted links SUSPECT with the diff, keeps the unchanged item's ACCEPTED", async () => {
    await acceptAll(wanxing, 2022, '7.4');
    await acceptAll(wanxing, 2022, '1.1');
    const before = await assessment(wanxing, 2022, ['1.1', '7.4']);
    expect(before.items.map((i: { confirmedStatus: string }) => i.confirmedStatus)).toEqual(['COVERED', 'COVERED']);
    // 稷下街道's v1 assessment is locked: it keeps its numbers whatever happens later
    await client.data(`mutation($i: LockAssessmentInput!) { lockAssessment(input: $i) { userErrors { code } } }`, {
      i: { unitId: jixia, checklistId: v1, year: 2023 },
    });
    lockedBefore = await assessment(jixia, 2023, ['7.4'], v1);

    const imported = await importChecklist(db.dataSource, db.lock, version2(), 'test: v2', 'test');
    expect(imported.ok && imported.value.created).toBe(true);

    const after = await assessment(wanxing, 2022, ['1.1', '7.4']);
    expect(after.checklist.version).toBe(demoChecklist().version + 1);
    const [study, court] = after.items;
    // unchanged item: the reviews carried over untouched
    expect(study.evidence.map((e: { link: { state: string } }) => e.link.state)).toEqual(before.items[0].evidence.map(() => 'ACCEPTED'));
    expect(
      study.evidence.every(
        (e: { link: { carriedOver: boolean; itemChange: unknown } }) => e.link.carriedOver && e.link.itemChange === null,
      ),
    ).toBe(true);
    expect(study.confirmedStatus).toBe('COVERED');
    // reworded item: SUSPECT, counted as proposed only, with the diff of the item text
    expect(court.evidence.length).toBe(before.items[1].evidence.length);
    for (const e of court.evidence) {
      expect(e.link.state).toBe('SUSPECT');
      expect(e.link.itemChange.diff).toContain('{+出庭应诉情况每半年向区政府报告一次。+}');
      expect(e.link.itemChange.after).toContain('出庭应诉情况每半年向区政府报告一次。');
      expect(e.link.itemChange.before).not.toContain('每半年');
      expect(e.link.itemChange.parts.filter((p: { kind: string }) => p.kind === 'ADDED').map((p: { text: string }) => p.text)).toEqual([
        '出庭应诉情况每半年向区政府报告一次。',
      ]);
    }
    expect(court).toMatchObject({ status: 'COVERED', confirmedStatus: 'MISSING' });
    const suspect = after.flags.filter((f: { code: string }) => f.code === 'LINK_SUSPECT');
    expect(suspect.map((f: { itemCode: string }) => f.itemCode)).toEqual(['7.4']);
    expect(suspect[0].message).toMatch(/待复核/);

    // the district workbook lists them with the diff
    const [file] = await writeDistrictExport(db.dataSource, { year: 2022, parentUnitId: fromGlobalId(wanxingParent)!.id, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file!.data as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet(SHEETS.suspect)!;
    const rows = [];
    for (let r = HEADER_ROW.suspect + 1; r <= sheet.rowCount; r += 1) rows.push(sheet.getRow(r).values as unknown[]);
    expect(rows.map((r) => [r[1], r[2]])).toEqual(court.evidence.map(() => ['万兴街', '7.4']));
    expect(String(rows[0]?.[5])).toContain('{+出庭应诉情况每半年向区政府报告一次。+}');
  });

  it('confirming a SUSPECT link restores it; the locked assessment keeps its numbers', async () => {
    const court = (await assessment(wanxing, 2022, ['7.4'])).items[0];
    const accept = await client.data(REVIEW, { input: { linkId: court.evidence[0].link.id, action: 'ACCEPT' } });
    expect(accept.reviewEvidenceLink.userErrors[0].code).toBe('INVALID_TRANSITION');
    for (const e of court.evidence) {
      const r = await client.data(REVIEW, { input: { linkId: e.link.id, action: 'CONFIRM', expectedVersion: e.link.version } });
      expect(r.reviewEvidenceLink).toEqual({ link: { state: 'ACCEPTED' }, userErrors: [] });
    }
    const after = await assessment(wanxing, 2022, ['7.4']);
    expect(after.items[0]).toMatchObject({ status: 'COVERED', confirmedStatus: 'COVERED' });
    expect(after.flags.filter((f: { code: string }) => f.code === 'LINK_SUSPECT')).toEqual([]);
    // version 1 is untouched: its links are still ACCEPTED, the locked assessment unchanged
    const old = await assessment(wanxing, 2022, ['7.4'], v1);
    expect(
      old.items[0].evidence.every(
        (e: { link: { state: string; carriedOver: boolean } }) => e.link.state === 'ACCEPTED' && !e.link.carriedOver,
      ),
    ).toBe(true);
    expect(await assessment(jixia, 2023, ['7.4'], v1)).toEqual(lockedBefore);
    expect(lockedBefore.locked).toBe(true);
  });
});
