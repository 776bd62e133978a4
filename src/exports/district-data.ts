/**
 * The numbers of a district export, gathered from the database the same way the GraphQL
 * queries gather them (coverageMatrix, ranking, flags): the checklist chosen by
 * `chooseChecklist`, the reporting units by `reportingUnitsUnder`, their assessments by
 * `assessmentsForUnits` (stored, or "no report" computed in memory), ranks by `rankUnits`
 * on the proposed score. Evidence quotes come from the stored claims and report sections.
 */
import { In, type DataSource } from 'typeorm';
import { assessmentsForUnits } from '../assessment/assessment-batch.store';
import { reportingUnitsUnder } from '../units/unit.service';
import { chooseChecklistVersion, type LoadedChecklist } from '../checklist/checklist.service';
import { partCodeOf } from '../assessment/parts';
import { rankUnits } from '../assessment/ranking';
import type { AssessmentResult } from '../assessment/types';
import type { DistrictSeries } from '../assessment/series';
import { targetOfMetric, unitsSeries, type MetricTarget } from '../assessment/series.service';
import type { TargetDefinition } from '../checklist/types';
import { BadInputError } from '../common/bad-input-error';
import type { Polarity, SectionKind } from '../reading/types';
import { EvidenceLink } from '../evidence/evidence-link.entity';
import { diffMarkup, diffParts } from '../evidence/item-change';
import { Claim } from '../reports/claim.entity';
import { ReportSection } from '../reports/report-section.entity';
import { Report } from '../reports/report.entity';
import { Unit } from '../units/unit.entity';

/** Which export: a checklist (global id; default the latest covering the year), a year and a parent unit (a district). */
export interface DistrictExportRequest {
  year: number;
  /** database id of the parent unit */
  parentUnitId: number;
  /** database id of a checklist version; default: the latest version covering the year */
  checklistId?: number | null;
  /**
   * the caller's scope (the unit ids it may see, as `Caller.scope`); null or absent: all.
   * A parent outside it is "No such unit" and units outside it are left out, as in coverageMatrix.
   */
  scope?: ReadonlySet<number> | null;
}

/** A claim quoted as evidence, with where it stands in its report. */
export interface EvidenceQuote {
  claimId: string;
  text: string;
  polarity: Polarity;
  sectionPath: string;
  /** heading of the section (empty for the preamble) */
  sectionHeading: string;
  sectionKind: SectionKind;
}

/** One reporting unit's row of the export. */
export interface UnitExportData {
  unit: { id: number; name: string; level: string };
  /** false: the unit sent no report that year (REPORT_MISSING) */
  hasReport: boolean;
  report: { id: number; source: string; publishedDate: string | null } | null;
  /** 1 = best, by proposed normalised score; ties share a rank */
  rank: number;
  locked: boolean;
  result: AssessmentResult;
  /** the claims the result cites, by claim id */
  quotes: Map<string, EvidenceQuote>;
}

/** An assessable item: a column of the matrix. */
interface ExportColumn {
  code: string;
  title: string;
  partCode: string;
  points: number;
  targets: TargetDefinition[];
}

/** Everything a district export shows. */
export interface DistrictData {
  checklist: { id: number; key: string; name: string; issuer: string; version: number };
  year: number;
  parent: { id: number; name: string; level: string };
  /** the top-level parts (1 … 10), in checklist order */
  parts: Array<{ code: string; title: string }>;
  columns: ExportColumn[];
  /** reporting units under the parent, by name (the order of coverageMatrix rows) */
  units: UnitExportData[];
  /** each target metric of the checklist over the units (the districtMetric query), for the 指标 sheet */
  metrics?: DistrictMetricData[];
  /** links waiting for re-review after a checklist revision, for the 待复核 sheet */
  suspectLinks?: SuspectLinkData[];
}

/** A SUSPECT link: the item changed since the link was accepted under an earlier version. */
interface SuspectLinkData {
  unitName: string;
  itemCode: string;
  itemTitle: string;
  claimId: string;
  claimText: string;
  before: string;
  after: string;
  /** removed text as [-…-], added as {+…+} */
  diff: string;
}

/** One metric of the 指标 sheet: the item's target and the units' values this year and the year before. */
interface DistrictMetricData extends MetricTarget {
  series: DistrictSeries;
  /** the claims the values were read from, by claim id */
  quotes: Map<string, EvidenceQuote>;
}

