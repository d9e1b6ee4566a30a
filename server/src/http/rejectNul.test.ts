import { describe, expect, it } from 'vitest';
import { nulPath } from './rejectNul.ts';

describe('nulPath', () => {
  it('finds a NUL in a nested value or key, and nothing in clean input', () => {
    expect(nulPath({ userId: 'a', properties: { list: ['ok', 'b\u0000d'] } })).toBe('body.properties.list.1');
    expect(nulPath({ traits: { 'k\u0000': 1 } })).toBe('body.traits');
    expect(nulPath({ a: [1, null, { b: 'fine' }] })).toBeUndefined();
    expect(nulPath('\u0000')).toBe('body');
  });
});
