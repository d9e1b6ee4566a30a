import { parseJourney } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import activation from '../../../examples/activation.json';
import { createJourneyStore } from './journeyStore.ts';
import { largeJourney } from './largeJourney.ts';

const doc = (() => {
  const result = parseJourney(activation);
  if (!result.ok) throw new Error('example does not parse');
  return result.value;
})();

function loaded(document = doc) {
  let clock = 0;
  const store = createJourneyStore(() => (clock += 5_000));
  store.getState().load('j1', document);
  return store;
}
const position = (store: ReturnType<typeof loaded>, id: string) => store.getState().document?.nodes.find((n) => n.id === id)?.position;

describe('canvas edits in the store', () => {
  it('adds a step connected from an output dropped on empty canvas, as one undo step', () => {
    const store = loaded();
    store.getState().deleteElements([], ['e9']);
    const id = store.getState().addNodeAfter('goal', { x: 1600, y: 320 }, { source: 'tg1', sourceHandle: 'next' });
    expect(id).toBe('g2');
    expect(store.getState().document?.edges.some((e) => e.source === 'tg1' && e.target === 'g2')).toBe(true);
    expect(store.getState().selection.nodeIds).toEqual(['g2']);
    store.getState().undo();
    expect(store.getState().nodes.some((n) => n.id === 'g2')).toBe(false);
  });

  it('refuses a connected step from an output already in use, adding nothing', () => {
    const store = loaded();
    const before = store.getState().document;
    expect(store.getState().addNodeAfter('tag', { x: 0, y: 0 }, { source: 'tg1', sourceHandle: 'next' })).toBeUndefined();
    expect(store.getState().notice).toMatch(/already connected/);
    expect(store.getState().document).toBe(before);
  });

  it('makes room for a step inserted on a short edge and undoes both in one step', () => {
    const store = loaded();
    const id = store.getState().insertOnEdge('e1', 'tag')!;
    const t1 = position(store, 't1')!;
    const added = position(store, id)!;
    const o1 = position(store, 'o1')!;
    expect(added.x).toBeGreaterThan(t1.x);
    expect(o1.x).toBeGreaterThan(added.x + 200);
    store.getState().undo();
    expect(store.getState().document).toBe(doc);
  });

  it('shows a notice the canvas worked out, cleared by the next edit', () => {
    const store = loaded();
    store.getState().showNotice('Nothing can lead into a trigger.');
    expect(store.getState().notice).toBe('Nothing can lead into a trigger.');
    store.getState().addNode('tag', { x: 0, y: 0 });
    expect(store.getState().notice).toBeNull();
  });

  it('keeps the selection object while a selected node is dragged, so panels reading it do not re-render', () => {
    const store = loaded();
    store.getState().onNodesChange([{ type: 'select', id: 'g1', selected: true }]);
    const selection = store.getState().selection;
    store.getState().onNodesChange([{ type: 'position', id: 'g1', position: { x: 1, y: 1 }, dragging: true }]);
    store.getState().onEdgesChange([{ type: 'select', id: 'e1', selected: false }]);
    expect(store.getState().selection).toBe(selection);
  });

  it('drops a step that an undo removed from the selection', () => {
    const store = loaded();
    const id = store.getState().addNode('tag', { x: 0, y: 0 });
    expect(store.getState().selection.nodeIds).toEqual([id]);
    store.getState().undo();
    expect(store.getState().selection.nodeIds).toEqual([]);
  });

  it('files problems by edge as well as by node', () => {
    const store = loaded({ ...doc, edges: [...doc.edges, { id: 'bad', source: 'x1', target: 'gone', sourceHandle: 'next' }] });
    expect(store.getState().violationsByEdge.bad?.[0]?.code).toBe('dangling-edge');
  });
});

describe('a 300-step journey in the store', () => {
  const large = largeJourney(300);

  it('is a valid journey of exactly 300 steps', () => {
    expect(large.nodes).toHaveLength(300);
    const store = loaded(large);
    expect(store.getState().violations).toEqual([]);
    expect(store.getState().nodes).toHaveLength(300);
    expect(store.getState().edges).toHaveLength(large.edges.length);
  });

  it('rebuilds only what an edit touched, so the other 299 node views skip rendering', () => {
    const store = loaded(large);
    const before = store.getState().nodes;
    const beforeEdges = store.getState().edges;
    store.getState().onNodesChange([{ type: 'position', id: 'w3', position: { x: 5, y: 5 }, dragging: false }]);
    const after = store.getState().nodes;
    expect(after.filter((n, i) => n !== before[i]).map((n) => n.id)).toEqual(['w3']);
    expect(store.getState().edges.every((e, i) => e === beforeEdges[i])).toBe(true);
  });

  it('deletes, undoes and redoes across the whole journey', () => {
    const store = loaded(large);
    store.getState().deleteElements(['b10', 'w20'], []);
    expect(store.getState().nodes).toHaveLength(298);
    expect(store.getState().violations.length).toBeGreaterThan(0);
    store.getState().undo();
    expect(store.getState().document).toBe(large);
    expect(store.getState().violations).toEqual([]);
    store.getState().redo();
    expect(store.getState().nodes).toHaveLength(298);
  });
});
