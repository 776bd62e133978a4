import type { DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { ChecklistItem } from '../checklist/checklist-item.entity';
import { Checklist } from '../checklist/checklist.entity';
import { runWrite, type WriteLock } from '../db/write-lock';
import { fail, ok, type Outcome } from '../common/user-error';
import { Unit } from '../units/unit.entity';
import { isStored, recomputeAssessment } from './recompute.service';
import { REPORTING_LEVELS } from '../units/reporting-levels';
import { Assessment } from '../assessment/assessment.entity';
import { NotApplicableMarkEntity } from '../assessment/not-applicable.entity';

export interface NotApplicableInput {
  unitId: number;
  checklistId: number;
  year: number;
  itemCode: string;
  /** true marks the item not applicable (justification required); false clears the mark */
  notApplicable: boolean;
  justification?: string | null;
  actor: string;
}

/**
 * Marks an item not applicable for one unit and year (justification required) or clears
 * the mark, records it in the audit trail and recomputes the assessment.
 */
export async function setItemNotApplicable(
  dataSource: DataSource,
  lock: WriteLock,
  input: NotApplicableInput,
): Promise<Outcome<Assessment>> {
  const justification = input.justification?.trim() ?? '';
  if (input.notApplicable && !justification) {
    return fail('JUSTIFICATION_REQUIRED', 'Marking an item not applicable needs a justification.', 'input.justification');
  }
  return runWrite(dataSource, lock, async (manager) => {
    const checked = await checkScope(manager, input.unitId, input.checklistId, input.year);
    if (checked) return checked as Outcome<Assessment>;
    const item = await manager.getRepository(ChecklistItem).findOne({ where: { checklistId: input.checklistId, code: input.itemCode } });
    if (!item) return fail<Assessment>('NOT_FOUND', `The checklist has no item ${input.itemCode}.`, 'input.itemCode');
    if (!item.assessable)
      return fail<Assessment>('ITEM_NOT_ASSESSABLE', `${item.code} is a part heading, not an assessable item.`, 'input.itemCode');
    const marks = manager.getRepository(NotApplicableMarkEntity);
    const where = { unitId: input.unitId, checklistId: input.checklistId, year: input.year, itemCode: item.code };
    const existing = await marks.findOne({ where });
    if (input.notApplicable) {
      if (existing) {
        existing.justification = justification;
        await marks.save(existing);
      } else {
        await marks.save(marks.create({ ...where, justification, createdBy: input.actor }));
      }
    } else if (existing) {
      await marks.delete({ id: existing.id });
    }
    const stored = await manager
      .getRepository(Assessment)
      .findOne({ select: ['id'], where: { unitId: input.unitId, checklistId: input.checklistId, year: input.year } });
    // a unit without a report keeps a stored assessment only while a mark (or a lock) holds it
    const assessment = await recomputeAssessment(manager, input.unitId, input.checklistId, input.year, undefined, undefined, {
      derivable: true,
    });
    await recordAudit(manager, {
      actor: input.actor,
      action: input.notApplicable ? 'ITEM_NOT_APPLICABLE' : 'ITEM_APPLICABLE',
      entityType: 'Assessment',
      entityId: isStored(assessment) ? assessment.id : (stored?.id ?? 0),
      unitId: assessment.unitId,
      before: { item: item.code, notApplicable: Boolean(existing), justification: existing?.justification ?? null },
      after: { item: item.code, notApplicable: input.notApplicable, justification: input.notApplicable ? justification : null },
    });
    return ok(assessment);
  });
}

export interface LockInput {
  unitId: number;
  checklistId: number;
  year: number;
  /** true locks (freezes the numbers), false unlocks and recomputes */
  locked: boolean;
  actor: string;
}

/** Locks an assessment so it keeps its numbers when links or the checklist change later, or unlocks it. */
export async function setAssessmentLock(dataSource: DataSource, lock: WriteLock, input: LockInput): Promise<Outcome<Assessment>> {
  return runWrite(dataSource, lock, async (manager) => {
    const checked = await checkScope(manager, input.unitId, input.checklistId, input.year);
    if (checked) return checked as Outcome<Assessment>;
    const repo = manager.getRepository(Assessment);
    let assessment = await repo.findOne({ where: { unitId: input.unitId, checklistId: input.checklistId, year: input.year } });
    // a lock needs a stored row (also for a unit without a report); an unlock of nothing stores nothing
    assessment ??= await recomputeAssessment(manager, input.unitId, input.checklistId, input.year, undefined, undefined, {
      derivable: !input.locked,
    });
    const before = { locked: assessment.locked };
    let auditId = assessment.id;
    if (assessment.locked === input.locked) return ok(assessment);
    if (input.locked) {
      // an UPDATE of the lock columns only (save() would write the loaded result and its flags back)
      const lockedAt = new Date();
      await repo.update({ id: assessment.id }, { locked: true, lockedAt, lockedBy: input.actor });
      Object.assign(assessment, { locked: true, lockedAt, lockedBy: input.actor, version: assessment.version + 1 });
    } else {
      await repo.update({ id: assessment.id }, { locked: false, lockedAt: null, lockedBy: null });
      // unlocked, a plain "no report" result is derived again, not stored
      assessment = await recomputeAssessment(manager, input.unitId, input.checklistId, input.year, undefined, undefined, {
        derivable: true,
      });
      if (isStored(assessment)) auditId = assessment.id;
    }
    await recordAudit(manager, {
      actor: input.actor,
      action: input.locked ? 'ASSESSMENT_LOCKED' : 'ASSESSMENT_UNLOCKED',
      entityType: 'Assessment',
      entityId: auditId,
      unitId: assessment.unitId,
      before,
      after: { locked: assessment.locked, scoreProposed: assessment.scoreProposed, coverageProposed: assessment.coverageProposed },
    });
    return ok(assessment);
  });
}

async function checkScope(
  manager: import('typeorm').EntityManager,
  unitId: number,
  checklistId: number,
  year: number,
): Promise<Outcome<never> | null> {
  const unit = await manager.getRepository(Unit).findOne({ where: { id: unitId } });
  if (!unit) return fail('NOT_FOUND', 'No such unit.', 'input.unitId');
  if (!(REPORTING_LEVELS as readonly string[]).includes(unit.level)) {
    return fail(
      'NOT_A_REPORTING_UNIT',
      `${unit.name}不是报告单位（只有街道、镇、乡提交年度报告并被考核）：不能对它标记不适用或锁定考核。`,
      'input.unitId',
    );
  }
  const checklist = await manager.getRepository(Checklist).findOne({ where: { id: checklistId } });
  if (!checklist) return fail('NOT_FOUND', 'No such checklist.', 'input.checklistId');
  if (year < checklist.yearFrom || year > checklist.yearTo) {
    return fail('YEAR_OUT_OF_RANGE', `The checklist covers ${checklist.yearFrom}–${checklist.yearTo}.`, 'input.year');
  }
  return null;
}
