/**
 * Test support: reproducible randomness for the simulations. mulberry32 (Tommy Ettinger, public domain) is a
 * 32-bit-state generator with good equidistribution for this use, and a seed makes every run identical, so a
 * simulation test either always passes or always fails; it never flakes.
 */

/** A uniform generator on [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** How many of `n` independent trials succeed with probability `p`: n Bernoulli draws, exact and cheap enough here. */
export function binomial(random: () => number, n: number, p: number): number {
  let successes = 0;
  for (let i = 0; i < n; i += 1) if (random() < p) successes += 1;
  return successes;
}
