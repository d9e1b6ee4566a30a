import { useReactFlow, useStoreApi, type Connection as FlowConnection, type FinalConnectionState, type OnDelete } from '@xyflow/react';
import { connectionProblem, type Connection, type NodeType, type Point } from '@waymark/shared';
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import { defaultNodeSize } from '../layout/nodeSize.ts';
import { handleLabel } from '../nodes/describeNode.ts';
import { carriesKind, readDraggedKind } from '../palette/paletteDrag.ts';
import type { FlowEdge, FlowNode } from '../store/documentToFlow.ts';
import { useJourneyStoreApi } from '../store/useJourneyStore.ts';
import type { LayoutDirection } from '../layout/flowDirection.ts';
import { snapToGrid } from './placeNewNode.ts';
import { useAddStep, useReveal } from './useAddStep.ts';

/** A connection dropped on empty canvas: where to offer the menu of steps, and what the new step connects from. */
export interface PaneMenu {
  /** Pixels from the canvas's top-left corner. */
  at: Point;
  /** Where the pointer was, on the canvas. */
  flowPoint: Point;
  from: Omit<Connection, 'target'>;
}

type Pointerish = MouseEvent | TouchEvent;
const pointerOf = (event: Pointerish): Point => {
  const p = 'changedTouches' in event ? event.changedTouches[0] : event;
  return { x: p?.clientX ?? 0, y: p?.clientY ?? 0 };
};

/**
 * React Flow's editing callbacks, each handing the gesture to one store action: connect, reconnect, delete, drop
 * from the palette. React Flow is asked first whether a connection is valid (the same rule the store applies), so
 * a bad drop snaps back; the reason is then shown as the store's notice.
 */
export function useCanvasEditing(direction: LayoutDirection) {
  const store = useJourneyStoreApi();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const rf = useStoreApi<FlowNode, FlowEdge>();
  const addStep = useAddStep();
  const reveal = useReveal();
  const reconnecting = useRef<string | null>(null);
  const [paneMenu, setPaneMenu] = useState<PaneMenu | null>(null);

  const problemOf = useCallback(
    (c: Connection, ignoreEdgeId?: string) => {
      const doc = store.getState().document;
      return doc ? connectionProblem(doc, c, ignoreEdgeId) : 'No journey is open.';
    },
    [store],
  );

  const isValidConnection = useCallback(
    (c: FlowEdge | FlowConnection) =>
      !!c.sourceHandle && problemOf({ source: c.source, sourceHandle: c.sourceHandle, target: c.target }, reconnecting.current ?? undefined) === undefined,
    [problemOf],
  );

  /** Why a drop that React Flow refused makes no sense, from where it started and the handle it ended on. */
  const explainRefusal = useCallback(
    (state: FinalConnectionState, ignoreEdgeId?: string) => {
      const { fromHandle, toHandle } = state;
      if (!fromHandle || !toHandle) return;
      if (fromHandle.type === toHandle.type) {
        store.getState().showNotice('Connect an output (on the right of a step) to the input of the next step.');
        return;
      }
      const [out, into] = fromHandle.type === 'source' ? [fromHandle, toHandle] : [toHandle, fromHandle];
      const problem = problemOf({ source: out.nodeId, sourceHandle: out.id ?? 'next', target: into.nodeId }, ignoreEdgeId);
      if (problem) store.getState().showNotice(problem);
    },
    [problemOf, store],
  );

  const onConnect = useCallback(
    (c: FlowConnection) => store.getState().connect({ source: c.source, sourceHandle: c.sourceHandle ?? 'next', target: c.target }),
    [store],
  );

  const onConnectEnd = useCallback(
    (event: Pointerish, state: FinalConnectionState) => {
      // React Flow ends a reconnect here too (just before onReconnectEnd, which explains it); a new connection only.
      if (state.isValid || !state.fromHandle || reconnecting.current) return;
      if (state.toHandle) return explainRefusal(state);
      const { fromHandle } = state;
      if (fromHandle.type !== 'source') return;
      const from = { source: fromHandle.nodeId, sourceHandle: fromHandle.id ?? 'next' };
      const pointer = pointerOf(event);
      // Dropped on a step's body rather than its input: connect to the step, as anyone would expect.
      const onNode = document.elementFromPoint(pointer.x, pointer.y)?.closest('.react-flow__node')?.getAttribute('data-id');
      if (onNode) {
        if (onNode !== from.source) store.getState().connect({ ...from, target: onNode });
        return;
      }
      const used = store.getState().document?.edges.some((e) => e.source === from.source && e.sourceHandle === from.sourceHandle);
      if (used) {
        store.getState().showNotice(`The "${handleLabel(from.sourceHandle)}" output is already connected. Remove that connection first.`);
        return;
      }
      const bounds = rf.getState().domNode?.getBoundingClientRect();
      setPaneMenu({ at: { x: pointer.x - (bounds?.left ?? 0), y: pointer.y - (bounds?.top ?? 0) }, flowPoint: flow.screenToFlowPosition(pointer), from });
    },
    [explainRefusal, flow, rf, store],
  );

  const addFromPaneMenu = useCallback(
    (type: NodeType) => {
      if (!paneMenu) return;
      // The new step's input lands where the connection was dropped.
      const size = defaultNodeSize(type);
      const p = paneMenu.flowPoint;
      const position = direction === 'DOWN' ? { x: p.x - size.width / 2, y: p.y } : { x: p.x, y: p.y - size.height / 2 };
      if (store.getState().addNodeAfter(type, snapToGrid(position), paneMenu.from)) reveal(snapToGrid(position), size);
    },
    [direction, paneMenu, store, reveal],
  );

  const onReconnectStart = useCallback((_: unknown, edge: FlowEdge) => {
    reconnecting.current = edge.id;
  }, []);

  const onReconnect = useCallback(
    (edge: FlowEdge, c: FlowConnection) => store.getState().reconnect(edge.id, { source: c.source, sourceHandle: c.sourceHandle ?? 'next', target: c.target }),
    [store],
  );

  const onReconnectEnd = useCallback(
    (_: Pointerish, edge: FlowEdge, _handleType: unknown, state: FinalConnectionState) => {
      reconnecting.current = null;
      if (state.isValid === false) explainRefusal(state, edge.id);
    },
    [explainRefusal],
  );

  // React Flow's own remove changes are ignored by the store; this is the one place deletions land, as one step.
  const onDelete: OnDelete<FlowNode, FlowEdge> = useCallback(
    ({ nodes, edges }) =>
      store.getState().deleteElements(
        nodes.map((n) => n.id),
        edges.map((e) => e.id),
      ),
    [store],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!carriesKind(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = readDraggedKind(event.dataTransfer);
      if (!type) return;
      event.preventDefault();
      addStep(type, { x: event.clientX, y: event.clientY });
    },
    [addStep],
  );

  const closePaneMenu = useCallback(() => setPaneMenu(null), []);

  return useMemo(
    () => ({
      flowProps: { isValidConnection, onConnect, onConnectEnd, onReconnectStart, onReconnect, onReconnectEnd, onDelete, onDragOver, onDrop },
      paneMenu,
      addFromPaneMenu,
      closePaneMenu,
    }),
    [isValidConnection, onConnect, onConnectEnd, onReconnectStart, onReconnect, onReconnectEnd, onDelete, onDragOver, onDrop, paneMenu, addFromPaneMenu, closePaneMenu],
  );
}
