import type { ChecklistItemDefinition } from '../checklist/types';
import { compareCodes, goldByClaim, type ClaimSpan, type GoldLabel, type ScoredLink } from './evaluate';
import { SKIPPED_SECTION_KINDS, type MatchableClaim } from './matcher';

/**
 * Why the matcher's errors happen (`evaluate --cross --errors`, docs/evaluation.md): every false
 * negative and false positive of a scored report gets ONE cause, so a table of causes says where
 * the missing points are before anyone chooses what to work on. Pure.
 *
 * Misses (FN):
 * - `reading`: the labelled quote is not inside one claim the analyser produced (it straddles
 *   claims: the splitting), or it fell in a section the matcher skips (preamble, page chrome,
 *   signature) — a reading problem, not a matching one;
 * - `unproposed`: no signal names the item on the claim (no rule, context, similarity, examples or
 *   bigram candidate among the items the decision is told about);
 * - `rejected`: some signal named it, and the decision did not link it.
 *
 * False links (FP):
 * - `sibling`: the claim evidences another item of the same part (the same parent in the checklist);
 * - `otherPart`: the claim evidences items, none of the linked item's part;
 * - `emptySentence`: the labeller said the sentence evidences no item (`[]`).
 *
 * Labels whose quote maps to no claim at all (not found, not unique, outside every claim) are not
 * scored by the evaluation; they are counted apart (`unscoredLabels`).
 */

export const MISS_CAUSES = ['reading', 'unproposed', 'rejected'] as const;
export const FALSE_LINK_CAUSES = ['sibling', 'otherPart', 'emptySentence'] as const;
export type ErrorCause = (typeof MISS_CAUSES)[number] | (typeof FALSE_LINK_CAUSES)[number];

/** One scored error of one report with its cause. */
export interface ClassifiedError {
  claimId: string;
  itemCode: string;
  kind: 'FP' | 'FN';
  cause: ErrorCause;
}

/** One scored report: its text, claims, labels, the errors of its links and what the signals named per claim. */
export interface ErrorInput {
  raw: string;
  claims: readonly (ClaimSpan & Pick<MatchableClaim, 'sectionKind'>)[];
  labels: readonly GoldLabel[];
  /** the evaluation's errors of the links (evaluate.ts `evaluateLinks(…).errors`) */
  errors: readonly (ScoredLink & { kind: 'FP' | 'FN' })[];
  /** claim id → the items any signal named on it (before the decision) */
  named: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Each error of one report with its cause. */
export function classifyErrors(items: readonly ChecklistItemDefinition[], input: ErrorInput): ClassifiedError[] {
  const parentOf = new Map(items.map((i) => [i.code, i.parentCode]));
  const { gold } = goldByClaim(input.raw, input.claims, input.labels);
  // claim × item pairs whose label straddled claims (scored on the claim it overlaps most)
  const straddled = new Set<string>();
  for (const label of input.labels) {
    const one = goldByClaim(input.raw, input.claims, [label]);
    if (one.problems.some((p) => p.problem === 'SPANS_CLAIMS'))
      for (const [claimId, set] of one.gold) for (const item of set) straddled.add(`${claimId}\u0000${item}`);
  }
  const kindOf = new Map(input.claims.map((c) => [c.id, c.sectionKind]));
  return input.errors.map((e) => {
    const truth = gold.get(e.claimId) ?? new Set<string>();
    let cause: ErrorCause;
    if (e.kind === 'FN') {
      const kind = kindOf.get(e.claimId);
      if (straddled.has(`${e.claimId}\u0000${e.itemCode}`) || (kind !== undefined && SKIPPED_SECTION_KINDS.includes(kind)))
        cause = 'reading';
      else cause = input.named.get(e.claimId)?.has(e.itemCode) ? 'rejected' : 'unproposed';
    } else if (truth.size === 0) cause = 'emptySentence';
    else {
      const part = parentOf.get(e.itemCode) ?? null;
      cause = [...truth].some((t) => (parentOf.get(t) ?? null) === part) ? 'sibling' : 'otherPart';
    }
    return { claimId: e.claimId, itemCode: e.itemCode, kind: e.kind, cause };
  });
}

/** Labels of one report whose quote maps to no claim (not scored), with the items they carry. */
export function unscoredLabelItems(raw: string, claims: readonly ClaimSpan[], labels: readonly GoldLabel[]): number {
  let n = 0;
  for (const label of labels) {
    const one = goldByClaim(raw, claims, [label]);
    if (one.gold.size === 0) n += label.items.length;
  }
  return n;
}

/** Counts by cause, pooled and per item. */
export interface ErrorTally {
  byCause: Record<ErrorCause, number>;
  /** item code → counts by cause, and the item's FN and FP totals */
  byItem: Map<string, Record<ErrorCause, number> & { fn: number; fp: number }>;
}

function zero(): Record<ErrorCause, number> {
  return { reading: 0, unproposed: 0, rejected: 0, sibling: 0, otherPart: 0, emptySentence: 0 };
}

/** Tallies classified errors; items ordered by their number of errors, most first (ties by code). */
export function tallyErrors(errors: readonly ClassifiedError[]): ErrorTally {
  const byCause = zero();
  const byItem = new Map<string, Record<ErrorCause, number> & { fn: number; fp: number }>();
  for (const e of errors) {
    byCause[e.cause] += 1;
    const row = byItem.get(e.itemCode) ?? { ...zero(), fn: 0, fp: 0 };
    row[e.cause] += 1;
    if (e.kind === 'FN') row.fn += 1;
    else row.fp += 1;
    byItem.set(e.itemCode, row);
  }
  const ordered = [...byItem.entries()].sort(([a, x], [b, y]) => y.fn + y.fp - (x.fn + x.fp) || compareCodes(a, b));
  return { byCause, byItem: new Map(ordered) };
}
