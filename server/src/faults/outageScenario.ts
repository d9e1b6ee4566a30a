import type { JourneyDocumentInput } from '@waymark/shared';
import { afterEach, beforeEach, expect } from 'vitest';
import type { OfferSentPayload } from '../delivery/webhookChannel.ts';
import { startWebhookTestTarget, type WebhookTestTarget } from '../delivery/webhookTestTarget.ts';
import { spawnWaymark, type SpawnedWaymark } from '../testing/spawnWaymark.ts';
import { pollUntilSettled, sleep } from '../testing/pollUntil.ts';
import { acknowledged, postIngest, startSteadyLoad, tally, type LoadRecord } from './steadyLoad.ts';

/*
 * The storage outage story both stores are held to, test support only: the database out of reach for a few
 * seconds while traffic flows. What must hold: ingestion answers 503 `storage_unavailable` with Retry-After
 * (never another error status, never a hang), the health check says so, the log says why, nothing acknowledged
 * is lost, and once the database is back (or the process restarted) everything carries on. Each store's test
 * says how its outage is made: `postgresOutage.postgres.test.ts` cuts the network to PostgreSQL,
 * `sqliteDiskFull.sqlite.test.ts` makes writes to the SQLite file fail as on a full disk.
 */

const RATE_PER_SECOND = 100;
const REQUEST_TIMEOUT_MS = 5_000;
const BEFORE_MS = 1_500;
/** How long the outage lasts. */
export const OUTAGE_MS = 2_500;
const AFTER_MS = 2_500;
const WAIT_MS = 1_000;
const LEASE_MS = 2_000;
/** The work may stand still this long before the test calls it stuck (well above the wait and the lease), and
 * take this long in all before the test says what was left. */
const SETTLE = { stallMs: 15_000, capMs: 60_000 };

const userId = (n: number) => `outage-user-${n}`;

/** go → wait 1 s → webhook offer: an outage lands while users wait, while waits fall due and offers go out. */
function journey(url: string): JourneyDocumentInput {
  return {
    name: 'Storage outage: offer after a wait',
    settings: { reentry: 'never' },
    nodes: [
      { id: 'start', type: 'trigger', data: { event: 'go' } },
      { id: 'pause', type: 'wait', data: { for: `${WAIT_MS / 1000}s` } },
      { id: 'offer', type: 'offer', data: { offer: 'BACK10', channel: 'webhook', url, template: '{{ user.id }}: {{ offer.code }}', cost: 1 } },
      { id: 'done', type: 'exit', data: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'pause' },
      { id: 'e2', source: 'pause', target: 'offer' },
      { id: 'e3', source: 'offer', target: 'done' },
    ],
  };
}

async function publish(waymark: SpawnedWaymark, target: WebhookTestTarget): Promise<string> {
  const created = await waymark.api('/api/journeys', { body: journey(target.url('/offers')) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await waymark.api(`/api/journeys/${created.body.id}/publish`, { method: 'POST' });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return created.body.id as string;
}

interface HealthRecord {
  at: number;
  status: number | 'no answer';
}

/** Asks /healthz every 100 ms (each ask bounded like an ingestion request) until stopped. */
function watchHealth(url: string) {
  const records: HealthRecord[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const at = Date.now();
      const status = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
        .then(async (res) => (await res.body?.cancel(), res.status))
        .catch(() => 'no answer' as const);
      records.push({ at, status });
      await sleep(100);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return records;
    },
  };
}

function tallyHealth(records: readonly HealthRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of records) counts[String(status)] = (counts[String(status)] ?? 0) + 1;
  return counts;
}

/** Runs the load across the outage: `BEFORE_MS` of normal traffic, `outage` for `OUTAGE_MS`, then `AFTER_MS` more. */
async function loadAcrossOutage(ingestUrl: string, healthUrl: string, outage: { begin(): Promise<void>; end(): Promise<void> }) {
  const health = watchHealth(healthUrl);
  const load = startSteadyLoad(RATE_PER_SECOND, (n) =>
    postIngest(ingestUrl, { userId: userId(n), event: 'go', messageId: `go-${n}` }, REQUEST_TIMEOUT_MS),
  );
  await sleep(BEFORE_MS);
  const cutAt = Date.now();
  await outage.begin();
  await sleep(OUTAGE_MS);
  await outage.end();
  const restoredAt = Date.now();
  await sleep(AFTER_MS);
  return { records: await load.stop(), health: await health.stop(), cutAt, restoredAt };
}

