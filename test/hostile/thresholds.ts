/**
 * The bounds of issue 14's "Done when": every hostile request gets its documented 4xx and
 * code within 2 s, and /health answers within 200 ms while it is in flight. The tests assert
 * these figures as they are. `HOSTILE_MARGIN` (a factor, default 1) widens both for a machine
 * known to be slower than the server's target (an overloaded CI runner sharing its cores):
 * `HOSTILE_MARGIN=2 npx jest test/hostile`. It is an escape hatch for the machine, not for
 * the product: a request that needs it on an idle machine is a bug to fix.
 */
const MARGIN = Number(process.env.HOSTILE_MARGIN ?? 1);
if (!Number.isFinite(MARGIN) || MARGIN < 1) throw new Error(`HOSTILE_MARGIN must be a number ≥ 1, not ${process.env.HOSTILE_MARGIN}`);

/** A hostile request's answer, ms. */
export const WITHIN_MS = 2000 * MARGIN;
/** The slowest /health answer while one is in flight, ms. */
export const HEALTH_MS = 200 * MARGIN;
/** The margin in force (1 unless HOSTILE_MARGIN says otherwise). */
export const HOSTILE_MARGIN = MARGIN;
