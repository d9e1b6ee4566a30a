import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inboxEvent, runRecord, sampleJourney, T0 } from '../testing/storeFixtures.ts';
import { scratchDatabase, testStore, type ScratchDatabase } from '../testing/testDatabase.ts';
import { openTestStore } from '../testing/testStore.ts';
import type { ApplyOne, Store, StoredEvent } from './storeTypes.ts';

/*
 * What the runtime relies on from any store, checked on the store under test (SQLite in the `sqlite` project,
 * PostgreSQL in the `postgres` one): the same calls must leave the same data behind on either.
 */

let database: ScratchDatabase;
const open: Store[] = [];
async function openStore() {
  const store = await openTestStore(database);
  open.push(store);
  return store;
}
async function closeStore(store: Store) {
  open.splice(open.indexOf(store), 1);
  await store.close();
}
beforeEach(async () => {
  database = await scratchDatabase();
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  await database.drop();
});

describe(`the ${testStore()} store`, () => {
  it('migrates a fresh database, and again on reopen without harm', async () => {
    await closeStore(await openStore());
    const again = await openStore();
    expect(await again.listJourneys()).toEqual([]);
  });

  it('keeps every acknowledged event across a reopen, storing each messageId once', async () => {
    const store = await openStore();
    const payload = { properties: { nested: { list: [1, 'two', null], ünïcode: '✓' }, big: 2 ** 40 } };
    const first = await store.appendEvents([inboxEvent('a', 'u1', { payload }), inboxEvent('b', 'u2', { kind: 'identify', name: undefined }), inboxEvent('a')]);
    expect(first).toMatchObject({ stored: 2, duplicates: 1 });
    expect(first.seqs[2]).toBeNull();
    expect(first.lastSeq).toBe(first.seqs[1]);
    expect(first.seqs[1]).toBeGreaterThan(first.seqs[0]!);

    // Two requests racing with an overlapping messageId: it is stored by exactly one of them.
    const raced = await Promise.all([store.appendEvents([inboxEvent('c'), inboxEvent('d')]), store.appendEvents([inboxEvent('d'), inboxEvent('e')])]);
    expect(raced.reduce((n, r) => n + r.stored, 0)).toBe(3);
    expect(raced.reduce((n, r) => n + r.duplicates, 0)).toBe(1);

    await closeStore(store);
    const reopened = await openStore();
    const pending = await reopened.pendingEvents(10);
    expect(pending.map((e) => e.messageId).slice(0, 2)).toEqual(['a', 'b']);
    expect(new Set(pending.map((e) => e.messageId))).toEqual(new Set(['a', 'b', 'c', 'd', 'e']));
    expect(pending[0]).toEqual({ seq: first.seqs[0], messageId: 'a', userId: 'u1', kind: 'track', name: 'ping', payload, timestamp: T0, receivedAt: T0 });
    expect(pending[1]).not.toHaveProperty('name');
    expect(pending.map((e) => e.seq)).toEqual([...pending.map((e) => e.seq)].sort((x, y) => x - y));
  });

  it('appends a group larger than one statement takes, in order, each messageId once', async () => {
    const store = await openStore();
    await store.appendEvents([inboxEvent('m5'), inboxEvent('m1500')]);
    const ids = Array.from({ length: 2_500 }, (_, i) => `m${i}`);
    ids.splice(2_000, 0, 'm1999'); // a duplicate within the group, in a later chunk than its first occurrence
    const result = await store.appendEvents(ids.map((id) => inboxEvent(id)));
    expect(result).toMatchObject({ stored: 2_498, duplicates: 3 });
    expect(result.seqs.filter((seq) => seq === null)).toHaveLength(3);
    expect([result.seqs[5], result.seqs[1_500], result.seqs[2_000]]).toEqual([null, null, null]);
    const stored = result.seqs.filter((seq): seq is number => seq !== null);
    expect(stored).toEqual([...stored].sort((a, b) => a - b));
    expect(result.lastSeq).toBe(stored.at(-1));
    expect(await store.pendingEvents(3_000)).toHaveLength(2_500);
  });

  it('rolls back a failing transaction alone; transactions beside it commit', async () => {
    const store = await openStore();
    const failing = store.transaction(async (tx) => {
      await tx.saveUser({ id: 'ghost', traits: {}, tags: [], assignments: {}, firstSeenAt: 1, lastSeenAt: 1 });
      throw new Error('boom');
    });
    const fine = store.transaction((tx) => tx.saveUser({ id: 'real', traits: { a: { b: [1] } }, tags: ['x'], assignments: { 'j1/s1': 'B' }, firstSeenAt: T0, lastSeenAt: T0 + 1 }));
    const appended = store.appendEvents([inboxEvent('z')]);
    await expect(failing).rejects.toThrow('boom');
    await fine;
    await appended;
    expect(await store.getUserProfile('ghost')).toBeUndefined();
    expect(await store.getUserProfile('real')).toEqual({ id: 'real', traits: { a: { b: [1] } }, tags: ['x'], assignments: { 'j1/s1': 'B' }, firstSeenAt: T0, lastSeenAt: T0 + 1 });
    // Saving again updates what a user is, never when they were first seen.
    await store.transaction((tx) => tx.saveUser({ id: 'real', traits: {}, tags: [], assignments: {}, firstSeenAt: T0 + 5, lastSeenAt: T0 + 9 }));
    expect(await store.getUserProfile('real')).toMatchObject({ traits: {}, firstSeenAt: T0, lastSeenAt: T0 + 9 });
    expect((await store.pendingEvents(5)).map((e) => e.messageId)).toEqual(['z']);
  });

  it('applies pending events each on its own: a failing one is undone alone and handed to the failure path', async () => {
    const store = await openStore();
    await store.appendEvents([inboxEvent('e1'), inboxEvent('e2'), inboxEvent('e3'), inboxEvent('e4', 'u2')]);
    const apply: ApplyOne<StoredEvent> = async (tx, e) => {
      const user = (await tx.getUser(e.userId)) ?? { id: e.userId, traits: {}, tags: [], assignments: {}, firstSeenAt: e.timestamp, lastSeenAt: e.timestamp };
      await tx.saveUser({ ...user, tags: [...user.tags, e.messageId] });
      await tx.appendTimeline({ userId: e.userId, at: e.timestamp, entries: [{ kind: 'event', detail: { messageId: e.messageId } }] });
      if (e.messageId === 'e2') throw new Error('poisoned');
      await tx.markProcessed(e.seq, T0 + 1);
    };
    const failures: string[] = [];
    const applied = await store.applyPendingEvents(10, apply, async (tx, e, error) => {
      failures.push(`${e.messageId}: ${(error as Error).message}`);
      await tx.markProcessed(e.seq, T0 + 2);
    });
    expect(applied.map((e) => e.messageId).sort()).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(failures).toEqual(['e2: poisoned']);
    expect((await store.getUserProfile('u1'))?.tags).toEqual(['e1', 'e3']);
    expect((await store.getUserProfile('u2'))?.tags).toEqual(['e4']);
    expect((await store.userTimeline('u1', 10)).map((t) => t.detail.messageId)).toEqual(['e3', 'e1']);
    expect(await store.pendingEvents(10)).toEqual([]);
    for (const e of applied) expect(await store.isProcessed(e.seq)).toBe(true);
    expect(await store.applyPendingEvents(10, apply, async () => {})).toEqual([]);
  });

  it("shows a user's later event in a batch what the earlier ones changed", async () => {
    const store = await openStore();
    await store.appendEvents([inboxEvent('s1'), inboxEvent('s2', 'u2'), inboxEvent('s3'), inboxEvent('s4')]);
    const apply: ApplyOne<StoredEvent> = async (tx, e) => {
      const user = (await tx.getUser(e.userId)) ?? { id: e.userId, traits: {}, tags: [], assignments: {}, firstSeenAt: T0, lastSeenAt: T0 };
      await tx.saveUser({ ...user, tags: [...user.tags, e.messageId] });
      await tx.markProcessed(e.seq, T0);
    };
    await store.applyPendingEvents(10, apply, async () => {});
    expect((await store.getUserProfile('u1'))?.tags).toEqual(['s1', 's3', 's4']);
    expect((await store.getUserProfile('u2'))?.tags).toEqual(['s2']);
  });

  it('never hands out an event twice, even to a second apply queued right behind the first', async () => {
    const store = await openStore();
    await store.appendEvents([inboxEvent('q1'), inboxEvent('q2', 'u2')]);
    const seen: string[] = [];
    const apply: ApplyOne<StoredEvent> = async (tx, e) => {
      seen.push(e.messageId);
      await tx.markProcessed(e.seq, T0);
    };
    // Queued in the same turn: on SQLite both calls share one group-committed transaction.
    const [first, second] = await Promise.all([store.applyPendingEvents(10, apply, async () => {}), store.applyPendingEvents(10, apply, async () => {})]);
    expect([...first, ...second].map((e) => e.messageId).sort()).toEqual(['q1', 'q2']);
    expect(seen.sort()).toEqual(['q1', 'q2']);
    expect(await store.pendingEvents(10)).toEqual([]);
  });

  it('keeps one active run per user and journey, and tells it apart from one that ended in the same millisecond', async () => {
    const store = await openStore();
    await store.transaction(async (tx) => {
      await tx.insertRun(runRecord('r1'));
      await tx.updateRun(runRecord('r1', { status: 'exited', node: 'x1', endedAt: T0 }));
      await tx.insertRun(runRecord('r2'));
    });
    await expect(store.transaction((tx) => tx.insertRun(runRecord('r3')))).rejects.toThrow();
    await store.transaction(async (tx) => {
      expect((await tx.latestRun('j1', 'u1'))?.id).toBe('r2');
      expect((await tx.activeRuns('u1')).map((r) => r.id)).toEqual(['r2']);
      expect(await tx.getRun('r1')).toEqual(runRecord('r1', { status: 'exited', node: 'x1', endedAt: T0 }));
      expect(await tx.latestRun('j2', 'u1')).toBeUndefined();
    });
    expect((await store.userRuns('u1')).map((r) => r.id).sort()).toEqual(['r1', 'r2']);
  });

  it('shows the steps of a transaction the runs written before them, and lets a run that ended make way for the next', async () => {
    const store = await openStore();
    await store.transaction((tx) => tx.insertRun(runRecord('r1')));
    await store.transaction(async (tx) => {
      // One step: the active run ends, and the user enters again.
      await tx.getUser('u1');
      await tx.updateRun(runRecord('r1', { status: 'exited', node: 'x1', endedAt: T0 + 1, updatedAt: T0 + 1 }));
      expect(await tx.activeRuns('u1')).toEqual([]);
      expect(await tx.latestRun('j1', 'u1')).toMatchObject({ id: 'r1', status: 'exited' });
      await tx.insertRun(runRecord('r2', { enteredAt: T0 + 1, updatedAt: T0 + 1 }));
      expect((await tx.latestRun('j1', 'u1'))?.id).toBe('r2');
      // A later step of the same transaction reads them back, and moves the new run on.
      await tx.getUser('u1');
      expect((await tx.activeRuns('u1')).map((r) => r.id)).toEqual(['r2']);
      expect(await tx.getRun('r1')).toMatchObject({ status: 'exited', endedAt: T0 + 1 });
      await tx.updateRun(runRecord('r2', { node: 'wait', enteredAt: T0 + 1, updatedAt: T0 + 2 }));
      expect(await tx.getRun('r2')).toMatchObject({ node: 'wait' });
      await tx.insertRun(runRecord('o1', { journeyId: 'j2' }));
      expect((await tx.activeRuns('u1')).map((r) => r.id).sort()).toEqual(['o1', 'r2']);
    });
    const runs = await store.userRuns('u1');
    expect(runs.map((r) => [r.id, r.status, r.node]).sort()).toEqual([
      ['o1', 'active', 'start'],
      ['r1', 'exited', 'x1'],
      ['r2', 'active', 'wait'],
    ]);
  });

  it('hands out due wakeups oldest first, leaving out held journeys', async () => {
    const store = await openStore();
    const ids = await store.transaction(async (tx) => [
      await tx.insertRunWakeup({ runId: 'r1', journeyId: 'j1', userId: 'u1', node: 'w1', dueAt: T0 + 200 }),
      await tx.insertRunWakeup({ runId: 'r2', journeyId: 'j1', userId: 'u2', node: 'w1', dueAt: T0 + 100 }),
      await tx.insertRunWakeup({ runId: 'r3', journeyId: 'j2', userId: 'u3', node: 'w1', dueAt: T0 + 100 }),
      await tx.insertRunWakeup({ runId: 'r4', journeyId: 'j1', userId: 'u4', node: 'w1', dueAt: T0 + 900 }),
    ]);
    expect((await store.dueWakeups(T0 + 500, 10, [])).map((w) => w.runId)).toEqual(['r2', 'r3', 'r1']);
    const held = await store.dueWakeups(T0 + 500, 10, ['j2']);
    expect(held).toEqual([
      { id: ids[1], kind: 'run', runId: 'r2', journeyId: 'j1', userId: 'u2', node: 'w1', dueAt: T0 + 100 },
      { id: ids[0], kind: 'run', runId: 'r1', journeyId: 'j1', userId: 'u1', node: 'w1', dueAt: T0 + 200 },
    ]);
    // Two rounds queued in the same turn (one transaction on SQLite): the second must not fire the first's again.
    const fire = () => store.applyDueWakeups(T0 + 500, 10, ['j2'], (tx, w) => tx.deleteWakeup(w.id), async () => {});
    const [applied, again] = await Promise.all([fire(), fire()]);
    expect([...applied, ...again].map((w) => w.runId).sort()).toEqual(['r1', 'r2']);
    expect((await store.dueWakeups(T0 + 1_000, 10, [])).map((w) => w.runId)).toEqual(['r3', 'r4']);
    await store.transaction((tx) => tx.deleteRunWakeups('r4'));
    expect((await store.dueWakeups(T0 + 1_000, 10, [])).map((w) => w.runId)).toEqual(['r3']);
  });

  it("shows a run's later wakeup in a batch what the earlier one changed", async () => {
    const store = await openStore();
    await store.transaction(async (tx) => {
      await tx.insertRun(runRecord('r1'));
      await tx.insertRunWakeup({ runId: 'r1', journeyId: 'j1', userId: 'u1', node: 'w1', dueAt: T0 + 100 });
      await tx.insertRunWakeup({ runId: 'r1', journeyId: 'j1', userId: 'u1', node: 'w2', dueAt: T0 + 200 });
    });
    const seen: string[] = [];
    await store.applyDueWakeups(T0 + 500, 10, [], async (tx, w) => {
      await tx.deleteWakeup(w.id);
      const run = await tx.getRun(w.runId as string);
      seen.push(`${w.node}@${run?.node}`);
      if (run) await tx.updateRun({ ...run, node: w.node as string });
    }, async () => {});
    expect(seen).toEqual(['w1@start', 'w2@w1']);
    expect((await store.userRuns('u1'))[0]?.node).toBe('w2');
  });

  it('re-arms inactivity only later, and arms every known user once from their last activity', async () => {
    const store = await openStore();
    await store.transaction(async (tx) => {
      await tx.saveUser({ id: 'quiet', traits: {}, tags: [], assignments: {}, firstSeenAt: T0, lastSeenAt: T0 });
      await tx.saveUser({ id: 'recent', traits: {}, tags: [], assignments: {}, firstSeenAt: T0, lastSeenAt: T0 + 4_500 });
      await tx.armInactivity('j1', 'quiet', T0 + 500);
      await tx.armInactivity('j1', 'quiet', T0 + 300);
    });
    const inactivity = async (journeyId: string) =>
      Object.fromEntries((await store.dueWakeups(T0 + 100_000, 10, [])).filter((w) => w.journeyId === journeyId).map((w) => [w.userId, w.dueAt - T0]));
    expect(await inactivity('j1')).toEqual({ quiet: 500 });
    await store.transaction((tx) => tx.armInactivity('j1', 'quiet', T0 + 900));
    expect(await inactivity('j1')).toEqual({ quiet: 900 });

    await store.armInactivityForAll('j2', 1_000, T0 + 5_000);
    expect(await inactivity('j2')).toEqual({ quiet: 5_000, recent: 5_500 });
    await store.armInactivityForAll('j2', 60_000, T0 + 5_000);
    expect(await inactivity('j2')).toEqual({ quiet: 5_000, recent: 5_500 });
    const wakeups = await store.dueWakeups(T0 + 100_000, 10, []);
    expect(wakeups.every((w) => w.kind === 'inactivity' && w.runId === null && w.node === null)).toBe(true);
  });

  it('publishes numbered versions and lists the live journeys with their machines', async () => {
    const store = await openStore();
    const { document, machine } = sampleJourney('Welcome');
    const created = await store.createJourney('j1', document, T0);
    expect(created).toEqual({ id: 'j1', name: 'Welcome', status: 'draft', draft: document, publishedVersion: null, createdAt: T0, updatedAt: T0 });
    expect(await store.liveJourneys()).toEqual([]);
    expect(await store.publishJourney('j1', document, machine, T0 + 1)).toBe(1);
    const renamed = { ...document, name: 'Welcome again' };
    expect(await store.updateDraft('j1', renamed, T0 + 2)).toMatchObject({ name: 'Welcome again', draft: renamed, publishedVersion: 1, updatedAt: T0 + 2 });
    expect(await store.updateDraft('nope', renamed, T0 + 2)).toBeUndefined();
    expect(await store.publishJourney('j1', renamed, machine, T0 + 3)).toBe(2);

    expect(await store.getJourney('j1')).toMatchObject({ status: 'active', publishedVersion: 2, name: 'Welcome again' });
    expect(await store.getVersion('j1', 1)).toEqual({ journeyId: 'j1', version: 1, document, machine, publishedAt: T0 + 1 });
    expect((await store.journeyVersions('j1')).map((v) => v.version)).toEqual([1, 2]);
    await store.transaction(async (tx) => expect(await tx.getVersionMachine('j1', 2)).toEqual(machine));
    expect(await store.liveJourneys()).toEqual([{ id: 'j1', name: 'Welcome again', status: 'active', version: 2, document: renamed, machine }]);
    await store.setJourneyStatus('j1', 'paused', T0 + 4);
    expect((await store.liveJourneys()).map((j) => j.status)).toEqual(['paused']);
    await store.setJourneyStatus('j1', 'archived', T0 + 5);
    expect(await store.liveJourneys()).toEqual([]);
    expect((await store.listJourneys()).map((j) => [j.id, j.status])).toEqual([['j1', 'archived']]);
  });

  it('records an experiment arm once, and keeps journey experiments and promotions', async () => {
    const store = await openStore();
    await store.transaction(async (tx) => {
      await tx.recordAssignment({ journeyId: 'j1', node: 's1', userId: 'u1', arm: 'A', runId: 'r1', at: T0 });
      await tx.recordAssignment({ journeyId: 'j1', node: 's1', userId: 'u1', arm: 'B', runId: 'r9', at: T0 + 1 });
      await tx.recordAssignment({ journeyId: 'experiment:x1', node: '*', userId: 'u1', arm: 'holdout', runId: '', at: T0, goalJourney: 'j7' });
    });
    await store.transaction(async (tx) => {
      const unconverted = await tx.openAssignments('u1');
      expect(unconverted.sort((a, b) => a.journeyId.localeCompare(b.journeyId))).toEqual([
        { journeyId: 'experiment:x1', node: '*', assignedAt: T0, goalJourney: 'j7' },
        { journeyId: 'j1', node: 's1', assignedAt: T0, goalJourney: 'j1' },
      ]);
      await tx.markAssignmentConverted({ journeyId: 'j1', node: 's1', userId: 'u1', at: T0 + 10, revenue: 12.5 });
      expect((await tx.openAssignments('u1')).map((a) => a.journeyId)).toEqual(['experiment:x1']);
    });

    const experiment = { id: 'x1', name: 'Welcome offer', config: { variants: [{ id: 'A', journeyId: 'j1', weight: 1 }], holdout: 10 }, status: 'running' as const, promotedVariant: null, promotedAt: null, createdAt: T0 };
    await store.createJourneyExperiment(experiment);
    expect(await store.listJourneyExperiments()).toEqual([experiment]);
    await store.promoteJourneyExperiment('x1', 'A', T0 + 7);
    expect(await store.getJourneyExperiment('x1')).toEqual({ ...experiment, status: 'promoted', promotedVariant: 'A', promotedAt: T0 + 7 });
    expect(await store.getJourneyExperiment('nope')).toBeUndefined();

    expect(await store.getPromotion('j1', 's1')).toBeUndefined();
    await store.savePromotion('j1', 's1', { variant: 'A', config: { arms: [1, 2] }, promotedAt: T0 });
    await store.savePromotion('j1', 's1', { variant: 'B', config: { arms: [3] }, promotedAt: T0 + 1 });
    expect(await store.getPromotion('j1', 's1')).toEqual({ variant: 'B', config: { arms: [3] }, promotedAt: T0 + 1 });
  });
});
