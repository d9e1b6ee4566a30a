import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Store } from '../store/storeTypes.ts';

/** Seconds buckets from 1 ms to 1 min: ingest-to-delivery spans both a fast path and retries after backoff. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * Waymark's Prometheus metrics (`GET /metrics`). One registry per running Waymark, so several in one process
 * (tests, benchmarks) never share counters. Counters and histograms are fed by the loops as things happen;
 * the gauges that describe stored state (runs, wakeups, outbox) are read from the store when scraped.
 */
export function createMetrics(store: Store, now: () => number = Date.now) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const metrics = {
    registry,
    eventsIngested: new Counter({ name: 'waymark_events_ingested_total', help: 'Events accepted and durably stored (2xx sent)', registers }),
    eventsDuplicate: new Counter({ name: 'waymark_events_duplicate_total', help: 'Events dropped as duplicates of a messageId already stored', registers }),
    eventsProcessed: new Counter({ name: 'waymark_events_processed_total', help: 'Events applied to users and runs', registers }),
    wakeupsFired: new Counter({ name: 'waymark_wakeups_fired_total', help: 'Durable wakeups fired (waits ending, inactivity triggers)', registers }),
    wakeupLateness: new Histogram({ name: 'waymark_wakeup_lateness_seconds', help: 'How long after its due time a wakeup fired', buckets: LATENCY_BUCKETS, registers }),
    deliveries: new Counter({ name: 'waymark_deliveries_total', help: 'Offer delivery attempts by channel and result (sent, retrying, dead)', labelNames: ['channel', 'result'] as const, registers }),
    offerLatency: new Histogram({ name: 'waymark_offer_delivery_latency_seconds', help: 'From the offer being decided (outbox row written) to its delivery, by channel', labelNames: ['channel'] as const, buckets: LATENCY_BUCKETS, registers }),
    httpDuration: new Histogram({ name: 'waymark_http_request_duration_seconds', help: 'HTTP request duration by route and status class', labelNames: ['method', 'route', 'status'] as const, buckets: LATENCY_BUCKETS, registers }),
  };

  // Stored state, read at scrape time: cheap indexed counts, and never a reason for a scrape to fail.
  let snapshot: Promise<Awaited<ReturnType<Store['metricsSnapshot']>> | undefined> | undefined;
  const read = () => {
    snapshot ??= store.metricsSnapshot(now(), 1_000).catch(() => undefined).finally(() => setTimeout(() => (snapshot = undefined), 0));
    return snapshot;
  };
  const gauge = (name: string, help: string, pick: (s: NonNullable<Awaited<ReturnType<typeof read>>>) => Array<[Record<string, string>, number]>, labelNames: string[] = []) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        const s = await read();
        if (!s) return;
        for (const [labels, value] of pick(s)) this.set(labels, value);
      },
    });
  gauge('waymark_runs_active', 'Users in a journey right now', (s) => [[{}, s.runsActive]]);
  gauge('waymark_wakeups_due', 'Wakeups due now and not fired yet', (s) => [[{}, s.wakeupsDue]]);
  gauge('waymark_wakeups_late', 'Wakeups more than 1 s past due and not fired yet', (s) => [[{}, s.wakeupsLate]]);
  gauge('waymark_wakeups_scheduled', 'Durable wakeups stored (waits and inactivity timers)', (s) => [[{}, s.wakeupsTotal]]);
  gauge('waymark_outbox_depth', 'Offers in the outbox by status', (s) => [[{ status: 'pending' }, s.outboxPending], [{ status: 'dead' }, s.outboxDead]], ['status']);
  gauge('waymark_events_pending', 'Events stored but not yet applied', (s) => [[{}, s.eventsPending]]);

  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;
