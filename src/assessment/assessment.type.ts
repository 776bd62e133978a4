import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { FlagCodeEnum, ItemStatusEnum, SeverityEnum } from '../checklist/checklist.type';
import { QualifierEnum } from '../reports/report.type';
import { ConnectionType, Node, toGlobalId } from '../graphql/relay';
import type { LocalText } from '../i18n/messages';
import type { ListedFlag } from './flag-list.store';
import type { Assessment } from './assessment.entity';
import type { Unit } from '../units/unit.entity';
import type { AssessmentResult, CoverageCount, FlagResult, ItemResult, PartCoverage, ScoreResult, TargetCheck } from './types';

@ObjectType('CoverageCount', { description: 'Covered items out of assessable items, with the raw counts beside the ratio.' })
export class CoverageCountType {
  @Field(() => Int, { description: 'Items with status COVERED.' })
  covered: number;

  @Field(() => Int, { description: 'Items with status PARTIAL (not counted in covered).' })
  partial: number;

  @Field(() => Int, { description: 'Assessable items minus justified not-applicable ones.' })
  assessable: number;

  @Field(() => Float, { description: 'covered / assessable; 0 when nothing is assessable.' })
  ratio: number;

  static from(c: CoverageCount): CoverageCountType {
    return Object.assign(new CoverageCountType(), c);
  }
}

@ObjectType('PartCoverage')
export class PartCoverageType {
  @Field()
  partCode: string;

  @Field()
  title: string;

  @Field(() => CoverageCountType)
  confirmed: CoverageCountType;

  @Field(() => CoverageCountType)
  proposed: CoverageCountType;

  static from(p: PartCoverage): PartCoverageType {
    return Object.assign(new PartCoverageType(), {
      partCode: p.partCode,
      title: p.title,
      confirmed: CoverageCountType.from(p.confirmed),
      proposed: CoverageCountType.from(p.proposed),
    });
  }
}

@ObjectType('Coverage', { description: 'confirmed counts accepted links only; proposed counts accepted + proposed (rejected never).' })
export class CoverageType {
  @Field(() => CoverageCountType)
  confirmed: CoverageCountType;

  @Field(() => CoverageCountType)
  proposed: CoverageCountType;

  @Field(() => [PartCoverageType], { description: 'Per part (1 … 10).' })
  byPart: PartCoverageType[];

  static from(c: AssessmentResult['coverage']): CoverageType {
    return Object.assign(new CoverageType(), {
      confirmed: CoverageCountType.from(c.confirmed),
      proposed: CoverageCountType.from(c.proposed),
      byPart: c.byPart.map(PartCoverageType.from),
    });
  }
}

@ObjectType('ScoreValue')
export class ScoreValueType {
  @Field(() => Float, { description: 'Sum of points × status factor.' })
  earned: number;

  @Field(() => Float, { description: 'Sum of points of assessable items.' })
  possible: number;

  @Field(() => Float, { description: 'earned / possible × 100, 2 decimals.' })
  normalised: number;

  static from(s: ScoreResult): ScoreValueType {
    return Object.assign(new ScoreValueType(), s);
  }
}

@ObjectType('Score')
export class ScoreType {
  @Field(() => ScoreValueType)
  confirmed: ScoreValueType;

  @Field(() => ScoreValueType)
  proposed: ScoreValueType;

  static from(s: AssessmentResult['score']): ScoreType {
    return Object.assign(new ScoreType(), { confirmed: ScoreValueType.from(s.confirmed), proposed: ScoreValueType.from(s.proposed) });
  }
}

@ObjectType('TargetCheck', { description: 'An item target compared with the value the report gives.' })
export class TargetCheckType {
  claimDbId: number | null;

  @Field()
  metric: string;

  @Field(() => String, { nullable: true })
  op: string | null;

  @Field(() => Float, { nullable: true })
  threshold: number | null;

  @Field()
  unit: string;

  @Field(() => Float, { nullable: true, description: 'Reported value; null when not reported.' })
  value: number | null;

  @Field(() => QualifierEnum, { nullable: true })
  qualifier: QualifierEnum | null;

  @Field(() => Boolean, { nullable: true, description: 'null when there is no threshold or no value.' })
  met: boolean | null;

  static from(t: TargetCheck): TargetCheckType {
    return Object.assign(new TargetCheckType(), {
      claimDbId: t.claimId === null ? null : Number(t.claimId),
      metric: t.metric,
      op: t.op,
      threshold: t.threshold,
      unit: t.unit,
      value: t.value,
      qualifier: t.qualifier as QualifierEnum | null,
      met: t.met,
    });
  }
}

@ObjectType('Flag', { description: '缺口/预警: a finding with a stable code (see README "Flags").' })
export class FlagType {
  unitDbId: number | null;
  /** the flag's unit when the list read it with the flag (the `unit` field answers it without a load) */
  unitRow?: Unit;
  claimDbIds: number[];

  @Field(() => ID, {
    nullable: true,
    description:
      'Global id of a stored flag (flags query); null inside an assessment and for the REPORT_MISSING of a unit without a report.',
  })
  id: string | null;

  @Field(() => FlagCodeEnum)
  code: FlagCodeEnum;

  @Field(() => SeverityEnum)
  severity: SeverityEnum;

