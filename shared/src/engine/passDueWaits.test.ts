import { describe, expect, it } from 'vitest';
import { compileJourney } from '../compile/compileJourney.ts';
import { journeyDocumentSchema } from '../journey/journeySchema.ts';
import { startRun } from './advanceRun.ts';
import { journeyMachine } from './journeyMachine.ts';
import { MAX_WAITS_PASSED, passDueWaits } from './passDueWaits.ts';

type Node = { id: string; type: string; data?: Record<string, unknown> };

/** A straight line of nodes, each joined to the next, plus any extra edges. */
function line(nodes: Node[], extra: Array<{ source: string; target: string }> = []) {
  const edges = [
    ...nodes.slice(1).map((n, i) => ({ id: `e${i + 1}`, source: nodes[i]!.id, target: n.id })),
    ...extra.map((e, i) => ({ id: `x${i + 1}`, ...e })),
  ];
  const doc = journeyDocumentSchema.parse({ name: 'due waits', nodes: nodes.map((n) => ({ data: {}, ...n })), edges });
  return { machine: journeyMachine(compileJourney(doc)), journey: { id: 'j1', name: 'due waits' }, now: 5_000 };
}

const user = { id: 'u1', traits: {}, tags: ['new'] };
const offer = (code: string) => ({ offer: code, channel: 'webhook', url: 'https://x.example', template: '{{ offer.code }}' });

describe('passDueWaits', () => {
  it('passes a 0s wait in the same step: the offer after it is planned and the run ends, with no wakeup left', () => {
    const input = line([
      { id: 't', type: 'trigger', data: { event: 'go' } },
      { id: 'w', type: 'wait', data: { for: '0s' } },
      { id: 'o', type: 'offer', data: offer('NOW') },
      { id: 'x', type: 'exit' },
    ]);
    const first = startRun(input, user, { name: 'go', properties: {} });
    expect(first.wakeups).toEqual([{ node: 'w', dueAt: 5_000 }]);

    const plan = passDueWaits(input, first, user.tags);
    expect(plan.status).toBe('exited');
    expect(plan.wakeups).toEqual([]);
    expect(plan.entered).toEqual(['t', 'w', 'o', 'x']);
    expect(plan.edges).toEqual(['e1', 'e2', 'e3']);
    expect(plan.offers.map((o) => [o.node, o.message])).toEqual([['o', 'NOW']]);
  });

  it('leaves a wait that is not yet due scheduled, after passing the due ones before it', () => {
    const input = line([
      { id: 't', type: 'trigger', data: { event: 'go' } },
      { id: 'w0', type: 'wait', data: { for: '0s' } },
      { id: 'w1', type: 'wait', data: { for: '1s' } },
      { id: 'o', type: 'offer', data: offer('LATER') },
    ]);
    const plan = passDueWaits(input, startRun(input, user, { name: 'go', properties: {} }), user.tags);
    expect(plan.status).toBe('active');
    expect(plan.run.value).toBe('w1');
    expect(plan.wakeups).toEqual([{ node: 'w1', dueAt: 6_000 }]);
    expect(plan.offers).toEqual([]);
  });

  it('reports tag changes against the tags before the whole step, across the waits it passed', () => {
    const input = line([
      { id: 't', type: 'trigger', data: { event: 'go' } },
      { id: 'a', type: 'tag', data: { add: ['vip'] } },
      { id: 'w', type: 'wait', data: { for: '0s' } },
      { id: 'b', type: 'tag', data: { add: ['gold'], remove: ['new', 'vip'] } },
      { id: 'x', type: 'exit' },
    ]);
    const plan = passDueWaits(input, startRun(input, user, { name: 'go', properties: {} }), user.tags);
    expect(plan.tagsAdded).toEqual(['gold']);
    expect(plan.tagsRemoved).toEqual(['new']);
    expect(plan.run.context.user.tags).toEqual(['gold']);
  });

  it('stops a loop of 0s waits after a bounded number of passes and leaves the next one scheduled', () => {
    const input = line(
      [
        { id: 't', type: 'trigger', data: { event: 'go' } },
        { id: 'w', type: 'wait', data: { for: '0s' } },
        { id: 'o', type: 'offer', data: offer('LOOP') },
      ],
      [{ source: 'o', target: 'w' }],
    );
    const plan = passDueWaits(input, startRun(input, user, { name: 'go', properties: {} }), user.tags);
    expect(plan.status).toBe('active');
    expect(plan.run.value).toBe('w');
    expect(plan.wakeups).toEqual([{ node: 'w', dueAt: 5_000 }]);
    expect(plan.offers).toHaveLength(MAX_WAITS_PASSED);
  });

  it('returns a plan with no due wait as it is', () => {
    const input = line([
      { id: 't', type: 'trigger', data: { event: 'go' } },
      { id: 'w', type: 'wait', data: { for: '3d' } },
    ]);
    const first = startRun(input, user, { name: 'go', properties: {} });
    expect(passDueWaits(input, first, user.tags)).toBe(first);
  });
});
