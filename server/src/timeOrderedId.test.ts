import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './timeOrderedId.ts';

describe('timeOrderedId', () => {
  it('makes valid, distinct version-7 UUIDs across pool refills', () => {
    const ids = Array.from({ length: 1_000 }, () => timeOrderedId());
    for (const id of ids) {
      expect(validate(id), id).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts the time first, so ids made later sort later', async () => {
    const first = timeOrderedId();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = timeOrderedId();
    expect(later > first).toBe(true);
    expect(parseInt(first.replaceAll('-', '').slice(0, 12), 16)).toBeGreaterThan(Date.now() - 10_000);
  });
});
