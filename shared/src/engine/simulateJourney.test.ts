import { describe, expect, it } from 'vitest';
import { exampleJourney, testJourney } from '../testing/journeyFixtures.ts';
import { compileJourney } from '../compile/compileJourney.ts';
import { advanceRun } from './advanceRun.ts';
import { journeyMachine } from './journeyMachine.ts';
import type { RunUser } from './runTypes.ts';
import { simulateJourney, type ScriptedStep } from './simulateJourney.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;


const journey = testJourney;

const ada: RunUser = { id: 'u1', traits: { name: 'Ada' }, tags: [] };
const vipAda: RunUser = { ...ada, tags: ['vip'] };
const event = (at: number, name: string, properties: Record<string, unknown> = {}): ScriptedStep => ({ at, event: { name, properties } });

describe('simulateJourney: activation', () => {
  const activation = exampleJourney('activation');

  it('sends the WELCOME10 offer on sign-up, then waits up to 3 days for a project', () => {
    const result = simulateJourney(activation, { user: ada, until: DAY });
    expect(result).toMatchObject({ status: 'active', state: 'w1', path: ['t1', 'o1', 'w1'], stoppedBy: 'until' });
    expect(result.offers).toEqual([
      {
        node: 'o1',
        offer: 'WELCOME10',
        channel: 'webhook',
        url: 'http://localhost:3000/sink/webhook',
        cost: 1,
        message: 'Welcome Ada! Here is 10% off your first month with code WELCOME10.',
        at: 0,
      },
    ]);
    expect(result.pending).toEqual([{ node: 'w1', dueAt: 3 * DAY }]);
    expect(result.steps[0]?.plan.run.context.trigger).toEqual({ name: 'signed_up', properties: {} });
  });

  it('converts at the goal when a project is created within 3 days', () => {
    const result = simulateJourney(activation, { user: ada, script: [event(2 * DAY, 'project_created')] });
    expect(result).toMatchObject({ status: 'converted', state: 'g1', path: ['t1', 'o1', 'w1', 'g1'], edges: ['e1', 'e2', 'e3'], endedAt: 2 * DAY });
    expect(result.goalReachedBy).toBeUndefined(); // reached along the "event" edge, not by exit criteria
    expect(result.pending).toEqual([]);
  });

  it('sends VIPs the CONCIERGE email and exits when no project arrives within 3 days', () => {
    const result = simulateJourney(activation, { user: vipAda });
    expect(result).toMatchObject({ status: 'exited', state: 'x1', path: ['t1', 'o1', 'w1', 'b1', 'o2', 'x1'], endedAt: 3 * DAY, tags: ['vip'] });
    expect(result.offers.map((o) => [o.offer, o.channel, o.at])).toEqual([
      ['WELCOME10', 'webhook', 0],
      ['CONCIERGE', 'email', 3 * DAY],
    ]);
    expect(result.offers[1]).toMatchObject({
      subject: 'Let us set up your first project',
      message: 'Hi Ada, book a free 30-minute setup call with our team: code CONCIERGE.',
    });
  });

  it('nudges everyone else with NUDGE20 and tags them activation-nudged when no project arrives within 3 days', () => {
    const result = simulateJourney(activation, { user: ada });
    expect(result).toMatchObject({ status: 'exited', state: 'x2', path: ['t1', 'o1', 'w1', 'b1', 'o3', 'tg1', 'x2'], tags: ['activation-nudged'] });
    expect(result.offers.map((o) => [o.offer, o.at])).toEqual([
      ['WELCOME10', 0],
      ['NUDGE20', 3 * DAY],
    ]);
    expect(result.steps[1]?.plan.tagsAdded).toEqual(['activation-nudged']);
  });

  it('ignores a project created after the timeout has already moved the user on', () => {
    const result = simulateJourney(activation, { user: ada, script: [event(4 * DAY, 'project_created')] });
    expect(result).toMatchObject({ status: 'exited', state: 'x2', endedAt: 3 * DAY });
    expect(result.path).not.toContain('g1');
    expect(result.steps.map((s) => s.cause.kind)).toEqual(['start', 'wakeup']);
  });

  it('has not fired the timeout 1 ms before 3 days', () => {
    const result = simulateJourney(activation, { user: ada, until: 3 * DAY - 1 });
    expect(result).toMatchObject({ status: 'active', state: 'w1', path: ['t1', 'o1', 'w1'], stoppedBy: 'until' });
    expect(result.pending).toEqual([{ node: 'w1', dueAt: 3 * DAY }]);
  });

  it('counts a project created 1 ms before the deadline, but not one created at the deadline', () => {
    expect(simulateJourney(activation, { user: ada, script: [event(3 * DAY - 1, 'project_created')] }).status).toBe('converted');
    expect(simulateJourney(activation, { user: ada, script: [event(3 * DAY, 'project_created')] })).toMatchObject({ status: 'exited', state: 'x2' });
  });

  it('lets an unrelated event pass without moving the user', () => {
    const result = simulateJourney(activation, { user: ada, script: [event(DAY, 'page_viewed')], until: 2 * DAY });
    expect(result.steps.map((s) => [s.at, s.cause.kind, s.plan.moved])).toEqual([
      [0, 'start', true],
      [DAY, 'event', false],
    ]);
    expect(result.state).toBe('w1');
  });
});

