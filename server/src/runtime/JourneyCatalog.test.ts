import { describe, expect, it } from 'vitest';
import type { JourneyExperimentRecord, Store } from '../store/storeTypes.ts';
import { JourneyCatalog } from './JourneyCatalog.ts';

const experiment = (id: string): JourneyExperimentRecord => ({
  id,
  name: id,
  config: { variants: [{ id: 'A', journeyId: 'j1', weight: 1 }] },
  status: 'running',
  promotedVariant: null,
  promotedAt: null,
  createdAt: 0,
});

/** A store whose experiment list answers only when the test says so, with what the database held when asked. */
function slowStore() {
  let experiments: JourneyExperimentRecord[] = [];
  let reads = 0;
  const waiting: Array<() => void> = [];
  const store = {
    liveJourneys: async () => [],
    listJourneys: async () => [],
    listJourneyExperiments: () => {
      reads++;
      const snapshot = [...experiments];
      return new Promise<JourneyExperimentRecord[]>((resolve) => waiting.push(() => resolve(snapshot)));
    },
  } as unknown as Store;
  return {
    store,
    set: (list: JourneyExperimentRecord[]) => (experiments = list),
    /** Answers the oldest outstanding read. */
    answer: async () => {
      await new Promise((r) => setImmediate(r));
      waiting.shift()?.();
      await new Promise((r) => setImmediate(r));
    },
    outstanding: () => waiting.length,
    reads: () => reads,
  };
}

describe('JourneyCatalog.reload', () => {
  it('never lets a reload that read before a change put the old catalog back after it', async () => {
    const db = slowStore();
    const catalog = new JourneyCatalog(db.store);
    const periodic = catalog.reload(); // reads before the experiment exists
    await new Promise((r) => setImmediate(r));
    db.set([experiment('x1')]);
    const afterChange = catalog.reload();
    await new Promise((r) => setImmediate(r));
    expect(db.outstanding()).toBe(1); // the second waits for the first instead of reading beside it

    await db.answer();
    await periodic;
    await db.answer();
    await afterChange;
    expect(catalog.experimentOf('j1')?.id).toBe('x1');
  });

  it('shares one read among the calls made during a reload, started after all of them', async () => {
    const db = slowStore();
    const catalog = new JourneyCatalog(db.store);
    const first = catalog.reload();
    const [second, third] = [catalog.reload(), catalog.reload()];
    db.set([experiment('x2')]);
    await db.answer();
    await first;
    await db.answer();
    await Promise.all([second, third]);
    expect([db.reads(), db.outstanding()]).toEqual([2, 0]);
    expect(catalog.experimentOf('j1')?.id).toBe('x2');
  });
});
