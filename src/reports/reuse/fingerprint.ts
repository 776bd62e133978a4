/**
 * Reuse detection, pure core: a similarity fingerprint per claim (character shingles →
 * MinHash → LSH bands), the boilerplate list computed from the corpus, and the similarity
 * of two claims. No database here.
 *
 * - Text is folded before shingling: digits become 0 (a paragraph reused with the year and
 *   the numbers changed is still the same text), the names of the report's own unit are
 *   dropped (a paragraph copied from another unit with the name changed is still the same
 *   text), whitespace and punctuation are dropped.
 * - Shingles: every 4 consecutive characters, hashed to 32 bits (FNV-1a). Chinese has no
 *   spaces, so character shingles are the usual unit; 4 characters make chance matches
 *   between unrelated sentences rare while one changed word breaks only 4 shingles.
 * - MinHash: 16 hash functions (murmur3's 32-bit finaliser of the shingle hash xor a fixed
 *   seed per function), the minimum of each over the claim's shingles.
 * - LSH: 4 bands of 4 rows; a band's key is a hash of its index and its 4 minima. Two claims
 *   of Jaccard similarity J share each band with probability J⁴. The bands are what is
 *   stored (table claim_band, one row per band: the rows are most of the cost of
 *   fingerprinting at ingest); a claim of another report sharing at least
 *   {@link MIN_SHARED_BANDS} band is a candidate (probability 0.986 at J = 0.9, 0.88 at
 *   J = 0.8, 0.23 at J = 0.5), then checked on its text. Before (issue 17's first cut) it was
 *   8 bands with 2 shared: about the same probability at J ≥ 0.8, a lower one below, and
 *   twice the rows.
 * - Boilerplate: shingles found in the reports of many units (document frequency across
 *   units, {@link boilerplateShingles}) are slogans and set phrases of the genre (深入学习贯彻…,
 *   坚持以…为指导); they are left out when two claims are compared. The list comes from the
 *   corpus, never from hand-written phrases.
 * - Similarity of claim A to claim B: the share of A's non-boilerplate shingles that occur
 *   in B (containment: "how much of A is found in B"). A claim with fewer than
 *   {@link MIN_SHINGLES} non-boilerplate shingles is not compared (too short, or all slogan).
 */

const SHINGLE_SIZE = 4;
const MINHASH_SIZE = 16;
/** LSH bands per claim (rows of claim_band) */
export const BANDS = 4;
const ROWS_PER_BAND = MINHASH_SIZE / BANDS;
/** bands a candidate must share with the claim */
export const MIN_SHARED_BANDS = 1;
/** claims with fewer (non-boilerplate) shingles are not compared */
export const MIN_SHINGLES = 8;
/** a claim is reused when at least this share of it is found in another claim (0..1) */
export const REUSE_THRESHOLD = 0.8;

const SEEDS = Array.from({ length: MINHASH_SIZE }, (_, i) => fmix32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)));

/** murmur3's 32-bit finaliser: a fast, well-mixing bijection on 32-bit integers. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Digits to 0, the unit's own names dropped (longest first), whitespace and punctuation dropped. */
export function foldForReuse(text: string, unitNames: readonly string[] = []): string {
  let out = text;
  for (const name of [...unitNames].sort((a, b) => b.length - a.length)) if (name) out = out.split(name).join('');
  return out.replace(/[0-9０-９]/gu, '0').replace(/[^\p{L}\p{N}]/gu, '');
}

/** The distinct 32-bit hashes of the text's character 4-grams (after folding), sorted. */
export function shingleHashes(text: string, unitNames: readonly string[] = []): Uint32Array {
  const folded = foldForReuse(text, unitNames);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE_SIZE <= folded.length; i += 1) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + SHINGLE_SIZE; j += 1) {
      h ^= folded.charCodeAt(j);
      h = Math.imul(h, 0x01000193);
    }
    out.add(h >>> 0);
  }
  return Uint32Array.from(out).sort();
}

/** MinHash signature of a set of shingle hashes ({@link MINHASH_SIZE} values). */
export function minHash(shingles: Uint32Array): Uint32Array {
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const s of shingles) {
    // SEEDS and sig have MINHASH_SIZE entries
    for (let i = 0; i < MINHASH_SIZE; i += 1) {
      const v = fmix32(s ^ SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** The LSH band keys of a signature: one signed 32-bit integer per band (fits an SQL integer). */
export function bandKeys(signature: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b += 1) {
    let h = fmix32(b + 1);
    for (let r = 0; r < ROWS_PER_BAND; r += 1) h = fmix32(h ^ (signature[b * ROWS_PER_BAND + r] ?? 0));
    keys.push(h | 0);
  }
  return keys;
}

/** A claim's fingerprint: its shingles and band keys; null when it has too few shingles. */
export interface ClaimFingerprint {
  shingles: Uint32Array;
  bands: number[];
}

/** The fingerprint stored at ingest (over all shingles: the boilerplate list changes with the corpus). */
export function fingerprintClaim(text: string, unitNames: readonly string[] = []): ClaimFingerprint | null {
  const shingles = shingleHashes(text, unitNames);
  if (shingles.length < MIN_SHINGLES) return null;
  return { shingles, bands: bandKeys(minHash(shingles)) };
}

/**
 * Boilerplate shingles: those occurring in the claims of at least `minUnits` units, or of
 * at least `share` of the units, whichever is more. `shinglesByUnit`: for each unit, the
 * distinct shingles of all its reports.
 */
export function boilerplateShingles(
  shinglesByUnit: ReadonlyMap<number, ReadonlySet<number>>,
  options: { minUnits?: number; share?: number } = {},
): Set<number> {
  const minUnits = options.minUnits ?? 3;
  const share = options.share ?? 0.05;
  const threshold = Math.max(minUnits, Math.ceil(share * shinglesByUnit.size));
  const df = new Map<number, number>();
  for (const set of shinglesByUnit.values()) for (const s of set) df.set(s, (df.get(s) ?? 0) + 1);
  const out = new Set<number>();
  for (const [s, n] of df) if (n >= threshold) out.add(s);
  return out;
}

/** The shingles of a claim that are not boilerplate. */
export function contentShingles(shingles: Uint32Array, boilerplate: ReadonlySet<number>): Uint32Array {
  return boilerplate.size === 0 ? shingles : shingles.filter((s) => !boilerplate.has(s));
}

/**
 * Share of `a`'s content shingles found in `b` (0..1); 0 when `a` has fewer than
 * {@link MIN_SHINGLES} content shingles. Both arrays sorted (as {@link shingleHashes} gives them).
 */
export function containment(a: Uint32Array, b: Uint32Array, boilerplate: ReadonlySet<number>): number {
  const own = contentShingles(a, boilerplate);
  if (own.length < MIN_SHINGLES) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  // own[i] and b[j] are read only inside both arrays
  while (i < own.length && j < b.length) {
    if (own[i] === b[j]) {
      common += 1;
      i += 1;
      j += 1;
    } else if (own[i]! < b[j]!) i += 1;
    else j += 1;
  }
  return common / own.length;
}
