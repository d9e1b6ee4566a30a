import { describe, expect, it } from 'vitest';
import { exampleJourney, testJourney } from '../testing/journeyFixtures.ts';
import type { JourneyDocument, JourneyDocumentInput } from '../journey/journeySchema.ts';
import { validateJourney } from './validateJourney.ts';
import { violationCodes, type Violation } from './violation.ts';

type NodeInput = JourneyDocumentInput['nodes'][number];
type EdgeInput = JourneyDocumentInput['edges'][number];

const node = (id: string, type: NodeInput['type'], data: Record<string, unknown> = {}): NodeInput => ({ id, type, data });
const edge = (id: string, source: string, target: string, sourceHandle = 'next'): EdgeInput => ({ id, source, target, sourceHandle });

function journey(nodes: NodeInput[], edges: EdgeInput[] = []): JourneyDocument {
  return testJourney({ nodes, edges });
}


/** The violations without their words, so each test pins exactly which problems are found and where. */
const problems = (doc: JourneyDocument) =>
  validateJourney(doc).map(({ message: _message, ...where }: Violation) => where);

const trigger = node('t1', 'trigger', { event: 'signed_up' });
const waitDay = node('w1', 'wait', { for: '1d' });
const exit = node('x1', 'exit');
const waitPurchase = node('w1', 'wait', { until: { event: 'purchase' }, timeout: '7d' });
const vipBranch = node('b1', 'branch', { tag: 'vip' });
const tag = (id: string, add: string) => node(id, 'tag', { add: [add] });
const webhookOffer = (id: string, data: Record<string, unknown> = {}) =>
  node(id, 'offer', { offer: 'WELCOME10', channel: 'webhook', url: 'https://example.com/hook', template: 'Hi {{ traits.name }}', ...data });

/** trigger → wait 1 day → exit: the smallest journey with nothing wrong. */
const minimal = () => [trigger, waitDay, exit];
const minimalEdges = () => [edge('e1', 't1', 'w1'), edge('e2', 'w1', 'x1')];

