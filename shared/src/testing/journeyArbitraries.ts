import fc from 'fast-check';
import type { ScriptedStep } from '../engine/simulateJourney.ts';
import type { RunUser } from '../engine/runTypes.ts';

/*
 * fast-check arbitraries for journey documents, users and event scripts. Test support only.
 *
 * Names are drawn from small pools on purpose, so that generated events hit the journey's trigger, waits and
 * goals often; the pools hold the awkward names too: dotted and starred ones (xstate reads "a.*" as a
 * wildcard), and the names of Object.prototype's members (a plain object keyed by them misbehaves).
 */

/** Records as JSON.parse makes them, with Object's prototype (fast-check otherwise makes null-prototype ones too). */
const record = ((model: never, constraints?: object) => fc.record(model, { noNullPrototype: true, ...constraints })) as typeof fc.record;

export const EVENT_NAMES = ['signed_up', 'purchase', 'order.placed', 'order.*', 'a.b.*', '*', '__proto__', 'constructor', 'Über event'] as const;
export const TAGS = ['vip', 'churn-risk', 'trial', 'constructor', '__proto__'] as const;
const DURATIONS = ['0s', '1s', '30m', '3d', '90d', '365d'] as const;
const AWKWARD_IDS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'states', 'initial', 'end'] as const;

export const eventName = fc.constantFrom(...EVENT_NAMES);
const duration = fc.constantFrom(...DURATIONS);
const tag = fc.constantFrom(...TAGS);

/** Conditions on the properties the scripts send (`plan`, `amount`, `cart.items`), sometimes on missing ones. */
const where = fc.option(
  fc.array(
    fc.oneof(
      record({ property: fc.constantFrom('plan', 'amount', 'cart.items', 'nope'), op: fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte'), value: fc.oneof(fc.constantFrom('pro', 'free'), fc.integer({ min: -5, max: 600 })) }),
      record({ property: fc.constantFrom('plan', 'amount'), op: fc.constant('in'), value: fc.subarray(['pro', 'free', 1, 100]) }),
      record({ property: fc.constantFrom('plan', 'cart', 'nope'), op: fc.constant('exists') }),
    ),
    { maxLength: 2 },
  ),
  { nil: undefined },
);

export type StepKind = 'wait-for' | 'wait-until' | 'branch' | 'offer' | 'tag' | 'split' | 'exit' | 'goal';
/** Kinds with an exit of their own, which can be chained; goals and exits end the chain. */
const CHAINED: StepKind[] = ['wait-for', 'wait-until', 'branch', 'offer', 'tag', 'split'];

interface DraftNode {
  type: string;
  data: Record<string, unknown>;
  handles: string[];
}

const trigger: fc.Arbitrary<DraftNode> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(eventName, where).map(([event, w]) => ({ event, ...(w ? { where: w } : {}) })) },
  { weight: 1, arbitrary: fc.tuple(duration, fc.option(eventName, { nil: undefined })).map(([inactiveFor, event]) => ({ inactiveFor, ...(event ? { event } : {}) })) },
  { weight: 1, arbitrary: tag.map((tagAdded) => ({ tagAdded })) },
).map((data) => ({ type: 'trigger', data, handles: ['next'] }));

