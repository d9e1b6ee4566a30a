import { describe, expect, it } from 'vitest';
import { intervalAxis } from './intervalAxis.ts';

describe('intervalAxis', () => {
  it('holds every interval on round ticks, zoomed in on rates far from zero', () => {
    const axis = intervalAxis([0.38, 0.41, 0.44, 0.4, 0.43, 0.47]);
    expect(axis.min).toBeLessThanOrEqual(0.38);
    expect(axis.max).toBeGreaterThanOrEqual(0.47);
    expect(axis.min).toBeGreaterThan(0.3);
    expect(axis.ticks).toEqual([0.35, 0.4, 0.45, 0.5]);
  });

  it('starts at 0% when the rates sit close to it', () => {
    const axis = intervalAxis([0.02, 0.05, 0.09, 0.14]);
    expect(axis.min).toBe(0);
    expect(axis.ticks).toEqual([0, 0.05, 0.1, 0.15]);
  });

  it('places values between the ends and clamps the rest', () => {
    const axis = intervalAxis([0.1, 0.2]);
    expect(axis.position(axis.min)).toBe(0);
    expect(axis.position(axis.max)).toBe(1);
    expect(axis.position((axis.min + axis.max) / 2)).toBeCloseTo(0.5);
    expect(axis.position(-1)).toBe(0);
    expect(axis.position(2)).toBe(1);
  });

  it('stays within 0–100% and draws something for a single point or no data', () => {
    const high = intervalAxis([0.97, 1]);
    expect(high.max).toBe(1);
    const point = intervalAxis([0.25, 0.25]);
    expect(point.max - point.min).toBeGreaterThanOrEqual(0.01);
    expect(point.position(0.25)).toBeGreaterThan(0);
    expect(point.position(0.25)).toBeLessThan(1);
    expect(intervalAxis([])).toMatchObject({ min: 0, max: 0.1 });
    expect(intervalAxis([Number.NaN, 0.5]).ticks.length).toBeGreaterThan(1);
  });

  it('spaces ticks evenly', () => {
    for (const values of [[0.001, 0.004], [0.12, 0.19], [0.6, 0.9], [0, 1]]) {
      const { ticks } = intervalAxis(values);
      const steps = ticks.slice(1).map((t, i) => Number((t - ticks[i]!).toFixed(9)));
      expect(new Set(steps).size).toBe(1);
    }
  });

  it('labels ticks with the decimals the step needs', () => {
    const wide = intervalAxis([0.38, 0.47]);
    expect(wide.ticks.map(wide.label)).toEqual(['35%', '40%', '45%', '50%']);
    const narrow = intervalAxis([0.02, 0.03]);
    expect(narrow.ticks.map(narrow.label)).toEqual(['1.5%', '2.0%', '2.5%', '3.0%', '3.5%']);
    const tiny = intervalAxis([0.001, 0.004]);
    expect(tiny.ticks.map(tiny.label)).toEqual(['0.00%', '0.25%', '0.50%', '0.75%', '1.00%']);
  });
});
