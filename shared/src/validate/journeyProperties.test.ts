import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileJourney } from '../compile/compileJourney.ts';
import { simulateJourney, type ScriptedStep } from '../engine/simulateJourney.ts';
import { parseJourney } from '../journey/parseJourney.ts';
import { validateJourney } from './validateJourney.ts';

/*
 * Property tests: whatever a marketer (or a broken client) sends as a journey document, the validator and the
 * compiler answer instead of throwing; and every journey that validates compiles and runs to an end on a
 * simulated clock, for any user and any sequence of events.
 */

const EVENTS = ['signed_up', 'purchase', 'opened', 'clicked'];
const TAGS = ['vip', 'churn-risk', 'trial'];
const DURATIONS = ['0s', '1s', '30m', '3d', '90d'];

type Kind = 'wait-for' | 'wait-until' | 'branch' | 'offer' | 'tag' | 'split' | 'exit' | 'goal';
const KINDS: Kind[] = ['wait-for', 'wait-until', 'branch', 'offer', 'tag', 'split', 'exit', 'goal'];

const event = fc.constantFrom(...EVENTS);
const where = fc.option(fc.array(fc.record({ property: fc.constantFrom('plan', 'amount'), op: fc.constantFrom('eq', 'gt', 'exists'), value: fc.oneof(fc.string({ maxLength: 5 }), fc.integer()) }), { maxLength: 2 }), { nil: undefined });

function nodeData(kind: Kind): fc.Arbitrary<{ type: string; data: Record<string, unknown>; handles: string[] }> {
  switch (kind) {
    case 'wait-for':
      return fc.constantFrom(...DURATIONS).map((d) => ({ type: 'wait', data: { for: d }, handles: ['next'] }));
    case 'wait-until':
      return fc.tuple(event, fc.constantFrom(...DURATIONS)).map(([e, t]) => ({ type: 'wait', data: { until: { event: e }, timeout: t }, handles: ['event', 'timeout'] }));
    case 'branch':
      return fc.constantFrom(...TAGS).map((tag) => ({ type: 'branch', data: { tag }, handles: ['yes', 'no'] }));
    case 'offer':
      return fc
        .tuple(fc.constantFrom('webhook', 'email'), fc.string({ maxLength: 40 }), fc.nat(100))
        .map(([channel, template, cost]) => ({
          type: 'offer',
          data: { offer: 'CODE10', channel, ...(channel === 'webhook' ? { url: 'https://hooks.example.com/x' } : { subject: 'Hi' }), template, cost },
          handles: ['next'],
        }));
    case 'tag':
      return fc.tuple(fc.subarray(TAGS, { minLength: 1 }), fc.subarray(TAGS)).map(([add, remove]) => ({ type: 'tag', data: { add, remove }, handles: ['next'] }));
    case 'split':
      return fc
        .tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 30 }))
        .map(([a, b, holdout]) => ({ type: 'split', data: { variants: [{ id: 'A', weight: a }, { id: 'B', weight: b }], holdout }, handles: ['A', 'B'] }));
    case 'exit':
      return fc.constant({ type: 'exit', data: {}, handles: [] });
    case 'goal':
      return fc.tuple(event, where).map(([e, w]) => ({ type: 'goal', data: { event: e, ...(w ? { where: w } : {}) }, handles: [] }));
  }
}

/**
 * Plausible documents built from the real node kinds: a trigger, random steps, and an exit last. Each node's
 * first output leads to the next node (so every node is reachable); every other output goes to a random later
 * node (`forwardOnly`, no cycles) or to any node, possibly back (cycles). `sparse` leaves some outputs open,
 * which mostly makes the document invalid, as half-drawn journeys are.
 */
function plausibleJourney(forwardOnly: boolean, sparse = false) {
  return fc
    .tuple(fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 10 }).chain((kinds) => fc.tuple(...kinds.map(nodeData))), event, fc.constantFrom('never', 'always'))
    .chain(([steps, trigger, reentry]) => {
      const nodes = [{ type: 'trigger', data: { event: trigger }, handles: ['next'] }, ...steps, { type: 'exit', data: {}, handles: [] as string[] }].map((n, i) => ({ ...n, id: `n${i}` }));
      const outputs = nodes.flatMap((n, i) => n.handles.map((h, k) => ({ from: i, handle: h, first: k === 0 })));
      const count = nodes.length;
      const target = (o: (typeof outputs)[number]) =>
        o.first ? fc.constant(o.from + 1) : forwardOnly ? fc.integer({ min: o.from + 1, max: count - 1 }) : fc.integer({ min: 0, max: count - 1 });
      return fc
        .tuple(...outputs.map((o) => (sparse ? fc.option(target(o), { freq: 4, nil: undefined }) : target(o))))
        .map((targets) => ({
          schemaVersion: 1,
          name: 'generated',
          settings: { reentry },
          nodes: nodes.map((n, i) => ({ id: n.id, type: n.type, position: { x: i * 200, y: 0 }, data: n.data })),
          edges: outputs.flatMap((o, i) => {
            const to = targets[i];
            return to === undefined || to === o.from ? [] : [{ id: `e${i}`, source: `n${o.from}`, target: `n${to}`, sourceHandle: o.handle }];
          }),
        }));
    });
}

