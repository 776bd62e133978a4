import { In, type DataSource } from 'typeorm';
import type { LoadedChecklist } from '../checklist/checklist.service';
import { Unit } from '../units/unit.entity';
import { assess } from './assess';
import { REPORTING_LEVELS } from './assessment.service';
import { Assessment } from './assessment.entity';
import type { AssessmentResult } from './types';

/** One unit's assessment for a checklist and year: stored, or computed on the fly when none is stored. */
export interface UnitAssessment {
  unit: Unit;
  stored: Assessment | null;
  result: AssessmentResult;
}

const CHUNK = 500;

/**
 * The reporting units (街道, 镇) in the subtree of `parentId`, by name, in one recursive
 * query (works on SQLite and PostgreSQL).
 */
export async function reportingUnitsUnder(ds: DataSource, parentId: number): Promise<Unit[]> {
  const rows: { id: number }[] = await ds.query(
    `WITH RECURSIVE sub(id) AS (SELECT id FROM unit WHERE id = $1 UNION ALL SELECT u.id FROM unit u JOIN sub ON u."parentId" = sub.id) SELECT id FROM sub`.replace(
      '$1',
      ds.options.type === 'postgres' ? '$1' : '?',
    ),
    [parentId],
  );
  const ids = rows.map((r) => Number(r.id));
  const units: Unit[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    units.push(...(await ds.getRepository(Unit).find({ where: { id: In(ids.slice(i, i + CHUNK)), level: In([...REPORTING_LEVELS]) } })));
  }
  return units.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
}

/**
 * Assessments of many units for one checklist and year, in one query per 500 units. A
 * unit without a stored assessment gets one computed in memory as "no report"
 * (REPORT_MISSING), without writing anything.
 */
export async function assessmentsForUnits(
  ds: DataSource,
  units: Unit[],
  loaded: LoadedChecklist,
  year: number,
): Promise<UnitAssessment[]> {
  const stored = new Map<number, Assessment>();
  for (let i = 0; i < units.length; i += CHUNK) {
    const rows = await ds.getRepository(Assessment).find({
      where: { checklistId: loaded.checklist.id, year, unitId: In(units.slice(i, i + CHUNK).map((u) => u.id)) },
    });
    for (const row of rows) stored.set(row.unitId, row);
  }
  let missing: AssessmentResult | null = null;
  return units.map((unit) => {
    const row = stored.get(unit.id) ?? null;
    if (row) return { unit, stored: row, result: row.result };
    missing ??= assess({ checklist: loaded.definition, hasReport: false, claims: [], metrics: [], links: [], notApplicable: [] });
    return { unit, stored: null, result: missing };
  });
}
