import { describe, expect, it } from 'vitest';
import { outboxRow, runRecord, T0 } from '../testing/storeFixtures.ts';
import { testStore } from '../testing/testDatabase.ts';
import { useScratchStore } from '../testing/testStore.ts';
import type { Store } from './storeTypes.ts';

/* The aggregate figures behind journey stats, experiment reports and /metrics: equal on either store. */

let store: Store;
useScratchStore((opened) => (store = opened));

/** Inserts offers and marks those of `sent` as sent (claimed first, as the dispatcher would). */
async function offers(rows: Array<{ runId: string; cost: number; status: 'sent' | 'pending' | 'dead'; journeyId?: string }>) {
  await store.transaction((tx) =>
    tx.insertOutbox(
      // A run's offers are its user's: run `r-u1` is user u1's.
      rows.map((r) => outboxRow(r.runId, { cost: r.cost, journeyId: r.journeyId ?? 'j1', userId: r.runId.replace(/^r-/, ''), ...(r.status === 'dead' ? { deadReason: 'unsendable' } : {}) })),
      0,
    ),
  );
  const claimed = await store.claimDue(0, 1_000, 1_000);
  const sent = claimed.filter((_, i) => rows.filter((r) => r.status !== 'dead')[i]?.status === 'sent');
  for (const m of sent) await store.markSent(m.id, 1);
  // Leases of the rows left pending do not matter to the figures; release them by letting them fail for later.
  for (const m of claimed.filter((c) => !sent.includes(c))) await store.markFailed(m.id, 'later', 10_000, 1);
}

