import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { parse } from 'yaml';
import { loadChecklistFile } from '../checklist/checklist-file';
import { importChecklist } from '../pipeline/checklist-import.service';
import { runWrite, type WriteLock } from '../db/write-lock';
import { ingestReport } from '../pipeline/ingest.service';
import { projectRoot } from '../common/project-root';
import { parseUnitFile } from '../units/unit-file';
import { upsertUnits } from '../units/unit.service';

export interface SeedSummary {
  unitsCreated: number;
  checklistCreated: boolean;
  reportsCreated: number;
  reportsSkipped: number;
}

interface ReportSeed {
  file: string;
  unit: string;
  year: number;
  publishedDate?: string;
}

/**
 * Loads the demo data from seeds/ (units, the checklist, the five real reports) through
 * the same services as user input. Idempotent: loading twice adds nothing.
 * Throws with a message naming the file when a seed file is invalid.
 */
export async function loadSeeds(
  dataSource: DataSource,
  lock: WriteLock,
  seedDir = join(projectRoot(), 'seeds'),
  options: { reports: boolean } = { reports: true },
): Promise<SeedSummary> {
  const unitFile = join(seedDir, 'units.yaml');
  const units = parseUnitFile(readFileSync(unitFile, 'utf8'), unitFile);
  if (units.errors.length) throw new Error(units.errors.join('\n'));
  const unitsCreated = await runWrite(dataSource, lock, (m) => upsertUnits(m, units.units));

  const checklistFile = join(seedDir, 'checklist.yaml');
  const parsed = loadChecklistFile(checklistFile);
  if (!parsed.checklist) throw new Error(parsed.errors.map((e) => `${e.file}: item ${e.itemCode ?? '-'}: ${e.field}: ${e.message}`).join('\n'));
  const imported = await importChecklist(dataSource, lock, parsed.checklist, 'seeds/checklist.yaml', 'seed');
  if (!imported.ok) throw new Error(imported.errors.map((e) => e.message).join('\n'));

  const reportsFile = join(seedDir, 'reports.yaml');
  const list = options.reports ? (parse(readFileSync(reportsFile, 'utf8')) as { reports: ReportSeed[] }).reports : [];
  let reportsCreated = 0;
  let reportsSkipped = 0;
  for (const seed of list) {
    const text = readFileSync(join(seedDir, seed.file), 'utf8');
    const result = await ingestReport(
      dataSource,
      lock,
      { text, unit: seed.unit, year: seed.year, source: `seeds/${seed.file}`, publishedDate: seed.publishedDate ?? null, actor: 'seed' },
      { maxReportBytes: Number.MAX_SAFE_INTEGER },
    );
    if (!result.ok) throw new Error(`${reportsFile}: ${seed.file}: ${result.errors.map((e) => e.message).join('; ')}`);
    if (result.value.created) reportsCreated += 1;
    else reportsSkipped += 1;
  }
  return { unitsCreated, checklistCreated: imported.value.created, reportsCreated, reportsSkipped };
}
