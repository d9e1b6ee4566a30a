import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './route.ts';

describe('route', () => {
  it('opens the journeys list for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual({ name: 'journeys' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'journeys' });
  });

  it('round-trips a journey id, even one that needs escaping', () => {
    for (const id of ['j_abc123', 'with space']) expect(parseRoute(routeHref({ name: 'journey', id }))).toEqual({ name: 'journey', id });
  });

  it('addresses the experiments list and one experiment', () => {
    expect(parseRoute('#/experiments')).toEqual({ name: 'experiments' });
    expect(parseRoute(routeHref({ name: 'experiment', id: 'x_1 2' }))).toEqual({ name: 'experiment', id: 'x_1 2' });
    expect(routeHref({ name: 'experiments' })).toBe('#/experiments');
    expect(parseRoute('#/experiments/')).toEqual({ name: 'experiments' });
    expect(parseRoute('#/experiments/x_1/anything')).toEqual({ name: 'experiment', id: 'x_1' });
  });
});
