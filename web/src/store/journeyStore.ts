import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { validateJourney, type JourneyDocument, type Violation } from '@waymark/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { JourneyStats } from '@waymark/shared';
import type { RunTrace } from '../users/traceRun.ts';
import { documentToFlow, flowToDocument, type FlowEdge, type FlowNode } from './documentToFlow.ts';
import { changeEffect, selectedIds, selectOnly, violationsByNode } from './flowOps.ts';

export interface Selection {
  nodeIds: string[];
  edgeIds: string[];
}

export interface JourneyState {
  journeyId: string | null;
  /** The draft: the truth the canvas edits and the API stores. */
  document: JourneyDocument | null;
  /** The document as React Flow sees it, plus canvas-only state (measured sizes, selection). */
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** Worked out from `document` on every graph change, with the same rules the server publishes by. */
  violations: Violation[];
  violationsByNode: Record<string, Violation[]>;
  /** Live counts of the published version; null until published (or before the first poll answers). */
  stats: JourneyStats | null;
  selection: Selection;
  /** One user's path, highlighted on the canvas. */
  trace: RunTrace | null;

  load(journeyId: string, document: JourneyDocument): void;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  selectNodes(nodeIds: string[]): void;
  setStats(stats: JourneyStats | null): void;
  setTrace(trace: RunTrace | null): void;
}

export type JourneyStore = StoreApi<JourneyState>;

const validated = (document: JourneyDocument) => {
  const violations = validateJourney(document);
  return { violations, violationsByNode: violationsByNode(violations) };
};

/**
 * One journey's canvas state, as a vanilla store so it can be driven without React (tests, future undo/redo).
 * Every setter is a pure function of the current state; effects (fetching, saving) live in the page's hooks.
 */
export function createJourneyStore(): JourneyStore {
  return createStore<JourneyState>()((set) => ({
    journeyId: null,
    document: null,
    nodes: [],
    edges: [],
    violations: [],
    violationsByNode: {},
    stats: null,
    selection: { nodeIds: [], edgeIds: [] },
    trace: null,

    load: (journeyId, document) =>
      set((state) => ({
        journeyId,
        document,
        ...documentToFlow(document),
        ...validated(document),
        selection: { nodeIds: [], edgeIds: [] },
        // Counts and a traced path belong to the journey, not to one version of its draft.
        stats: state.journeyId === journeyId ? state.stats : null,
        trace: state.journeyId === journeyId ? state.trace : null,
      })),

    onNodesChange: (changes) =>
      set((state) => {
        const nodes = applyNodeChanges(changes, state.nodes);
        const selection = { ...state.selection, nodeIds: selectedIds(nodes) };
        const effect = changeEffect(changes);
        if (effect === 'none' || !state.document) return { nodes, selection };
        const document = flowToDocument(state.document, { nodes, edges: state.edges });
        return { nodes, selection, document, ...(effect === 'graph' ? validated(document) : {}) };
      }),

    onEdgesChange: (changes) =>
      set((state) => {
        const edges = applyEdgeChanges(changes, state.edges);
        const selection = { ...state.selection, edgeIds: selectedIds(edges) };
        if (changeEffect(changes) === 'none' || !state.document) return { edges, selection };
        const document = flowToDocument(state.document, { nodes: state.nodes, edges });
        return { edges, selection, document, ...validated(document) };
      }),

    selectNodes: (nodeIds) =>
      set((state) => {
        const ids = new Set(nodeIds);
        return { nodes: selectOnly(state.nodes, ids), edges: selectOnly(state.edges, new Set()), selection: { nodeIds, edgeIds: [] } };
      }),

    setStats: (stats) => set({ stats }),
    setTrace: (trace) => set({ trace }),
  }));
}
