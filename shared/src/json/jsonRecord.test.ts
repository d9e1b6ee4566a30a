import { describe, expect, it } from 'vitest';
import { jsonRecordSchema, MAX_JSON_DEPTH, nestedDeeperThan } from './jsonRecord.ts';

/** `{"a": {"a": … 1}}`, `levels` objects deep. */
const nested = (levels: number): Record<string, unknown> => {
  let value: Record<string, unknown> = { a: 1 };
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
};

describe('jsonRecordSchema', () => {
  it(`accepts JSON nested ${MAX_JSON_DEPTH} levels deep and refuses one level more`, () => {
    expect(jsonRecordSchema.safeParse(nested(MAX_JSON_DEPTH)).success).toBe(true);
    const refused = jsonRecordSchema.safeParse(nested(MAX_JSON_DEPTH + 1));
    expect(refused.success || refused.error.issues.map((i) => i.message)).toEqual([`expected JSON nested at most ${MAX_JSON_DEPTH} levels deep`]);
  });

  it('counts arrays as levels too, and scalars as none', () => {
    expect(nestedDeeperThan({ list: [[1, 'x', null]] }, 3)).toBe(false);
    expect(nestedDeeperThan({ list: [[[]]] }, 3)).toBe(true);
    expect(nestedDeeperThan('text', 0)).toBe(false);
  });

  it('measures a million levels without overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(1_000_000) + ']'.repeat(1_000_000)) as unknown;
    expect(nestedDeeperThan(deep, MAX_JSON_DEPTH)).toBe(true);
  });
});
