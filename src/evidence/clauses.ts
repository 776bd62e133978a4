/**
 * The clauses of a claim, for scoring a long sentence that lists several works part by part
 * (docs/evaluation.md, matcher11): a sentence labelled with two or more items is read worse than
 * one with one item, because every signal scores the whole sentence and each work's words are
 * diluted by the others'. A clause is a run of the claim between `，` `；` `：` (and their ASCII
 * forms); a clause with fewer than {@link MIN_CLAUSE_HAN} Han characters joins the next one (a
 * lead like `同时，` says nothing alone). Offsets are exact: `text` is `claim.slice(start, end)`.
 * Pure.
 */
import { isHan } from './han';

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

/** Whether a code unit ends a clause: `，` `,` `；` `;` `：` `:`. */
function isBreak(unit: number): boolean {
  return unit === 0xff0c || unit === 0x2c || unit === 0xff1b || unit === 0x3b || unit === 0xff1a || unit === 0x3a;
}

/**
 * The clauses of a claim's text, in order (see the module's comment): one clause (the whole
 * text) when it has no break or every piece is too short to stand alone. One pass over the
 * text: its breaks and, per piece, its Han characters (code points, as `\p{Script=Han}` counts them).
 */
export function clausesOf(text: string): Clause[] {
  const pieces: Array<{ start: number; end: number; han: number }> = [];
  let start = 0;
  let han = 0;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) as number;
    i += cp > 0xffff ? 2 : 1;
    if (isHan(cp)) han += 1;
    else if (isBreak(cp)) {
      pieces.push({ start, end: i, han });
      start = i;
      han = 0;
    }
  }
  if (start < text.length) pieces.push({ start, end: text.length, han });
  const out: Clause[] = [];
  let open: { start: number; end: number; han: number } | null = null;
  for (const p of pieces) {
    open = open ? { start: open.start, end: p.end, han: open.han + p.han } : p;
    if (open.han >= MIN_CLAUSE_HAN) {
      out.push({ start: open.start, end: open.end, text: text.slice(open.start, open.end) });
      open = null;
    }
  }
  // a short tail joins the clause before it
  if (open) {
    const last = out.pop();
    const merged = last ? { start: last.start, end: open.end } : open;
    out.push({ start: merged.start, end: merged.end, text: text.slice(merged.start, merged.end) });
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
