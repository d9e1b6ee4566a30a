import { describe, expect, it } from 'vitest';
import { describeNode, handleLabel } from './describeNode.ts';

describe('describeNode', () => {
  it('summarises valid data with the kind in @waymark/shared', () => {
    expect(describeNode({ type: 'wait', data: { until: { event: 'purchase' }, timeout: '7d' } })).toEqual({
      label: 'Wait',
      summary: 'Until purchase · 7 days',
      handles: ['event', 'timeout'],
    });
  });

  it('keeps the event and timeout handles of a wait whose timeout is still missing', () => {
    expect(describeNode({ type: 'wait', data: { until: { event: 'purchase' } } })).toMatchObject({
      summary: undefined,
      handles: ['event', 'timeout'],
    });
  });

  it('gives a branch yes and no handles and final nodes none', () => {
    expect(describeNode({ type: 'branch', data: { tag: 'vip' } }).handles).toEqual(['yes', 'no']);
    expect(describeNode({ type: 'goal', data: { event: 'purchase' } }).handles).toEqual([]);
    expect(describeNode({ type: 'exit', data: {} }).handles).toEqual([]);
  });

  it('labels handles for people', () => {
    expect(['yes', 'no', 'event', 'timeout'].map(handleLabel)).toEqual(['Yes', 'No', 'Event', 'Timeout']);
  });
});
