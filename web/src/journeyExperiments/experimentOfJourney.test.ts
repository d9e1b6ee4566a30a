import type { JourneyExperimentSummary } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import { experimentOfJourney } from './experimentOfJourney.ts';

const experiment = (id: string, journeys: string[], status: JourneyExperimentSummary['status'] = 'running'): JourneyExperimentSummary => ({
  id,
  name: `Test ${id}`,
  status,
  holdout: 0,
  variants: journeys.map((journeyId, i) => ({ id: String.fromCharCode(65 + i), journeyId, journeyName: journeyId, journeyStatus: 'active', weight: 50 })),
  createdAt: 0,
  promoted: status === 'promoted' ? { variant: 'A', at: 1 } : null,
});

describe('experimentOfJourney', () => {
  it('names the running experiment a journey is a variant of, and its variant', () => {
    const experiments = [experiment('x1', ['j1', 'j2'], 'promoted'), experiment('x2', ['j3', 'j1'])];
    expect(experimentOfJourney(experiments, 'j1')).toEqual({ id: 'x2', name: 'Test x2', variant: 'B' });
  });

  it('is null for a journey only in ended experiments, or in none', () => {
    const experiments = [experiment('x1', ['j1', 'j2'], 'promoted')];
    expect(experimentOfJourney(experiments, 'j2')).toBeNull();
    expect(experimentOfJourney(experiments, 'j9')).toBeNull();
  });
});