describe('simulateJourney: win-back', () => {
  const winback = exampleJourney('winback');

  it('starts the run with the inactivity trigger event the runtime sends', () => {
    const result = simulateJourney(winback, { user: ada, until: 0 });
    expect(result.steps[0]?.plan.run.context.trigger).toEqual({ name: 'waymark.inactive', properties: { inactiveFor: '14d' } });
  });

  it('sends VIPs the VIPGIFT email, then converts them at the goal when they buy within 7 days', () => {
    const result = simulateJourney(winback, { user: vipAda, script: [event(6 * DAY, 'purchase', { amount: 40 })] });
    expect(result).toMatchObject({ status: 'converted', state: 'g1', path: ['t1', 'b1', 'o1', 'w1', 'g1'], edges: ['e1', 'e2', 'e4', 'e6'] });
    expect(result.offers.map((o) => [o.offer, o.channel, o.message])).toEqual([
      ['VIPGIFT', 'email', 'Ada, we miss you. Here is a gift on us: VIPGIFT.'],
    ]);
  });

  it('sends everyone else WINBACK20 by webhook, then converts them at the goal when they buy within 7 days', () => {
    const result = simulateJourney(winback, { user: ada, script: [event(DAY, 'purchase')] });
    expect(result).toMatchObject({ status: 'converted', state: 'g1', path: ['t1', 'b1', 'o2', 'w1', 'g1'], endedAt: DAY });
    expect(result.offers.map((o) => [o.offer, o.channel, o.cost])).toEqual([['WINBACK20', 'webhook', 2.5]]);
  });

  it('fires the timeout branch when no purchase arrives within 7 days: tagged churned, then exit', () => {
    const result = simulateJourney(winback, { user: vipAda, startAt: 14 * DAY });
    expect(result).toMatchObject({
      status: 'exited',
      state: 'x1',
      path: ['t1', 'b1', 'o1', 'w1', 'tg1', 'x1'],
      tags: ['vip', 'churned'],
      endedAt: 21 * DAY,
      stoppedBy: 'finished',
    });
  });

  it('still tags a buyer churned when the purchase comes after the 7 days', () => {
    const result = simulateJourney(winback, { user: ada, script: [event(7 * DAY + 1, 'purchase')] });
    expect(result).toMatchObject({ status: 'exited', state: 'x1', tags: ['churned'] });
  });
});

