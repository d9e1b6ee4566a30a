import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStore,
  type DefaultEdgeOptions,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { nodeViews } from '../nodes/nodeViews.ts';
import type { FlowEdge, FlowNode } from '../store/documentToFlow.ts';
import { useJourneyStore } from '../store/useJourneyStore.ts';
import { edgeViews } from './JourneyEdgeView.tsx';
import { readableViewport } from './readableViewport.ts';

const defaultEdgeOptions: DefaultEdgeOptions = {
  type: 'journey',
  // In user space, so arrows keep one size whatever the stroke (a traced path is drawn thicker).
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#98a2b3', markerUnits: 'userSpaceOnUse' },
};
const fitViewOptions = { padding: 0.08, maxZoom: 1 };
const miniMapStyle = { width: 168, height: 112 };
const miniMapColor = (node: FlowNode) => `var(--kind-${node.type})`;

export interface JourneyCanvasProps {
  /** Off for now: the canvas shows the draft. The editor turns on dragging and connecting here. */
  editable?: boolean;
}

/**
 * The journey drawn with React Flow. It is controlled by the journey store, so dragging, connecting and
 * deleting (once `editable`) flow through the store's pure setters into the document.
 */
export function JourneyCanvas({ editable = false }: JourneyCanvasProps) {
  const nodes = useJourneyStore((s) => s.nodes);
  const edges = useJourneyStore((s) => s.edges);
  const onNodesChange = useJourneyStore((s) => s.onNodesChange);
  const onEdgesChange = useJourneyStore((s) => s.onEdgesChange);
  const selectNodes = useJourneyStore((s) => s.selectNodes);
  const clearSelection = useCallback(() => selectNodes([]), [selectNodes]);
  const placed = useInitialViewport();

  return (
    <ReactFlow<FlowNode, FlowEdge>
      className={`wm-canvas${placed ? '' : ' is-placing'}`}
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeViews}
      edgeTypes={edgeViews}
      defaultEdgeOptions={defaultEdgeOptions}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onPaneClick={clearSelection}
      nodesDraggable={editable}
      nodesConnectable={editable}
      edgesReconnectable={editable}
      deleteKeyCode={editable ? ['Backspace', 'Delete'] : null}
      elementsSelectable
      minZoom={0.2}
      maxZoom={2}
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.4} color="#cfd4dc" />
      <Controls showInteractive={false} fitViewOptions={fitViewOptions} />
      <MiniMap<FlowNode> style={miniMapStyle} pannable zoomable nodeColor={miniMapColor} nodeBorderRadius={6} maskColor="rgba(240, 242, 245, 0.7)" ariaLabel="Journey overview" />
    </ReactFlow>
  );
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
    if (nodes.length > 0) void flow.setViewport(readableViewport(flow.getNodesBounds(nodes), width, height));
    setPlaced(true);
  }, [initialized, width, height, flow]);

  return placed;
}
