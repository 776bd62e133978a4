/**
 * The places of the `top` highest scores above `floor` (best first; equal scores in place order):
 * the first `top` of the places sorted by score, highest first, by a stable sort — without sorting
 * or listing the others. Pure.
 */
export function topPlaces(scores: ArrayLike<number>, top: number, floor = Number.NEGATIVE_INFINITY): number[] {
  const best: number[] = [];
  for (let d = 0; d < scores.length; d += 1) {
    const score = scores[d] as number;
    if (!(score > floor)) continue;
    let at = best.length;
    while (at > 0 && (scores[best[at - 1] as number] as number) < score) at -= 1;
    if (at >= top) continue;
    best.splice(at, 0, d);
    if (best.length > top) best.pop();
  }
  return best;
}