/** What every outage must leave true of the answers; returns the counts for the report. */
function expectOnlyOkOr503(records: readonly LoadRecord[], restoredAt: number) {
  const statuses = tally(records);
  // Every request got an answer within the timeout (no hang, no dropped connection), and only 200 or 503.
  expect(Object.keys(statuses).filter((s) => s !== '200' && s !== '503'), JSON.stringify(statuses)).toEqual([]);
  const refused = records.filter((r) => r.outcome.answered && r.outcome.status === 503);
  expect(refused.length, 'the outage produced 503s').toBeGreaterThan(0);
  for (const { outcome } of refused) {
    if (!outcome.answered) continue;
    expect(outcome.body).toEqual({ error: { code: 'storage_unavailable', message: expect.any(String) } });
    expect(outcome.retryAfter).toMatch(/^\d+$/);
  }
  // Once the database was back, ingestion recovered for good: no 503 after the first post-outage 200.
  const sorted = [...records].sort((a, b) => a.sentAt - b.sentAt);
  const firstOkAfter = sorted.find((r) => r.sentAt >= restoredAt && acknowledged(r));
  expect(firstOkAfter, 'an acknowledged request after the outage').toBeDefined();
  expect(sorted.filter((r) => r.sentAt > firstOkAfter!.sentAt && !acknowledged(r)).map((r) => r.outcome)).toEqual([]);
  return { statuses, refused: refused.length };
}

/** Every acknowledged user ends up with exactly one offer (one webhook-id), and no run is left waiting. */
async function expectEveryAcknowledgedEventApplied(
  waymark: SpawnedWaymark,
  target: WebhookTestTarget,
  journeyId: string,
  records: readonly LoadRecord[],
) {
  const ackedUsers = new Set(records.filter(acknowledged).map((r) => userId(r.n)));
  const idsByUser = () => {
    const byUser = new Map<string, Set<string>>();
    for (const r of target.received) {
      const { userId: id } = JSON.parse(r.body) as OfferSentPayload;
      byUser.set(id, (byUser.get(id) ?? new Set()).add(String(r.headers['webhook-id'])));
    }
    return byUser;
  };
  const stats = async () => (await waymark.api(`/api/journeys/${journeyId}/stats`)).body;
  // Finished, or stuck: an acknowledged event lost, or a wait that never fires, stops the work short of done.
  await pollUntilSettled(
    'every acknowledged user delivered an offer and every run ended',
    SETTLE,
    async () => {
      const byUser = idsByUser();
      const { totals } = await stats();
      const everyone = [...ackedUsers].every((id) => byUser.has(id));
      return { done: everyone && totals.active === 0 && totals.offersPending === 0, progress: byUser.size + totals.entered + totals.exited };
    },
    async () => {
      const missing = [...ackedUsers].filter((id) => !idsByUser().has(id));
      const sample = missing[0] ? JSON.stringify((await waymark.api(`/api/users/${missing[0]}`)).body) : '';
      return `${missing.length} acknowledged users without an offer (${missing.slice(0, 5).join(', ')}); stats ${JSON.stringify((await stats()).totals)}\n${sample}`;
    },
  );
  const byUser = idsByUser();
  expect([...byUser].filter(([, ids]) => ids.size !== 1).map(([id]) => id)).toEqual([]);
  const { totals } = await stats();
  expect(totals).toMatchObject({ entered: byUser.size, active: 0, offersSent: byUser.size, offersPending: 0, offersDead: 0 });
  return { acknowledged: ackedUsers.size, applied: byUser.size, deliveries: target.received.length, duplicates: target.received.length - byUser.size };
}

export interface Outage {
  store: string;
  /** The DATABASE_URL Waymark opens (through whatever the outage acts on). */
  databaseUrl: string;
  begin(waymark: SpawnedWaymark): Promise<void>;
  end(waymark: SpawnedWaymark): Promise<void>;
  /** Whether /healthz must answer 503 while it lasts (a SQLite health check only reads, and reads still work). */
  healthFails: boolean;
}

/** The log lines of a spawned Waymark (pino JSON), skipping what is not JSON (the start banner). */
function logLines(waymark: SpawnedWaymark): Array<{ level: number; msg: string; err?: { message?: string; code?: string } }> {
  return waymark
    .output()
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line)];
      } catch {
        return [];
      }
    });
}

/** Numbers the requests sent after the restart apart from the first process's. */
const AFTER_RESTART = 100_000;

/**
 * The whole story on a real process: traffic, the outage, recovery, every acknowledged event applied; then a
 * SIGKILL and a fresh process on the same database, which carries on.
 */
