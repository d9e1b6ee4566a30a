import { assignVariant, journeyExperimentKey } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import type { JourneyExperimentRecord } from '../store/storeTypes.ts';
import { journeyExperimentEntry } from './journeyExperimentEntry.ts';

const experiment: JourneyExperimentRecord = {
  id: 'x1',
  name: 'Offer test',
  config: { variants: [{ id: 'A', journeyId: 'ja', weight: 50 }, { id: 'B', journeyId: 'jb', weight: 50 }], holdout: 10 },
  status: 'running',
  promotedVariant: null,
  promotedAt: null,
  createdAt: 0,
};
const user = (id: string, assignments: Record<string, string> = {}) => ({ id, assignments });
const journeyOf = { A: 'ja', B: 'jb' } as Record<string, string>;

describe('journeyExperimentEntry', () => {
  it('lets each user into exactly the journey of their hashed arm, and the holdout into none', () => {
    let holdouts = 0;
    for (let i = 0; i < 2_000; i++) {
      const id = `u${i}`;
      const hashed = assignVariant(journeyExperimentKey('x1'), id, [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }], 10);
      const a = journeyExperimentEntry(experiment, 'ja', user(id));
      const b = journeyExperimentEntry(experiment, 'jb', user(id));
      if ('holdout' in hashed) {
        holdouts++;
        expect([a.enter, b.enter]).toEqual([false, false]);
        // The holdout is recorded once, on the control's trigger, and measured on the control's goal.
        expect(a.record).toEqual({ key: 'experiment:x1', arm: 'holdout', goalJourney: 'ja' });
        expect(b.record).toBeUndefined();
      } else {
        expect([a.enter, b.enter]).toEqual([hashed.variant === 'A', hashed.variant === 'B']);
        const entered = hashed.variant === 'A' ? a : b;
        expect(entered.record).toEqual({ key: 'experiment:x1', arm: hashed.variant, goalJourney: journeyOf[hashed.variant] });
      }
    }
    expect(holdouts).toBeGreaterThan(120);
    expect(holdouts).toBeLessThan(280);
  });

  it('keeps a recorded arm whatever the hash says', () => {
    const pinned = user('someone', { 'experiment:x1': 'B' });
    expect(journeyExperimentEntry(experiment, 'jb', pinned).enter).toBe(true);
    expect(journeyExperimentEntry(experiment, 'ja', pinned).enter).toBe(false);
  });

  it('sends every new entrant to the winner once promoted, recording nothing', () => {
    const promoted = { ...experiment, status: 'promoted' as const, promotedVariant: 'B', promotedAt: 1 };
    for (const id of ['u1', 'u2', 'u3', 'u4']) {
      expect(journeyExperimentEntry(promoted, 'jb', user(id))).toEqual({ enter: true });
      expect(journeyExperimentEntry(promoted, 'ja', user(id, { 'experiment:x1': 'A' }))).toEqual({ enter: false });
    }
  });
});
