import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  MiniMap,
  Panel,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStore,
  useUpdateNodeInternals,
  type DefaultEdgeOptions,
} from '@xyflow/react';
import { nodeTypes, type NodeType } from '@waymark/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flowDirection, type LayoutDirection } from '../layout/flowDirection.ts';
import { nodeViews } from '../nodes/nodeViews.ts';
import type { FlowEdge, FlowNode } from '../store/documentToFlow.ts';
import { useJourneyStore, useJourneyStoreApi } from '../store/useJourneyStore.ts';
import { CanvasModeContext, type CanvasMode } from './CanvasMode.ts';
import { CanvasToast } from './CanvasToast.tsx';
import { CanvasToolbar } from './CanvasToolbar.tsx';
import { edgeViews } from './JourneyEdgeView.tsx';
import { KindMenu } from './KindMenu.tsx';
import { GRID } from './placeNewNode.ts';
import { readableViewport } from './readableViewport.ts';
import { useCanvasEditing } from './useCanvasEditing.ts';

const defaultEdgeOptions: DefaultEdgeOptions = {
  type: 'journey',
  // In user space, so arrows keep one size whatever the stroke (a traced path is drawn thicker).
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#98a2b3', markerUnits: 'userSpaceOnUse' },
};
const fitViewOptions = { padding: 0.08, maxZoom: 1 };
const miniMapStyle = { width: 168, height: 112 };
const miniMapColor = (node: FlowNode) => `var(--kind-${node.type})`;
const snapGrid: [number, number] = [GRID, GRID];
const deleteKeys = ['Backspace', 'Delete'];
/** Steps that can follow an output; a trigger only ever starts a journey. */
const followers: readonly NodeType[] = nodeTypes.filter((t) => t !== 'trigger');

export interface JourneyCanvasProps {
  /** Whether the draft can be edited: palette drops, connecting, reconnecting, deleting, "+" on edges, toolbar. */
  editable?: boolean;
}

/**
 * The journey drawn with React Flow, controlled by the journey store: every gesture (drop, connect, reconnect,
 * delete, move) becomes one store action on the document, and the store rebuilds the canvas from it.
 */
export function JourneyCanvas({ editable = false }: JourneyCanvasProps) {
  const nodes = useJourneyStore((s) => s.nodes);
  const edges = useJourneyStore((s) => s.edges);
  const document = useJourneyStore((s) => s.document);
  const onNodesChange = useJourneyStore((s) => s.onNodesChange);
  const onEdgesChange = useJourneyStore((s) => s.onEdgesChange);
  const selectNodes = useJourneyStore((s) => s.selectNodes);
  const clearSelection = useCallback(() => selectNodes([]), [selectNodes]);
  const placed = useInitialViewport();
  const direction = useMemo<LayoutDirection>(() => (document ? flowDirection(document) : 'RIGHT'), [document]);
  const mode = useMemo<CanvasMode>(() => ({ editable, direction }), [editable, direction]);
  const editing = useCanvasEditing(direction);
  const canvasWidth = useStore((s) => s.width);
  const canvasHeight = useStore((s) => s.height);
  useHandlesFollowDirection(direction);

  return (
    <CanvasModeContext value={mode}>
      <ReactFlow<FlowNode, FlowEdge>
        className={`wm-canvas${placed ? '' : ' is-placing'}${editable ? ' is-editable' : ''}`}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeViews}
        edgeTypes={edgeViews}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onPaneClick={clearSelection}
        {...(editable ? editing.flowProps : {})}
        nodesDraggable={editable}
        nodesConnectable={editable}
        edgesReconnectable={editable}
        deleteKeyCode={editable ? deleteKeys : null}
        snapToGrid
        snapGrid={snapGrid}
        connectionRadius={28}
        elementsSelectable
        minZoom={0.2}
        maxZoom={2}
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.4} color="#cfd4dc" />
        <Controls showInteractive={false} fitViewOptions={fitViewOptions} />
        <MiniMap<FlowNode> style={miniMapStyle} pannable zoomable nodeColor={miniMapColor} nodeBorderRadius={6} maskColor="rgba(240, 242, 245, 0.7)" ariaLabel="Journey overview" />
        {editable && (
          <>
            <Panel position="top-left">
              <CanvasToolbar />
            </Panel>
            <Panel position="top-center" className="canvas-hint-panel">
              <StartHint />
            </Panel>
            <Panel position="bottom-center">
              <CanvasToast />
            </Panel>
            {editing.paneMenu && (
              <KindMenu
                label="Add the next step"
                kinds={followers}
                className="kind-menu--pane"
                style={paneMenuPlace(editing.paneMenu.at, canvasWidth, canvasHeight)}
                onPick={editing.addFromPaneMenu}
                onClose={editing.closePaneMenu}
              />
            )}
          </>
        )}
      </ReactFlow>
    </CanvasModeContext>
  );
}

const PANE_MENU = { width: 200, height: 270, offset: 8 };

/** Beside the pointer, but kept inside the canvas: flipped left or up near the right or bottom edge. */
function paneMenuPlace(at: { x: number; y: number }, width: number, height: number) {
  const left = at.x + PANE_MENU.offset + PANE_MENU.width > width ? at.x - PANE_MENU.offset - PANE_MENU.width : at.x + PANE_MENU.offset;
  const top = at.y + PANE_MENU.offset + PANE_MENU.height > height ? Math.max(PANE_MENU.offset, at.y - PANE_MENU.offset - PANE_MENU.height) : at.y + PANE_MENU.offset;
  return { left: Math.max(PANE_MENU.offset, left), top };
}

/** A first-time hint on a journey that is just a trigger, gone as soon as anything is connected. */
function StartHint() {
  const bare = useJourneyStore((s) => s.edges.length === 0 && s.nodes.length <= 2);
  if (!bare) return null;
  return (
    <p className="canvas-hint">
      Drag steps from the left onto the canvas. To connect two steps, drag from an output <span className="canvas-hint__dot" aria-hidden="true" /> to the next
      step.
    </p>
  );
}

/** React Flow caches where handles are; when the journey turns (left-to-right ↔ top-to-bottom) they move. */
function useHandlesFollowDirection(direction: LayoutDirection) {
  const update = useUpdateNodeInternals();
  const store = useJourneyStoreApi();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    update(store.getState().nodes.map((n) => n.id));
  }, [direction, update, store]);
}

/** Places the first view once every node has been measured (sizes are needed for the bounds); true once placed. */
function useInitialViewport(): boolean {
  const initialized = useNodesInitialized();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const [placed, setPlaced] = useState(false);
  const done = useRef(false);

  useEffect(() => {
    if (done.current || !initialized || width === 0 || height === 0) return;
    done.current = true;
    const nodes = flow.getNodes();
    const trigger = nodes.find((n) => n.type === 'trigger');
    const start = trigger ? flow.getNodesBounds([trigger]) : undefined;
    const direction = flowDirection({ nodes, edges: flow.getEdges() });
    if (nodes.length > 0) void flow.setViewport(readableViewport(flow.getNodesBounds(nodes), width, height, { direction, start }));
    setPlaced(true);
  }, [initialized, width, height, flow]);

  return placed;
}
