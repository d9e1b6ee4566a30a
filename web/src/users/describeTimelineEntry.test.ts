import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '@waymark/shared';
import { describeTimelineEntry } from './describeTimelineEntry.ts';

const entry = (kind: TimelineEntry['kind'], detail: Record<string, unknown>, node?: string): TimelineEntry => ({ id: 1, at: 0, kind, detail, node });
const names = (id: string) => (id === 'w1' ? 'Until purchase · 7 days' : undefined);

describe('describeTimelineEntry', () => {
  it('names the event a user did', () => {
    expect(describeTimelineEntry(entry('event', { type: 'track', name: 'signed_up' }), names).title).toBe('Did signed_up');
  });

  it('names a step by the node summary the canvas shows', () => {
    expect(describeTimelineEntry(entry('step', {}, 'w1'), names).title).toBe('Reached Until purchase · 7 days');
    expect(describeTimelineEntry(entry('step', {}, 'zz'), names).title).toBe('Reached zz');
  });

  it('tells converting from leaving', () => {
    expect(describeTimelineEntry(entry('exit', { outcome: 'converted', by: 'goal event' }), names)).toEqual({ title: 'Converted', detail: 'Did the goal event' });
    expect(describeTimelineEntry(entry('exit', { outcome: 'exited' }), names).title).toBe('Left the journey');
  });

  it('lists tag changes', () => {
    expect(describeTimelineEntry(entry('tags', { added: ['vip'], removed: ['churned'] }), names).detail).toBe('+vip, −churned');
  });
});
