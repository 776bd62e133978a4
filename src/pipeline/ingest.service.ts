import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { bulkInsert } from '../db/bulk-insert';
import { recomputeAssessment } from './recompute.service';
import type { AssessmentResult } from '../assessment/types';
import { NotApplicableMarkEntity } from '../assessment/not-applicable.entity';
import { recordAudit } from '../audit/audit.service';
import { cachedChecklistDefinition, type LoadedChecklist } from '../checklist/checklist.service';
import { Checklist } from '../checklist/checklist.entity';
import { runWrite, type WriteLock } from '../db/write-lock';
import { storeLinks } from './link.service';
import { modelForChecklist } from '../evidence/matcher-weights.service';
import type { ProposedLink } from '../evidence/types';
import { assessmentInputOf, assessReport, proposedEvidence, type PipelineChecklist } from './report-pipeline';
import { matchReportOffThread, prepareReportInPool, readReportOffThread } from './analysis-pool';
import type { PrepareContext } from './pipeline.worker';
import { sha256 } from '../common/hash';
import { newReportsPrefix, readBatchState, storeNewReports, withStoredClaimIds, writerTiming } from './ingest-batch.store';
import { observeIngest } from '../observability/events';
import { indexClaims } from '../reports/search/claim-search';
import { log } from '../common/log';
import { fail, ok, type Outcome, type UserErrorData } from '../common/user-error';
import { resolveUnitName, suggestUnitNames } from '../units/unit-names';
import { Unit } from '../units/unit.entity';
import { unitRegistry, type UnitRegistry } from '../units/unit.service';
import type { ReportAnalysis } from '../reading/types';
import { Claim } from '../reports/claim.entity';
import { MetricValue } from '../reports/metric-value.entity';
import { ReportSection } from '../reports/report-section.entity';
import { Report } from '../reports/report.entity';
import { namesOf, reusedFromPreviousYear, storeClaimBands } from '../reports/reuse/reuse.service';
import { claimFieldsOf } from './claim-rows';

export interface IngestInput {
  /** the report text (already decoded) */
  text: string;
  /** unit name or alias; wins over detection */
  unit?: string | null;
  /** report year; wins over detection */
  year?: number | null;
  /** file name or other origin */
  source: string;
  /** SHA-256 of the original document when the text was extracted from one */
  sourceSha256?: string | null;
  publishedDate?: string | null;
  /** replace an existing, different report of the same unit and year */
  replace?: boolean;
  /** who ingests (audit trail) */
  actor: string;
  /** analyse and check only; store nothing */
  dryRun?: boolean;
  /** units the caller may submit for (null: any) */
  allowedUnitIds?: ReadonlySet<number> | null;
}

export interface IngestResult {
  report: Report | null;
  /** false when the same text was already ingested for this unit and year (a no-op) */
  created: boolean;
  /** the report this one replaced */
  replaced: Report | null;
  unit: Unit;
  year: number;
  analysis: ReportAnalysis;
  linkCount: number;
  /** the assessment per checklist version covering the year: stored, or (dry run) what would be stored */
  assessments: Array<{ checklist: Checklist; result: AssessmentResult }>;
}

const MIN_YEAR = 2000;

/**
 * Ingests one report: analyse, resolve unit and year, then store the report (raw text
 * and SHA-256), sections, claims, metric values and proposed links and recompute the
 * assessments, all in one transaction — a failure leaves nothing behind. The same text
 * again for the same unit and year returns the existing report; a different text is
 * refused unless `replace` is set (the old report and its reviewed links stay).
 */
export async function ingestReport(
  dataSource: DataSource,
  lock: WriteLock,
  input: IngestInput,
  limits: { maxReportBytes: number },
): Promise<Outcome<IngestResult>> {
  const started = process.hrtime.bigint();
  try {
    const outcome = await ingestUnobserved(dataSource, lock, input, limits);
    observeIngest(outcome, started, input);
    return outcome;
  } catch (error) {
    observeIngest(null, started, input, error);
    throw error;
  }
}

