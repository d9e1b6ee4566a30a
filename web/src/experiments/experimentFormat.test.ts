import { describe, expect, it } from 'vitest';
import { formatAmount, formatLift, formatLiftInterval, formatRate, formatRateInterval, formatReturn } from './experimentFormat.ts';

describe('experiment number formatting', () => {
  it('shows rates with one decimal, and a dash for an arm nobody entered', () => {
    expect([0.1234, 0.004, 0.5, 0, 1, 0.08].map(formatRate)).toEqual(['12.3%', '0.4%', '50.0%', '0.0%', '100.0%', '8.0%']);
    expect(formatRate(null)).toBe('—');
  });

  it('shows a rate interval as one range', () => {
    expect(formatRateInterval([0.101, 0.146])).toBe('10.1–14.6%');
    expect(formatRateInterval([0.083, 0.0999])).toBe('8.3–10.0%');
    expect(formatRateInterval(null)).toBe('—');
  });

  it('signs lifts, with a true minus sign, like the verdict does', () => {
    expect([0.18, -0.062, 0.004, 0, -0.0001].map(formatLift)).toEqual(['+18%', '−6%', '+0.4%', '0%', '0%']);
    expect(formatLiftInterval([-0.1, 0.17])).toBe('−10% to +17%');
    expect(formatLift(null)).toBe('—');
  });

  it('shows return on offer spend as a multiple', () => {
    expect([3.24, 0.5, 12.6].map(formatReturn)).toEqual(['3.2×', '0.5×', '13×']);
    expect(formatReturn(null)).toBe('—');
  });

  it('drops the cents from large amounts so the columns stay narrow', () => {
    expect([364.4, 3.025, 10_995, 0, -1_250.5].map(formatAmount)).toEqual(['$364.40', '$3.03', '$10,995', '$0.00', '-$1,251']);
    expect(formatAmount(null)).toBe('—');
  });
});
