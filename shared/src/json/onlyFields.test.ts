import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { onlyFields } from './onlyFields.ts';

describe('onlyFields', () => {
  const schema = onlyFields({ name: z.string(), tags: z.array(z.string()).optional() });

  it('takes the fields it knows', () => {
    expect(schema.parse({ name: 'a', tags: ['x'] })).toEqual({ name: 'a', tags: ['x'] });
  });

  it('refuses any other field, naming it and what it takes, prototype keys included', () => {
    expect(schema.safeParse({ name: 'a', nmae: 'b' }).error?.issues[0]?.message).toBe('unknown field "nmae": expected only name, tags');
    expect(schema.safeParse(JSON.parse('{"name":"a","__proto__":{"x":1},"constructor":1}')).error?.issues[0]?.message).toBe(
      'unknown fields "__proto__", "constructor": expected only name, tags',
    );
  });

  it('keeps its other messages', () => {
    expect(schema.safeParse({ name: 1 }).error?.issues[0]?.message).not.toMatch(/unknown field/);
  });
});
