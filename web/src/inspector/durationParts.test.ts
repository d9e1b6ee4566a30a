import { parseDuration } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import { joinDuration, splitDuration, unitChoices, unitWord } from './durationParts.ts';

describe('duration picker parts', () => {
  it('splits a stored duration into its number and unit', () => {
    expect(splitDuration('14d')).toEqual({ amount: '14', unit: 'd' });
    expect(splitDuration('90m')).toEqual({ amount: '90', unit: 'm' });
    expect(splitDuration(undefined, 'h')).toEqual({ amount: '', unit: 'h' });
  });

  it('joins them into a duration the journey accepts', () => {
    const text = joinDuration({ amount: '3', unit: 'd' });
    expect(text).toBe('3d');
    expect(parseDuration(text)).toBe(3 * 86_400_000);
  });

  it('keeps half-typed amounts through a round trip', () => {
    for (const amount of ['', '1.', '1.5', '-', '3x'])
      expect(splitDuration(joinDuration({ amount, unit: 'h' }))).toEqual({ amount, unit: 'h' });
  });

  it('reads text without a unit as an amount in the fallback unit', () => {
    expect(splitDuration('7', 'd')).toEqual({ amount: '7', unit: 'd' });
  });

  it('offers seconds only to durations already in seconds', () => {
    expect(unitChoices('d')).toEqual(['m', 'h', 'd']);
    expect(unitChoices('s')).toEqual(['s', 'm', 'h', 'd']);
  });

  it('names the unit in the singular for one', () => {
    expect(unitWord('d', '1')).toBe('day');
    expect(unitWord('d', '3')).toBe('days');
    expect(unitWord('m', '')).toBe('minutes');
  });
});