const CHUNK = 500;

/**
 * Gathers a district export. Throws `BadInputError` (as the GraphQL queries do) for an
 * unknown (or out of scope) parent unit, an unknown checklist or a year no checklist covers.
 */
export async function gatherDistrictData(ds: DataSource, request: DistrictExportRequest): Promise<DistrictData> {
  const scope = request.scope ?? null;
  const parent = await ds.getRepository(Unit).findOne({ where: { id: request.parentUnitId } });
  if (!parent || (scope !== null && !scope.has(parent.id))) throw new BadInputError('No such unit');
  const chosen = await chooseChecklistVersion(ds.manager, request.checklistId ?? null, request.year);
  if (!chosen.ok) throw new BadInputError(chosen.errors.map((e) => e.message).join(' '));
  const loaded = chosen.value;
  const units = (await reportingUnitsUnder(ds, parent.id)).filter((u) => scope === null || scope.has(u.id));
  const assessments = await assessmentsForUnits(ds, units, loaded, request.year);
  const ranks = new Map(
    rankUnits(assessments.map((a) => ({ unitId: String(a.unit.id), score: a.result.score.proposed.normalised }))).map((r) => [
      r.unitId,
      r.rank,
    ]),
  );

  const reportIds = [...new Set(assessments.map((a) => a.stored?.reportId).filter((id): id is number => id != null))];
  const reports = new Map<number, Report>();
  for (let i = 0; i < reportIds.length; i += CHUNK) {
    const rows = await ds.getRepository(Report).find({
      select: ['id', 'source', 'publishedDate'],
      where: { id: In(reportIds.slice(i, i + CHUNK)) },
    });
    for (const r of rows) reports.set(r.id, r);
  }
  const quotes = await loadQuotes(
    ds,
    assessments.map((a) => a.result),
  );

  const metrics: DistrictMetricData[] = [];
  const metricKeys = [...new Set(loaded.definition.items.flatMap((i) => i.targets.map((t) => t.metric)))];
  for (const metric of metricKeys) {
    const target = targetOfMetric(loaded, metric);
    const series = await unitsSeries(
      ds,
      units.map((u) => u.id),
      request.year,
      target.target,
    );
    metrics.push({ ...target, series, quotes: new Map() });
  }
  const valueClaims = metrics.flatMap((m) => [...m.series.points, ...m.series.previous].flatMap((p) => (p.claimId ? [p.claimId] : [])));
  const metricQuotes = await loadQuotes(ds, [], valueClaims);
  for (const m of metrics) {
    for (const p of [...m.series.points, ...m.series.previous]) {
      const q = p.claimId ? metricQuotes.get(p.claimId) : undefined;
      if (q) m.quotes.set(q.claimId, q);
    }
  }

  const suspectLinks = await loadSuspectLinks(ds, assessments, loaded);

  const definition = loaded.definition;
  const itemsByCode = new Map(definition.items.map((i) => [i.code, i]));
  return {
    checklist: {
      id: loaded.checklist.id,
      key: loaded.checklist.key,
      name: loaded.checklist.name,
      issuer: loaded.checklist.issuer,
      version: loaded.checklist.version,
    },
    year: request.year,
    parent: { id: parent.id, name: parent.name, level: parent.level },
    parts: definition.items.filter((i) => i.parentCode === null).map((i) => ({ code: i.code, title: i.title })),
    columns: definition.items
      .filter((i) => i.assessable)
      .map((i) => ({ code: i.code, title: i.title, partCode: partCodeOf(i.code, itemsByCode), points: i.points, targets: i.targets })),
    units: assessments.map((a) => {
      const reportId = a.stored?.reportId ?? null;
      const report = reportId !== null ? (reports.get(reportId) ?? null) : null;
      return {
        unit: { id: a.unit.id, name: a.unit.name, level: a.unit.level },
        hasReport: reportId !== null,
        report: report ? { id: report.id, source: report.source, publishedDate: report.publishedDate } : null,
        rank: ranks.get(String(a.unit.id)) ?? 0,
        locked: a.stored?.locked ?? false,
        result: a.result,
        quotes: new Map(citedClaimIds(a.result).flatMap((id) => (quotes.has(id) ? [[id, quotes.get(id)!] as const] : []))),
      };
    }),
    metrics,
    suspectLinks,
  };
}

