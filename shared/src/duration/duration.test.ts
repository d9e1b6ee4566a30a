import { describe, expect, it } from 'vitest';
import { describeDuration, durationSchema, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it('reads each unit', () => {
    expect(parseDuration('2s')).toBe(2_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('3h')).toBe(10_800_000);
    expect(parseDuration('90d')).toBe(90 * 86_400_000);
    expect(parseDuration('0s')).toBe(0);
  });
  it('rejects unknown units, fractions, negatives and waits beyond a year', () => {
    for (const bad of ['3', '3w', '1.5d', '-1d', 'd', '', '366d', '3 d']) expect(parseDuration(bad)).toBeUndefined();
  });
  it('describes durations in words', () => {
    expect(describeDuration('3d')).toBe('3 days');
    expect(describeDuration('1h')).toBe('1 hour');
  });
  it('gives a schema error that says what was expected', () => {
    const result = durationSchema.safeParse('3 weeks');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/expected a duration/);
  });
});
