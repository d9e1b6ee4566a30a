const BASE_MS = 2_000;
const CAP_MS = 3_600_000;
const JITTER = 0.2;

/**
 * How long to wait before the next try after the `attempt`-th failure (1-based): 2s, 4s, 8s … capped at an hour,
 * then spread by ±20% so offers that failed together against one outage do not all come back in the same instant.
 */
export function nextAttemptDelay(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(1, Math.floor(attempt)) - 1;
  const base = Math.min(BASE_MS * 2 ** exponent, CAP_MS);
  const spread = 1 + (random() * 2 - 1) * JITTER;
  return Math.round(base * spread);
}