/** A step of the given kind with random but well-formed data, and the handles that data gives it. */
function step(kind: StepKind): fc.Arbitrary<DraftNode> {
  switch (kind) {
    case 'wait-for':
      return duration.map((d) => ({ type: 'wait', data: { for: d }, handles: ['next'] }));
    case 'wait-until':
      return fc
        .tuple(eventName, where, duration)
        .map(([event, w, timeout]) => ({ type: 'wait', data: { until: { event, ...(w ? { where: w } : {}) }, timeout }, handles: ['event', 'timeout'] }));
    case 'branch':
      return tag.map((t) => ({ type: 'branch', data: { tag: t }, handles: ['yes', 'no'] }));
    case 'offer':
      return fc
        .tuple(fc.constantFrom('webhook', 'email'), fc.constantFrom('Hi {{ traits.name | default: "there" }}, {{ offer.code }}', '{{ event.properties.plan }}', 'plain', '{% if tags contains "vip" %}VIP{% endif %}'), fc.nat(100))
        .map(([channel, template, cost]) => ({
          type: 'offer',
          data: { offer: 'CODE10', channel, ...(channel === 'webhook' ? { url: 'https://hooks.example.com/x' } : { subject: 'Hi' }), template, cost },
          handles: ['next'],
        }));
    case 'tag':
      return fc
        .tuple(fc.subarray([...TAGS]), fc.subarray([...TAGS]))
        .filter(([add, remove]) => add.length + remove.length > 0)
        .map(([add, remove]) => ({ type: 'tag', data: { add, remove }, handles: ['next'] }));
    case 'split':
      return fc
        .tuple(
          fc.uniqueArray(record({ id: fc.constantFrom('A', 'B', 'C', 'constructor', '__proto__', 'x.y'), weight: fc.integer({ min: 0, max: 100 }) }), { selector: (v) => v.id, minLength: 1, maxLength: 3 }),
          fc.integer({ min: 0, max: 99 }),
        )
        .map(([variants, holdout]) => ({ type: 'split', data: { variants, holdout }, handles: variants.map((v) => v.id) }));
    case 'exit':
      return fc.constant({ type: 'exit', data: {}, handles: [] });
    case 'goal':
      return fc.tuple(eventName, where).map(([event, w]) => ({ type: 'goal', data: { event, ...(w ? { where: w } : {}) }, handles: [] }));
  }
}

/** Data that is wrong for its kind: the half-typed drafts a canvas saves. */
const brokenStep: fc.Arbitrary<DraftNode> = fc.constantFrom<DraftNode>(
  { type: 'wait', data: { for: '3 weeks' }, handles: ['next'] },
  { type: 'wait', data: { until: { event: 'x' } }, handles: ['event', 'timeout'] },
  { type: 'branch', data: { tag: '' }, handles: ['yes', 'no'] },
  { type: 'offer', data: { offer: 'X', channel: 'sms', template: 1 }, handles: ['next'] },
  { type: 'offer', data: { offer: 'X', channel: 'webhook', template: '{% if %}' }, handles: ['next'] },
  { type: 'split', data: { variants: [{ id: 'holdout', weight: 1 }] }, handles: ['holdout'] },
  { type: 'tag', data: {}, handles: ['next'] },
  { type: 'trigger', data: { event: 'again' }, handles: ['next'] },
);

/** Node ids: mostly plain, sometimes the names of Object.prototype's members. */
const nodeIds = (count: number) =>
  fc.uniqueArray(fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...AWKWARD_IDS) }, { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/) }), {
    minLength: count,
    maxLength: count,
  });

export interface PlausibleOptions {
  /** Later outputs only lead forward (no cycles); otherwise they may lead anywhere, back included. */
  forwardOnly: boolean;
  /** Leave some outputs unconnected and break some nodes' data: mostly invalid, as half-drawn journeys are. */
  sparse?: boolean;
}

/**
 * Documents built from the real node kinds: a trigger, random steps, then goals and exits, and an exit last.
 * Each step's first output leads to the next node, so the steps and the first goal or exit are reachable; every
 * other output goes to a random later node (`forwardOnly`) or to any node but the trigger.
 */
export function plausibleJourney({ forwardOnly, sparse = false }: PlausibleOptions) {
  const chained = fc.constantFrom(...CHAINED).chain(step);
  const middle = sparse ? fc.oneof({ weight: 5, arbitrary: chained }, { weight: 1, arbitrary: brokenStep }) : chained;
  const ends = fc.array(fc.constantFrom<StepKind>('goal', 'exit').chain(step), { maxLength: 2 });
  return fc
    .tuple(trigger, fc.array(middle, { minLength: 1, maxLength: 10 }), ends, fc.constantFrom('never', 'always'), fc.option(duration, { nil: undefined }))
    .chain(([first, steps, last, reentry, attributionWindow]) => {
      const drafts = [first, ...steps, ...last, { type: 'exit', data: {}, handles: [] }];
      const count = drafts.length;
      const outputs = drafts.flatMap((n, i) => n.handles.map((handle, k) => ({ from: i, handle, first: k === 0 })));
      const target = (o: (typeof outputs)[number]) =>
        o.first ? fc.constant(o.from + 1) : forwardOnly ? fc.integer({ min: o.from + 1, max: count - 1 }) : fc.integer({ min: 1, max: count - 1 });
      return fc
        .tuple(nodeIds(count), fc.tuple(...outputs.map((o) => (sparse ? fc.option(target(o), { freq: 4, nil: undefined }) : target(o)))))
        .map(([ids, targets]) => ({
          schemaVersion: 1,
          name: 'generated',
          settings: { reentry, ...(attributionWindow ? { attributionWindow } : {}) },
          nodes: drafts.map((n, i) => ({ id: ids[i] as string, type: n.type, position: { x: i * 200, y: 0 }, data: n.data })),
          edges: outputs.flatMap((o, i) => {
            const to = targets[i];
            return to === undefined ? [] : [{ id: `e${i}`, source: ids[o.from] as string, target: ids[to] as string, sourceHandle: o.handle }];
          }),
        }));
    });
}

