/**
 * Precision and recall of proposed links against a hand-labelled gold set. Pure: the caller
 * supplies the raw text, the claims (with raw offsets) and the links.
 *
 * A gold file labels short, unique quotes of a report's raw text with the item codes the
 * sentence truly supports (possibly none). Each quote is mapped to the claim whose raw range
 * contains it (or, when a quote straddles two claims, the one overlapping it most); a claim's
 * gold items are the union over its quotes. Only labelled claims are scored: links on claims
 * no quote points at are counted apart (`unlabelledLinks`), never silently as right or wrong.
 */

/** One labelled sentence: a distinctive exact substring of the raw text and its items. */
export interface GoldLabel {
  quote: string;
  items: string[];
}

/** A gold file as stored in test/fixtures/labels/*.json. */
export interface GoldFile {
  /** path of the report, relative to the project root */
  report: string;
  labels: GoldLabel[];
}

/** A claim's identity and raw range. */
export interface ClaimSpan {
  id: string;
  start: number;
  end: number;
}

/** A link as far as scoring goes. */
export interface ScoredLink {
  claimId: string;
  itemCode: string;
}

/** Counts and ratios of one comparison. Ratios are null when undefined (0 / 0). */
export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** A problem with a label: its quote is missing, not unique, or spans claims. */
export interface LabelProblem {
  quote: string;
  problem: 'NOT_FOUND' | 'NOT_UNIQUE' | 'SPANS_CLAIMS' | 'NO_CLAIM';
}

/** A wrong or missed claim → item pair, for reading. */
interface PairError {
  claimId: string;
  itemCode: string;
  kind: 'FP' | 'FN';
}

export interface Evaluation {
  /** claim × item pairs over labelled claims */
  pairs: Score;
  /** per item code, over labelled claims */
  perItem: Map<string, Score>;
  /** report × item: does the report have at least one link / one gold label for the item */
  reportItems: Score;
  labelledClaims: number;
  /** links on claims that no quote points at (not scored) */
  unlabelledLinks: ScoredLink[];
  errors: PairError[];
  problems: LabelProblem[];
}

/** Precision, recall and F1 from counts; null where the ratio is 0 / 0. */
export function score(tp: number, fp: number, fn: number): Score {
  const precision = tp + fp === 0 ? null : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : tp / (tp + fn);
  const f1 =
    precision === null || recall === null || precision + recall === 0
      ? tp === 0 && (fp > 0 || fn > 0)
        ? 0
        : null
      : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** Sums counts (micro average) and recomputes the ratios. */
export function sumScores(scores: readonly Pick<Score, 'tp' | 'fp' | 'fn'>[]): Score {
  return score(
    scores.reduce((n, s) => n + s.tp, 0),
    scores.reduce((n, s) => n + s.fp, 0),
    scores.reduce((n, s) => n + s.fn, 0),
  );
}

/**
 * Maps each label's quote to a claim: the claim whose raw range contains the quote, else the
 * one overlapping it most (reported as SPANS_CLAIMS). Returns claim id → gold items.
 */
export function goldByClaim(
  raw: string,
  claims: readonly ClaimSpan[],
  labels: readonly GoldLabel[],
): { gold: Map<string, Set<string>>; problems: LabelProblem[] } {
  const gold = new Map<string, Set<string>>();
  const problems: LabelProblem[] = [];
  for (const label of labels) {
    const start = raw.indexOf(label.quote);
    if (start < 0 || label.quote === '') {
      problems.push({ quote: label.quote, problem: 'NOT_FOUND' });
      continue;
    }
    if (raw.indexOf(label.quote, start + 1) >= 0) {
      problems.push({ quote: label.quote, problem: 'NOT_UNIQUE' });
      continue;
    }
    const end = start + label.quote.length;
    let best: ClaimSpan | null = null;
    let bestOverlap = 0;
    for (const c of claims) {
      const overlap = Math.min(end, c.end) - Math.max(start, c.start);
      if (overlap > bestOverlap) {
        best = c;
        bestOverlap = overlap;
      }
    }
    if (!best) {
      problems.push({ quote: label.quote, problem: 'NO_CLAIM' });
      continue;
    }
    if (bestOverlap < end - start) problems.push({ quote: label.quote, problem: 'SPANS_CLAIMS' });
    const set = gold.get(best.id) ?? new Set<string>();
    for (const item of label.items) set.add(item);
    gold.set(best.id, set);
  }
  return { gold, problems };
}

/** Scores links against the gold labels of one report. */
export function evaluateLinks(
  raw: string,
  claims: readonly ClaimSpan[],
  labels: readonly GoldLabel[],
  links: readonly ScoredLink[],
): Evaluation {
  const { gold, problems } = goldByClaim(raw, claims, labels);
  const predicted = new Map<string, Set<string>>();
  const unlabelledLinks: ScoredLink[] = [];
  for (const l of links) {
    if (!gold.has(l.claimId)) {
      unlabelledLinks.push({ claimId: l.claimId, itemCode: l.itemCode });
      continue;
    }
    const set = predicted.get(l.claimId) ?? new Set<string>();
    set.add(l.itemCode);
    predicted.set(l.claimId, set);
  }

  const perItem = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (code: string, key: 'tp' | 'fp' | 'fn') => {
    const s = perItem.get(code) ?? { tp: 0, fp: 0, fn: 0 };
    s[key] += 1;
    perItem.set(code, s);
  };
  const errors: PairError[] = [];
  const order = claims.map((c) => c.id).filter((id) => gold.has(id));
  for (const claimId of order) {
    const g = gold.get(claimId) ?? new Set<string>();
    const p = predicted.get(claimId) ?? new Set<string>();
    for (const code of [...p].sort(compareCodes)) {
      if (g.has(code)) bump(code, 'tp');
      else {
        bump(code, 'fp');
        errors.push({ claimId, itemCode: code, kind: 'FP' });
      }
    }
    for (const code of [...g].sort(compareCodes)) {
      if (!p.has(code)) {
        bump(code, 'fn');
        errors.push({ claimId, itemCode: code, kind: 'FN' });
      }
    }
  }

  const goldItems = new Set([...gold.values()].flatMap((s) => [...s]));
  const linkedItems = new Set([...predicted.values()].flatMap((s) => [...s]));
  const reportTp = [...linkedItems].filter((c) => goldItems.has(c)).length;

  return {
    pairs: sumScores([...perItem.values()]),
    perItem: new Map([...perItem.entries()].sort(([a], [b]) => compareCodes(a, b)).map(([code, s]) => [code, score(s.tp, s.fp, s.fn)])),
    reportItems: score(reportTp, linkedItems.size - reportTp, goldItems.size - reportTp),
    labelledClaims: gold.size,
    unlabelledLinks,
    errors,
    problems,
  };
}

/** Orders item codes numerically: 2.1 < 10.1, 10.2 < 10.10. */
export function compareCodes(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