describe(`the ${testStore()} store's figures`, () => {
  it("counts a journey's runs by outcome, its offers by delivery, and its node and edge traffic", async () => {
    await store.transaction(async (tx) => {
      await tx.insertRun(runRecord('r1', { userId: 'u1', node: 'w1' }));
      await tx.insertRun(runRecord('r2', { userId: 'u2', node: 'w1' }));
      await tx.insertRun(runRecord('r3', { userId: 'u3', status: 'converted', endedAt: T0 }));
      await tx.insertRun(runRecord('r4', { userId: 'u4', status: 'exited', endedAt: T0 }));
      await tx.insertRun(runRecord('r5', { userId: 'u5', journeyId: 'j2' }));
      await tx.bumpStats('j1', 1, ['t1', 'w1'], ['e1']);
      await tx.bumpStats('j1', 1, ['t1'], []);
    });
    // A second transaction (another lane's shard, on PostgreSQL) adds to the same counters.
    await store.transaction((tx) => tx.bumpStats('j1', 2, ['t1'], ['e1', 'e2']));
    await offers([
      { runId: 'r1', cost: 1.5, status: 'sent' },
      { runId: 'r2', cost: 2, status: 'sent' },
      { runId: 'r3', cost: 9, status: 'pending' },
      { runId: 'r4', cost: 4, status: 'dead' },
      { runId: 'r5', cost: 100, status: 'sent', journeyId: 'j2' },
    ]);

    expect(await store.journeyTotals('j1')).toEqual({ entered: 4, active: 2, converted: 1, exited: 1, offersSent: 2, offersPending: 1, offersDead: 1, offerCost: 3.5 });
    expect(await store.journeyTotals('none')).toEqual({ entered: 0, active: 0, converted: 0, exited: 0, offersSent: 0, offersPending: 0, offersDead: 0, offerCost: 0 });
    const stats = await store.nodeStats('j1');
    const byKey = <T>(rows: T[], key: (row: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
    expect(byKey(stats.nodes, (r) => r.node)).toEqual([
      { node: 't1', entered: 3 },
      { node: 'w1', entered: 1 },
    ]);
    expect(byKey(stats.edges, (r) => r.edge)).toEqual([
      { edge: 'e1', taken: 2 },
      { edge: 'e2', taken: 1 },
    ]);
    expect(byKey(stats.waiting, (r) => r.node)).toEqual([{ node: 'w1', entered: 2 }]);
  });

  it("reports an experiment's arms over matured and pending users of the current phase", async () => {
    // Window 1,000 ms, phase [1,000, 9,000], now 5,000: users assigned by 4,000 have matured.
    const assign = [
      { userId: 'u0', arm: 'A', at: 500 }, // an earlier phase
      { userId: 'u1', arm: 'A', at: 1_000, converted: { at: 1_500, revenue: 10 } }, // matured, converted in the window
      { userId: 'u2', arm: 'A', at: 2_000, converted: { at: 3_500, revenue: 7 } }, // matured, converted too late
      { userId: 'u3', arm: 'A', at: 4_500, converted: { at: 4_600, revenue: 5 } }, // pending, converted already
      { userId: 'u4', arm: 'B', at: 3_000 }, // matured, not converted
      { userId: 'u5', arm: 'B', at: 4_000, converted: { at: 5_000, revenue: 3 } }, // matured on the boundary, converted at the window's end
      { userId: 'u6', arm: 'B', at: 9_500 }, // after a promotion: not part of the experiment
      { userId: 'u7', arm: 'B', at: 4_999 }, // pending
    ];
    await store.transaction(async (tx) => {
      for (const a of assign) {
        await tx.recordAssignment({ journeyId: 'j1', node: 's1', userId: a.userId, arm: a.arm, runId: `r-${a.userId}`, at: a.at });
        if (a.converted) await tx.markAssignmentConverted({ journeyId: 'j1', node: 's1', userId: a.userId, ...a.converted });
      }
      // The same users in another experiment are not counted here.
      await tx.recordAssignment({ journeyId: 'j1', node: 's2', userId: 'u1', arm: 'A', runId: 'r-u1', at: 1_000 });
    });
    await offers([
      { runId: 'r-u1', cost: 2, status: 'sent' },
      { runId: 'r-u1', cost: 5, status: 'pending' },
      { runId: 'r-u2', cost: 1.5, status: 'sent' },
      { runId: 'r-u2', cost: 1.5, status: 'sent' },
      { runId: 'r-u3', cost: 4, status: 'sent' },
      { runId: 'r-u4', cost: 9, status: 'dead' },
      { runId: 'r-u5', cost: 0, status: 'sent' },
    ]);

    const report = await store.experimentArms({ experiment: 'j1', node: 's1', windowMs: 1_000, since: 1_000, until: 9_000, now: 5_000 });
    expect(report.earlier).toBe(1);
    expect([...report.arms].sort((a, b) => a.arm.localeCompare(b.arm))).toEqual([
      { arm: 'A', entered: 2, converted: 1, revenue: 10, offersSent: 3, offerCost: 5, pending: 1, pendingConverted: 1 },
      { arm: 'B', entered: 2, converted: 1, revenue: 3, offersSent: 1, offerCost: 0, pending: 1, pendingConverted: 0 },
    ]);
    expect(await store.experimentArms({ experiment: 'j1', node: 'nope', windowMs: 1_000, since: 0, until: 9_000, now: 5_000 })).toEqual({ arms: [], earlier: 0 });
  });

  it('counts what the /metrics gauges show', async () => {
    await store.appendEvents([
      { messageId: 'm1', userId: 'u1', kind: 'track', name: 'x', payload: {}, timestamp: 1, receivedAt: 1 },
      { messageId: 'm2', userId: 'u1', kind: 'track', name: 'x', payload: {}, timestamp: 1, receivedAt: 1 },
    ]);
    await store.transaction(async (tx) => {
      await tx.insertRun(runRecord('r1'));
      await tx.insertRun(runRecord('r2', { userId: 'u2', status: 'exited', endedAt: T0 }));
      await tx.insertRunWakeup({ runId: 'r1', journeyId: 'j1', userId: 'u1', node: 'w1', dueAt: T0 - 60_000 });
      await tx.insertRunWakeup({ runId: 'r1', journeyId: 'j1', userId: 'u1', node: 'w1', dueAt: T0 - 100 });
      await tx.insertRunWakeup({ runId: 'r1', journeyId: 'j1', userId: 'u1', node: 'w1', dueAt: T0 + 100 });
    });
    await offers([
      { runId: 'r1', cost: 1, status: 'pending' },
      { runId: 'r1', cost: 1, status: 'dead' },
    ]);
    expect(await store.metricsSnapshot(T0, 1_000)).toEqual({
      runsActive: 1,
      wakeupsDue: 2,
      wakeupsLate: 1,
      wakeupsTotal: 3,
      outboxPending: 1,
      outboxDead: 1,
      eventsPending: 2,
    });
  });
});
