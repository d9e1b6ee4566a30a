import { describe, expect, it } from 'vitest';
import type { StoredEvent, StoreTx } from '../store/storeTypes.ts';
import type { CatalogJourney, JourneyCatalog } from './JourneyCatalog.ts';
import { inJourney, journeyOfError } from './journeyOfError.ts';
import { Runtime } from './Runtime.ts';

describe('journeyOfError', () => {
  it('keeps the error itself and notes the innermost journey it came from', () => {
    const error = new Error('SQLITE_BUSY: database is locked');
    expect(inJourney('inner', error)).toBe(error);
    inJourney('outer', error);
    expect(journeyOfError(error)).toBe('inner');
    expect(journeyOfError(new Error('elsewhere'))).toBeUndefined();
    expect(inJourney('j1', 'a string')).toBe('a string');
    expect(journeyOfError('a string')).toBeUndefined();
  });

  it("names the journey whose step failed when the runtime applies an event", async () => {
    const broken = new Error('machine could not be built');
    const journey = { id: 'j_broken', status: 'active', version: 1, entry: { mode: 'event', event: 'signed_up', where: [] }, document: { settings: { reentry: 'never' } } };
    const catalog = {
      active: () => [journey],
      journey: () => journey,
      experimentOf: () => undefined,
      machine: async () => {
        throw broken;
      },
    } as unknown as JourneyCatalog & { active(): CatalogJourney[] };
    const tx = { getUser: async () => undefined } as unknown as StoreTx;
    const event = { seq: 1, kind: 'track', name: 'signed_up', userId: 'u1', messageId: 'm1', timestamp: 0, receivedAt: 0, payload: {} } as unknown as StoredEvent;

    const failure = await new Runtime(catalog).processEvent(tx, event, 0).catch((error: unknown) => error);
    expect(failure).toBe(broken);
    expect(journeyOfError(failure)).toBe('j_broken');
  });
});
