import { describe, expect, it } from 'vitest';
import { exampleJourney, testJourney } from '../testing/journeyFixtures.ts';
import { journeyMachine } from '../engine/journeyMachine.ts';
import { compileJourney } from './compileJourney.ts';
import { END_STATE } from './machineJson.ts';

const journey = testJourney;


const examples = ['activation', 'winback'] as const;

/** trigger → tag → tag → back to the first tag: a loop no wait breaks. */
const instantLoop = () =>
  journey({
    nodes: [
      { id: 't1', type: 'trigger', data: { event: 'signed_up' } },
      { id: 'tg1', type: 'tag', data: { add: ['a'] } },
      { id: 'tg2', type: 'tag', data: { add: ['b'] } },
    ],
    edges: [
      { id: 'e1', source: 't1', target: 'tg1' },
      { id: 'e2', source: 'tg1', target: 'tg2' },
      { id: 'e3', source: 'tg2', target: 'tg1' },
    ],
  });

/** A branch with only "yes" connected, and a node whose data is invalid. */
const halfBuilt = () =>
  journey({
    nodes: [
      { id: 't1', type: 'trigger', data: { event: 'signed_up' } },
      { id: 'b1', type: 'branch', data: { tag: 'vip' } },
      { id: 'w1', type: 'wait', data: {} },
    ],
    edges: [
      { id: 'e1', source: 't1', target: 'b1' },
      { id: 'e2', source: 'b1', target: 'w1', sourceHandle: 'yes' },
    ],
  });

describe('compileJourney', () => {
  it.each(examples)('compiles the %s example to the reviewed golden config', async (name) => {
    const machine = compileJourney(exampleJourney(name));
    await expect(JSON.stringify(machine, null, 2)).toMatchFileSnapshot(`./golden/${name}.json`);
  });

  it.each(examples)('compiles %s the same way every time, and from a copy of the document', (name) => {
    expect(compileJourney(exampleJourney(name))).toEqual(compileJourney(exampleJourney(name)));
    expect(compileJourney(structuredClone(exampleJourney(name)))).toEqual(compileJourney(exampleJourney(name)));
  });

  it.each(examples)('produces plain JSON for %s: nothing is lost in a round trip', (name) => {
    const machine = compileJourney(exampleJourney(name));
    expect(JSON.parse(JSON.stringify(machine))).toStrictEqual(machine);
  });

  it.each(examples)('gives xstate a config it accepts for %s', (name) => {
    expect(() => journeyMachine(compileJourney(exampleJourney(name)))).not.toThrow();
  });

  it('starts at the trigger and names each state after its node', () => {
    const machine = compileJourney(exampleJourney('activation'));
    expect(machine.initial).toBe('t1');
    expect(Object.keys(machine.states)).toEqual(['t1', 'o1', 'w1', 'g1', 'b1', 'o2', 'o3', 'x1', 'tg1', 'x2']);
    expect(machine.states[END_STATE]).toBeUndefined();
  });

  it('sends a handle with nothing connected to the final (end) state', () => {
    const machine = compileJourney(halfBuilt());
    expect(machine.states.b1?.always).toEqual([
      { target: 'w1', actions: [{ type: 'traverse', params: { edge: 'e2' } }], guard: { type: 'hasTag', params: { tag: 'vip' } } },
      { target: END_STATE, description: 'nothing connected to "no"' },
    ]);
    expect(machine.states[END_STATE]).toEqual({ type: 'final', meta: { kind: 'end', outcome: 'exited' } });
    expect(() => journeyMachine(machine)).not.toThrow();
  });

  it('sends a node whose data is invalid straight to (end)', () => {
    expect(compileJourney(halfBuilt()).states.w1).toEqual({
      entry: [{ type: 'enter', params: { node: 'w1' } }],
      always: { target: END_STATE, description: 'invalid node data' },
      meta: { kind: 'wait', invalid: true },
    });
  });

  it('cuts each edge of a loop without a wait to (end)', () => {
    const machine = compileJourney(instantLoop());
    expect(machine.states.t1?.always).toEqual({ target: 'tg1', actions: [{ type: 'traverse', params: { edge: 'e1' } }] });
    expect(machine.states.tg1?.always).toEqual({ target: END_STATE, description: 'loop without a wait' });
    expect(machine.states.tg2?.always).toEqual({ target: END_STATE, description: 'loop without a wait' });
    expect(machine.states[END_STATE]?.type).toBe('final');
    expect(() => journeyMachine(machine)).not.toThrow();
  });

  it('ends at once when there is no trigger', () => {
    const machine = compileJourney(journey({ nodes: [{ id: 'x1', type: 'exit' }], edges: [] }));
    expect(machine.initial).toBe(END_STATE);
    expect(machine.states[END_STATE]?.type).toBe('final');
    expect(() => journeyMachine(machine)).not.toThrow();
  });

  it('turns each goal into exit criteria on the root, so its event converts from any wait', () => {
    expect(compileJourney(exampleJourney('winback')).on).toEqual({
      'track:purchase': [
        {
          target: '.g1',
          guard: { type: 'eventMatches', params: { event: 'purchase', where: [] } },
          actions: [{ type: 'goalReached', params: { node: 'g1' } }],
          description: 'exit criteria: goal event',
        },
      ],
    });
  });

  it('carries a goal’s where conditions into its exit criteria, and leaves out goals with invalid data', () => {
    const where = [{ property: 'amount', op: 'gte', value: 50 }];
    const machine = compileJourney(
      journey({
        nodes: [
          { id: 't1', type: 'trigger', data: { event: 'signed_up' } },
          { id: 'g1', type: 'goal', data: { event: 'purchase', where } },
          { id: 'g2', type: 'goal', data: { event: '' } },
        ],
        edges: [{ id: 'e1', source: 't1', target: 'g1' }],
      }),
    );
    expect(machine.on?.['track:purchase']).toEqual([expect.objectContaining({ target: '.g1', guard: { type: 'eventMatches', params: { event: 'purchase', where } } })]);
    expect(Object.keys(machine.on ?? {})).toEqual(['track:purchase']);
  });

  it('leaves out root transitions when the journey has no goal', () => {
    expect(compileJourney(instantLoop())).not.toHaveProperty('on');
  });
});
