import { describe, expect, it } from 'vitest';
import { formatChance, formatCount, formatPercent } from './formatStats.ts';

describe('formatPercent', () => {
  it('rounds to whole percents above 10% and to one decimal below', () => {
    expect(formatPercent(0.183)).toBe('18%');
    expect(formatPercent(0.025)).toBe('2.5%');
    expect(formatPercent(0.03)).toBe('3%');
    expect(formatPercent(1.5)).toBe('150%');
  });
  it('takes a fixed number of decimals when asked', () => {
    expect(formatPercent(0.063, 0)).toBe('6%');
    expect(formatPercent(0.5512, 1)).toBe('55.1%');
    expect(formatPercent(0.55, 1)).toBe('55%');
  });
  it('writes negatives with a real minus sign and never shows "−0%"', () => {
    expect(formatPercent(-0.06)).toBe('−6%');
    expect(formatPercent(-0.0001)).toBe('0%');
  });
});

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(12_400)).toBe('12,400');
    expect(formatCount(7)).toBe('7');
  });
});

describe('formatChance', () => {
  it('turns a p-value into odds with two significant figures', () => {
    expect(formatChance(0.0004)).toBe('about 1 in 2,500');
    expect(formatChance(0.000398)).toBe('about 1 in 2,500');
    expect(formatChance(0.05)).toBe('about 1 in 20');
    expect(formatChance(1e-9)).toBe('under 1 in a million');
  });
});
