import { describe, expect, it } from 'vitest';
import type { JourneyEdge } from '@waymark/shared';
import type { TimelineEntry, UserProfile, UserRun } from '@waymark/shared';
import { traceRun } from './traceRun.ts';

const edges: JourneyEdge[] = [
  { id: 'e1', source: 't1', target: 'o1', sourceHandle: 'next' },
  { id: 'e2', source: 'o1', target: 'w1', sourceHandle: 'next' },
  { id: 'e3', source: 'w1', target: 'g1', sourceHandle: 'event' },
  { id: 'e4', source: 'w1', target: 'b1', sourceHandle: 'timeout' },
];

const run = (id: string, journeyId: string, enteredAt: number): UserRun => ({
  id, journeyId, journeyName: journeyId, version: 1, status: 'active', node: 'w1', enteredAt, endedAt: null,
});
const step = (id: number, runId: string, node: string): TimelineEntry => ({ id, at: id, kind: 'step', runId, journeyId: 'j1', node, detail: {} });

function user(runs: UserRun[], timeline: TimelineEntry[]): UserProfile {
  return { id: 'ann', traits: {}, tags: [], firstSeenAt: 0, lastSeenAt: 0, runs, offers: [], timeline };
}

describe('traceRun', () => {
  it('follows the steps of the most recent run in this journey, oldest first', () => {
    const ann = user(
      [run('old', 'j1', 1), run('new', 'j1', 5), run('other', 'j2', 9)],
      // Newest first, as the API sends it.
      [step(9, 'new', 'g1'), step(8, 'new', 'w1'), step(7, 'other', 'x'), step(6, 'new', 'o1'), step(5, 'new', 't1'), step(2, 'old', 't1')],
    );
    expect(traceRun(ann, 'j1', edges)).toMatchObject({ runId: 'new', nodeIds: ['t1', 'o1', 'w1', 'g1'], edgeIds: ['e1', 'e2', 'e3'] });
  });

  it('follows offers and the exit as moves, and counts an older step-and-offer pair for one node once', () => {
    const move = (id: number, kind: 'offer' | 'exit', node: string): TimelineEntry => ({ id, at: id, kind, runId: 'r', journeyId: 'j1', node, detail: {} });
    const ann = user([run('r', 'j1', 1)], [move(5, 'exit', 'b1'), step(4, 'r', 'w1'), move(3, 'offer', 'o1'), step(2, 'r', 'o1'), step(1, 'r', 't1')]);
    expect(traceRun(ann, 'j1', edges)).toMatchObject({ nodeIds: ['t1', 'o1', 'w1', 'b1'], edgeIds: ['e1', 'e2', 'e4'] });
  });

  it('picks the timeout edge when the run went that way', () => {
    const ann = user([run('r', 'j1', 1)], [step(3, 'r', 'b1'), step(2, 'r', 'w1')]);
    expect(traceRun(ann, 'j1', edges)?.edgeIds).toEqual(['e4']);
  });

  it('is null for a user who never entered the journey', () => {
    expect(traceRun(user([run('r', 'j2', 1)], []), 'j1', edges)).toBeNull();
  });
});