/** Arbitrary JSON shaped loosely like a document: unknown kinds, wrong types, dangling edges, deep nesting. */
const junkJourney = fc.record(
  {
    schemaVersion: fc.oneof(fc.constant(1), fc.integer(), fc.string()),
    name: fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.constant(null)),
    settings: fc.oneof(fc.object(), fc.record({ reentry: fc.string(), cooldown: fc.string() })),
    nodes: fc.array(
      fc.record({
        id: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('n0', 'n1', 'n2'), fc.integer()),
        type: fc.oneof(fc.constantFrom('trigger', 'wait', 'branch', 'offer', 'tag', 'split', 'exit', 'goal', 'teleport'), fc.string()),
        position: fc.oneof(fc.record({ x: fc.double(), y: fc.double() }), fc.constant(null)),
        data: fc.oneof(fc.object({ maxDepth: 3 }), fc.anything({ maxDepth: 2 })),
      }),
      { maxLength: 8 },
    ),
    edges: fc.array(
      fc.record({ id: fc.string({ maxLength: 6 }), source: fc.constantFrom('n0', 'n1', 'n2', 'nx'), target: fc.constantFrom('n0', 'n1', 'n2', 'nx'), sourceHandle: fc.oneof(fc.constantFrom('next', 'yes', 'no', 'A', 'event', 'timeout'), fc.string()) }),
      { maxLength: 10 },
    ),
  },
  { requiredKeys: [] },
);

const script = fc.array(
  fc.record({ at: fc.integer({ min: 0, max: 100 * 86_400_000 }), event: fc.record({ name: event, properties: fc.record({ plan: fc.constantFrom('pro', 'free'), amount: fc.integer({ min: 0, max: 500 }) }) }) }),
  { maxLength: 8 },
);
const user = fc.record({ id: fc.constant('u1'), traits: fc.record({ name: fc.string({ maxLength: 10 }) }), tags: fc.subarray(TAGS), assignments: fc.constant({}) });

/** Parses, validates and (when valid) compiles; returns the document when it is valid. */
function check(raw: unknown) {
  const parsed = parseJourney(raw);
  if (!parsed.ok) {
    expect(parsed.problems.length).toBeGreaterThan(0);
    return undefined;
  }
  const violations = validateJourney(parsed.value);
  if (violations.length > 0) return undefined;
  expect(compileJourney(parsed.value).id).toEqual(expect.any(String));
  return parsed.value;
}

describe('journey documents, by property', () => {
  it('never crash the parser, validator or compiler, whatever their shape', () => {
    fc.assert(fc.property(fc.oneof(junkJourney, fc.anything({ maxDepth: 3 }), plausibleJourney(false, true), plausibleJourney(true, true)), (raw) => void check(raw)), { numRuns: 1_000 });
  });

  it('run to an end on a simulated clock when valid and without cycles, for any user and events', () => {
    let valid = 0;
    fc.assert(
      fc.property(plausibleJourney(true), user, script, (raw, u, steps) => {
        const doc = check(raw);
        if (!doc) return;
        valid++;
        const result = simulateJourney(doc, { user: u, script: steps as ScriptedStep[], maxSteps: 500 });
        expect(result.stoppedBy).toBe('finished');
        expect(result.status).not.toBe('active');
      }),
      { numRuns: 600 },
    );
    // The generator must produce valid journeys often enough for the property to say something.
    expect(valid).toBeGreaterThan(120);
  });

  it('never crash the simulation of valid journeys with cycles, and settle or keep waiting on the clock', () => {
    let valid = 0;
    fc.assert(
      fc.property(plausibleJourney(false), user, script, (raw, u, steps) => {
        const doc = check(raw);
        if (!doc) return;
        valid++;
        const result = simulateJourney(doc, { user: u, script: steps as ScriptedStep[], until: 2 * 365 * 86_400_000, maxSteps: 500 });
        // A run still active at the end is waiting on a durable timer (a loop through a timed wait), never stuck.
        if (result.status === 'active') expect(result.pending.length + (result.stoppedBy === 'step-limit' ? 1 : 0)).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
    expect(valid).toBeGreaterThan(35);
  });
});
