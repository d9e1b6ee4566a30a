import { describe, expect, it } from 'vitest';
import { matchConditions } from './matchConditions.ts';

const props = { plan: 'pro', amount: 120, cart: { items: 3 }, coupon: null };

describe('matchConditions', () => {
  it('holds for an empty list', () => expect(matchConditions(props, [])).toBe(true));
  it('compares equality and membership', () => {
    expect(matchConditions(props, [{ property: 'plan', op: 'eq', value: 'pro' }])).toBe(true);
    expect(matchConditions(props, [{ property: 'plan', op: 'neq', value: 'pro' }])).toBe(false);
    expect(matchConditions(props, [{ property: 'plan', op: 'in', value: ['team', 'pro'] }])).toBe(true);
    expect(matchConditions(props, [{ property: 'plan', op: 'in', value: ['team'] }])).toBe(false);
  });
  it('orders numbers, including numeric strings', () => {
    expect(matchConditions(props, [{ property: 'amount', op: 'gt', value: 100 }])).toBe(true);
    expect(matchConditions(props, [{ property: 'amount', op: 'lte', value: 100 }])).toBe(false);
    expect(matchConditions({ amount: '120' }, [{ property: 'amount', op: 'gte', value: 120 }])).toBe(true);
    expect(matchConditions({ amount: 'lots' }, [{ property: 'amount', op: 'gt', value: 1 }])).toBe(false);
  });
  it('reads nested properties and tests existence', () => {
    expect(matchConditions(props, [{ property: 'cart.items', op: 'lt', value: 5 }])).toBe(true);
    expect(matchConditions(props, [{ property: 'coupon', op: 'exists' }])).toBe(false);
    expect(matchConditions(props, [{ property: 'cart', op: 'exists' }])).toBe(true);
    expect(matchConditions(props, [{ property: 'toString', op: 'exists' }])).toBe(false);
  });
  it('requires every condition', () => {
    expect(
      matchConditions(props, [
        { property: 'plan', op: 'eq', value: 'pro' },
        { property: 'amount', op: 'lt', value: 50 },
      ]),
    ).toBe(false);
  });
});
