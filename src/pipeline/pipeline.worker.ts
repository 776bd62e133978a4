/**
 * The worker of the analysis pool (analysis-pool.ts, piscina): runs the pure steps of
 * report-pipeline.ts on structured-cloned inputs. `prepare` reads a report and matches it
 * against every checklist version covering its year — what a folder ingest does for each file
 * before the main thread writes it. The known units (a whole registry: 43 000 names and their
 * aliases) and the checklist definitions come as a context serialised once per version into a
 * SharedArrayBuffer every task carries by reference, deserialised here once per key and kept:
 * the reading core builds its name index once per list identity, so every file a worker reads
 * after the first one uses the same index.
 */
import { deserialize } from 'node:v8';
import type { ProposedLink } from '../evidence/types';
import type { AnalyzeOptions, KnownUnit, ReportAnalysis } from '../reading/types';
import { matchReport, readReport, type PipelineChecklist } from './report-pipeline';
import { loadSegmenter } from '../evidence/segment';

/** What every file of a run is read and matched against: the unit registry and the checklist versions. */
export interface PrepareContext {
  known: KnownUnit[];
  checklists: Array<{ id: number; yearFrom: number; yearTo: number; pipeline: PipelineChecklist }>;
}

export type PoolTask =
  | { op: 'warm' }
  | { op: 'read'; text: string; hint: AnalyzeOptions }
  | { op: 'match'; claims: ReportAnalysis['claims']; metrics: ReportAnalysis['metrics']; checklist: PipelineChecklist }
  | {
      op: 'prepare';
      text: string;
      /** `knownUnits`: the one unit given by name, instead of the context's registry */
      hint: { unit?: string; year?: number; knownUnits?: KnownUnit[] };
      /** the context's key (registry version and checklist versions) */
      contextKey: string;
      /** the context, `v8.serialize`d (deserialised only by a worker that does not have the key) */
      context: SharedArrayBuffer;
    };

/** A report read and matched against each checklist version covering its year. */
export interface PreparedAnalysis {
  analysis: ReportAnalysis;
  matched: Array<{ checklistId: number; links: ProposedLink[] }>;
}

/** Contexts kept (the current one and the one before, while a run switches versions). */
const KEPT_CONTEXTS = 2;
const contexts = new Map<string, PrepareContext>();

function prepare(task: Extract<PoolTask, { op: 'prepare' }>): PreparedAnalysis {
  let context = contexts.get(task.contextKey);
  if (!context) {
    context = deserialize(new Uint8Array(task.context)) as PrepareContext;
    contexts.set(task.contextKey, context);
    while (contexts.size > KEPT_CONTEXTS) contexts.delete(contexts.keys().next().value as string);
  }
  const analysis = readReport(task.text, { knownUnits: context.known, ...task.hint });
  // the year ingest will store the report under: the given one, else the one read (as resolveUnitAndYear)
  const year = task.hint.year ?? analysis.year?.value ?? null;
  const matched =
    year === null
      ? []
      : context.checklists
          .filter((c) => c.yearFrom <= year && year <= c.yearTo)
          .map((c) => ({ checklistId: c.id, links: matchReport(analysis.claims, analysis.metrics, c.pipeline) }));
  return { analysis, matched };
}

/**
 * A checklist version's labelled examples by their key: a `match` task carries its checklist
 * (examples included) each time, as a fresh structured clone; the first copy of each is kept and
 * used instead, so the examples index (built once per examples array) is built once per version.
 */
const keptExamples = new Map<string, NonNullable<PipelineChecklist['definition']['examples']>>();

function withKeptExamples(checklist: PipelineChecklist): PipelineChecklist {
  const examples = checklist.definition.examples;
  if (!examples) return checklist;
  const kept = keptExamples.get(examples.key);
  if (!kept) {
    keptExamples.set(examples.key, examples);
    while (keptExamples.size > KEPT_CONTEXTS) keptExamples.delete(keptExamples.keys().next().value as string);
    return checklist;
  }
  return { ...checklist, definition: { ...checklist.definition, examples: kept } };
}

/** The pool's task handler (piscina calls the default export). */
export default function run(task: PoolTask): ReportAnalysis | ProposedLink[] | PreparedAnalysis | null {
  switch (task.op) {
    case 'warm':
      // this module and the reading's are loaded by now; jieba's dictionary too, then
      loadSegmenter();
      return null;
    case 'read':
      return readReport(task.text, task.hint);
    case 'match':
      return matchReport(task.claims, task.metrics, withKeptExamples(task.checklist));
    case 'prepare':
      return prepare(task);
  }
}
