import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadChecklistFile } from '../../src/checklist/checklist-file';
import type { ChecklistDefinition } from '../../src/checklist/types';

export const SEED_DIR = join(__dirname, '..', '..', 'seeds');

export interface SeedReport {
  file: string;
  unit: string;
  year: number;
  raw: string;
}

/** The five real reports with the unit and year of seeds/reports.yaml. */
export function seedReports(): SeedReport[] {
  const list = (parse(readFileSync(join(SEED_DIR, 'reports.yaml'), 'utf8')) as { reports: Omit<SeedReport, 'raw'>[] }).reports;
  return list.map((r) => ({ ...r, raw: readFileSync(join(SEED_DIR, r.file), 'utf8') }));
}

export function seedReport(unit: string): SeedReport {
  const found = seedReports().find((r) => r.unit === unit);
  if (!found) throw new Error(`no seed report for ${unit}`);
  return found;
}

/** The demo checklist of seeds/checklist.yaml (fails the test when invalid). */
export function demoChecklist(): ChecklistDefinition {
  const parsed = loadChecklistFile(join(SEED_DIR, 'checklist.yaml'));
  if (!parsed.checklist) throw new Error(JSON.stringify(parsed.errors));
  return parsed.checklist;
}