async function outageThenRestart(outage: Outage, target: WebhookTestTarget, cleanups: Array<() => Promise<unknown>>) {
  const spawned: SpawnedWaymark[] = [];
  cleanups.push(async () => {
    for (const p of spawned) {
      p.kill('SIGKILL');
      await p.exited;
    }
  });
  const start = async () => {
    // The whole log is kept: the first failures of an outage are the telling ones.
    const p = await spawnWaymark({ databaseUrl: outage.databaseUrl, env: { OUTBOX_LEASE_MS: String(LEASE_MS) }, maxOutputChars: 16_000_000 });
    spawned.push(p);
    return p;
  };

  const first = await start();
  let exitCode: number | null | undefined;
  void first.exited.then((code) => (exitCode = code));
  const journeyId = await publish(first, target);
  const { records, health, cutAt, restoredAt } = await loadAcrossOutage(`${first.url}/v1/track`, first.url, {
    begin: () => outage.begin(first),
    end: () => outage.end(first),
  });
  // Not a crash, whatever the outage threw at it.
  expect(exitCode, `Waymark exited during the outage:\n${first.output().slice(-8_000)}`).toBeUndefined();
  // The log names the failure on the requests it refused, with its cause, and none went down as a bug (a 500).
  const logged = logLines(first);
  expect(logged.filter((l) => l.msg === 'unhandled error' || l.msg === 'unhandled rejection').map((l) => l.err)).toEqual([]);
  const unavailable = logged.filter((l) => l.msg === 'storage unavailable');
  expect(unavailable.length).toBeGreaterThan(0);
  expect(unavailable.filter((l) => l.level < 50 || !l.err?.message)).toEqual([]);

  const answers = expectOnlyOkOr503(records, restoredAt);

  // The health check never hung, and told a load balancer the truth.
  expect(health.filter((h) => h.status === 'no answer')).toEqual([]);
  if (outage.healthFails) expect(health.some((h) => h.at >= cutAt && h.at < restoredAt && h.status === 503)).toBe(true);
  expect(health.at(-1)?.status).toBe(200);

  const afterOutage = await expectEveryAcknowledgedEventApplied(first, target, journeyId, records);

  // A fresh process on the same database (the old one SIGKILLed) carries on: nothing acknowledged undone, new traffic flows.
  first.kill('SIGKILL');
  await first.exited;
  const second = await start();
  const more = startSteadyLoad(RATE_PER_SECOND, (n) =>
    postIngest(`${second.url}/v1/track`, { userId: userId(AFTER_RESTART + n), event: 'go', messageId: `go-${AFTER_RESTART + n}` }, REQUEST_TIMEOUT_MS),
  );
  await sleep(1_000);
  const moreRecords = (await more.stop()).map((r) => ({ ...r, n: AFTER_RESTART + r.n }));
  expect(tally(moreRecords)).toEqual({ '200': moreRecords.length });
  const afterRestart = await expectEveryAcknowledgedEventApplied(second, target, journeyId, [...records, ...moreRecords]);

  console.info(
    `storage outage (${outage.store}, ${OUTAGE_MS} ms): ${records.length} requests ${JSON.stringify(answers.statuses)}; ` +
      `healthz ${JSON.stringify(tallyHealth(health))}; ${unavailable.length} 'storage unavailable' log lines, e.g. ` +
      `${JSON.stringify(unavailable[0]?.err?.message)}; ${afterOutage.acknowledged} acknowledged → ${afterOutage.applied} applied ` +
      `(committed but unacknowledged included), ${afterOutage.deliveries} deliveries (${afterOutage.duplicates} resends); ` +
      `after the restart ${afterRestart.applied} applied, ${afterRestart.duplicates} resends`,
  );
}

export interface OutageScenario {
  /** Run after each test, the last added first (the webhook target the offers go to is the first). */
  readonly cleanups: Array<() => Promise<unknown>>;
  /** The whole story (see `outageThenRestart`) with `outage` as the way the database fails. */
  outageThenRestart(outage: Outage): Promise<void>;
}

/**
 * Call once at the top of a test file: registers the hooks that start a webhook target before each test and run
 * the cleanups after it.
 */
export function useOutageScenario(): OutageScenario {
  let target: WebhookTestTarget | undefined;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeEach(async () => {
    const started = await startWebhookTestTarget((_request, response) => response.writeHead(204).end());
    target = started;
    cleanups.push(() => started.close());
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    target = undefined;
  });

  return {
    cleanups,
    outageThenRestart(outage) {
      if (!target) throw new Error('outageThenRestart runs inside a test of a file that called useOutageScenario()');
      return outageThenRestart(outage, target, cleanups);
    },
  };
}
