import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import {
  addNode,
  connect,
  deleteElements,
  insertOnEdge,
  moveNodes,
  reconnect,
  updateMeta,
  updateNodeData,
  validateJourney,
  type Connection,
  type JourneyDocument,
  type NodeType,
  type Point,
  type Violation,
} from '@waymark/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { JourneyStats } from '@waymark/shared';
import type { RunTrace } from '../users/traceRun.ts';
import { documentToFlow, type FlowEdge, type FlowNode } from './documentToFlow.ts';
import { placeOnEdge } from '../layout/placeOnEdge.ts';
import type { Sizes } from '../layout/nodeSize.ts';
import { sameIds, selectedIds, selectOnly, violationsByEdge, violationsByNode } from './flowOps.ts';
import { emptyHistory, record, redo, undo, type History } from './history.ts';
import { syncFlow } from './syncFlow.ts';

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
  /** The same by edge, so each edge view looks up its own in constant time (a 300-step journey has 300 of them). */
  violationsByEdge: Record<string, Violation[]>;
  /** Live counts of the published version; null until published (or before the first poll answers). */
  stats: JourneyStats | null;
  selection: Selection;
  /** One user's path, highlighted on the canvas. */
  trace: RunTrace | null;
  /** The document as last saved to the server; `document !== savedDocument` means unsaved changes. */
  savedDocument: JourneyDocument | null;
  history: History<JourneyDocument>;
  /** A refused edit, in words (a connection that makes no sense); cleared by the next edit. */
  notice: string | null;

  load(journeyId: string, document: JourneyDocument): void;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  selectNodes(nodeIds: string[]): void;
  setStats(stats: JourneyStats | null): void;
  setTrace(trace: RunTrace | null): void;

  // Edits: each is one undoable step (typing into one field within a second merges into one).
  addNode(type: NodeType, position: Point): string;
  /** Adds a step already connected from `from` (a connection dropped on empty canvas), as one step; or says why not. */
  addNodeAfter(type: NodeType, position: Point, from: Omit<Connection, 'target'>): string | undefined;
  connect(connection: Connection): string | undefined;
  reconnect(edgeId: string, connection: Connection): string | undefined;
  deleteElements(nodeIds: readonly string[], edgeIds: readonly string[]): void;
  deleteSelection(): void;
  insertOnEdge(edgeId: string, type: NodeType): string | undefined;
  updateNodeData(nodeId: string, data: Record<string, unknown>): void;
  updateMeta(patch: Parameters<typeof updateMeta>[1]): void;
  /** Positions from an auto-layout, as one step. */
  applyLayout(positions: Record<string, Point>): void;
  /** Replaces the whole draft (an imported file), as one step. */
  replaceDocument(document: JourneyDocument): void;
  undo(): void;
  redo(): void;
  /** Records that `document` reached the server. */
  markSaved(document: JourneyDocument): void;
  /** Shows why an edit the canvas refused before asking (an invalid connection drop) makes no sense. */
  showNotice(message: string): void;
  dismissNotice(): void;
}

export const isDirty = (s: Pick<JourneyState, 'document' | 'savedDocument'>) => s.document !== null && s.document !== s.savedDocument;

export type JourneyStore = StoreApi<JourneyState>;

const validated = (document: JourneyDocument) => {
  const violations = validateJourney(document);
  return { violations, violationsByNode: violationsByNode(violations), violationsByEdge: violationsByEdge(violations) };
};

/** What React Flow measured, for placing new steps and laying out. */
const measuredSizes = (nodes: readonly FlowNode[]): Sizes => {
  const sizes: Record<string, { width: number; height: number }> = {};
  for (const n of nodes) if (n.measured?.width && n.measured.height) sizes[n.id] = { width: n.measured.width, height: n.measured.height };
  return sizes;
};

/**
 * One journey's canvas state, as a vanilla store so it can be driven without React (tests, future undo/redo).
 * Every setter is a pure function of the current state; effects (fetching, saving) live in the page's hooks.
 */
