import { TEST_WRITE_KEY } from '../testing/testClient.ts';

/** What became of one request: an answer (any status), or no answer at all (refused, reset, timed out). */
export type Outcome =
  | { answered: true; status: number; body: unknown; retryAfter: string | null }
  | { answered: false; error: string; timedOut: boolean };

export interface LoadRecord {
  /** The request's sequence number, from 0: the caller derives its userId and messageId from it. */
  n: number;
  sentAt: number;
  settledAt: number;
  outcome: Outcome;
}

export interface SteadyLoad {
  /** Every request settled so far, in the order they settled. */
  readonly records: LoadRecord[];
  /** Stops sending and resolves with every record once the requests in flight have settled. */
  stop(): Promise<LoadRecord[]>;
}

const TICK_MS = 10;
const WRITE_KEY_AUTH = `Basic ${Buffer.from(`${TEST_WRITE_KEY}:`).toString('base64')}`;

/**
 * Sends `ratePerSecond` requests a second, evenly, whatever happens to the server: a request that fails is
 * recorded and not retried (it was not acknowledged), so a test can tell exactly which events got a 2xx.
 * At most `maxInFlight` requests are outstanding; ticks that find that many skip their requests rather than
 * pile them up behind a server that does not answer. Test support only.
 */
export function startSteadyLoad(ratePerSecond: number, send: (n: number) => Promise<Outcome>, maxInFlight = 400): SteadyLoad {
  const records: LoadRecord[] = [];
  const inFlight = new Set<Promise<void>>();
  const startedAt = Date.now();
  let owed = 0;
  let next = 0;

  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - startedAt) * ratePerSecond) / 1000);
    for (; owed < due; owed++) {
      if (inFlight.size >= maxInFlight) continue;
      const n = next++;
      const sentAt = Date.now();
      const request = send(n).then((outcome) => {
        records.push({ n, sentAt, settledAt: Date.now(), outcome });
      });
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
    }
  }, TICK_MS);

  return {
    records,
    async stop() {
      clearInterval(timer);
      while (inFlight.size > 0) await Promise.all(inFlight);
      return records;
    },
  };
}

/** POSTs JSON with the write key; never rejects: no answer within `timeoutMs` is an outcome like any other. */
export async function postIngest(url: string, body: unknown, timeoutMs: number): Promise<Outcome> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: WRITE_KEY_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text, a test will show it
    }
    return { answered: true, status: res.status, body: parsed, retryAfter: res.headers.get('retry-after') };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const timedOut = e.name === 'TimeoutError';
    return { answered: false, timedOut, error: timedOut ? 'timed out' : `${e.message}: ${e.cause?.code ?? e.cause?.message ?? ''}` };
  }
}

export const acknowledged = (record: LoadRecord) => record.outcome.answered && record.outcome.status >= 200 && record.outcome.status < 300;

/** Status counts, plus `no answer` for requests that got none: the shape a failure message or report shows. */
export function tally(records: readonly LoadRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { outcome } of records) {
    const key = outcome.answered ? String(outcome.status) : outcome.timedOut ? 'timed out' : 'no answer';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
