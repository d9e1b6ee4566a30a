import { describe, expect, it } from 'vitest';
import { attemptsText, retriedNote, retryProgress, stepName } from './deliveryText.ts';

describe('dead letter texts', () => {
  it('says which offer a retry-all is on while it runs', () => {
    expect(retryProgress({ done: 2, total: 12, failed: 0, running: true })).toBe('Retrying 3 of 12…');
    expect(retryProgress({ done: 0, total: 1, failed: 0, running: true })).toBe('Retrying 1 of 1…');
  });

  it('sums up how a retry-all ended', () => {
    expect(retryProgress({ done: 12, total: 12, failed: 0, running: false })).toBe('All 12 offers are queued to be sent again.');
    expect(retryProgress({ done: 1, total: 1, failed: 0, running: false })).toBe('The offer is queued to be sent again.');
    expect(retryProgress({ done: 5, total: 5, failed: 2, running: false })).toBe('3 of 5 queued again; 2 could not be retried (see each row).');
    expect(retryProgress({ done: 3, total: 3, failed: 3, running: false })).toBe('None of the 3 offers could be retried (see each row).');
  });

  it('names the offer and the user after a retry, and counts attempts', () => {
    expect(retriedNote({ offer: 'WINBACK20', userId: 'ann' })).toBe('WINBACK20 for ann is queued to be sent again.');
    expect(attemptsText(1)).toBe('1 attempt');
    expect(attemptsText(8)).toBe('8 attempts');
  });

  it('names a step as the canvas does, or says it is gone', () => {
    const offer = { type: 'offer' as const, data: { offer: 'WINBACK20', channel: 'webhook', url: 'https://example.com/h', template: 'Hi' } };
    expect(stepName(offer, 'o1')).toEqual({ label: 'Offer · Send WINBACK20 by webhook', onCanvas: true });
    // A half-typed step has no summary yet: its id says which one it is.
    expect(stepName({ type: 'offer', data: {} }, 'o2')).toEqual({ label: 'Offer · o2', onCanvas: true });
    expect(stepName(undefined, 'o9')).toEqual({ label: 'o9 (no longer on the canvas)', onCanvas: false });
  });
});
