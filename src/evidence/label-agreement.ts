/**
 * How far two labellers agree on item evidence (docs/evaluation.md, "Agreement between two
 * labellers, set 6"). Pure: the caller supplies each report's raw text, its claims (the analyser's
 * sentences, with raw offsets) and both labellers' labels.
 *
 * Labeller A is treated as gold and labeller B as a prediction, aligned exactly as the matcher is
 * scored (`evaluateLinks` in ./evaluate): each quote goes to the claim containing it (or overlapping
 * it most), a claim's items are the union over its quotes, and B's items become links on those
 * claims. So claim × item and report × item figures are comparable with the matcher's: only claims
 * A labelled are scored, a claim A labelled and B did not counts as B giving it no item, and B's
 * items on claims A did not label are counted apart.
 *
 * Cohen's kappa per item is symmetric: over every claim either labeller labelled (a labeller who left
 * a claim out gave it no item), whether each gives the item or not.
 */
import {
  compareCodes,
  evaluateLinks,
  goldByClaim,
  sumScores,
  type ClaimSpan,
  type Evaluation,
  type GoldLabel,
  type Score,
} from './evaluate';

/** One report labelled twice. */
export interface TwoLabellings {
  name: string;
  raw: string;
  claims: readonly ClaimSpan[];
  /** labeller A (treated as gold) */
  a: readonly GoldLabel[];
  /** labeller B (treated as the prediction) */
  b: readonly GoldLabel[];
}

/** Per item, over the claims either labeller labelled. */
export interface ItemAgreement {
  code: string;
  /** claims both give the item */
  both: number;
  /** claims only A gives it */
  onlyA: number;
  /** claims only B gives it */
  onlyB: number;
  /** Cohen's kappa; null when fewer than {@link KAPPA_MIN_CLAIMS} claims carry the item from either labeller */
  kappa: number | null;
}

/** A claim the two labellers gave different items (for reading). */
interface ClaimDifference {
  claimId: string;
  start: number;
  end: number;
  a: string[];
  b: string[];
}

interface ReportAgreement {
  name: string;
  evaluation: Evaluation;
  /** label quotes of B that map to no single claim (A's are in `evaluation.problems`) */
  problemsB: Evaluation['problems'];
  differences: ClaimDifference[];
}

export interface LabelAgreement {
  reports: number;
  /** claim × item, micro, A as gold (comparable with the matcher's figures) */
  pairs: Score;
  /** report × item, micro */
  reportItems: Score;
  claims: { labelledByA: number; labelledByB: number; labelledByBoth: number };
  /** B's item links on claims A did not label (not scored) */
  unscoredLinksOfB: number;
  /** every item either labeller used, in code order */
  perItem: ItemAgreement[];
  /** mean kappa over the items that have one */
  meanKappa: number | null;
  perReport: ReportAgreement[];
}

/** Below this many claims carrying an item (from either labeller) its kappa says little and is not given. */
export const KAPPA_MIN_CLAIMS = 5;

/** Cohen's kappa of two binary ratings from their 2 × 2 counts; null when chance agreement is total. */
export function cohenKappa(both: number, onlyA: number, onlyB: number, neither: number): number | null {
  const n = both + onlyA + onlyB + neither;
  if (n === 0) return null;
  const observed = (both + neither) / n;
  const pa = (both + onlyA) / n;
  const pb = (both + onlyB) / n;
  const chance = pa * pb + (1 - pa) * (1 - pb);
  return chance === 1 ? null : (observed - chance) / (1 - chance);
}

const sorted = (s: ReadonlySet<string> | undefined): string[] => [...(s ?? [])].sort(compareCodes);

/** Compares labeller B with labeller A over the given reports. */
export function labelAgreement(reports: readonly TwoLabellings[]): LabelAgreement {
  const perReport: ReportAgreement[] = [];
  const counts = new Map<string, { both: number; onlyA: number; onlyB: number }>();
  const claims = { labelledByA: 0, labelledByB: 0, labelledByBoth: 0 };
  let unionClaims = 0;
  let unscoredLinksOfB = 0;
  for (const r of reports) {
    const a = goldByClaim(r.raw, r.claims, r.a).gold;
    const { gold: b, problems: problemsB } = goldByClaim(r.raw, r.claims, r.b);
    const links = [...b].flatMap(([claimId, items]) => [...items].map((itemCode) => ({ claimId, itemCode })));
    const evaluation = evaluateLinks(r.raw, r.claims, r.a, links);
    unscoredLinksOfB += evaluation.unlabelledLinks.length;
    const differences: ClaimDifference[] = [];
    for (const c of r.claims) {
      if (!a.has(c.id) && !b.has(c.id)) continue;
      unionClaims += 1;
      if (a.has(c.id)) claims.labelledByA += 1;
      if (b.has(c.id)) claims.labelledByB += 1;
      if (a.has(c.id) && b.has(c.id)) claims.labelledByBoth += 1;
      const ia = a.get(c.id) ?? new Set<string>();
      const ib = b.get(c.id) ?? new Set<string>();
      for (const code of new Set([...ia, ...ib])) {
        const k = counts.get(code) ?? { both: 0, onlyA: 0, onlyB: 0 };
        if (ia.has(code) && ib.has(code)) k.both += 1;
        else if (ia.has(code)) k.onlyA += 1;
        else k.onlyB += 1;
        counts.set(code, k);
      }
      const sa = sorted(ia);
      const sb = sorted(ib);
      if (sa.join() !== sb.join()) differences.push({ claimId: c.id, start: c.start, end: c.end, a: sa, b: sb });
    }
    perReport.push({ name: r.name, evaluation, problemsB, differences });
  }
  const perItem = [...counts.entries()]
    .sort(([x], [y]) => compareCodes(x, y))
    .map(([code, k]) => ({
      code,
      ...k,
      kappa:
        k.both + k.onlyA + k.onlyB < KAPPA_MIN_CLAIMS
          ? null
          : cohenKappa(k.both, k.onlyA, k.onlyB, unionClaims - k.both - k.onlyA - k.onlyB),
    }));
  const kappas = perItem.map((i) => i.kappa).filter((k): k is number => k !== null);
  return {
    reports: reports.length,
    pairs: sumScores(perReport.map((r) => r.evaluation.pairs)),
    reportItems: sumScores(perReport.map((r) => r.evaluation.reportItems)),
    claims,
    unscoredLinksOfB,
    perItem,
    meanKappa: kappas.length === 0 ? null : kappas.reduce((s, k) => s + k, 0) / kappas.length,
    perReport,
  };
}

/** The items the labellers disagree on most (claims one gives the item and the other does not), most first. */
export function mostDisagreed(perItem: readonly ItemAgreement[], n: number): ItemAgreement[] {
  return [...perItem]
    .filter((i) => i.onlyA + i.onlyB > 0)
    .sort((x, y) => y.onlyA + y.onlyB - (x.onlyA + x.onlyB) || compareCodes(x.code, y.code))
    .slice(0, n);
}
