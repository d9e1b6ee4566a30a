import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/storeTypes.ts';
import { inboxEvent } from '../testing/storeFixtures.ts';
import { useScratchStore } from '../testing/testStore.ts';
import { EventProcessor } from './EventProcessor.ts';
import { inJourney } from './journeyOfError.ts';
import type { Runtime } from './Runtime.ts';

let store: Store;
useScratchStore((opened) => (store = opened));

let processor: EventProcessor | undefined;
afterEach(async () => {
  await processor?.stop();
  processor = undefined;
});

/**
 * A processor over a runtime that only notes which events it applied, in order (and fails, in a journey, the
 * ones whose messageId starts with "bad"); no poll within a test. Log lines are kept as objects.
 */
function start(): { processor: EventProcessor; seen: string[]; processed: number[]; logged: Array<Record<string, unknown>> } {
  const seen: string[] = [];
  const processed: number[] = [];
  const logged: Array<Record<string, unknown>> = [];
  const runtime = {
    async processEvent(tx, event, now) {
      if (event.messageId.startsWith('bad')) throw inJourney('j_broken', new Error('the step failed'));
      seen.push(event.messageId);
      await tx.markProcessed(event.seq, now);
    },
  } as Pick<Runtime, 'processEvent'> as Runtime;
  const log = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line) as Record<string, unknown>) });
  processor = new EventProcessor(store, runtime, log, { pollMs: 60_000, onProcessed: (n) => processed.push(n) });
  processor.start();
  return { processor, seen, processed, logged };
}

describe('EventProcessor.appendEvents', () => {
  it('applies what it appends, once each, in arrival order', async () => {
    const { processor, seen, processed } = start();
    const first = await processor.appendEvents([inboxEvent('e1', 'u1'), inboxEvent('e2', 'u1')]);
    const second = await processor.appendEvents([inboxEvent('e3', 'u1'), inboxEvent('e1', 'u1')]);
    await processor.whenProcessed(second.lastSeq);

    expect(seen).toEqual(['e1', 'e2', 'e3']);
    expect(processed.reduce((a, b) => a + b, 0)).toBe(3);
    expect(first.stored + second.stored).toBe(3);
    expect(second.duplicates).toBe(1);
    expect(await store.pendingEvents(10)).toEqual([]);
  });

  it('on SQLite, has applied the events by the time their append is acknowledged (one commit for both)', async () => {
    if (!store.appendAndApply) return expect(store.kind).toBe('postgres'); // applied by lanes across processes there
    const { processor, seen } = start();
    const { lastSeq } = await processor.appendEvents([inboxEvent('s1', 'u1')]);
    expect(seen).toEqual(['s1']);
    expect(await store.isProcessed(lastSeq)).toBe(true);
  });

  it('applies older waiting events first, then those appended behind them', async () => {
    await store.appendEvents([inboxEvent('waiting1', 'u1'), inboxEvent('waiting2', 'u2')]);
    const { processor, seen } = start();
    const { lastSeq } = await processor.appendEvents([inboxEvent('new', 'u1')]);
    await processor.whenProcessed(lastSeq);
    expect(seen).toEqual(['waiting1', 'waiting2', 'new']);
  });

  it('records and skips an event whose step fails, logging the user, the journey and the message', async () => {
    const { processor, seen, logged } = start();
    const { lastSeq } = await processor.appendEvents([inboxEvent('bad1', 'u9'), inboxEvent('after', 'u9')]);
    await processor.whenProcessed(lastSeq);
    expect(seen).toEqual(['after']);
    expect(logged).toContainEqual(expect.objectContaining({ level: 50, userId: 'u9', journeyId: 'j_broken', messageId: 'bad1', msg: 'event could not be applied; recorded and skipped' }));
    expect(await store.pendingEvents(10)).toEqual([]);
  });
});