async function ingestUnobserved(
  dataSource: DataSource,
  lock: WriteLock,
  input: IngestInput,
  limits: { maxReportBytes: number },
): Promise<Outcome<IngestResult>> {
  const problem = checkText(input.text, limits.maxReportBytes);
  if (problem) return { ok: false, errors: [problem] };
  const registry = await unitsToResolve(dataSource, input.unit);
  // a scoped caller resolves names among its own units only: a unit outside the scope is
  // "not found" with the same words as a name that does not exist, and never suggested
  const allowed = input.allowedUnitIds;
  const units = allowed ? registry.units.filter((u) => allowed.has(u.id)) : registry.units;
  // read once (the dry run too), outside the write lock
  // a large text is read (and matched) in a worker thread: seconds of CPU never hold the event loop
  const analysis = await readReportOffThread(input.text, {
    unit: input.unit ?? undefined,
    year: input.year ?? undefined,
    knownUnits: allowed ? units.map((u) => ({ name: u.name, aliases: u.aliases })) : registry.known,
  });
  const resolved = resolveUnitAndYear(units, analysis, input, allowed !== null && allowed !== undefined);
  if (!resolved.ok) return resolved;
  const { unit, year } = resolved.value;
  if (allowed && !allowed.has(unit.id)) return fail('UNIT_NOT_FOUND', SCOPED_UNIT_NOT_FOUND, 'input.unit');
  // match against every checklist version of the year, also outside the write lock (the CPU-heavy part)
  const matched = await matchChecklistsOfYear(dataSource.manager, analysis, year);
  return finishPrepared(dataSource, lock, { input, analysis, matched, unit, year, hash: sha256(input.text) });
}

/** A report read, matched and resolved to its unit and year: what the writer stores. */
export interface PreparedReport {
  input: IngestInput;
  analysis: ReportAnalysis;
  matched: MatchedChecklist[];
  unit: Unit;
  year: number;
  hash: string;
}

/** The dry run's answer, or the report stored in its own transaction. */
async function finishPrepared(dataSource: DataSource, lock: WriteLock, prepared: PreparedReport): Promise<Outcome<IngestResult>> {
  const { input, analysis, matched, unit, year, hash } = prepared;
  if (input.dryRun) {
    const assessments = await dryRunAssessments(dataSource.manager, analysis, matched, unit.id, year);
    return ok({ report: null, created: false, replaced: null, unit, year, analysis, linkCount: 0, assessments });
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await runWrite(dataSource, lock, (manager) => storeReport(manager, input, analysis, matched, unit, year, hash));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another process stored the same unit and year first: answer as a re-ingest would.
      const existing = await dataSource.getRepository(Report).findOne({ where: { unitId: unit.id, year, state: 'CURRENT' } });
      if (existing && existing.sha256 === hash) {
        return ok({ report: existing, created: false, replaced: null, unit, year, analysis, linkCount: 0, assessments: [] });
      }
      if (existing) return fail<IngestResult>('REPORT_EXISTS', `${unit.name} already has a different report for ${year}.`, 'input.text');
      // Another process's report of another unit wrote a row this one writes too (the first
      // report of a year stores every unit's assessment): that transaction has committed, so
      // run this one again rather than refuse a report nobody else stored.
      if (attempt >= 3) throw error;
    }
  }
}

/** One report of a batch: everything `IngestInput` has but a caller's scope (a batch is ingested with the registry's authority). */
export type BatchInput = Omit<IngestInput, 'allowedUnitIds'>;

/**
 * Batches read and matched in the pool while one is stored: with one, both workers stood idle
 * between the end of a batch and the writer taking the next (35 % of their time in a 600-report
 * profile of `fazhi ingest` at 43 000 units).
 */
export const PREPARED_AHEAD = 2;

/** Reports stored per write transaction by {@link ingestBatch} unless told otherwise. */
export const DEFAULT_BATCH_SIZE = 32;

