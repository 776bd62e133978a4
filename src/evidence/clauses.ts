/**
 * The clauses of a claim, for scoring a long sentence that lists several works part by part
 * (docs/evaluation.md, matcher11): a sentence labelled with two or more items is read worse than
 * one with one item, because every signal scores the whole sentence and each work's words are
 * diluted by the others'. A clause is a run of the claim between `，` `；` `：` (and their ASCII
 * forms); a clause with fewer than {@link MIN_CLAUSE_HAN} Han characters joins the next one (a
 * lead like `同时，` says nothing alone). Offsets are exact: `text` is `claim.slice(start, end)`.
 * Pure.
 */

/** Han characters a clause needs to stand alone; a shorter one joins its next neighbour. */
export const MIN_CLAUSE_HAN = 6;

/** Characters of a clause quoted in a link's reason. */
const REASON_CHARS = 24;

/** One clause of a claim and where it lies in the claim's text. */
export interface Clause {
  start: number;
  end: number;
  text: string;
}

const BREAK = /[，,；;：:]/gu;
const HAN = /\p{Script=Han}/gu;

function hanCount(text: string): number {
  return text.match(HAN)?.length ?? 0;
}

/**
 * The clauses of a claim's text, in order (see the module's comment): one clause (the whole
 * text) when it has no break or every piece is too short to stand alone.
 */
export function clausesOf(text: string): Clause[] {
  const pieces: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (const m of text.matchAll(BREAK)) {
    const end = (m.index as number) + m[0].length;
    pieces.push({ start, end });
    start = end;
  }
  if (start < text.length) pieces.push({ start, end: text.length });
  const out: Clause[] = [];
  let open: { start: number; end: number } | null = null;
  for (const p of pieces) {
    open = open ? { start: open.start, end: p.end } : p;
    if (hanCount(text.slice(open.start, open.end)) >= MIN_CLAUSE_HAN) {
      out.push({ ...open, text: text.slice(open.start, open.end) });
      open = null;
    }
  }
  // a short tail joins the clause before it
  if (open) {
    const last = out.pop();
    const merged = last ? { start: last.start, end: open.end } : open;
    out.push({ ...merged, text: text.slice(merged.start, merged.end) });
  }
  return out;
}

/**
 * Why a link named only by a clause was proposed, in Chinese: the clause, quoted exactly from the
 * claim (at most {@link REASON_CHARS} characters); none without a clause.
 */
export function clauseReason(text: string, at: Pick<Clause, 'start' | 'end'> | undefined): string[] {
  if (!at) return [];
  const chars = [...text.slice(at.start, at.end).replace(/[，,；;：:。]$/u, '')];
  return [`分句：「${chars.length <= REASON_CHARS ? chars.join('') : `${chars.slice(0, REASON_CHARS).join('')}…`}」`];
}
