/**
 * Reuse of a report, pure: which of its claims nearly repeat a claim of the same unit's
 * earlier reports (EARLIER) or of another unit's report of the same year (SAME_YEAR), and
 * the share of its text that is reused. Candidates come from the stored LSH bands; each is
 * confirmed on its text (containment of the claim's non-boilerplate shingles, see
 * fingerprint.ts).
 */
import { containment, contentShingles, fingerprintClaim, MIN_SHARED_BANDS, MIN_SHINGLES, shingleHashes } from './fingerprint';

export type ReuseKind = 'EARLIER' | 'SAME_YEAR';

export interface ReuseClaim {
  id: string;
  text: string;
  /** names of the claim's unit, dropped before comparing */
  unitNames?: readonly string[];
}

/** A claim of another report that shares a band with one of the report's claims. */
export interface ReuseCandidate extends ReuseClaim {
  reportId: number;
  unitId: number;
  year: number;
  kind: ReuseKind;
}

export interface ReuseMatch {
  claimId: string;
  matchedClaimId: string;
  reportId: number;
  unitId: number;
  year: number;
  kind: ReuseKind;
  /** share of the claim's (non-boilerplate) text found in the matched claim, 0..1 */
  similarity: number;
}

export interface ReportReuse {
  /** every match at or above the threshold, best first per claim */
  matches: ReuseMatch[];
  /** characters of the claims that can be compared (enough non-boilerplate text) */
  comparableChars: number;
  /** share of those characters in claims found in the unit's earlier reports */
  earlierShare: number;
  /** share of those characters in claims found in other units' reports of the same year */
  sameYearShare: number;
}

/**
 * Compares the report's claims with candidate claims. `bandsOf` gives the stored band keys
 * of a candidate (only candidates sharing a band with a claim are compared), or null to
 * compare every pair (small sets, e.g. last year's report of the unit).
 */
export function findReuse(
  claims: readonly ReuseClaim[],
  candidates: readonly ReuseCandidate[],
  boilerplate: ReadonlySet<number>,
  threshold: number,
  bandsOf: ((candidateId: string) => readonly number[]) | null,
): ReportReuse {
  const byBand = new Map<number, ReuseCandidate[]>();
  const shingles = new Map<string, Uint32Array>();
  const shinglesOf = (c: ReuseClaim): Uint32Array => {
    let out = shingles.get(c.id);
    if (!out) shingles.set(c.id, (out = shingleHashes(c.text, c.unitNames)));
    return out;
  };
  if (bandsOf) {
    for (const c of candidates) {
      for (const b of bandsOf(c.id)) {
        const list = byBand.get(b);
        if (list) list.push(c);
        else byBand.set(b, [c]);
      }
    }
  }
  const matches: ReuseMatch[] = [];
  let comparableChars = 0;
  let earlierChars = 0;
  let sameYearChars = 0;
  const comparableText = new Set<string>();
  /** The matches of one claim (null when it cannot be compared). */
  const compare = (claim: ReuseClaim): ReuseMatch[] | null => {
    const own = fingerprintClaim(claim.text, claim.unitNames);
    if (!own || contentShingles(own.shingles, boilerplate).length < MIN_SHINGLES) return null;
    comparableText.add(claim.text);
    let pool: readonly ReuseCandidate[] = candidates;
    if (bandsOf) {
      const shared = new Map<ReuseCandidate, number>();
      for (const b of new Set(own.bands)) for (const c of byBand.get(b) ?? []) shared.set(c, (shared.get(c) ?? 0) + 1);
      pool = [...shared.entries()].filter(([, n]) => n >= MIN_SHARED_BANDS).map(([c]) => c);
    }
    const found: ReuseMatch[] = [];
    for (const cand of pool) {
      if (cand.id === claim.id) continue;
      const similarity = containment(own.shingles, shinglesOf(cand), boilerplate);
      if (similarity >= threshold) {
        found.push({
          claimId: claim.id,
          matchedClaimId: cand.id,
          reportId: cand.reportId,
          unitId: cand.unitId,
          year: cand.year,
          kind: cand.kind,
          similarity,
        });
      }
    }
    found.sort((a, b) => b.similarity - a.similarity || b.year - a.year || Number(a.matchedClaimId) - Number(b.matchedClaimId));
    return found;
  };
  // a text repeated within the report is compared once
  const byText = new Map<string, { comparable: boolean; found: ReuseMatch[] }>();
  for (const claim of claims) {
    let cached = byText.get(claim.text);
    if (!cached) {
      cached = { comparable: false, found: compare(claim) ?? [] };
      cached.comparable = comparableText.has(claim.text);
      byText.set(claim.text, cached);
    }
    if (!cached.comparable) continue;
    comparableChars += claim.text.length;
    const found = cached.found.map((m) => ({ ...m, claimId: claim.id }));
    matches.push(...found);
    if (found.some((m) => m.kind === 'EARLIER')) earlierChars += claim.text.length;
    if (found.some((m) => m.kind === 'SAME_YEAR')) sameYearChars += claim.text.length;
  }
  return {
    matches,
    comparableChars,
    earlierShare: comparableChars ? earlierChars / comparableChars : 0,
    sameYearShare: comparableChars ? sameYearChars / comparableChars : 0,
  };
}
