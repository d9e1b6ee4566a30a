import type { ReceivedRequest } from '../delivery/webhookTestTarget.ts';

/** Offers a process can have sent and not yet recorded when it dies: its 256 sends in flight, twice over. */
export const UNRECORDED_PER_KILL = 512;

/**
 * Delivery is at least once, so a webhook-id may arrive twice, but only across a crash: the killed process had
 * sent it and died before recording it, and another sent it again once its lease passed. Anything else is a
 * bug that sends twice. Returns what the kills (their times, ms) do not explain: a webhook-id that arrived twice
 * with no kill between its first arrival and a later one, or more resends than the kills could leave behind
 * (at most `perKill` offers sent and not yet recorded by a process when it dies).
 */
export function unexplainedResends(received: readonly ReceivedRequest[], kills: readonly number[], perKill = UNRECORDED_PER_KILL): string[] {
  // Bytes written just before SIGKILL still reach the target a moment after it.
  const IN_THE_WIRE_MS = 1_000;
  const arrivals = new Map<string, number[]>();
  for (const r of received) {
    const id = String(r.headers['webhook-id']);
    arrivals.set(id, [...(arrivals.get(id) ?? []), r.at]);
  }
  const problems: string[] = [];
  let resends = 0;
  for (const [id, times] of arrivals) {
    if (times.length < 2) continue;
    resends += times.length - 1;
    const first = Math.min(...times);
    const last = Math.max(...times);
    if (!kills.some((kill) => first <= kill + IN_THE_WIRE_MS && last >= kill)) problems.push(`${id} arrived ${times.length} times (${times.join(', ')}) with no kill between`);
  }
  if (resends > kills.length * perKill) problems.push(`${resends} resends after ${kills.length} kills, more than ${perKill} a kill`);
  return problems;
}