describe('simulateJourney: waits, goals and wakeups', () => {
  /** Signs up, waits 2 days, gets an email and leaves; a purchase at any point is the goal. */
  const fixedWait = (goalWhere?: unknown[]) =>
    journey({
      nodes: [
        { id: 't1', type: 'trigger', data: { event: 'signed_up' } },
        { id: 'w1', type: 'wait', data: { for: '2d' } },
        { id: 'o1', type: 'offer', data: { offer: 'HELLO', channel: 'email', template: 'Hello' } },
        { id: 'x1', type: 'exit' },
        { id: 'g1', type: 'goal', data: { event: 'purchase', ...(goalWhere ? { where: goalWhere } : {}) } },
      ],
      edges: [
        { id: 'e1', source: 't1', target: 'w1' },
        { id: 'e2', source: 'w1', target: 'o1' },
        { id: 'e3', source: 'o1', target: 'x1' },
      ],
    });

  it('converts a user in a fixed wait when the goal event arrives (exit criteria)', () => {
    const result = simulateJourney(fixedWait(), { user: ada, script: [event(DAY, 'purchase')] });
    expect(result).toMatchObject({ status: 'converted', state: 'g1', path: ['t1', 'w1', 'g1'], goalReachedBy: 'g1', endedAt: DAY });
    expect(result.offers).toEqual([]);
    expect(result.pending).toEqual([]);
  });

  it('applies the goal’s where conditions to exit criteria', () => {
    const where = [{ property: 'amount', op: 'gte', value: 50 }];
    const small = simulateJourney(fixedWait(where), { user: ada, script: [event(DAY, 'purchase', { amount: 10 })] });
    expect(small).toMatchObject({ status: 'exited', state: 'x1', path: ['t1', 'w1', 'o1', 'x1'], endedAt: 2 * DAY });
    const large = simulateJourney(fixedWait(where), { user: ada, script: [event(DAY, 'purchase', { amount: 80 })] });
    expect(large).toMatchObject({ status: 'converted', goalReachedBy: 'g1' });
  });

  it('does not move the run for a stale wakeup meant for another node, and keeps its own timer', () => {
    const result = simulateJourney(exampleJourney('activation'), { user: ada, script: [{ at: DAY, wakeup: 'w9' }, { at: DAY, wakeup: 'b1' }] });
    expect(result.steps.slice(1).map((s) => [s.at, s.cause, s.plan.moved, s.plan.run.value])).toEqual([
      [DAY, { kind: 'wakeup', node: 'w9', scripted: true }, false, 'w1'],
      [DAY, { kind: 'wakeup', node: 'b1', scripted: true }, false, 'w1'],
      [3 * DAY, { kind: 'wakeup', node: 'w1', scripted: false }, true, 'x2'],
    ]);
  });

  it('only lets a wait-until event through when its where conditions hold', () => {
    const doc = journey({
      nodes: [
        { id: 't1', type: 'trigger', data: { event: 'signed_up' } },
        { id: 'w1', type: 'wait', data: { until: { event: 'upgraded', where: [{ property: 'plan', op: 'eq', value: 'pro' }] }, timeout: '1d' } },
        { id: 'x1', type: 'exit' },
        { id: 'x2', type: 'exit' },
      ],
      edges: [
        { id: 'e1', source: 't1', target: 'w1' },
        { id: 'e2', source: 'w1', target: 'x1', sourceHandle: 'event' },
        { id: 'e3', source: 'w1', target: 'x2', sourceHandle: 'timeout' },
      ],
    });
    const script = [event(HOUR, 'upgraded', { plan: 'team' }), event(2 * HOUR, 'upgraded', { plan: 'pro' })];
    const result = simulateJourney(doc, { user: ada, script });
    expect(result.steps.map((s) => [s.at, s.plan.moved])).toEqual([
      [0, true],
      [HOUR, false],
      [2 * HOUR, true],
    ]);
    expect(result).toMatchObject({ state: 'x1', path: ['t1', 'w1', 'x1'] });
  });

  it('fires wakeups and scripted events in time order, whatever order the script lists them in', () => {
    const script = [event(5 * DAY, 'project_created'), event(DAY, 'page_viewed'), event(2 * DAY, 'page_viewed')];
    const result = simulateJourney(exampleJourney('activation'), { user: ada, script });
    expect(result.steps.map((s) => [s.at, s.cause.kind])).toEqual([
      [0, 'start'],
      [DAY, 'event'],
      [2 * DAY, 'event'],
      [3 * DAY, 'wakeup'],
    ]);
  });

  it('stops a journey that never settles at the step limit', () => {
    const doc = journey({
      nodes: [
        { id: 't1', type: 'trigger', data: { event: 'signed_up' } },
        { id: 'w1', type: 'wait', data: { for: '0s' } },
        { id: 'tg1', type: 'tag', data: { add: ['looped'] } },
      ],
      edges: [
        { id: 'e1', source: 't1', target: 'w1' },
        { id: 'e2', source: 'w1', target: 'tg1' },
        { id: 'e3', source: 'tg1', target: 'w1' },
      ],
    });
    const result = simulateJourney(doc, { user: ada, maxSteps: 20 });
    expect(result).toMatchObject({ status: 'active', state: 'w1', stoppedBy: 'step-limit' });
    expect(result.steps).toHaveLength(21);
  });

  it('gives the same result for the same journey, user and script', () => {
    const run = () => simulateJourney(exampleJourney('winback'), { user: vipAda, script: [event(3 * DAY, 'app_open')] });
    expect(run()).toEqual(run());
  });
});

describe('advanceRun on a finished run', () => {
  // xstate's pure transition still takes root-level transitions from a final state; the engine must not.
  it('ignores a goal event that arrives after the user has exited', () => {
    const machine = journeyMachine(compileJourney(exampleJourney('activation')));
    const finished = simulateJourney(exampleJourney('activation'), { user: ada });
    const last = finished.steps.at(-1)?.plan;
    if (!last) throw new Error('no steps');
    const plan = advanceRun({ machine, journey: { id: 'j', name: 'n' }, now: 4 * DAY }, last.run, last.run.context.user, {
      type: 'track:project_created',
      name: 'project_created',
      properties: {},
    });
    expect(plan).toMatchObject({ status: 'exited', moved: false, entered: [], offers: [], run: { value: 'x2' } });
    expect(plan.goalReachedBy).toBeUndefined();
  });
});
