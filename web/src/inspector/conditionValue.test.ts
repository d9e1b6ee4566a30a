import { conditionSchema } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import { changeOp, formatConditionValue, parseConditionValue, parseScalar } from './conditionValue.ts';

describe('condition values', () => {
  it('reads numbers as numbers when they look numeric', () => {
    expect(parseConditionValue('gte', '100')).toBe(100);
    expect(parseConditionValue('lt', '-2.5')).toBe(-2.5);
    expect(parseConditionValue('eq', 'pro')).toBe('pro');
  });

  it('keeps postcodes and versions as text', () => {
    expect(parseScalar('02134')).toBe('02134');
    expect(parseScalar('1.2.3')).toBe('1.2.3');
    expect(parseScalar('1e3')).toBe('1e3');
  });

  it('reads true and false as booleans, and quoted text as text', () => {
    expect(parseScalar('true')).toBe(true);
    expect(parseScalar('"true"')).toBe('true');
    expect(parseScalar('"42"')).toBe('42');
  });

  it('splits "is one of" on commas, dropping empty items', () => {
    expect(parseConditionValue('in', 'pro, team,, 3')).toEqual(['pro', 'team', 3]);
    expect(parseConditionValue('in', ' , ')).toBeUndefined();
  });

  it('gives "is present" no value, and an empty box no value', () => {
    expect(parseConditionValue('exists', 'anything')).toBeUndefined();
    expect(parseConditionValue('eq', '  ')).toBeUndefined();
  });

  it('formats what it parsed back to the same text', () => {
    for (const [op, text] of [
      ['eq', 'pro'],
      ['eq', '42'],
      ['eq', '"42"'],
      ['in', 'pro, team, 3'],
      ['neq', 'false'],
    ] as const)
      expect(formatConditionValue(parseConditionValue(op, text))).toBe(text);
  });

  it('re-reads the value when the operator changes', () => {
    expect(changeOp({ property: 'plan', op: 'eq', value: 'pro' }, 'in')).toEqual({ property: 'plan', op: 'in', value: ['pro'] });
    expect(changeOp({ property: 'plan', op: 'in', value: ['pro', 'team'] }, 'eq')).toEqual({ property: 'plan', op: 'eq', value: 'pro, team' });
    expect(changeOp({ property: 'plan', op: 'eq', value: 'pro' }, 'exists')).toEqual({ property: 'plan', op: 'exists' });
  });

  it('builds conditions the journey accepts', () => {
    expect(conditionSchema.safeParse({ property: 'plan', op: 'in', value: parseConditionValue('in', 'pro, 3') }).success).toBe(true);
    expect(conditionSchema.safeParse({ property: 'total', op: 'gt', value: parseConditionValue('gt', '50') }).success).toBe(true);
  });
});
