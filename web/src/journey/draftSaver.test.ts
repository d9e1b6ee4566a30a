import { parseJourney, type JourneyDocument } from '@waymark/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import activation from '../../../examples/activation.json';
import { createJourneyStore, isDirty } from '../store/journeyStore.ts';
import { AUTOSAVE_MS, createDraftSaver } from './draftSaver.ts';

const doc = (() => {
  const result = parseJourney(activation);
  if (!result.ok) throw new Error('example does not parse');
  return result.value;
})();

/** A fake server whose answers the test releases one by one. */
function fakeServer() {
  const calls: Array<{ document: JourneyDocument; resolve(): void; reject(e: Error): void }> = [];
  const save = vi.fn(
    (_id: string, document: JourneyDocument) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ document, resolve, reject });
      }),
  );
  return { calls, save };
}

function setup() {
  const store = createJourneyStore();
  store.getState().load('j1', doc);
  const server = fakeServer();
  const saver = createDraftSaver({ store, save: server.save, describe: (e) => (e as Error).message });
  const stop = saver.start();
  return { store, server, saver, stop };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('draft autosave', () => {
  it('saves once, a moment after the last of several edits', async () => {
    const { store, server, saver } = setup();
    store.getState().updateMeta({ name: 'One' });
    expect(saver.getState().status).toBe('dirty');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS - 100);
    store.getState().updateMeta({ description: 'Two' });
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS - 100);
    expect(server.save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(server.save).toHaveBeenCalledTimes(1);
    expect(saver.getState().status).toBe('saving');
    server.calls[0]?.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.getState().status).toBe('saved');
    expect(isDirty(store.getState())).toBe(false);
  });

  it('keeps edits made while saving unsaved, and sends them next', async () => {
    const { store, server, saver } = setup();
    store.getState().updateMeta({ name: 'First' });
    const pending = saver.saveNow();
    store.getState().updateMeta({ name: 'Second' });
    server.calls[0]?.resolve();
    expect(await pending).toBe(true);
    expect(server.calls[0]?.document.name).toBe('First');
    expect(saver.getState().status).toBe('dirty');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS);
    expect(server.calls[1]?.document.name).toBe('Second');
    server.calls[1]?.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.getState().status).toBe('saved');
  });

  it('sends one request at a time, however often it is asked', async () => {
    const { store, server, saver } = setup();
    store.getState().updateMeta({ name: 'A' });
    const first = saver.saveNow();
    store.getState().updateMeta({ name: 'B' });
    const second = saver.saveNow();
    expect(server.save).toHaveBeenCalledTimes(1);
    server.calls[0]?.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.save).toHaveBeenCalledTimes(2);
    server.calls[1]?.resolve();
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(isDirty(store.getState())).toBe(false);
  });

  it('says so when a save fails, and tries again on its own', async () => {
    const { store, server, saver } = setup();
    store.getState().updateMeta({ name: 'Offline' });
    const pending = saver.saveNow();
    server.calls[0]?.reject(new Error('Could not reach the Waymark server.'));
    expect(await pending).toBe(false);
    expect(saver.getState()).toEqual({ status: 'error', error: 'Could not reach the Waymark server.' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.save).toHaveBeenCalledTimes(2);
    server.calls[1]?.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.getState()).toEqual({ status: 'saved', error: null });
  });

  it('is saved again when an undo returns to the saved draft, without a request', async () => {
    const { store, server, saver } = setup();
    store.getState().updateMeta({ name: 'Oops' });
    store.getState().undo();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS * 2);
    expect(server.save).not.toHaveBeenCalled();
    expect(saver.getState().status).toBe('saved');
  });

  it('sends what is left when the page goes away, unless the marketer chose to discard it', async () => {
    const kept = setup();
    kept.store.getState().updateMeta({ name: 'Keep me' });
    kept.stop();
    expect(kept.server.save).toHaveBeenCalledTimes(1);

    const dropped = setup();
    dropped.store.getState().updateMeta({ name: 'Drop me' });
    dropped.saver.discard();
    dropped.stop();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS * 2);
    expect(dropped.server.save).not.toHaveBeenCalled();
  });
});
