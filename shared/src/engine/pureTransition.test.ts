import fc from 'fast-check';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compileJourney } from '../compile/compileJourney.ts';
import { trackEventType, WAKEUP_EVENT } from '../compile/machineJson.ts';
import { parseJourney } from '../journey/parseJourney.ts';
import { plausibleJourney, script, user } from '../testing/journeyArbitraries.ts';
import { journeyMachine } from './journeyMachine.ts';
import { pureInitialTransition, pureTransition } from './pureTransition.ts';
import type { RunEvent } from './runTypes.ts';

const view = ([snapshot, actions]: [AnyMachineSnapshot, Array<{ type: string; params?: unknown }>]) => ({
  value: snapshot.value,
  status: snapshot.status,
  context: snapshot.context,
  actions: actions.map((a) => ({ type: a.type, params: a.params })),
});

describe('pureTransition', () => {
  it("agrees with xstate's initialTransition and transition on random journeys, users and event scripts", () => {
    fc.assert(
      fc.property(plausibleJourney({ forwardOnly: false }), user, script, (raw, u, steps) => {
        const parsed = parseJourney(raw);
        if (!parsed.ok) return;
        const machine = journeyMachine(compileJourney(parsed.value));
        const input = { user: u, trigger: { name: 'go', properties: {} }, journey: { id: 'j' } };
        const ours = pureInitialTransition(machine, input);
        const theirs = initialTransition(machine, input);
        expect(view(ours)).toEqual(view(theirs as never));
        let snapshot = theirs[0];
        // Every scripted event, and a wakeup of the state the run rests in after each one.
        const events: RunEvent[] = steps.flatMap((s) => [
          ...('event' in s ? [{ type: trackEventType(s.event.name) as `track:${string}`, name: s.event.name, properties: s.event.properties ?? {} }] : []),
          { type: WAKEUP_EVENT, node: '' },
        ]);
        for (const event of events) {
          if (snapshot.status !== 'active') break;
          const e = event.type === WAKEUP_EVENT ? { ...event, node: String(snapshot.value) } : event;
          const next = transition(machine, snapshot, e);
          expect(view(pureTransition(machine, snapshot, e))).toEqual(view(next as never));
          snapshot = next[0];
        }
      }),
      { numRuns: 150 },
    );
  });

  it('hands each call only its own actions, not those of the call before', () => {
    const parsed = parseJourney({
      name: 'two offers',
      nodes: [
        { id: 't', type: 'trigger', data: { event: 'go' } },
        { id: 'o', type: 'offer', data: { offer: 'A', channel: 'webhook', url: 'https://x.example', template: 'a' } },
        { id: 'w', type: 'wait', data: { for: '1d' } },
        { id: 'x', type: 'exit' },
      ],
      edges: [
        { id: 'e1', source: 't', target: 'o' },
        { id: 'e2', source: 'o', target: 'w' },
        { id: 'e3', source: 'w', target: 'x' },
      ],
    });
    if (!parsed.ok) throw new Error('fixture invalid');
    const machine = journeyMachine(compileJourney(parsed.value));
    const input = { user: { id: 'u', traits: {}, tags: [] }, trigger: { name: 'go', properties: {} } };
    const [first, firstActions] = pureInitialTransition(machine, input);
    const [, again] = pureInitialTransition(machine, input);
    expect(again.filter((a) => a.type === 'sendOffer')).toHaveLength(1);
    const [, wakeActions] = pureTransition(machine, first, { type: WAKEUP_EVENT, node: 'w' } as never);
    expect(wakeActions.map((a) => a.type)).not.toContain('sendOffer');
    expect(firstActions.filter((a) => a.type === 'sendOffer')).toHaveLength(1);
  });
});