describe('validateJourney', () => {
  it.each(['activation', 'winback'] as const)('finds nothing wrong with the %s example', (name) => {
    expect(validateJourney(exampleJourney(name))).toEqual([]);
  });

  it('finds nothing wrong with trigger → wait → exit', () => {
    expect(validateJourney(journey(minimal(), minimalEdges()))).toEqual([]);
  });

  describe('triggers', () => {
    it('asks for a trigger when there is none, and reports nothing as unreachable without one', () => {
      expect(problems(journey([exit]))).toEqual([{ code: 'no-trigger' }]);
      expect(problems(journey([]))).toEqual([{ code: 'no-trigger' }]);
    });

    it('reports each trigger after the first, and what only those extra triggers lead to', () => {
      const doc = journey(
        [...minimal(), node('t2', 'trigger', { tagAdded: 'vip' }), node('x2', 'exit'), node('t3', 'trigger', { inactiveFor: '14d' })],
        [...minimalEdges(), edge('e3', 't2', 'x2'), edge('e4', 't3', 'x1')],
      );
      expect(problems(doc)).toEqual([
        { code: 'many-triggers', nodeId: 't2' },
        { code: 'unreachable-node', nodeId: 'x2' },
        { code: 'many-triggers', nodeId: 't3' },
      ]);
    });

    it('names both the trigger that counts and the one to remove', () => {
      const doc = journey([trigger, exit, node('t2', 'trigger', { tagAdded: 'vip' })], [edge('e1', 't1', 'x1'), edge('e2', 't2', 'x1')]);
      const [violation] = validateJourney(doc);
      expect(violation?.message).toContain('"When signed_up"');
      expect(violation?.message).toContain('"Tag vip added"');
    });

    it('reports an edge leading back into the trigger', () => {
      const doc = journey(minimal(), [edge('e1', 't1', 'w1'), edge('e2', 'w1', 't1')]);
      expect(problems(doc)).toEqual([
        { code: 'unreachable-node', nodeId: 'x1' },
        { code: 'edge-into-trigger', edgeId: 'e2', nodeId: 't1' },
      ]);
    });
  });

  describe('ids and edges', () => {
    it('reports a repeated node id once per repeat, and does not repeat graph checks for it', () => {
      const doc = journey([...minimal(), node('x1', 'exit'), tag('tg9', 'a'), tag('tg9', 'b'), node('x1', 'exit')], minimalEdges());
      expect(problems(doc)).toEqual([
        { code: 'duplicate-id', nodeId: 'x1', field: 'id' },
        { code: 'unconnected-handle', nodeId: 'tg9', field: 'next' },
        { code: 'unreachable-node', nodeId: 'tg9' },
        { code: 'duplicate-id', nodeId: 'tg9', field: 'id' },
        { code: 'duplicate-id', nodeId: 'x1', field: 'id' },
      ]);
      expect(validateJourney(doc)[3]?.message).toContain('"Add b"');
    });

    it('reports a repeated edge id', () => {
      const doc = journey(minimal(), [edge('e1', 't1', 'w1'), edge('e1', 'w1', 'x1')]);
      expect(problems(doc)).toEqual([{ code: 'duplicate-id', edgeId: 'e1', field: 'id' }]);
    });

    it('reports an edge to or from a node that does not exist, naming the missing end', () => {
      const doc = journey(minimal(), [...minimalEdges(), edge('e3', 'w1', 'ghost'), edge('e4', 'ghost', 'x1'), edge('e5', 'nowhere', 'ghost')]);
      expect(problems(doc)).toEqual([
        { code: 'dangling-edge', edgeId: 'e3', nodeId: 'w1', field: 'target' },
        { code: 'dangling-edge', edgeId: 'e4', nodeId: 'x1', field: 'source' },
        { code: 'dangling-edge', edgeId: 'e5', field: 'source' },
      ]);
      expect(validateJourney(doc)[0]?.message).toContain('"ghost"');
    });

    it('does not count an edge to a missing node as connecting its handle', () => {
      expect(problems(journey([trigger], [edge('e1', 't1', 'ghost')]))).toEqual([
        { code: 'unconnected-handle', nodeId: 't1', field: 'next' },
        { code: 'dangling-edge', edgeId: 'e1', nodeId: 't1', field: 'target' },
      ]);
    });
  });

  describe('handles', () => {
    it('reports an edge from a handle the node does not have given its data', () => {
      const doc = journey([...minimal(), node('x2', 'exit')], [...minimalEdges(), edge('e3', 'w1', 'x2', 'timeout')]);
      expect(problems(doc)).toEqual([{ code: 'unknown-handle', edgeId: 'e3', nodeId: 'w1', field: 'sourceHandle' }]);
      expect(validateJourney(doc)[0]?.message).toBe('"Wait 1 day" has no "timeout" exit; connect from "next" instead.');
    });

    it('reports an edge leaving an exit, which has no handles at all', () => {
      const doc = journey([...minimal(), node('x2', 'exit')], [...minimalEdges(), edge('e3', 'x1', 'x2')]);
      expect(problems(doc)).toEqual([{ code: 'unknown-handle', edgeId: 'e3', nodeId: 'x1', field: 'sourceHandle' }]);
    });

    it('reports a second edge leaving the same handle', () => {
      const doc = journey(
        [trigger, vipBranch, exit, node('x2', 'exit'), node('x3', 'exit')],
        [edge('e1', 't1', 'b1'), edge('e2', 'b1', 'x1', 'yes'), edge('e3', 'b1', 'x2', 'no'), edge('e4', 'b1', 'x3', 'yes')],
      );
      expect(problems(doc)).toEqual([{ code: 'duplicate-handle', edgeId: 'e4', nodeId: 'b1', field: 'sourceHandle' }]);
    });

    it('reports each handle left unconnected, by name, in the order the kind lists them', () => {
      const doc = journey(
        [trigger, waitPurchase, vipBranch, exit],
        [edge('e1', 't1', 'w1'), edge('e2', 'w1', 'b1', 'timeout'), edge('e3', 'b1', 'x1', 'no')],
      );
      expect(problems(doc)).toEqual([
        { code: 'unconnected-handle', nodeId: 'w1', field: 'event' },
        { code: 'unconnected-handle', nodeId: 'b1', field: 'yes' },
      ]);
      expect(validateJourney(doc)[0]?.message).toContain('"Until purchase · 7 days"');
    });

    it('skips the handle checks that depend on data for a node whose data is invalid', () => {
      // With no "for" and no "until" the wait has no known handles: neither "timeout" nor a missing "next" is reported.
      const doc = journey([trigger, node('w1', 'wait', {}), exit], [edge('e1', 't1', 'w1'), edge('e2', 'w1', 'x1', 'timeout')]);
      expect(problems(doc)).toEqual([{ code: 'invalid-data', nodeId: 'w1', field: 'data.for' }]);
    });

    it('still reports two edges from one handle of a node whose data is invalid', () => {
      const doc = journey(
        [trigger, node('w1', 'wait', {}), exit, node('x2', 'exit')],
        [edge('e1', 't1', 'w1'), edge('e2', 'w1', 'x1'), edge('e3', 'w1', 'x2')],
      );
      expect(problems(doc)).toEqual([
        { code: 'invalid-data', nodeId: 'w1', field: 'data.for' },
        { code: 'duplicate-handle', edgeId: 'e3', nodeId: 'w1', field: 'sourceHandle' },
      ]);
    });
  });

  describe('reachability and loops', () => {
    it('reports every node no path from the trigger reaches, in document order', () => {
      const doc = journey([...minimal(), tag('tg1', 'lost'), node('x2', 'exit')], [...minimalEdges(), edge('e3', 'tg1', 'x2')]);
      expect(problems(doc)).toEqual([
        { code: 'unreachable-node', nodeId: 'tg1' },
        { code: 'unreachable-node', nodeId: 'x2' },
      ]);
      expect(validateJourney(doc)[0]?.message).toContain('"Add lost"');
    });

    it('reports each edge of a loop without a wait, on the edge and its source node', () => {
      const doc = journey(
        [trigger, tag('tg1', 'a'), tag('tg2', 'b'), exit],
        [edge('e1', 't1', 'tg1'), edge('e2', 'tg1', 'tg2'), edge('e3', 'tg2', 'tg1')],
      );
      expect(problems(doc)).toEqual([
        { code: 'unreachable-node', nodeId: 'x1' },
        { code: 'instant-loop', edgeId: 'e2', nodeId: 'tg1' },
        { code: 'instant-loop', edgeId: 'e3', nodeId: 'tg2' },
      ]);
    });

    it('reports a step that loops straight back to itself', () => {
      const doc = journey([trigger, tag('tg1', 'a')], [edge('e1', 't1', 'tg1'), edge('e2', 'tg1', 'tg1')]);
      expect(problems(doc)).toEqual([{ code: 'instant-loop', edgeId: 'e2', nodeId: 'tg1' }]);
    });

    it('accepts a loop that passes through a wait', () => {
      const doc = journey([trigger, tag('tg1', 'a'), waitDay], [edge('e1', 't1', 'tg1'), edge('e2', 'tg1', 'w1'), edge('e3', 'w1', 'tg1')]);
      expect(validateJourney(doc)).toEqual([]);
    });
  });

  describe('node data', () => {
    it('reports each schema problem of the data under data.<path>, with the schema message', () => {
      const doc = journey(
        [trigger, node('o1', 'offer', { offer: '', channel: 'sms', template: 'Hi' }), exit],
        [edge('e1', 't1', 'o1'), edge('e2', 'o1', 'x1')],
      );
      expect(validateJourney(doc)).toEqual([
        { code: 'invalid-data', nodeId: 'o1', field: 'data.offer', message: 'Offer: expected an offer code such as "WINBACK20"' },
        { code: 'invalid-data', nodeId: 'o1', field: 'data.channel', message: 'Offer: expected a channel: webhook or email' },
      ]);
    });

    it('gives nested paths for problems deep inside the data', () => {
      const wait = node('w1', 'wait', { until: { event: 'purchase', where: [{ property: 'plan', op: 'eq' }] }, timeout: '7d' });
      const doc = journey([trigger, wait, exit], [edge('e1', 't1', 'w1'), edge('e2', 'w1', 'x1', 'event')]);
      expect(problems(doc)).toEqual([{ code: 'invalid-data', nodeId: 'w1', field: 'data.until.where.0.value' }]);
    });

    it('asks for the URL of a webhook offer', () => {
      const doc = journey([trigger, webhookOffer('o1', { url: undefined }), exit], [edge('e1', 't1', 'o1'), edge('e2', 'o1', 'x1')]);
      expect(problems(doc)).toEqual([{ code: 'missing-url', nodeId: 'o1', field: 'data.url' }]);
      expect(validateJourney(doc)[0]?.message).toContain('"Send WELCOME10 by webhook"');
    });

    it('does not ask an email offer for a URL', () => {
      const offer = webhookOffer('o1', { channel: 'email', url: undefined });
      const doc = journey([trigger, offer, exit], [edge('e1', 't1', 'o1'), edge('e2', 'o1', 'x1')]);
      expect(validateJourney(doc)).toEqual([]);
    });

    it('reports a template that does not parse as Liquid, with the reason', () => {
      const doc = journey([trigger, webhookOffer('o1', { template: 'Hi {{ traits.name ' }), exit], [edge('e1', 't1', 'o1'), edge('e2', 'o1', 'x1')]);
      expect(problems(doc)).toEqual([{ code: 'bad-template', nodeId: 'o1', field: 'data.template' }]);
      expect(validateJourney(doc)[0]?.message).toMatch(/not closed/);
    });
  });

  it('lists journey-wide problems first, then each node in document order, then each edge', () => {
    const doc = journey(
      [node('x1', 'exit'), webhookOffer('o1', { url: undefined }), node('x1', 'exit')],
      [edge('e1', 'o1', 'x1'), edge('e2', 'o1', 'ghost'), edge('e1', 'o1', 'x1')],
    );
    expect(problems(doc)).toEqual([
      { code: 'no-trigger' },
      { code: 'missing-url', nodeId: 'o1', field: 'data.url' },
      { code: 'duplicate-id', nodeId: 'x1', field: 'id' },
      { code: 'dangling-edge', edgeId: 'e2', nodeId: 'o1', field: 'target' },
      { code: 'duplicate-id', edgeId: 'e1', field: 'id' },
      { code: 'duplicate-handle', edgeId: 'e1', nodeId: 'o1', field: 'sourceHandle' },
    ]);
  });

  it('only uses stable codes, each with words for a marketer', () => {
    const doc = journey(
      [
        trigger,
        node('t2', 'trigger', {}),
        webhookOffer('o1', { url: undefined, template: '{% if %}' }),
        tag('tg1', 'a'),
        node('x1', 'exit'),
        node('x1', 'exit'),
      ],
      [edge('e1', 't1', 'o1'), edge('e2', 'o1', 'tg1'), edge('e3', 'tg1', 'tg1'), edge('e4', 'x1', 't1', 'oops'), edge('e4', 'tg1', 'ghost')],
    );
    const found = validateJourney(doc);
    expect(found.length).toBeGreaterThan(8);
    for (const violation of found) {
      expect(violationCodes).toContain(violation.code);
      expect(violation.message).toMatch(/^[A-Z"]/);
      expect(violation.message).not.toMatch(/undefined|\[object/);
    }
  });

  describe('on odd but schema-valid documents', () => {
    const chain = Array.from({ length: 2_000 }, (_, i) => tag(`n${i}`, `t${i}`));
    const chainEdges = chain.map((_, i) => edge(`e${i + 1}`, `n${i}`, `n${(i + 1) % chain.length}`));
    const protoData = JSON.parse('{"__proto__": {"event": "x"}, "constructor": 1}') as Record<string, unknown>;
    const noHandles: EdgeInput[] = [
      { id: 'e1', source: 't1', target: 'b1', sourceHandle: null },
      { id: 'e2', source: 'b1', target: 'b1' },
    ];
    const odd: Array<[string, JourneyDocument]> = [
      ['a trigger looping into itself', journey([trigger], [edge('e1', 't1', 't1')])],
      ['node and edge sharing ids', journey([node('a', 'trigger', { event: 'x' }), node('b', 'exit')], [edge('a', 'a', 'b'), edge('b', 'b', 'a')])],
      ['data of the wrong shapes', journey([node('t1', 'trigger', { event: ['x'], where: null }), node('w1', 'wait', { until: 'soon', for: 3 })])],
      ['prototype-looking keys', journey([node('t1', 'trigger', protoData)])],
      ['edges with no handle at all', journey([trigger, vipBranch], noHandles)],
      ['a first trigger whose id another node already has', journey([node('a', 'exit'), node('a', 'trigger', { event: 'x' })], [edge('e1', 'a', 'a')])],
      ['a 2,000-step chain with the last step looping to the first', journey([trigger, ...chain], [edge('e0', 't1', 'n0'), ...chainEdges])],
    ];

    it.each(odd)('never throws, and answers the same twice, for %s', (_name, doc) => {
      const first = validateJourney(doc);
      expect(validateJourney(doc)).toEqual(first);
      for (const violation of first) expect(violationCodes).toContain(violation.code);
    });
  });
});