/** The SUSPECT links of the units' current reports to this checklist's items, by unit, item and claim. */
async function loadSuspectLinks(
  ds: DataSource,
  assessments: Array<{ unit: Unit; stored: { reportId: number | null } | null }>,
  loaded: LoadedChecklist,
): Promise<SuspectLinkData[]> {
  const unitOfReport = new Map(assessments.flatMap((a) => (a.stored?.reportId != null ? [[a.stored.reportId, a.unit.name] as const] : [])));
  const reportIds = [...unitOfReport.keys()];
  const items = new Map(loaded.items.map((i) => [i.id, i]));
  const links: EvidenceLink[] = [];
  for (let i = 0; i < reportIds.length; i += CHUNK) {
    links.push(
      ...(await ds.getRepository(EvidenceLink).find({
        where: { reportId: In(reportIds.slice(i, i + CHUNK)), state: 'SUSPECT', itemId: In([...items.keys()]) },
      })),
    );
  }
  const claims = new Map<number, Claim>();
  const claimIds = links.map((l) => l.claimId);
  for (let i = 0; i < claimIds.length; i += CHUNK) {
    for (const c of await ds.getRepository(Claim).find({ select: ['id', 'text'], where: { id: In(claimIds.slice(i, i + CHUNK)) } })) {
      claims.set(c.id, c);
    }
  }
  return links
    .map((l) => {
      const item = items.get(l.itemId)!;
      const change = l.itemChange ?? { before: '', after: '' };
      return {
        unitName: unitOfReport.get(l.reportId) ?? '',
        itemCode: item.code,
        itemTitle: item.title,
        claimId: String(l.claimId),
        claimText: claims.get(l.claimId)?.text ?? '',
        before: change.before,
        after: change.after,
        diff: diffMarkup(diffParts(change.before, change.after)),
      };
    })
    .sort(
      (a, b) =>
        a.unitName.localeCompare(b.unitName, 'zh') ||
        a.itemCode.localeCompare(b.itemCode, 'en', { numeric: true }) ||
        Number(a.claimId) - Number(b.claimId),
    );
}

/** Every claim id a result cites: evidence, plans, shortcomings, target values and flags. */
function citedClaimIds(result: AssessmentResult): string[] {
  const ids = new Set<string>();
  for (const item of result.items) {
    for (const id of [...item.evidenceClaimIds, ...item.planClaimIds, ...item.negativeClaimIds]) ids.add(id);
    for (const t of item.targets) if (t.claimId) ids.add(t.claimId);
  }
  for (const flag of result.flags) for (const id of flag.claimIds) ids.add(id);
  return [...ids];
}

/** The cited claims with their section headings, in one query per 500 claims (and per 500 reports). */
async function loadQuotes(ds: DataSource, results: AssessmentResult[], extra: readonly string[] = []): Promise<Map<string, EvidenceQuote>> {
  const ids = [...new Set([...results.flatMap(citedClaimIds), ...extra])].map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const claims: Claim[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    claims.push(
      ...(await ds.getRepository(Claim).find({
        select: ['id', 'reportId', 'sectionPath', 'sectionKind', 'polarity', 'text'],
        where: { id: In(ids.slice(i, i + CHUNK)) },
      })),
    );
  }
  const reportIds = [...new Set(claims.map((c) => c.reportId))];
  const headings = new Map<string, string>();
  for (let i = 0; i < reportIds.length; i += CHUNK) {
    const sections = await ds.getRepository(ReportSection).find({
      select: ['reportId', 'path', 'heading'],
      where: { reportId: In(reportIds.slice(i, i + CHUNK)) },
    });
    for (const s of sections) headings.set(`${s.reportId}:${s.path}`, s.heading);
  }
  return new Map(
    claims.map((c) => [
      String(c.id),
      {
        claimId: String(c.id),
        text: c.text,
        polarity: c.polarity,
        sectionPath: c.sectionPath,
        sectionHeading: headings.get(`${c.reportId}:${c.sectionPath}`) ?? '',
        sectionKind: c.sectionKind,
      },
    ]),
  );
}
