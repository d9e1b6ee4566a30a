import { parseJourney } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import activation from '../../../examples/activation.json';
import { createJourneyStore, isDirty } from './journeyStore.ts';

const doc = (() => {
  const result = parseJourney(activation);
  if (!result.ok) throw new Error('example does not parse');
  return result.value;
})();

function loaded() {
  let clock = 0;
  const store = createJourneyStore(() => (clock += 5_000));
  store.getState().load('j1', doc);
  return store;
}
const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);

describe('editing a journey in the store', () => {
  it('adds a node, selects it, and shows it on the canvas', () => {
    const store = loaded();
    const id = store.getState().addNode('tag', { x: 5, y: 6 });
    expect(id).toBe('tg2');
    expect(store.getState().nodes.at(-1)).toMatchObject({ id: 'tg2', type: 'tag', position: { x: 5, y: 6 } });
    expect(store.getState().selection.nodeIds).toEqual(['tg2']);
    expect(isDirty(store.getState())).toBe(true);
  });

  it('refuses a connection that makes no sense and says why, changing nothing', () => {
    const store = loaded();
    const before = store.getState().document;
    expect(store.getState().connect({ source: 'o1', sourceHandle: 'next', target: 'g1' })).toMatch(/already connected/);
    expect(store.getState().notice).toMatch(/already connected/);
    expect(store.getState().document).toBe(before);
  });

  it('undoes and redoes a delete, restoring the node and its edges', () => {
    const store = loaded();
    store.getState().selectNodes(['b1']);
    store.getState().deleteSelection();
    expect(ids(store.getState().nodes)).not.toContain('b1');
    expect(store.getState().edges.some((e) => e.source === 'b1' || e.target === 'b1')).toBe(false);
    store.getState().undo();
    expect(store.getState().document).toBe(doc);
    expect(ids(store.getState().edges)).toEqual(ids(doc.edges));
    store.getState().redo();
    expect(ids(store.getState().nodes)).not.toContain('b1');
  });

  it('undoes and redoes a connect', () => {
    const store = loaded();
    store.getState().deleteElements([], ['e9']);
    expect(store.getState().violations.some((v) => v.code === 'unconnected-handle' && v.nodeId === 'tg1')).toBe(true);
    expect(store.getState().connect({ source: 'tg1', sourceHandle: 'next', target: 'x2' })).toBeUndefined();
    expect(store.getState().violations).toEqual([]);
    store.getState().undo();
    expect(store.getState().edges.some((e) => e.source === 'tg1')).toBe(false);
    store.getState().redo();
    expect(store.getState().edges.some((e) => e.source === 'tg1' && e.target === 'x2')).toBe(true);
  });

  it('inserts a node on an edge between its two ends', () => {
    const store = loaded();
    const id = store.getState().insertOnEdge('e1', 'wait');
    expect(id).toBe('w2');
    const edges = store.getState().document?.edges ?? [];
    expect(edges.find((e) => e.id === 'e1')?.target).toBe('w2');
    expect(edges.some((e) => e.source === 'w2' && e.target === 'o1')).toBe(true);
  });

  it('follows a drag frame by frame but records only the drop, as one undo step', () => {
    const store = loaded();
    store.getState().onNodesChange([{ type: 'position', id: 'g1', position: { x: 1, y: 1 }, dragging: true }]);
    store.getState().onNodesChange([{ type: 'position', id: 'g1', position: { x: 2, y: 2 }, dragging: true }]);
    expect(store.getState().document).toBe(doc);
    expect(store.getState().nodes.find((n) => n.id === 'g1')?.position).toEqual({ x: 2, y: 2 });
    store.getState().onNodesChange([{ type: 'position', id: 'g1', position: { x: 3, y: 3 }, dragging: false }]);
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().nodes.find((n) => n.id === 'g1')?.position).toEqual(doc.nodes.find((n) => n.id === 'g1')?.position);
  });

  it('merges typing into one field into one undo step', () => {
    let clock = 0;
    const store = createJourneyStore(() => (clock += 100));
    store.getState().load('j1', doc);
    for (const offer of ['W', 'WE', 'WEL']) store.getState().updateNodeData('o1', { ...doc.nodes[1]?.data, offer });
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().document?.nodes[1]?.data.offer).toBe('WELCOME10');
  });

  it('is clean again once the saved document is back, by save or by undo', () => {
    const store = loaded();
    store.getState().updateMeta({ name: 'Renamed' });
    expect(isDirty(store.getState())).toBe(true);
    store.getState().undo();
    expect(isDirty(store.getState())).toBe(false);
    store.getState().redo();
    store.getState().markSaved(store.getState().document!);
    expect(isDirty(store.getState())).toBe(false);
  });

  it('treats an auto-layout as one step', () => {
    const store = loaded();
    store.getState().applyLayout({ t1: { x: 0, y: 0 }, o1: { x: 300, y: 0 } });
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().document).toBe(doc);
  });
});
