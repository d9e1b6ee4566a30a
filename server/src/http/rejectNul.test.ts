import { describe, expect, it } from 'vitest';
import { unstorableText } from './rejectNul.ts';

const pathOf = (value: unknown) => unstorableText(value)?.path;

describe('unstorableText', () => {
  it('finds a NUL in a nested value or key, and nothing in clean input', () => {
    expect(pathOf({ userId: 'a', properties: { list: ['ok', 'b\u0000d'] } })).toBe('body.properties.list.1');
    expect(pathOf({ traits: { 'k\u0000': 1 } })).toBe('body.traits');
    expect(pathOf({ a: [1, null, { b: 'fine' }] })).toBeUndefined();
    expect(pathOf('\u0000')).toBe('body');
  });

  it('finds a lone surrogate, which PostgreSQL refuses in jsonb, but lets emoji through', () => {
    expect(unstorableText({ properties: { p: '\ud800' } })).toEqual({ path: 'body.properties.p', problem: expect.stringMatching(/^expected well-formed Unicode text/) });
    expect(pathOf({ properties: { '\udc00': 1 } })).toBe('body.properties');
    expect(pathOf({ name: 'ok\ud83d' })).toBe('body.name');
    expect(pathOf({ name: 'party 🎉', 'ünï 👋': ['😀'] })).toBeUndefined();
  });

  it('walks 100,000 levels of nesting without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}`) as unknown;
    expect(pathOf(deep)?.split('.')).toHaveLength(100_001);
  });
});
