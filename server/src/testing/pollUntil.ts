/**
 * Polls `check` until it returns something truthy, and fails naming `what` otherwise; `explain` (when given)
 * describes what was still missing at the deadline, so a failure says more than "timed out". Test support only.
 */
export async function pollUntil<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined | false>,
  explain?: () => Promise<string>,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not met within ${timeoutMs} ms${explain ? `\n${await explain()}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface Settling {
  done: boolean;
  /** A count that grows while work gets done (offers delivered, runs ended): it stalling is what fails. */
  progress: number;
}

/**
 * Waits for work to finish for as long as it keeps moving: fails when `progress` has not grown for `stallMs`
 * (a lost wait or a stuck loop never finishes, however long it is given), not after a fixed time, so a slow
 * or busy machine is not mistaken for a bug. `capMs` bounds the whole wait all the same, so a crawl still ends
 * with `explain` rather than with the test's own timeout. Test support only.
 */
export async function pollUntilSettled(
  what: string,
  limits: { stallMs: number; capMs: number },
  check: () => Promise<Settling>,
  explain?: () => Promise<string>,
): Promise<void> {
  const startedAt = Date.now();
  let best = -Infinity;
  let movedAt = startedAt;
  for (;;) {
    const { done, progress } = await check();
    if (done) return;
    if (progress > best) {
      best = progress;
      movedAt = Date.now();
    }
    const why =
      Date.now() - movedAt > limits.stallMs
        ? `no progress for ${limits.stallMs} ms (stuck at ${best})`
        : Date.now() - startedAt > limits.capMs
          ? `still not done after ${limits.capMs} ms (progress ${best})`
          : undefined;
    if (why) throw new Error(`${what}: ${why}${explain ? `\n${await explain()}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
