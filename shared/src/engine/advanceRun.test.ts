import { describe, expect, it } from 'vitest';
import { compileJourney } from '../compile/compileJourney.ts';
import { journeyDocumentSchema } from '../journey/journeySchema.ts';
import { advanceRun, startRun, storedRun } from './advanceRun.ts';
import { journeyMachine } from './journeyMachine.ts';

const doc = journeyDocumentSchema.parse({
  name: 'tags and offers',
  nodes: [
    { id: 't1', type: 'trigger', data: { event: 'go' } },
    { id: 'tg', type: 'tag', data: { add: ['vip'], remove: ['new'] } },
    { id: 'o1', type: 'offer', data: { offer: 'HI', channel: 'email', subject: 's', template: 'Hi {{ traits.name }} ({{ event.properties.plan }})' } },
    { id: 'w1', type: 'wait', data: { for: '1h' } },
    { id: 'o2', type: 'offer', data: { offer: 'BAD', channel: 'webhook', url: 'https://x.example', template: '{{ nope | no_such_filter }}' } },
    { id: 'x1', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 't1', target: 'tg' },
    { id: 'e2', source: 'tg', target: 'o1' },
    { id: 'e3', source: 'o1', target: 'w1' },
    { id: 'e4', source: 'w1', target: 'o2' },
    { id: 'e5', source: 'o2', target: 'x1' },
  ],
});
const input = { machine: journeyMachine(compileJourney(doc)), journey: { id: 'j1', name: 'tags and offers' }, now: 1_000 };
const user = { id: 'u1', traits: { name: '<b>Ann</b>' }, tags: ['new'] };

describe('startRun', () => {
  const plan = startRun(input, user, { name: 'go', properties: { plan: 'pro' } });

  it('runs every instant step and rests at the first wait with one wakeup', () => {
    expect(plan.entered).toEqual(['t1', 'tg', 'o1', 'w1']);
    expect(plan.edges).toEqual(['e1', 'e2', 'e3']);
    expect(plan.wakeups).toEqual([{ node: 'w1', dueAt: 1_000 + 3_600_000 }]);
    expect(plan.status).toBe('active');
  });

  it('reports the tags a tag node added and removed', () => {
    expect(plan.tagsAdded).toEqual(['vip']);
    expect(plan.tagsRemoved).toEqual(['new']);
    expect(plan.run.context.user.tags).toEqual(['vip']);
  });

  it('renders email offers with HTML escaped', () => {
    expect(plan.offers).toEqual([
      { node: 'o1', offer: 'HI', channel: 'email', subject: 's', cost: 0, message: 'Hi &lt;b&gt;Ann&lt;/b&gt; (pro)' },
    ]);
  });
});

describe('advanceRun', () => {
  const started = startRun(input, user, { name: 'go', properties: {} });

  it('ignores an event the run is not waiting for', () => {
    const plan = advanceRun(input, started.run, user, { type: 'track:other', name: 'other', properties: {} });
    expect(plan.moved).toBe(false);
    expect(plan.run.value).toBe('w1');
    expect(plan.wakeups).toEqual([]);
  });

  it('ignores a wakeup meant for another node', () => {
    expect(advanceRun(input, started.run, user, { type: 'waymark.wakeup', node: 'w9' }).moved).toBe(false);
  });

  it('plans a failed render as an offer with the reason instead of a message', () => {
    const plan = advanceRun(input, started.run, { ...user, tags: ['vip'] }, { type: 'waymark.wakeup', node: 'w1' });
    expect(plan.status).toBe('exited');
    expect(plan.offers[0]?.message).toBeUndefined();
    expect(plan.offers[0]?.renderError).toMatch(/no_such_filter/);
  });

  it('steps a run as stored, without the user, with the profile it is given', () => {
    const stored = storedRun(started.run);
    expect(stored.context).not.toHaveProperty('user');
    const plan = advanceRun(input, stored, { ...user, tags: ['vip'] }, { type: 'waymark.wakeup', node: 'w1' });
    expect(plan.run.context.user.tags).toEqual(['vip']);
    // Context keys in the machine's own order: the user first.
    expect(Object.keys(plan.run.context)).toEqual(Object.keys(started.run.context));
  });

  it('takes the profile it is given over a user stored with the run by an earlier version', () => {
    const stale = { ...started.run, context: { ...started.run.context, user: { id: 'u1', traits: { name: 'Old' }, tags: ['stale'] } } };
    const plan = advanceRun(input, stale, { ...user, tags: ['fresh'] }, { type: 'waymark.wakeup', node: 'w1' });
    expect(plan.run.context.user.tags).toEqual(['fresh']);
  });
});
