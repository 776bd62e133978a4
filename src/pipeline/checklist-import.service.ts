import { changeCommitted } from '../db/change-notices';
import type { DataSource } from 'typeorm';
import { recomputeAssessment } from './recompute.service';
import { recordAudit } from '../audit/audit.service';
import { runWrite, type WriteLock } from '../db/write-lock';
import { carryOverReviews } from '../evidence/carry-over.service';
import { proposeLinksForReport } from './link.service';
import { Claim } from '../reports/claim.entity';
import { MetricValue } from '../reports/metric-value.entity';
import { Report } from '../reports/report.entity';
import { ReportSection } from '../reports/report-section.entity';
import type { Outcome } from '../common/user-error';
import { Checklist } from '../checklist/checklist.entity';
import { loadChecklistDefinition, storeChecklist, type ImportedChecklist } from '../checklist/checklist.service';
import type { ChecklistDefinition } from '../checklist/types';

/**
 * Imports a validated checklist definition in one transaction: stores the new version,
 * links every current report in its year range to the new items (links of older
 * versions stay on the old items, with the text they were made against), carries the
 * reviews of the previous version over (src/evidence/carry-over.service.ts: unchanged
 * items keep their reviews, accepted links of changed items become SUSPECT) and computes
 * the assessments of the units with a report (those without one are "no report", derived
 * when read, not stored). Assessments of older versions are not touched (locked or not).
 * Re-importing the same definition is a no-op.
 */
export async function importChecklist(
  dataSource: DataSource,
  lock: WriteLock,
  definition: ChecklistDefinition,
  source: string,
  actor: string,
): Promise<Outcome<ImportedChecklist>> {
  const outcome = await runWrite(dataSource, lock, async (manager) => {
    const stored = await storeChecklist(manager, definition, source);
    if (!stored.ok || !stored.value.created) return stored;
    const { checklist } = stored.value;
    const loaded = await loadChecklistDefinition(manager, checklist.id);
    const previousRow = await manager
      .getRepository(Checklist)
      .createQueryBuilder('c')
      .where('c.key = :key AND c.version < :version', { key: checklist.key, version: checklist.version })
      .orderBy('c.version', 'DESC')
      .getOne();
    const previous = previousRow ? await loadChecklistDefinition(manager, previousRow.id) : null;
    const carried = { carried: 0, suspect: 0 };
    const reports = await manager
      .getRepository(Report)
      .createQueryBuilder('r')
      .select(['r.id', 'r.unitId', 'r.year'])
      .where('r.state = :state AND r.year BETWEEN :from AND :to', {
        state: 'CURRENT',
        from: checklist.yearFrom,
        to: checklist.yearTo,
      })
      .orderBy('r.id')
      .getMany();
    for (const report of reports) {
      const claims = await manager.getRepository(Claim).find({ where: { reportId: report.id }, order: { position: 'ASC' } });
      const metrics = await manager.getRepository(MetricValue).find({ where: { reportId: report.id } });
      const sections = await manager
        .getRepository(ReportSection)
        .find({ select: { path: true, heading: true }, where: { reportId: report.id } });
      await proposeLinksForReport(manager, report.id, claims, metrics, sections, loaded);
      if (previous) {
        const r = await carryOverReviews(manager, report.id, previous, loaded);
        carried.carried += r.carried;
        carried.suspect += r.suspect;
      }
      await recomputeAssessment(manager, report.unitId, checklist.id, report.year, loaded);
    }
    await recordAudit(manager, {
      actor,
      action: 'CHECKLIST_IMPORTED',
      entityType: 'Checklist',
      entityId: checklist.id,
      before: null,
      after: {
        key: checklist.key,
        version: checklist.version,
        items: definition.items.length,
        source,
        ...(previous
          ? { previousVersion: previous.checklist.version, reviewsCarried: carried.carried, linksSuspect: carried.suspect }
          : {}),
      },
      succeeded: true,
    });
    return stored;
  });
  // this process reads the new version at once (other processes when its notice arrives)
  changeCommitted(dataSource);
  return outcome;
}
