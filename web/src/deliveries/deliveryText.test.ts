import { describe, expect, it } from 'vitest';
import { retryProgress, stepLabel } from './deliveryText.ts';

describe('dead letter texts', () => {
  it('says how far a retry-all has got, and how it ended', () => {
    expect(retryProgress(2, 12, 0, true)).toBe('Retrying 3 of 12…');
    expect(retryProgress(12, 12, 0, false)).toBe('All 12 offers are queued to be sent again.');
    expect(retryProgress(1, 1, 0, false)).toBe('The offer is queued to be sent again.');
    expect(retryProgress(5, 5, 2, false)).toBe('3 of 5 queued again; 2 could not be retried (see each row).');
  });

  it('names a step by its label, or its id when it is gone', () => {
    expect(stepLabel(new Map([['o1', 'Win-back offer']]), 'o1')).toBe('Win-back offer');
    expect(stepLabel(new Map(), 'o9')).toBe('o9');
  });
});
