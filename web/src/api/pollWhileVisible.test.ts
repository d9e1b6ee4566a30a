import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollWhileVisible } from './pollWhileVisible.ts';

/** The page's visibility, as `document` reports and announces it (these unit tests run without a browser). */
class FakeDocument extends EventTarget {
  visibilityState: 'visible' | 'hidden' = 'visible';
  show(state: 'visible' | 'hidden') {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

let page: FakeDocument;
beforeEach(() => {
  vi.useFakeTimers();
  page = new FakeDocument();
  vi.stubGlobal('document', page);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('pollWhileVisible', () => {
  it('loads now and then every interval, one call at a time', async () => {
    let release: (() => void) | undefined;
    const load = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const stop = pollWhileVisible(load, 1_000);
    expect(load).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(5_000); // the first call has not answered: no second one meanwhile
    expect(load).toHaveBeenCalledTimes(1);
    release!();
    await vi.advanceTimersByTimeAsync(999);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(2);
    stop();
  });

  it('skips its turns while the tab is hidden and asks at once when it is shown again', async () => {
    const load = vi.fn(async () => {});
    const stop = pollWhileVisible(load, 1_000);
    await vi.advanceTimersByTimeAsync(0);
    page.show('hidden');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(load).toHaveBeenCalledTimes(1);
    page.show('visible');
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2);
    stop();
  });

  it('stops when a load says asking again will not help, and its cleanup aborts the call under way', async () => {
    const gone = vi.fn(async () => false);
    const stopGone = pollWhileVisible(gone, 1_000);
    await vi.advanceTimersByTimeAsync(10_000);
    page.show('visible');
    await vi.advanceTimersByTimeAsync(0);
    expect(gone).toHaveBeenCalledTimes(1);
    stopGone();

    let seen: AbortSignal | undefined;
    const stop = pollWhileVisible(async (signal) => {
      seen = signal;
      await new Promise(() => {});
    }, 1_000);
    expect(seen?.aborted).toBe(false);
    stop();
    expect(seen?.aborted).toBe(true);
  });
});