/**
 * Ingests many reports (a folder, a job of a bulk ingest): every text is read and matched in
 * the worker pool (both cores; the unit registry and the checklist versions reach each worker
 * once per version), then the main thread stores up to `batchSize` reports per write
 * transaction, in input order. The outcome of each report is the one `ingestReport` would give
 * when called for the inputs one after the other: a refused report (unknown unit, a different
 * report already in …) is refused within the batch without writing anything, and a batch whose
 * transaction fails is rolled back and stored again report by report, each in its own
 * transaction, so a failing report loses none of the others. Database faults of a report stored
 * alone propagate, as with `ingestReport`, after the reports before it are in.
 */
export async function ingestBatch(
  dataSource: DataSource,
  lock: WriteLock,
  inputs: readonly BatchInput[],
  limits: { maxReportBytes: number },
  options: { batchSize?: number } = {},
): Promise<Array<Outcome<IngestResult>>> {
  const out: Array<Outcome<IngestResult>> = [];
  await ingestStream(dataSource, lock, inputs, limits, options, (_, stored) => {
    out.push(...stored);
  });
  return out;
}

/**
 * {@link ingestBatch} over inputs taken from `inputs` as they are needed (a folder of any size:
 * one batch being stored and the next one being read are all that is held), each batch's
 * outcomes handed to `onBatch` and then let go. Pipelined: the pool reads and matches batches
 * N + 1 and N + 2 ({@link PREPARED_AHEAD}) while the main thread stores batch N, and no further
 * (backpressure: a batch is taken from `inputs` only when one before it is taken to be stored).
 */
export async function ingestStream(
  dataSource: DataSource,
  lock: WriteLock,
  inputs: Iterable<BatchInput>,
  limits: { maxReportBytes: number },
  options: { batchSize?: number },
  onBatch: (inputs: BatchInput[], outcomes: Array<Outcome<IngestResult>>) => void | Promise<void>,
): Promise<void> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const iterator = inputs[Symbol.iterator]();
  const take = (): BatchInput[] | null => {
    const chunk: BatchInput[] = [];
    while (chunk.length < batchSize) {
      const next = iterator.next();
      if (next.done) break;
      chunk.push(next.value);
    }
    return chunk.length ? chunk : null;
  };
  // the workers read and match the next PREPARED_AHEAD batches while the main thread stores one
  const ahead: Array<{ chunk: BatchInput[]; prepared: Promise<Array<Outcome<PreparedReport>>> }> = [];
  const fill = (): void => {
    while (ahead.length < PREPARED_AHEAD) {
      const chunk = take();
      if (!chunk) return;
      const prepared = prepareBatch(dataSource, chunk, limits);
      prepared.catch(() => undefined); // awaited in its round; a failure must not go unhandled meanwhile
      ahead.push({ chunk, prepared });
    }
  };
  fill();
  for (let next = ahead.shift(); next; next = ahead.shift()) {
    const started = process.hrtime.bigint();
    const prepared = await next.prepared;
    const waited = Number(process.hrtime.bigint() - started) / 1e6;
    writerTiming.ms[WAITING] = (writerTiming.ms[WAITING] ?? 0) + waited;
    fill();
    const storing = performance.now();
    const stored = await storePrepared(dataSource, lock, prepared);
    writerTiming.ms[STORING] = (writerTiming.ms[STORING] ?? 0) + performance.now() - storing;
    const inputsOfBatch = next.chunk;
    stored.forEach((outcome, i) => observeIngest(outcome, started, inputsOfBatch[i]!));
    await onBatch(next.chunk, stored);
  }
}

/** Keys of `writerTiming`: the main thread waiting for the pool's next batch, and storing a batch (all of it). */
const WAITING = 'main thread waiting for the pool';
const STORING = 'storePrepared, whole (the writer)';

/**
 * Reads, matches and resolves reports in the worker pool, all at once (the pool queues them):
 * per input a refusal or the report ready for {@link storePrepared}.
 */