export function createJourneyStore(now: () => number = Date.now): JourneyStore {
  return createStore<JourneyState>()((set, get) => {
    /** The canvas rebuilt for a new document, with the selection trimmed to what is still there. */
    const rebuilt = (state: JourneyState, next: JourneyDocument) => {
      const flow = syncFlow(state, next);
      const nodeIds = selectedIds(flow.nodes);
      const edgeIds = selectedIds(flow.edges);
      const same = sameIds(nodeIds, state.selection.nodeIds) && sameIds(edgeIds, state.selection.edgeIds);
      return { ...flow, ...(same ? {} : { selection: { nodeIds, edgeIds } }) };
    };

    /** The present document changes: remember the old one, rebuild the canvas, check it again. */
    const commit = (next: JourneyDocument, key?: string) =>
      set((state) => {
        if (!state.document || next === state.document) return {};
        return {
          document: next,
          ...rebuilt(state, next),
          ...validated(next),
          history: record(state.history, state.document, key, now()),
          notice: null,
        };
      });
    const edit = (fn: (doc: JourneyDocument) => JourneyDocument, key?: string) => {
      const doc = get().document;
      if (doc) commit(fn(doc), key);
    };
    const travel = (step: typeof undo) =>
      set((state) => {
        if (!state.document) return {};
        const moved = step(state.history, state.document);
        if (!moved) return {};
        return { document: moved.present, history: moved.history, ...rebuilt(state, moved.present), ...validated(moved.present), notice: null };
      });

    return {
      journeyId: null,
      document: null,
      nodes: [],
      edges: [],
      violations: [],
      violationsByNode: {},
      violationsByEdge: {},
      stats: null,
      selection: { nodeIds: [], edgeIds: [] },
      trace: null,
      savedDocument: null,
      history: emptyHistory(),
      notice: null,

      load: (journeyId, document) =>
        set((state) => ({
          journeyId,
          document,
          savedDocument: document,
          history: emptyHistory(),
          notice: null,
          ...documentToFlow(document),
          ...validated(document),
          selection: { nodeIds: [], edgeIds: [] },
          // Counts and a traced path belong to the journey, not to one version of its draft.
          stats: state.journeyId === journeyId ? state.stats : null,
          trace: state.journeyId === journeyId ? state.trace : null,
        })),

      // React Flow reports drags frame by frame: the canvas follows every frame, the document (and undo) only
      // the drop. Removals arrive through `deleteElements` (React Flow's onDelete), as one step.
      onNodesChange: (changes) => {
        const drops: Record<string, Point> = {};
        const live = changes.filter((c) => c.type !== 'remove');
        for (const c of live) if (c.type === 'position' && c.position && !c.dragging) drops[c.id] = c.position;
        set((state) => {
          const nodes = applyNodeChanges(live, state.nodes);
          const nodeIds = selectedIds(nodes);
          // A drag reports every frame: keep the selection object unless it changed, so panels reading it sit still.
          return { nodes, ...(sameIds(nodeIds, state.selection.nodeIds) ? {} : { selection: { ...state.selection, nodeIds } }) };
        });
        if (Object.keys(drops).length > 0) edit((doc) => moveNodes(doc, drops));
      },

      onEdgesChange: (changes) =>
        set((state) => {
          const edges = applyEdgeChanges(
            changes.filter((c) => c.type !== 'remove'),
            state.edges,
          );
          const edgeIds = selectedIds(edges);
          return { edges, ...(sameIds(edgeIds, state.selection.edgeIds) ? {} : { selection: { ...state.selection, edgeIds } }) };
        }),

      selectNodes: (nodeIds) =>
        set((state) => {
          const ids = new Set(nodeIds);
          return { nodes: selectOnly(state.nodes, ids), edges: selectOnly(state.edges, new Set()), selection: { nodeIds, edgeIds: [] } };
        }),

      setStats: (stats) => set({ stats }),
      setTrace: (trace) => set({ trace }),

      addNode: (type, position) => {
        const doc = get().document;
        if (!doc) return '';
        const added = addNode(doc, type, position);
        commit(added.doc);
        get().selectNodes([added.id]);
        return added.id;
      },

      addNodeAfter: (type, position, from) => {
        const doc = get().document;
        if (!doc) return undefined;
        const added = addNode(doc, type, position);
        const result = connect(added.doc, { ...from, target: added.id });
        if ('problem' in result) {
          set({ notice: result.problem });
          return undefined;
        }
        commit(result.doc);
        get().selectNodes([added.id]);
        return added.id;
      },

      connect: (connection) => {
        const doc = get().document;
        if (!doc) return 'No journey is open.';
        const result = connect(doc, connection);
        if ('problem' in result) {
          set({ notice: result.problem });
          return result.problem;
        }
        commit(result.doc);
        return undefined;
      },

      reconnect: (edgeId, connection) => {
        const doc = get().document;
        if (!doc) return 'No journey is open.';
        const result = reconnect(doc, edgeId, connection);
        if ('problem' in result) {
          set({ notice: result.problem });
          return result.problem;
        }
        commit(result.doc);
        return undefined;
      },

      deleteElements: (nodeIds, edgeIds) => {
        if (nodeIds.length + edgeIds.length === 0) return;
        edit((doc) => deleteElements(doc, nodeIds, edgeIds));
        set({ selection: { nodeIds: [], edgeIds: [] } });
      },

      deleteSelection: () => {
        const { nodeIds, edgeIds } = get().selection;
        get().deleteElements(nodeIds, edgeIds);
      },

      insertOnEdge: (edgeId, type) => {
        const doc = get().document;
        const place = doc && placeOnEdge(doc, edgeId, type, measuredSizes(get().nodes));
        if (!doc || !place) return undefined;
        // Making room and inserting are one step: one undo puts the path back as it was.
        const result = insertOnEdge(moveNodes(doc, place.moves), edgeId, type, place.position);
        if ('problem' in result) {
          set({ notice: result.problem });
          return undefined;
        }
        commit(result.doc);
        get().selectNodes([result.id]);
        return result.id;
      },

      updateNodeData: (nodeId, data) => edit((doc) => updateNodeData(doc, nodeId, data), `data:${nodeId}`),
      updateMeta: (patch) => edit((doc) => updateMeta(doc, patch), `meta:${Object.keys(patch).sort().join(',')}`),
      applyLayout: (positions) => edit((doc) => moveNodes(doc, positions)),
      replaceDocument: (document) => commit(document),
      undo: () => travel(undo),
      redo: () => travel(redo),
      markSaved: (document) => set({ savedDocument: document }),
      showNotice: (message) => set({ notice: message }),
      dismissNotice: () => set({ notice: null }),
    };
  });
}
