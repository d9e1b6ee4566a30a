import { describe, expect, it } from 'vitest';
import { journeyDocumentSchema, type JourneyDocument } from '../journey/journeySchema.ts';
import { validateJourney } from '../validate/validateJourney.ts';
import { addNode, connect, connectionProblem, deleteElements, handlesOf, insertOnEdge, moveNodes, reconnect, updateMeta, updateNodeData } from './graphEdits.ts';

const base = (): JourneyDocument =>
  journeyDocumentSchema.parse({
    name: 'edit me',
    nodes: [
      { id: 't1', type: 'trigger', data: { event: 'signed_up' } },
      { id: 'w1', type: 'wait', data: { for: '1d' } },
      { id: 'x1', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 't1', target: 'w1' },
      { id: 'e2', source: 'w1', target: 'x1' },
    ],
  });

describe('addNode', () => {
  it('adds a node with its kind defaults and a fresh readable id', () => {
    const doc = base();
    const { doc: next, id } = addNode(doc, 'wait', { x: 10, y: 20 });
    expect(id).toBe('w2');
    expect(next.nodes.at(-1)).toEqual({ id: 'w2', type: 'wait', position: { x: 10, y: 20 }, data: { for: '1d' } });
    expect(doc.nodes).toHaveLength(3); // the original is untouched
  });
  it('does not share the defaults object between nodes', () => {
    const a = addNode(base(), 'tag', { x: 0, y: 0 });
    const b = addNode(a.doc, 'tag', { x: 0, y: 0 });
    expect(b.doc.nodes.at(-1)?.data).not.toBe(b.doc.nodes.at(-2)?.data);
  });
});

describe('connect', () => {
  const withBranch = () => addNode(deleteElements(base(), [], ['e2']), 'branch', { x: 0, y: 0 }).doc;

  it('connects a free output and names the edge', () => {
    const result = connect(withBranch(), { source: 'w1', sourceHandle: 'next', target: 'b1' });
    expect('doc' in result && result.doc.edges.at(-1)).toEqual({ id: 'e2', source: 'w1', target: 'b1', sourceHandle: 'next' });
  });
  it('refuses a self-loop, an edge into a trigger, a used output and an output the node does not have', () => {
    const doc = base();
    expect(connectionProblem(doc, { source: 'w1', sourceHandle: 'next', target: 'w1' })).toMatch(/itself/);
    expect(connectionProblem(doc, { source: 'w1', sourceHandle: 'next', target: 't1' })).toMatch(/trigger/);
    expect(connectionProblem(doc, { source: 't1', sourceHandle: 'next', target: 'x1' })).toMatch(/already connected/);
    expect(connectionProblem(doc, { source: 'w1', sourceHandle: 'yes', target: 'x1' })).toMatch(/no "yes" output/);
    expect(connectionProblem(doc, { source: 'x1', sourceHandle: 'next', target: 'w1' })).toMatch(/no "next" output/);
    expect(connect(doc, { source: 'w1', sourceHandle: 'next', target: 'w1' })).toEqual({ problem: 'A step cannot lead to itself.' });
  });
});

describe('reconnect', () => {
  it('moves an edge to a new target and keeps its id', () => {
    const added = addNode(base(), 'exit', { x: 0, y: 0 });
    const result = reconnect(added.doc, 'e2', { source: 'w1', sourceHandle: 'next', target: added.id });
    expect('doc' in result && result.doc.edges.find((e) => e.id === 'e2')?.target).toBe(added.id);
  });
  it('does not count the edge being moved as the one using its output', () => {
    expect('doc' in reconnect(base(), 'e2', { source: 'w1', sourceHandle: 'next', target: 'x1' })).toBe(true);
  });
});

describe('deleteElements', () => {
  it('removes a node together with every edge touching it', () => {
    const doc = deleteElements(base(), ['w1']);
    expect(doc.nodes.map((n) => n.id)).toEqual(['t1', 'x1']);
    expect(doc.edges).toEqual([]);
  });
  it('removes only the chosen edges', () => {
    expect(deleteElements(base(), [], ['e1']).edges.map((e) => e.id)).toEqual(['e2']);
  });
});