  @Field(() => String, { nullable: true, description: 'Null for report-level flags (REPORT_MISSING).' })
  itemCode: string | null;

  /** Chinese text (stored); the `message` field renders `text` in the caller's locale */
  message: string;
  /** the message by catalogue key, when known */
  text: LocalText | null;

  @Field(() => Int, { nullable: true })
  year: number | null;

  static fromResult(f: FlagResult, unitDbId: number | null, year: number | null): FlagType {
    return Object.assign(new FlagType(), {
      id: null,
      unitDbId,
      claimDbIds: f.claimIds.map(Number),
      code: f.code as FlagCodeEnum,
      severity: f.severity as SeverityEnum,
      itemCode: f.itemCode,
      message: f.message,
      text: f.text ?? null,
      year,
    });
  }

  /** A flag of the flags list: stored (with its id) or a derived REPORT_MISSING (id null). */
  static fromListed(f: ListedFlag): FlagType {
    return Object.assign(new FlagType(), {
      id: f.id === null ? null : toGlobalId('Flag', f.id),
      unitDbId: f.unitId,
      unitRow: f.unit,
      claimDbIds: f.claimIds,
      code: f.code as FlagCodeEnum,
      severity: f.severity as SeverityEnum,
      itemCode: f.itemCode,
      message: f.message,
      text: f.text,
      year: f.year,
    });
  }
}

export const FlagConnection = ConnectionType('Flag', FlagType);

@ObjectType('ItemAssessment', { description: "One checklist item's result for a unit and year." })
export class ItemAssessmentType {
  checklistDbId: number;
  unitDbId: number;
  year: number;
  result: ItemResult;

  @Field()
  code: string;

  @Field()
  title: string;

  @Field()
  partCode: string;

  @Field(() => Int)
  points: number;

  @Field(() => ItemStatusEnum, { description: 'Counting accepted + proposed links.' })
  status: ItemStatusEnum;

  @Field(() => ItemStatusEnum, { description: 'Counting accepted links only.' })
  confirmedStatus: ItemStatusEnum;

  @Field(() => Float, { description: "Factor of the status from the checklist's scoring rules." })
  factor: number;

  @Field(() => Float, { description: 'points × factor (proposed view).' })
  score: number;

  @Field(() => Float)
  confirmedScore: number;

  /** Chinese text; the `explanation` field renders `result.explanationText` in the caller's locale */
  explanation: string;

  @Field(() => [TargetCheckType])
  targets: TargetCheckType[];

  @Field(() => [FlagType])
  flags: FlagType[];

  static from(r: ItemResult, checklistDbId: number, unitDbId: number, year: number): ItemAssessmentType {
    return Object.assign(new ItemAssessmentType(), {
      checklistDbId,
      unitDbId,
      year,
      result: r,
      code: r.code,
      title: r.title,
      partCode: r.partCode,
      points: r.points,
      status: r.status as ItemStatusEnum,
      confirmedStatus: r.confirmedStatus as ItemStatusEnum,
      factor: r.factor,
      score: r.score,
      confirmedScore: r.confirmedScore,
      explanation: r.explanation,
      targets: r.targets.map(TargetCheckType.from),
      flags: r.flags.map((f) => FlagType.fromResult(f, unitDbId, year)),
    });
  }
}

@ObjectType('Assessment', { implements: Node, description: '考核: one unit × checklist × year.' })
export class AssessmentNode extends Node {
  dbId: number | null;
  unitDbId: number;
  checklistDbId: number;
  reportDbId: number | null;
  result: AssessmentResult;

  @Field(() => Int)
  year: number;

  @Field({ description: 'A locked assessment keeps its numbers when links or the checklist change later.' })
  locked: boolean;

  @Field(() => Date, { nullable: true })
  lockedAt: Date | null;

  @Field(() => String, { nullable: true })
  lockedBy: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was computed; null when computed for this request (no report, nothing stored).',
  })
  computedAt: Date | null;

  @Field(() => CoverageType)
  coverage: CoverageType;

  @Field(() => ScoreType)
  score: ScoreType;

  @Field(() => [FlagType])
  flags: FlagType[];

  /** A stored row, or the unsaved row (id 0) of a "no report" result derived without storing it. */
  static from(a: Assessment): AssessmentNode {
    return AssessmentNode.build(a.result, a.unitId, a.checklistId, a.year, a.id > 0 ? a : null);
  }

  static build(result: AssessmentResult, unitId: number, checklistId: number, year: number, stored: Assessment | null): AssessmentNode {
    return Object.assign(new AssessmentNode(), {
      id: stored ? toGlobalId('Assessment', stored.id) : Buffer.from(`AssessmentOf:${unitId}:${checklistId}:${year}`).toString('base64'),
      dbId: stored?.id ?? null,
      unitDbId: unitId,
      checklistDbId: checklistId,
      reportDbId: stored?.reportId ?? null,
      result,
      year,
      locked: stored?.locked ?? false,
      lockedAt: stored?.lockedAt ? new Date(stored.lockedAt) : null,
      lockedBy: stored?.lockedBy ?? null,
      computedAt: stored ? new Date(stored.computedAt) : null,
      coverage: CoverageType.from(result.coverage),
      score: ScoreType.from(result.score),
      flags: result.flags.map((f) => FlagType.fromResult(f, unitId, year)),
    });
  }
}
