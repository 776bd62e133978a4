/** Ranking of units by score (issue 6 `ranking`). */

/** A unit's score to rank. */
export interface UnitScore {
  unitId: string;
  score: number;
}

/** A ranked unit: `rank` is 1-based standard competition ranking. */
export interface RankedUnit extends UnitScore {
  rank: number;
}

/**
 * Ranks units by score, highest first, with standard competition ranking (1, 2, 2, 4):
 * a unit's rank is 1 + the number of units with a strictly higher score. Tied units are
 * listed by `unitId` (code-unit order) so the output is deterministic.
 */
export function rankUnits(scores: readonly UnitScore[]): RankedUnit[] {
  const sorted = [...scores].sort((a, b) => {
    if (a.score !== b.score) return b.score - a.score;
    if (a.unitId === b.unitId) return 0;
    return a.unitId < b.unitId ? -1 : 1;
  });
  const ranked: RankedUnit[] = [];
  sorted.forEach((entry, index) => {
    const previous = ranked[index - 1];
    const rank = previous && previous.score === entry.score ? previous.rank : index + 1;
    ranked.push({ unitId: entry.unitId, score: entry.score, rank });
  });
  return ranked;
}
