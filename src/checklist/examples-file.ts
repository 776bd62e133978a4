import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import type { ChecklistDefinition, ChecklistExamples } from './types';

/**
 * The labelled example sentences shipped with the project (`seeds/examples.json`, written by
 * `npm run -s examples:write` from the labelled frozen sets (1–25 today), never from the seed reports'
 * labels): the data of the examples signal (src/evidence/examples.ts). They apply to ONE
 * checklist: its `key` and exactly its assessable item codes. A checklist whose key or item codes
 * differ gets none — the signal is simply off for it. Read once per process.
 */

/** The file as `evaluate --write-examples` writes it. */
export interface ExamplesFile {
  /** the checklist the examples apply to: its key and assessable item codes (and the version they were labelled against) */
  checklist: { key: string; version: number; itemCodes: string[] };
  /** how the file was made (command and labelled sets) */
  generatedBy: string;
  neighbours: number;
  calibration: ChecklistExamples['calibration'];
  threshold: number;
  aloneThreshold: number;
  /** the learned decision over all signals, fitted on the same sets (absent in older files) */
  decision?: ChecklistExamples['decision'];
  /** the text classifier the decision reads, learnt from the same examples (absent in older files: learnt when needed) */
  classifier?: ChecklistExamples['classifier'];
  examples: ChecklistExamples['examples'];
}

/** Where the shipped examples are, from the project root. */
export const EXAMPLES_FILE = join('seeds', 'examples.json');

interface ReadFile {
  file: ExamplesFile;
  /** the file's name and content hash: identifies the examples (workers keep them by it) */
  key: string;
  /** the file as a checklist version carries it (one object: the examples index is built once) */
  shaped: ChecklistExamples;
}

const read = new Map<string, ReadFile | null>();

function readExamplesFile(path: string): ReadFile | null {
  const known = read.get(path);
  if (known !== undefined) return known;
  let found: ReadFile | null = null;
  if (existsSync(path)) {
    const text = readFileSync(path, 'utf8');
    const file = JSON.parse(text) as Partial<ExamplesFile> | null;
    if (!isExamplesFile(file)) throw new Error(`${path}: 不是例句文件 (not an examples file: checklist, calibration, examples expected)`);
    const key = `${EXAMPLES_FILE}@${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    found = {
      file,
      key,
      shaped: {
        key,
        neighbours: file.neighbours,
        calibration: file.calibration,
        threshold: file.threshold,
        aloneThreshold: file.aloneThreshold,
        ...(file.decision ? { decision: file.decision } : {}),
        ...(file.classifier ? { classifier: file.classifier } : {}),
        examples: file.examples,
      },
    };
  }
  read.set(path, found);
  return found;
}

function isExamplesFile(f: Partial<ExamplesFile> | null): f is ExamplesFile {
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.checklist?.key === 'string' &&
    Array.isArray(f.checklist.itemCodes) &&
    typeof f.neighbours === 'number' &&
    typeof f.threshold === 'number' &&
    typeof f.aloneThreshold === 'number' &&
    typeof f.calibration?.slope === 'number' &&
    (f.decision === undefined ||
      (typeof f.decision.weights === 'object' &&
        f.decision.weights !== null &&
        Object.values(f.decision.weights).every((w) => typeof w === 'number') &&
        typeof f.decision.threshold === 'number')) &&
    (f.classifier === undefined ||
      (Array.isArray(f.classifier.items) &&
        Array.isArray(f.classifier.grams) &&
        typeof f.classifier.weights === 'string' &&
        Array.isArray(f.classifier.bias) &&
        f.classifier.bias.length === f.classifier.items.length)) &&
    Array.isArray(f.examples) &&
    f.examples.every((e) => typeof e.text === 'string' && typeof e.source === 'string' && Array.isArray(e.items))
  );
}

/**
 * The shipped examples for a checklist version, or undefined when its key or its assessable
 * item codes are not those the examples were labelled for. The same object for every call
 * (the examples index is built once per process).
 */
export function examplesForChecklist(
  def: Pick<ChecklistDefinition, 'key' | 'items'>,
  path = join(projectRoot(), EXAMPLES_FILE),
): ChecklistExamples | undefined {
  const found = readExamplesFile(path);
  if (!found) return undefined;
  if (found.file.checklist.key !== def.key) return undefined;
  const codes = def.items.filter((i) => i.assessable).map((i) => i.code);
  const wanted = new Set(found.file.checklist.itemCodes);
  if (codes.length !== wanted.size || codes.some((c) => !wanted.has(c))) return undefined;
  return found.shaped;
}

/** The definition with the shipped examples attached when they apply to it (else as it is). */
export function withShippedExamples<D extends Pick<ChecklistDefinition, 'key' | 'items' | 'examples'>>(def: D): D {
  const examples = examplesForChecklist(def);
  return examples ? { ...def, examples } : def;
}
