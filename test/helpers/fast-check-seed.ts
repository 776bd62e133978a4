/**
 * Property tests run with a fixed seed so CI is repeatable; run them with other seeds to
 * look for new counterexamples: `FC_SEED=random npx jest test/unit` (or any number).
 */
import fc from 'fast-check';

const wanted = process.env.FC_SEED;
if (wanted !== 'random') {
  fc.configureGlobal({ seed: wanted && /^-?\d+$/.test(wanted) ? Number(wanted) : 20261123 });
}
