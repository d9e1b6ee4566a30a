import { describe, expect, it } from 'vitest';
import type { ReceivedRequest } from '../delivery/webhookTestTarget.ts';
import { unexplainedResends } from './resendsAcrossKills.ts';

const arrival = (id: string, at: number): ReceivedRequest => ({ path: '/', headers: { 'webhook-id': id }, body: '', at });

describe('unexplainedResends', () => {
  it('accepts a resend that spans a kill, and single deliveries', () => {
    expect(unexplainedResends([arrival('a', 100), arrival('b', 900), arrival('a', 5_000)], [1_000], 10)).toEqual([]);
    // Written just before the kill, arrived just after it, then sent again by another process.
    expect(unexplainedResends([arrival('a', 1_200), arrival('a', 6_000)], [1_000], 10)).toEqual([]);
  });

  it('names a webhook-id sent twice with no kill between', () => {
    expect(unexplainedResends([arrival('a', 100), arrival('a', 200)], [1_000], 10)).toEqual([expect.stringMatching(/^a arrived 2 times .* no kill between/)]);
    expect(unexplainedResends([arrival('a', 5_000), arrival('a', 5_100)], [1_000], 10)).toHaveLength(1);
    // With no kill at all, any resend is one too many.
    expect(unexplainedResends([arrival('a', 100), arrival('a', 200)], [], 10)).toEqual([expect.stringMatching(/no kill between/), '1 resends after 0 kills, more than 10 a kill']);
  });

  it('counts resends against what the kills could leave behind', () => {
    const twice = (n: number) => Array.from({ length: n }, (_, i) => [arrival(`m${i}`, 900), arrival(`m${i}`, 4_000)]).flat();
    expect(unexplainedResends(twice(3), [1_000], 3)).toEqual([]);
    expect(unexplainedResends(twice(4), [1_000], 3)).toEqual(['4 resends after 1 kills, more than 3 a kill']);
  });
});
