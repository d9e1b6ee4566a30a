import { describe, expect, it } from 'vitest';
import type { OutboxHandOff, OutboxMessage } from '../../delivery/outboxTypes.ts';
import { outboxRow, T0 } from '../../testing/storeFixtures.ts';
import { scratchSqliteStores } from './scratchSqliteStores.ts';

const openSqlite = scratchSqliteStores();

/** A dispatcher stand-in with a fixed room, recording what it is handed and when. */
function recordingTarget(room: number, log: string[]) {
  const handed: Array<{ messages: OutboxMessage[]; leftForPoll: boolean }> = [];
  const target: OutboxHandOff = {
    leaseMs: 30_000,
    room: () => room,
    take: (messages, leftForPoll) => {
      log.push('handed');
      handed.push({ messages, leftForPoll });
    },
  };
  return { target, handed };
}

/*
 * `SqliteStore.handOffOutbox`: a step's offers are written leased to this process's dispatcher and handed to it
 * once their commit is on disk, so nothing claims them again; what it has no room for is left to its poll.
 */
describe('SQLite outbox hand-off', () => {
  it('hands committed offers over once flushed, leased so no claim takes them, and leaves the rest to the poll', async () => {
    const log: string[] = [];
    const { store } = openSqlite({
      flushWal: async () => {
        log.push('flushed');
      },
    });
    await store.migrate();
    const { target, handed } = recordingTarget(2, log);
    store.handOffOutbox(target);

    await store.transaction((tx) =>
      tx.insertOutbox([outboxRow('r1', { offer: 'A' }), outboxRow('r2', { offer: 'B' }), outboxRow('r3', { offer: 'C' }), outboxRow('r4', { offer: 'DEAD', deadReason: 'template failed' })], T0),
    );
    expect(log).toEqual(['flushed', 'handed']);
    expect(handed).toHaveLength(1);
    expect(handed[0]?.leftForPoll).toBe(true);
    expect(handed[0]?.messages.map((m) => [m.offer, m.runId, m.attempts, m.createdAt])).toEqual([
      ['A', 'r1', 0, T0],
      ['B', 'r2', 0, T0],
    ]);

    // The handed rows are leased until T0 + leaseMs; the one without room is claimable at once; the dead one never.
    const claimed = await store.claimDue(T0 + 1, 10, 60_000);
    expect(claimed.map((m) => m.offer)).toEqual(['C']);
    expect((await store.claimDue(T0 + 30_001, 10, 60_000)).map((m) => m.offer)).toEqual(['A', 'B']);
    // What was handed over is the row a claim reads back, id and all.
    expect(handed[0]?.messages).toEqual((await store.claimDue(T0 + 200_000, 10, 60_000)).filter((m) => m.offer !== 'C').map((m) => ({ ...m, attempts: 0 })));
  });

  it('hands nothing over from a transaction that rolled back', async () => {
    const log: string[] = [];
    const { store } = openSqlite();
    await store.migrate();
    const { target, handed } = recordingTarget(10, log);
    store.handOffOutbox(target);

    await expect(
      store.transaction(async (tx) => {
        await tx.insertOutbox([outboxRow('r1')], T0);
        throw new Error('step failed');
      }),
    ).rejects.toThrow('step failed');
    await store.transaction((tx) => tx.insertOutbox([outboxRow('r2')], T0));
    expect(handed.flatMap((h) => h.messages.map((m) => m.runId))).toEqual(['r2']);
    expect(await store.claimDue(T0 + 200_000, 10, 60_000)).toHaveLength(1);
  });
});
