import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inboxEvent, outboxRow, runRecord } from '../../testing/storeFixtures.ts';
import { scratchPostgres, type ScratchDatabase } from '../../testing/testDatabase.ts';
import type { ApplyOne, StoredEvent } from '../storeTypes.ts';
import { PostgresStore } from './PostgresStore.ts';
import { pgMigrations } from './pgMigrations.ts';

/*
 * What only PostgreSQL has to prove: several processes (here, several stores with their own pools) sharing one
 * database never hand the same work to two of them, and start together without tripping over the schema.
 */

let database: ScratchDatabase;
const stores: PostgresStore[] = [];
const openStore = () => {
  const store = new PostgresStore(database.url);
  stores.push(store);
  return store;
};
beforeEach(async () => {
  database = await scratchPostgres();
});
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  await database.drop();
});

/** Runs `fn`, recording the text of every statement any pg client sends meanwhile (every query goes through one). */
async function statementsDuring<T>(fn: () => Promise<T>): Promise<{ value: T; statements: string[] }> {
  const statements: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements.push(typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string } | undefined)?.text ?? ''));
    return Reflect.apply(original, this, args);
  } as typeof original;
  try {
    return { value: await fn(), statements };
  } finally {
    pg.Client.prototype.query = original;
  }
}

describe('several PostgreSQL stores on one database', () => {
  it('migrate once when they all start at the same moment', async () => {
    const starting = Array.from({ length: 5 }, openStore);
    await Promise.all(starting.map((s) => s.migrate()));
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(pgMigrations.map((m) => m.version));
    } finally {
      await client.end();
    }
    // A later start finds nothing to do.
    await openStore().migrate();
    expect(await starting[0]!.listJourneys()).toEqual([]);
  });

  it('never claim the same outbox row twice, however their claims interleave', async () => {
    const [a, b, c] = [openStore(), openStore(), openStore()];
    await a.migrate();
    const rows = 600;
    await a.transaction((tx) => tx.insertOutbox(Array.from({ length: rows }, (_, i) => outboxRow(`r${i}`)), 0));
    // Each store claims small batches as fast as it can until nothing is left.
    const drain = async (store: PostgresStore) => {
      const mine: number[] = [];
      for (;;) {
        const batch = await store.claimDue(1_000, 7, 60_000);
        if (batch.length === 0) return mine;
        mine.push(...batch.map((m) => m.id));
      }
    };
    const claimed = await Promise.all([a, b, c, a, b, c].map(drain));
    const all = claimed.flat();
    expect(all).toHaveLength(rows);
    expect(new Set(all).size).toBe(rows);
    expect(claimed.filter((ids) => ids.length > 0).length).toBeGreaterThan(1);
  });

  it('leave the leases of a live process alone when another starts', async () => {
    const [running, starting] = [openStore(), openStore()];
    await running.migrate();
    await running.transaction((tx) => tx.insertOutbox([outboxRow('r1')], 0));
    expect(await running.claimDue(1_000, 10, 60_000)).toHaveLength(1);
    await starting.migrate();
    await starting.releaseLeases();
    expect(await starting.claimDue(1_000, 10, 60_000)).toEqual([]);
    // Once the lease has run out (its holder died), the row goes out again.
    expect(await starting.claimDue(61_000, 10, 60_000)).toHaveLength(1);
  });

  it("apply each event exactly once, and each user's events in arrival order", async () => {
    const stores3 = [openStore(), openStore(), openStore()];
    await stores3[0]!.migrate();
    const users = 40;
    const perUser = 15;
    const events = Array.from({ length: perUser }, (_, n) => Array.from({ length: users }, (_, u) => inboxEvent(`u${u}-${n}`, `u${u}`))).flat();
    await stores3[0]!.appendEvents(events);
    const applied: StoredEvent[] = [];
    const apply: ApplyOne<StoredEvent> = async (tx, e) => {
      const user = (await tx.getUser(e.userId)) ?? { id: e.userId, traits: {}, tags: [], assignments: {}, firstSeenAt: 0, lastSeenAt: 0 };
      await tx.saveUser({ ...user, tags: [...user.tags, e.messageId] });
      await tx.markProcessed(e.seq, 1);
    };
    const loop = async (store: PostgresStore) => {
      for (let idle = 0; idle < 5; ) {
        const batch = await store.applyPendingEvents(25, apply, async () => {});
        applied.push(...batch);
        idle = batch.length === 0 ? idle + 1 : 0;
        if (batch.length === 0) await new Promise((r) => setTimeout(r, 10));
      }
    };
    await Promise.all(stores3.flatMap((s) => [loop(s), loop(s)]));
    expect(applied).toHaveLength(events.length);
    expect(new Set(applied.map((e) => e.seq)).size).toBe(events.length);
    for (let u = 0; u < users; u += 7) {
      // Tags record the order the user's events were applied in, across every store.
      expect((await stores3[1]!.getUserProfile(`u${u}`))?.tags).toEqual(Array.from({ length: perUser }, (_, n) => `u${u}-${n}`));
    }
  });

  it('fire overdue wakeups even while event loops keep every lane busy back to back', async () => {
    const store = openStore();
    await store.migrate();
    const WAKEUPS = 8;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // More events than the loops can apply, on every lane, so a lane is never free when the wakeups look.
    let stop = false;
    let sent = 0;
    const produce = async () => {
      while (!stop) {
        await store.appendEvents(Array.from({ length: 100 }, () => inboxEvent(`m${sent}`, `u${sent++ % 2_000}`)));
        await sleep(20);
      }
    };
    const slowStep: ApplyOne<StoredEvent> = async (tx, e) => {
      await sleep(2);
      await tx.markProcessed(e.seq, 1);
    };
    const applyEvents = async () => {
      while (!stop) if ((await store.applyPendingEvents(200, slowStep, async () => {})).length === 0) await sleep(10);
    };
    const busy = [produce(), applyEvents(), applyEvents(), applyEvents(), applyEvents()];
    try {
      await sleep(500);
      const dueAt = Date.now();
      await store.transaction(async (tx) => {
        for (let i = 0; i < WAKEUPS; i++) await tx.insertRunWakeup({ runId: `r${i}`, journeyId: 'j1', userId: `u${i * 37}`, node: 'w1', dueAt });
      });
      const fired: number[] = [];
      while (fired.length < WAKEUPS && Date.now() - dueAt < 30_000) {
        const batch = await store.applyDueWakeups(Date.now(), 500, [], (tx, w) => tx.deleteWakeup(w.id), async () => {});
        fired.push(...batch.map(() => Date.now() - dueAt));
        await sleep(100);
      }
      expect((await store.pendingEvents(1)).length).toBe(1); // the events never ran out meanwhile
      // Waiting for overdue lanes, the last fired after 2–4 s here; without, after 9–15 s (once not within 30 s).
      expect(fired).toHaveLength(WAKEUPS);
      expect(Math.max(...fired)).toBeLessThan(8_000);
    } finally {
      stop = true;
      await Promise.all(busy);
    }
  });

  it('claim due wakeups with FOR UPDATE SKIP LOCKED: a row another transaction holds is skipped, not waited for', async () => {
    const store = openStore();
    await store.migrate();
    const dueAt = Date.now() - 1_000;
    await store.transaction(async (tx) => {
      for (const user of ['held', 'free']) await tx.insertRunWakeup({ runId: `r-${user}`, journeyId: 'j1', userId: user, node: 'w1', dueAt });
    });
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    const fire = () =>
      Promise.race([
        store.applyDueWakeups(Date.now(), 10, [], (tx, w) => tx.deleteWakeup(w.id), async () => {}).then((fired) => fired.map((w) => w.userId)),
        new Promise<string>((resolve) => setTimeout(() => resolve('stalled behind the locked row'), 5_000)),
      ]);
    try {
      await holder.query('BEGIN');
      await holder.query("SELECT id FROM wakeups WHERE user_id = 'held' FOR UPDATE");
      expect(await fire()).toEqual(['free']);
      await holder.query('COMMIT');
      expect(await fire()).toEqual(['held']);
      expect(await store.dueWakeups(Date.now(), 10, [])).toEqual([]);
    } finally {
      await holder.end();
    }
  });

  it('read the users of a batch and their runs in one round trip, and let each step see the steps before it', async () => {
    const store = openStore();
    await store.migrate();
    await store.transaction(async (tx) => {
      await tx.saveUser({ id: 'a', traits: { plan: 'pro' }, tags: [], assignments: {}, firstSeenAt: 1, lastSeenAt: 1 });
      await tx.insertRun(runRecord('ra', { userId: 'a' }));
    });
    await store.appendEvents(['a', 'b', 'c', 'a', 'b'].map((user, i) => inboxEvent(`e${i}`, user)));
    const seen: string[] = [];
    const { statements } = await statementsDuring(() =>
      store.applyPendingEvents(10, async (tx, e) => {
        const user = (await tx.getUser(e.userId)) ?? { id: e.userId, traits: {}, tags: [], assignments: {}, firstSeenAt: 0, lastSeenAt: 0 };
        const runs = await tx.activeRuns(e.userId);
        seen.push(`${e.messageId}:${user.tags.join('+')}:${runs.map((r) => r.id).join('+')}`);
        await tx.saveUser({ ...user, tags: [...user.tags, e.messageId] });
        if (runs.length === 0) await tx.insertRun(runRecord(`r-${e.messageId}`, { userId: e.userId }));
        await tx.markProcessed(e.seq, 1);
      }, async () => {}),
    );
    expect(statements.filter((t) => t.includes('AS ids(id)'))).toHaveLength(1);
    expect(statements.filter((t) => /^\s*(INSERT INTO|UPDATE) runs/.test(t))).toHaveLength(1);
    // Each step sees the user and runs the steps before it wrote (a, then a again).
    expect(seen).toEqual(['e0::ra', 'e1::', 'e2::', 'e3:e0:ra', 'e4:e1:r-e1']);
  });

  it("leave a lane one of the process's loops holds to that loop, without asking PostgreSQL for it", async () => {
    const store = openStore();
    await store.migrate();
    await store.appendEvents([inboxEvent('h1', 'only-user'), inboxEvent('h2', 'only-user')]);
    let release = () => {};
    const holding = new Promise<void>((resolve) => (release = resolve));
    let entered = () => {};
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = store.applyPendingEvents(10, async (tx, e) => {
      entered();
      await holding;
      await tx.markProcessed(e.seq, 1);
    }, async () => {});
    await inside;
    const { value, statements } = await statementsDuring(() => store.applyPendingEvents(10, async () => {}, async () => {}));
    expect(value).toEqual([]);
    expect(statements).toEqual([expect.stringContaining('SELECT DISTINCT lane FROM events')]);
    release();
    expect((await first).map((e) => e.messageId)).toEqual(['h1', 'h2']);
  });
});