export async function prepareBatch(
  dataSource: DataSource,
  inputs: readonly BatchInput[],
  limits: { maxReportBytes: number },
): Promise<Array<Outcome<PreparedReport>>> {
  const context = await batchContext(dataSource);
  const prepared = Promise.all(inputs.map((input) => prepareInPool(dataSource, input, limits, context)));
  // the registry's name index (built on first use) is built here while the workers read, not after
  setImmediate(() => context.registry.resolve(''));
  return prepared;
}

/**
 * Reads, matches and resolves one report of a batch in the worker pool (nothing on the main
 * thread but the unit and year lookup): a refusal, or the report ready to store. `context`
 * comes from {@link batchContext}, once per batch.
 */
async function prepareInPool(
  dataSource: DataSource,
  input: BatchInput,
  limits: { maxReportBytes: number },
  context: PoolContext,
): Promise<Outcome<PreparedReport>> {
  const problem = checkText(input.text, limits.maxReportBytes);
  if (problem) return { ok: false, errors: [problem] };
  // a given unit that is a unit's name is the only one known, as in `ingestReport` (sent with the task)
  const given = input.unit?.trim() ? await unitsToResolve(dataSource, input.unit, context.registry) : null;
  const units = given ? given.units : context.registry.units;
  const { analysis, matched } = await prepareReportInPool(
    input.text,
    {
      ...(input.unit ? { unit: input.unit } : {}),
      ...(input.year ? { year: input.year } : {}),
      ...(given && given.known !== context.registry.known ? { knownUnits: given.known } : {}),
    },
    context,
  );
  // the registry's name index, unless the given unit's own list is the one to resolve in
  const resolved = resolveUnitAndYear(
    units,
    analysis,
    input,
    false,
    units === context.registry.units ? context.registry.resolve : undefined,
  );
  if (!resolved.ok) return resolved;
  const { unit, year } = resolved.value;
  const matchedChecklists = matched.flatMap((m) => {
    const c = context.checklists.get(m.checklistId);
    return c ? [{ loaded: c.loaded, links: m.links }] : [];
  });
  return ok({ input, analysis, matched: matchedChecklists, unit, year, hash: sha256(input.text) });
}

/**
 * Stores prepared reports in one write transaction (refusals pass through, dry runs store
 * nothing); when that transaction fails, each report again in its own.
 */
export async function storePrepared(
  dataSource: DataSource,
  lock: WriteLock,
  prepared: ReadonlyArray<Outcome<PreparedReport>>,
): Promise<Array<Outcome<IngestResult>>> {
  const toStore = prepared.flatMap((p) => (p.ok && !p.value.input.dryRun ? [p.value] : []));
  let stored: Map<PreparedReport, Outcome<IngestResult>> | null = null;
  if (toStore.length > 1) {
    try {
      stored = await runWrite(dataSource, lock, (manager) => storeInOrder(manager, toStore));
    } catch (error) {
      log.warn({ err: error, reports: toStore.length }, 'ingest: a batch failed to store; storing its reports one by one');
      stored = null;
    }
  }
  const out: Array<Outcome<IngestResult>> = [];
  for (const p of prepared) {
    if (!p.ok) out.push(p);
    else out.push(stored?.get(p.value) ?? (await storeAlone(dataSource, lock, p.value)));
  }
  return out;
}

/**
 * Stores reports one after the other in the caller's transaction, with what storing each
 * through {@link storeReport} gives: the plain new reports (most of a folder) with a few
 * multi-row statements for all of them (ingest-batch.store.ts), any other report (already in,
 * a replacement, a year whose next year is in, a stored assessment) through `storeReport`.
 */