describe('insertOnEdge', () => {
  it('splices a node into an edge, continuing through its first output', () => {
    const result = insertOnEdge(base(), 'e1', 'offer', { x: 5, y: 5 });
    if (!('doc' in result)) throw new Error(result.problem);
    expect(result.id).toBe('o1');
    expect(result.doc.edges).toEqual([
      { id: 'e1', source: 't1', target: 'o1', sourceHandle: 'next' },
      { id: 'e2', source: 'w1', target: 'x1', sourceHandle: 'next' },
      { id: 'e3', source: 'o1', target: 'w1', sourceHandle: 'next' },
    ]);
  });
  it('continues a branch through "yes"', () => {
    const result = insertOnEdge(base(), 'e2', 'branch', { x: 0, y: 0 });
    expect('doc' in result && result.doc.edges.at(-1)).toMatchObject({ source: 'b1', sourceHandle: 'yes', target: 'x1' });
  });
  it('ends the path at an inserted goal, leaving the old target unconnected', () => {
    const result = insertOnEdge(base(), 'e2', 'goal', { x: 0, y: 0 });
    if (!('doc' in result)) throw new Error(result.problem);
    expect(result.doc.edges.filter((e) => e.target === 'x1')).toEqual([]);
    expect(validateJourney(result.doc).map((v) => v.code)).toContain('unreachable-node');
  });
  it('refuses a trigger in the middle', () => {
    expect(insertOnEdge(base(), 'e1', 'trigger', { x: 0, y: 0 })).toMatchObject({ problem: expect.stringMatching(/trigger/) });
  });
});

describe('updateNodeData', () => {
  it('moves the wiring to the new output when a timed wait becomes a wait until an event', () => {
    const doc = updateNodeData(base(), 'w1', { until: { event: 'purchase' }, timeout: '7d' });
    expect(handlesOf(doc.nodes[1] as JourneyDocument['nodes'][number])).toEqual(['event', 'timeout']);
    expect(doc.edges.find((e) => e.id === 'e2')?.sourceHandle).toBe('event');
  });
  it('keeps wiring on outputs that vanish, so switching the mode back restores it', () => {
    const until = updateNodeData(base(), 'w1', { until: { event: 'purchase' }, timeout: '7d' });
    const wired = connect(addNode(until, 'exit', { x: 0, y: 0 }).doc, { source: 'w1', sourceHandle: 'timeout', target: 'x2' });
    if (!('doc' in wired)) throw new Error(wired.problem);
    const timed = updateNodeData(wired.doc, 'w1', { for: '1d' });
    expect(timed.edges.filter((e) => e.source === 'w1').map((e) => e.sourceHandle).sort()).toEqual(['next', 'timeout']);
    expect(validateJourney(timed).some((v) => v.code === 'unknown-handle')).toBe(true);
    const back = updateNodeData(timed, 'w1', { until: { event: 'purchase' }, timeout: '7d' });
    expect(back.edges.filter((e) => e.source === 'w1').map((e) => e.sourceHandle).sort()).toEqual(['event', 'timeout']);
  });
  it('keeps half-typed data so the inspector can show its problems', () => {
    const doc = updateNodeData(base(), 'w1', { for: '3 weeks' });
    expect(doc.nodes[1]?.data).toEqual({ for: '3 weeks' });
    expect(doc.edges).toHaveLength(2);
    expect(validateJourney(doc).some((v) => v.code === 'invalid-data' && v.nodeId === 'w1')).toBe(true);
  });
});

describe('moveNodes and updateMeta', () => {
  it('moves only the nodes given, reusing unchanged ones', () => {
    const doc = base();
    const moved = moveNodes(doc, { w1: { x: 100, y: 50 } });
    expect(moved.nodes[1]?.position).toEqual({ x: 100, y: 50 });
    expect(moved.nodes[0]).toBe(doc.nodes[0]);
  });
  it('renames and changes settings', () => {
    const doc = updateMeta(base(), { name: 'Renamed', settings: { reentry: 'always', attributionWindow: '7d' } });
    expect([doc.name, doc.settings.reentry]).toEqual(['Renamed', 'always']);
  });
});
