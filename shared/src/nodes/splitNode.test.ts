import { describe, expect, it } from 'vitest';
import { compileJourney } from '../compile/compileJourney.ts';
import { advanceRun, startRun } from '../engine/advanceRun.ts';
import { journeyMachine } from '../engine/journeyMachine.ts';
import { journeyDocumentSchema } from '../journey/journeySchema.ts';
import { validateJourney } from '../validate/validateJourney.ts';

const doc = journeyDocumentSchema.parse({
  name: 'split',
  settings: { attributionWindow: '2d' },
  nodes: [
    { id: 't1', type: 'trigger', data: { event: 'go' } },
    { id: 'sp1', type: 'split', data: { variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }], holdout: 20 } },
    { id: 'oa', type: 'offer', data: { offer: 'A10', channel: 'webhook', url: 'https://x.example', template: 'a' } },
    { id: 'ob', type: 'offer', data: { offer: 'B20', channel: 'webhook', url: 'https://x.example', template: 'b' } },
    { id: 'g1', type: 'goal', data: { event: 'purchase' } },
    { id: 'x1', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 't1', target: 'sp1' },
    { id: 'e2', source: 'sp1', target: 'oa', sourceHandle: 'A' },
    { id: 'e3', source: 'sp1', target: 'ob', sourceHandle: 'B' },
    { id: 'e4', source: 'oa', target: 'x1' },
    { id: 'e5', source: 'ob', target: 'x1' },
  ],
});
const input = { machine: journeyMachine(compileJourney(doc)), journey: { id: 'j1', name: 'split' }, now: 0 };
const enter = (id: string, assignments?: Record<string, string>) =>
  startRun(input, { id, traits: {}, tags: [], ...(assignments ? { assignments } : {}) }, { name: 'go', properties: {} });

describe('the split node', () => {
  it('is a valid journey with one output per variant', () => {
    expect(validateJourney(doc)).toEqual([]);
  });

  it('assigns each user an arm once, records it, and sends variants down their output', () => {
    const arms = new Map<string, number>();
    for (let i = 0; i < 2_000; i++) {
      const plan = enter(`u${i}`);
      expect(plan.assignments).toHaveLength(1);
      const arm = plan.assignments[0]?.arm as string;
      arms.set(arm, (arms.get(arm) ?? 0) + 1);
      if (arm === 'A') expect(plan.offers.map((o) => o.offer)).toEqual(['A10']);
      if (arm === 'B') expect(plan.offers.map((o) => o.offer)).toEqual(['B20']);
      if (arm === 'holdout') expect(plan.offers).toEqual([]);
    }
    // 20% holdout, 40/40 variants: 4-sigma binomial bounds on 2,000 users.
    expect(Math.abs((arms.get('holdout') ?? 0) - 400)).toBeLessThan(4 * Math.sqrt(2_000 * 0.2 * 0.8));
    expect(Math.abs((arms.get('A') ?? 0) - 800)).toBeLessThan(4 * Math.sqrt(2_000 * 0.4 * 0.6));
  });

  it('keeps a recorded arm whatever the hash would say now', () => {
    const plan = enter('sticky', { 'j1/sp1': 'B' });
    expect(plan.assignments).toEqual([]);
    expect(plan.offers.map((o) => o.offer)).toEqual(['B20']);
  });

  it('holds holdout users at the split until the attribution window ends, converting them on the goal', () => {
    const plan = enter('held', { 'j1/sp1': 'holdout' });
    expect(plan.run.value).toBe('sp1');
    expect(plan.wakeups).toEqual([{ node: 'sp1', dueAt: 2 * 86_400_000 }]);
    const user = { id: 'held', traits: {}, tags: [], assignments: { 'j1/sp1': 'holdout' } };
    expect(advanceRun(input, plan.run, user, { type: 'track:purchase', name: 'purchase', properties: {} }).status).toBe('converted');
    expect(advanceRun(input, plan.run, user, { type: 'waymark.wakeup', node: 'sp1' }).status).toBe('exited');
  });
});
