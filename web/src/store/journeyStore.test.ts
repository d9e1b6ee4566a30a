import { parseJourney, type JourneyDocument } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import activation from '../../../examples/activation.json';
import type { JourneyStats } from '@waymark/shared';
import { createJourneyStore } from './journeyStore.ts';

const doc = (() => {
  const result = parseJourney(activation);
  if (!result.ok) throw new Error('example does not parse');
  return result.value;
})();

const stats: JourneyStats = {
  id: 'j1', publishedVersion: 1, status: 'active', nodes: {}, edges: {},
  totals: { entered: 1, active: 1, converted: 0, exited: 0, offersSent: 0, offersPending: 0, offersDead: 0, offerCost: 0, conversionRate: 0 },
};

describe('journeyStore', () => {
  it('loads a draft as canvas nodes with no problems when it is valid', () => {
    const store = createJourneyStore();
    store.getState().load('j1', doc);
    expect(store.getState().nodes).toHaveLength(doc.nodes.length);
    expect(store.getState().violations).toEqual([]);
  });

  it('outlines the node a problem belongs to', () => {
    const broken: JourneyDocument = { ...doc, edges: doc.edges.filter((e) => e.id !== 'e9') };
    const store = createJourneyStore();
    store.getState().load('j1', broken);
    expect(Object.keys(store.getState().violationsByNode)).toContain('tg1');
  });

  it('writes a finished drag into the document', () => {
    const store = createJourneyStore();
    store.getState().load('j1', doc);
    store.getState().onNodesChange([{ type: 'position', id: 'g1', position: { x: 10, y: 20 }, dragging: false }]);
    expect(store.getState().document?.nodes.find((n) => n.id === 'g1')?.position).toEqual({ x: 10, y: 20 });
  });

  it('leaves the document alone when nodes are only measured or selected', () => {
    const store = createJourneyStore();
    store.getState().load('j1', doc);
    const before = store.getState().document;
    store.getState().onNodesChange([
      { type: 'dimensions', id: 'g1', dimensions: { width: 200, height: 80 } },
      { type: 'select', id: 'g1', selected: true },
    ]);
    expect(store.getState().document).toBe(before);
    expect(store.getState().selection.nodeIds).toEqual(['g1']);
  });

  it('selects exactly the nodes asked for', () => {
    const store = createJourneyStore();
    store.getState().load('j1', doc);
    store.getState().selectNodes(['w1']);
    store.getState().selectNodes(['b1']);
    expect(store.getState().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['b1']);
  });

  it('keeps live counts when the same journey is reloaded, and drops them for another', () => {
    const store = createJourneyStore();
    store.getState().load('j1', doc);
    store.getState().setStats(stats);
    store.getState().load('j1', doc);
    expect(store.getState().stats).toBe(stats);
    store.getState().load('j2', doc);
    expect(store.getState().stats).toBeNull();
  });
});
