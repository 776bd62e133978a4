import { ApiToken } from '../access/api-token.entity';
import { MatcherWeights } from '../checklist/matcher-weights.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AssessmentFlag } from '../assessment/assessment-flag.entity';
import { AssessmentItemStatus } from '../assessment/assessment-item-status.entity';
import { Assessment } from '../assessment/assessment.entity';
import { NotApplicableMarkEntity } from '../assessment/not-applicable.entity';
import { ChecklistItem } from '../checklist/checklist-item.entity';
import { Checklist } from '../checklist/checklist.entity';
import { Target } from '../checklist/target.entity';
import { EvidenceLink } from '../evidence/evidence-link.entity';
import { Claim } from '../reports/claim.entity';
import { MetricValue } from '../reports/metric-value.entity';
import { ReportSection } from '../reports/report-section.entity';
import { Report } from '../reports/report.entity';
import { ClaimBand } from '../reports/reuse/claim-band.entity';
import { Unit } from '../units/unit.entity';

/**
 * Every entity of the data model, registered with the one DataSource. References are foreign
 * keys declared as `@ManyToOne` beside the plain `xId` column the code reads and writes
 * (docs/design.md, "Storage").
 */
export const ENTITIES = [
  Unit,
  Checklist,
  ChecklistItem,
  Target,
  Report,
  ReportSection,
  Claim,
  MetricValue,
  EvidenceLink,
  NotApplicableMarkEntity,
  Assessment,
  AssessmentFlag,
  AssessmentItemStatus,
  AuditEntry,
  ApiToken,
  ClaimBand,
  MatcherWeights,
];