async function storeInOrder(
  manager: EntityManager,
  reports: readonly PreparedReport[],
): Promise<Map<PreparedReport, Outcome<IngestResult>>> {
  const results = new Map<PreparedReport, Outcome<IngestResult>>();
  // PostgreSQL: the commit of a batch does not wait for its WAL to reach the disk (the writer's
  // time is the folder ingest's limit there). A crash of the database server or the machine may
  // lose the batches committed in the last moment (wal_writer_delay, 200 ms by default × 3), never
  // half of one nor anything else: `fazhi ingest` of the same folder again skips what is in and
  // stores what was lost. SQLite and every other write keep the database's default.
  if (manager.connection.options.type === 'postgres') await manager.query('SET LOCAL synchronous_commit = off');
  const checklists = await latestChecklists(manager);
  for (let i = 0; i < reports.length;) {
    const rest = reports.slice(i);
    const state = await readBatchState(manager, rest, checklists);
    const plain = newReportsPrefix(rest, state);
    if (plain === 0) {
      const p = reports[i]!;
      results.set(p, await storeReport(manager, p.input, p.analysis, p.matched, p.unit, p.year, p.hash));
      i += 1;
      continue;
    }
    const stored = await storeNewReports(manager, rest.slice(0, plain), state);
    stored.forEach((s, k) => {
      const p = rest[k]!;
      results.set(p, ok({ ...s, created: true, replaced: null, unit: p.unit, year: p.year, analysis: p.analysis }));
    });
    i += plain;
  }
  return results;
}

/**
 * One report of a batch in its own transaction. A database fault fails this report only
 * (STORE_FAILED; the details go to the log, not to the caller), so one report the database
 * refuses does not stop a folder of thousands.
 */
async function storeAlone(dataSource: DataSource, lock: WriteLock, prepared: PreparedReport): Promise<Outcome<IngestResult>> {
  try {
    return await finishPrepared(dataSource, lock, prepared);
  } catch (error) {
    log.error({ err: error, source: prepared.input.source }, 'ingest: storing a report failed');
    return fail(
      'STORE_FAILED',
      `${prepared.input.source}: 数据库未能保存这份报告（详见服务器日志）。The database failed to store this report (see the log).`,
    );
  }
}

/** The checklist versions in force and what the workers read against, per registry and checklist versions. */
interface PoolContext {
  key: string;
  value: PrepareContext;
  registry: UnitRegistry;
  checklists: Map<number, { loaded: LoadedChecklist; pipeline: PipelineChecklist }>;
}

const poolContexts = new WeakMap<DataSource, PoolContext>();

/**
 * The context of the pool's workers for one batch: the unit registry's known units and the
 * latest version of every checklist with its matcher model. The same object (and so nothing
 * sent to the workers again) while the registry, the checklist versions and the models are
 * unchanged; a text's year picks its checklists in the worker as `checklistsForYear` does here.
 */
async function batchContext(dataSource: DataSource): Promise<PoolContext> {
  const manager = dataSource.manager;
  const registry = await unitRegistry(dataSource);
  const checklists = new Map<number, { loaded: LoadedChecklist; pipeline: PipelineChecklist }>();
  for (const c of await latestChecklists(manager)) checklists.set(c.id, await pipelineChecklist(manager, c));
  const versions = [...checklists.values()].map((c) => `${c.loaded.checklist.id}:${c.loaded.checklist.sha256}`).join(',');
  const models = sha256(JSON.stringify([...checklists.values()].map((c) => c.pipeline.model)));
  const key = `${registry.version}|${versions}|${models}`;
  const cached = poolContexts.get(dataSource);
  if (cached?.key === key && cached.registry === registry) return cached;
  const context: PoolContext = {
    key,
    registry,
    value: {
      known: registry.known,
      checklists: [...checklists.values()].map((c) => ({
        id: c.loaded.checklist.id,
        yearFrom: c.loaded.checklist.yearFrom,
        yearTo: c.loaded.checklist.yearTo,
        pipeline: c.pipeline,
      })),
    },
    checklists,
  };
  poolContexts.set(dataSource, context);
  return context;
}

