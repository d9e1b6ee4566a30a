import { offerDataSchema } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import { formatMoneyInput, parseMoney } from './moneyValue.ts';

describe('money input', () => {
  it('reads decimals as numbers and an empty box as no cost', () => {
    expect(parseMoney('2.50')).toBe(2.5);
    expect(parseMoney('.5')).toBe(0.5);
    expect(parseMoney('10.')).toBe(10);
    expect(parseMoney('  ')).toBeUndefined();
  });

  it('keeps anything else as typed, which the offer schema refuses', () => {
    expect(parseMoney('$3')).toBe('$3');
    expect(parseMoney('-1')).toBe('-1');
    const base = { offer: 'X', channel: 'email', template: '' };
    expect(offerDataSchema.safeParse({ ...base, cost: parseMoney('abc') }).success).toBe(false);
    expect(offerDataSchema.safeParse({ ...base, cost: parseMoney('2.5') }).success).toBe(true);
  });

  it('shows a stored cost as its digits', () => {
    expect(formatMoneyInput(2.5)).toBe('2.5');
    expect(formatMoneyInput(undefined)).toBe('');
  });
});
