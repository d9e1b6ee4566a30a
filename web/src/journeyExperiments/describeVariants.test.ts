import type { JourneyExperimentArmView } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import { describeVariants } from './describeVariants.ts';

const variant = (id: string, weight: number): JourneyExperimentArmView => ({ id, journeyId: `j_${id}`, journeyName: `Welcome ${id}`, journeyStatus: 'active', weight });

describe('describeVariants', () => {
  it('reads relative weights as shares of everyone', () => {
    expect(describeVariants({ variants: [variant('A', 1), variant('B', 1)], holdout: 0 }).map((l) => l.text)).toEqual(['A · Welcome A 50%', 'B · Welcome B 50%']);
    expect(describeVariants({ variants: [variant('A', 2), variant('B', 1)], holdout: 0 }).map((l) => l.share)).toEqual(['66.7%', '33.3%']);
  });

  it('takes the holdout first and lists it last', () => {
    expect(describeVariants({ variants: [variant('A', 50), variant('B', 50)], holdout: 10 })).toEqual([
      { id: 'A', journeyId: 'j_A', name: 'Welcome A', share: '45%', text: 'A · Welcome A 45%' },
      { id: 'B', journeyId: 'j_B', name: 'Welcome B', share: '45%', text: 'B · Welcome B 45%' },
      { id: 'holdout', name: 'Holdout', share: '10%', text: 'Holdout 10%' },
    ]);
  });

  it('shows a paused variant at 0%', () => {
    expect(describeVariants({ variants: [variant('A', 0), variant('B', 3)], holdout: 0 }).map((l) => l.share)).toEqual(['0%', '100%']);
  });
});