async function storeReport(
  manager: EntityManager,
  input: IngestInput,
  analysis: ReportAnalysis,
  matched: readonly MatchedChecklist[],
  unit: Unit,
  year: number,
  hash: string,
): Promise<Outcome<IngestResult>> {
  const reports = manager.getRepository(Report);
  const current = await reports.findOne({ where: { unitId: unit.id, year, state: 'CURRENT' } });
  if (current && current.sha256 === hash) {
    return ok({ report: current, created: false, replaced: null, unit, year, analysis, linkCount: 0, assessments: [] });
  }
  if (current && !input.replace) {
    return fail(
      'REPORT_EXISTS',
      `${unit.name} already has a different report for ${year} (report ${current.id}); ingest with replace to replace it.`,
      'input.replace',
    );
  }
  log.debug(`ingest: storing ${unit.name} ${year} (${analysis.claims.length} claims, ${input.text.length} characters)`);
  if (current) {
    current.state = 'REPLACED';
    await reports.save(current);
  }
  const report = await reports.save(
    reports.create({
      unitId: unit.id,
      year,
      rawText: input.text,
      sha256: hash,
      source: input.source.slice(0, 500),
      sourceSha256: input.sourceSha256 ?? null,
      publishedDate: input.publishedDate ?? null,
      state: 'CURRENT',
      replacedById: null,
    }),
  );
  if (current) {
    current.replacedById = report.id;
    await reports.save(current);
  }
  await insertChunks(
    manager,
    ReportSection,
    analysis.sections.map((s, position) => ({
      reportId: report.id,
      position,
      ...pick(s, ['path', 'heading', 'kind', 'level', 'start', 'end']),
    })),
  );
  const claims = claimFieldsOf(analysis, report.id).map((c) => manager.getRepository(Claim).create(c));
  await insertChunks(manager, Claim, claims, true);
  await indexClaims(manager, claims);
  const claimIdByLocal = new Map(claims.map((c) => [c.localId, c.id]));
  const metrics = analysis.metrics.flatMap((m) => {
    const claimId = claimIdByLocal.get(m.claimId);
    if (claimId === undefined) return [];
    return [
      manager.getRepository(MetricValue).create({
        reportId: report.id,
        claimId,
        metric: m.metric,
        value: m.value,
        unit: m.unit.slice(0, 10),
        qualifier: m.qualifier,
        start: m.start,
        end: m.end,
        text: m.text,
      }),
    ];
  });
  await insertChunks(manager, MetricValue, metrics);
  await storeClaimBands(manager, claims, namesOf(unit));
  const reusedClaims = await reusedFromPreviousYear(
    manager,
    unit.id,
    year,
    claims.map((c) => ({ id: String(c.id), text: c.text })),
    namesOf(unit),
  );
  let linkCount = 0;
  const assessments: IngestResult['assessments'] = [];
  for (const checklist of await checklistsForYear(manager, year)) {
    // matched outside the lock, unless a checklist version came in meanwhile
    const prepared = matched.find((m) => m.loaded.checklist.id === checklist.id) ?? (await matchChecklist(manager, analysis, checklist));
    const links = await storeLinks(manager, report.id, withStoredClaimIds(prepared.links, claimIdByLocal), prepared.loaded, true);
    linkCount += links.length;
    const marks = await manager
      .getRepository(NotApplicableMarkEntity)
      .find({ where: { unitId: unit.id, year, checklistId: checklist.id }, order: { id: 'ASC' } });
    const codeOf = new Map(prepared.loaded.items.map((i) => [i.id, i.code]));
    const input = assessmentInputOf(
      prepared.loaded.definition,
      { claims, metrics, links: links.map((l) => ({ ...l, itemCode: codeOf.get(l.itemId) as string })) },
      { notApplicable: marks, reusedClaims },
    );
    const stored = await recomputeAssessment(manager, unit.id, checklist.id, year, prepared.loaded, { input, report });
    assessments.push({ checklist, result: stored.result });
    // the unit's next report (already in) now has a previous year to be compared with
    const next = await reports.findOne({ select: ['id'], where: { unitId: unit.id, year: year + 1, state: 'CURRENT' } });
    if (next && year + 1 <= checklist.yearTo) await recomputeAssessment(manager, unit.id, checklist.id, year + 1, prepared.loaded);
  }
  await recordAudit(manager, {
    actor: input.actor,
    action: current ? 'REPORT_REPLACED' : 'REPORT_INGESTED',
    entityType: 'Report',
    unitId: unit.id,
    entityId: report.id,
    before: current ? { reportId: current.id, sha256: current.sha256 } : null,
    after: { reportId: report.id, unit: unit.name, year, sha256: hash, source: report.source },
    succeeded: true,
  });
  return ok({ report, created: true, replaced: current, unit, year, analysis, linkCount, assessments });
}