/** 10,000 nested arrays, built once (and never mutated: parsing only reads). */
const DEEP = JSON.parse('['.repeat(10_000) + ']'.repeat(10_000)) as unknown;
/** Awkward values: huge strings, deep nesting, lone surrogates, prototype keys. */
const awkward = fc.oneof(
  fc.constantFrom('x'.repeat(70_000), '\ud800', '__proto__', 'constructor', '', '   '),
  fc.constant(DEEP),
  fc.constant(null).map(() => JSON.parse('{"__proto__": {"for": "1d", "event": "x"}, "constructor": {"prototype": 1}}') as unknown),
);

/** Arbitrary JSON loosely shaped like a document: unknown kinds, wrong types, dangling edges, deep nesting. */
export const junkJourney = record(
  {
    schemaVersion: fc.oneof(fc.constant(1), fc.integer(), fc.string()),
    name: fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.constant(null), awkward),
    settings: fc.oneof(fc.object(), record({ reentry: fc.constantFrom('never', 'always', 'cooldown', 'sometimes'), cooldown: fc.oneof(duration, fc.string()), attributionWindow: fc.oneof(duration, fc.string()) }, { requiredKeys: [] })),
    nodes: fc.array(
      record(
        {
          id: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('n0', 'n1', 'n2', ...AWKWARD_IDS), fc.integer()),
          type: fc.oneof(fc.constantFrom('trigger', 'wait', 'branch', 'offer', 'tag', 'split', 'exit', 'goal', 'teleport'), fc.string()),
          position: fc.oneof(record({ x: fc.double(), y: fc.double() }), fc.constant(null)),
          data: fc.oneof(fc.object({ maxDepth: 3 }), fc.anything({ maxDepth: 2 }), fc.dictionary(fc.constantFrom('for', 'until', 'timeout', 'event', 'tag', 'variants', 'add'), awkward)),
        },
        { requiredKeys: ['id', 'type'] },
      ),
      { maxLength: 8 },
    ),
    edges: fc.array(
      record({
        id: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('e1', 'e1', '__proto__')),
        source: fc.constantFrom('n0', 'n1', 'n2', 'nx', '__proto__'),
        target: fc.constantFrom('n0', 'n1', 'n2', 'nx', 'constructor'),
        sourceHandle: fc.oneof(fc.constantFrom('next', 'yes', 'no', 'A', 'event', 'timeout'), fc.string(), fc.constant(null)),
      }),
      { maxLength: 10 },
    ),
  },
  { requiredKeys: [] },
);

const DAY = 86_400_000;
/** Scripted events over 100 days: mostly the pool's names, with the properties the conditions look at. */
export const script: fc.Arbitrary<ScriptedStep[]> = fc.array(
  record({
    at: fc.oneof(fc.integer({ min: 0, max: 100 * DAY }), fc.constantFrom(0, 1_000, 30 * 60_000, 3 * DAY, 90 * DAY)),
    event: record({
      name: fc.oneof({ weight: 5, arbitrary: eventName }, { weight: 1, arbitrary: fc.constantFrom('order', 'order.placed.late', 'a.b.c', 'unrelated') }),
      properties: record({ plan: fc.constantFrom('pro', 'free'), amount: fc.integer({ min: 0, max: 500 }), cart: record({ items: fc.nat(9) }) }, { requiredKeys: [] }),
    }),
  }),
  { maxLength: 8 },
);

/** Any user: an id (which decides split arms), traits and tags. */
export const user: fc.Arbitrary<RunUser> = record({
  id: fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('__proto__', 'constructor')),
  traits: record({ name: fc.string({ maxLength: 10 }) }, { requiredKeys: [] }),
  tags: fc.subarray([...TAGS]),
  assignments: fc.constant({}),
});
