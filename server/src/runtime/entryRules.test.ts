import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../store/storeTypes.ts';
import { entryVerdict } from './entryRules.ts';

const DAY = 86_400_000;
const run = (status: RunRecord['status'], endedAt: number | null): RunRecord => ({
  id: 'r1',
  journeyId: 'j1',
  version: 1,
  userId: 'u1',
  status,
  node: 'x',
  snapshot: { value: 'x', context: { trigger: { name: 'e', properties: {} } } },
  wakeupId: null,
  enteredAt: 0,
  updatedAt: endedAt ?? 0,
  endedAt,
});

describe('entryVerdict', () => {
  it('lets a first-time user in', () => {
    expect(entryVerdict({ reentry: 'never', attributionWindow: '7d' }, undefined, 0)).toEqual({ enter: true });
  });
  it('refuses a second active run whatever the setting', () => {
    expect(entryVerdict({ reentry: 'always', attributionWindow: '7d' }, run('active', null), 10 * DAY).enter).toBe(false);
  });
  it('refuses re-entry after exit when re-entry is never', () => {
    expect(entryVerdict({ reentry: 'never', attributionWindow: '7d' }, run('converted', DAY), 100 * DAY).enter).toBe(false);
  });
  it('allows re-entry straight after exit when re-entry is always', () => {
    expect(entryVerdict({ reentry: 'always', attributionWindow: '7d' }, run('exited', DAY), DAY).enter).toBe(true);
  });
  it('waits out the cooldown measured from when the last run ended', () => {
    const settings = { reentry: 'cooldown' as const, cooldown: '30d', attributionWindow: '7d' };
    expect(entryVerdict(settings, run('exited', DAY), 31 * DAY - 1).enter).toBe(false);
    expect(entryVerdict(settings, run('exited', DAY), 31 * DAY).enter).toBe(true);
  });
});