/** One checklist version of the year with the links the matcher proposes for the report (local claim ids). */
interface MatchedChecklist {
  loaded: LoadedChecklist;
  links: ProposedLink[];
}

/** The checklist version as the pipeline uses it: its definition and the matcher model in force. */
async function pipelineChecklist(
  manager: EntityManager,
  checklist: Checklist,
): Promise<{ loaded: LoadedChecklist; pipeline: PipelineChecklist }> {
  const loaded = await cachedChecklistDefinition(manager, checklist);
  return { loaded, pipeline: { definition: loaded.definition, model: await modelForChecklist(manager, checklist.id) } };
}

async function matchChecklist(manager: EntityManager, analysis: ReportAnalysis, checklist: Checklist): Promise<MatchedChecklist> {
  const { loaded, pipeline } = await pipelineChecklist(manager, checklist);
  return { loaded, links: await matchReportOffThread(analysis, pipeline) };
}

async function matchChecklistsOfYear(manager: EntityManager, analysis: ReportAnalysis, year: number): Promise<MatchedChecklist[]> {
  const out: MatchedChecklist[] = [];
  for (const checklist of await checklistsForYear(manager, year)) out.push(await matchChecklist(manager, analysis, checklist));
  return out;
}

/** What the dry run would store as assessments: the same pure steps, with the unit's not-applicable marks. */
async function dryRunAssessments(
  manager: EntityManager,
  analysis: ReportAnalysis,
  matched: readonly MatchedChecklist[],
  unitId: number,
  year: number,
): Promise<IngestResult['assessments']> {
  const out: IngestResult['assessments'] = [];
  for (const m of matched) {
    const marks = await manager
      .getRepository(NotApplicableMarkEntity)
      .find({ where: { unitId, year, checklistId: m.loaded.checklist.id }, order: { id: 'ASC' } });
    const result = assessReport(
      m.loaded.definition,
      { claims: analysis.claims, metrics: analysis.metrics, links: proposedEvidence(m.links) },
      { notApplicable: marks },
    );
    out.push({ checklist: m.loaded.checklist, result });
  }
  return out;
}

/** The latest version of each checklist whose year range includes `year`. */
export async function checklistsForYear(manager: EntityManager, year: number): Promise<Checklist[]> {
  return (await latestChecklists(manager)).filter((c) => c.yearFrom <= year && year <= c.yearTo);
}

/** The latest version of each checklist. */
async function latestChecklists(manager: EntityManager): Promise<Checklist[]> {
  const all = await manager.getRepository(Checklist).find({ order: { version: 'DESC' } });
  const latest = new Map<string, Checklist>();
  for (const c of all) if (!latest.has(c.key)) latest.set(c.key, c);
  return [...latest.values()];
}

function checkText(text: string, maxBytes: number): UserErrorData | null {
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    return { code: 'TEXT_TOO_LARGE', field: 'input.text', message: `The report is larger than ${maxBytes} bytes.` };
  }
  if (text.trim() === '') return { code: 'EMPTY_TEXT', field: 'input.text', message: 'The report text is empty.' };
  if (/\u0000/.test(text)) {
    return { code: 'NOT_TEXT', field: 'input.text', message: 'The report contains binary data, not text.' };
  }
  return null;
}

/** "Not found" for a scoped caller: the same words whether the name exists elsewhere or nowhere. */
const SCOPED_UNIT_NOT_FOUND = '在您可提交报告的单位中找不到这个单位。Unknown unit among the units you may submit reports for.';

function resolveUnitAndYear(
  units: Unit[],
  analysis: ReportAnalysis,
  input: IngestInput,
  scoped = false,
  resolve: (name: string) => Unit | null = (name) => resolveUnitName(units, name),
): Outcome<{ unit: Unit; year: number }> {
  const errors: UserErrorData[] = [];
  let unit: Unit | null = null;
  const given = input.unit?.trim();
  if (given) {
    unit = resolve(given);
    if (!unit) {
      const suggestions = suggestUnitNames(units, given);
      const hint = suggestions.length ? ` Did you mean ${suggestions.join(', ')}?` : '';
      errors.push({
        code: 'UNIT_NOT_FOUND',
        field: 'input.unit',
        message: scoped ? `${SCOPED_UNIT_NOT_FOUND}${hint}` : `Unknown unit "${given}".${hint}`,
      });
    }
  } else if (analysis.unit?.tentative) {
    // a report stored under another unit is worse than one refused: a low-confidence reading is not stored by itself
    const { name, confidence, reason } = analysis.unit;
    errors.push({
      code: 'UNIT_UNCERTAIN',
      field: 'input.unit',
      message: `报告单位只能推定为“${name}”（把握 ${confidence}：${reason}）；为免把报告存到别的单位名下，未予导入：请指定单位（命令行 --unit，接口 unit）后重新导入。`,
    });
  } else if (analysis.unit) {
    unit = resolve(analysis.unit.name);
    if (!unit) {
      errors.push({
        code: scoped ? 'UNIT_NOT_FOUND' : 'UNIT_NOT_REGISTERED',
        field: 'input.unit',
        message: scoped
          ? `${SCOPED_UNIT_NOT_FOUND} 请在 unit 中写明您的单位。`
          : `The report names "${analysis.unit.name}", which is not a registered unit; register it or give the unit.`,
      });
    }
  } else {
    // the analyser's reason, in Chinese (what it looked for, or why its best guess is too weak)
    const reason = analysis.errors.find((e) => e.code === 'UNIT_NOT_DETECTED')?.message;
    errors.push({ code: 'UNIT_NOT_DETECTED', field: 'input.unit', message: reason ?? '未能从报告中确定报告单位；请指定单位。' });
  }
  const year = input.year ?? analysis.year?.value ?? null;
  const maxYear = new Date().getUTCFullYear() + 1;
  if (year === null) {
    // the analyser's reason, in Chinese (what the text holds; no year is guessed), and how to give the year
    const reason = analysis.errors.find((e) => e.code === 'YEAR_NOT_DETECTED')?.message ?? '未能从报告中确定报告年度；请指定年度';
    errors.push({ code: 'YEAR_NOT_DETECTED', field: 'input.year', message: `${reason}（命令行 --year，接口 year）后重新导入。` });
  } else if (!Number.isInteger(year) || year < MIN_YEAR || year > maxYear) {
    errors.push({ code: 'YEAR_OUT_OF_RANGE', field: 'input.year', message: `The year must be between ${MIN_YEAR} and ${maxYear}.` });
  }
  if (errors.length || !unit || year === null) return { ok: false, errors };
  return ok({ unit, year });
}

async function insertChunks<T extends ObjectLiteral & { id?: number }>(
  manager: EntityManager,
  target: new () => T,
  rows: Partial<T>[],
  needIds = false,
): Promise<void> {
  const ids = await bulkInsert(manager, target, rows, { returnIds: needIds });
  if (needIds) rows.forEach((row, i) => ((row as { id?: number }).id = ids[i]));
}

/**
 * The units ingest needs: only the named one when a unit name is given and is a unit's
 * name (no need for them all), else the whole registry (aliases, detection from the text),
 * loaded once while it does not change.
 */
async function unitsToResolve(
  dataSource: DataSource,
  given: string | null | undefined,
  registry?: UnitRegistry,
): Promise<Pick<UnitRegistry, 'units' | 'known'>> {
  const name = given?.trim();
  if (name) {
    const exact = await dataSource.getRepository(Unit).find({ where: { name } });
    if (exact.length === 1) return { units: exact, known: exact.map((u) => ({ name: u.name, aliases: u.aliases })) };
  }
  return registry ?? unitRegistry(dataSource);
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = o[k];
  return out;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/.test(e?.message ?? '');
}
