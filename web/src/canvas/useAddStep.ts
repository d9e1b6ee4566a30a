import { useReactFlow, useStoreApi } from '@xyflow/react';
import type { NodeType, Point } from '@waymark/shared';
import { useCallback } from 'react';
import { defaultNodeSize, type Size } from '../layout/nodeSize.ts';
import type { FlowEdge, FlowNode } from '../store/documentToFlow.ts';
import { useJourneyStoreApi } from '../store/useJourneyStore.ts';
import { centredOn, freeSpot } from './placeNewNode.ts';

/**
 * Adds a step where the marketer asked: under the pointer for a drop (`at`, in screen pixels), else in the middle
 * of what the canvas shows (the palette pressed by mouse or keyboard), below any step already there.
 */
export function useAddStep(): (type: NodeType, at?: Point) => string {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const rf = useStoreApi<FlowNode, FlowEdge>();
  const store = useJourneyStoreApi();
  const reveal = useReveal();

  return useCallback(
    (type: NodeType, at?: Point) => {
      if (at) return store.getState().addNode(type, centredOn(flow.screenToFlowPosition(at), type));
      const bounds = rf.getState().domNode?.getBoundingClientRect();
      const centre = bounds ? { x: bounds.left + bounds.width / 2, y: bounds.top + bounds.height / 2 } : { x: 0, y: 0 };
      const existing = flow.getNodes().map((n) => ({
        position: n.position,
        size: { width: n.measured?.width ?? defaultNodeSize(n.type).width, height: n.measured?.height ?? defaultNodeSize(n.type).height },
      }));
      const size = defaultNodeSize(type);
      const position = freeSpot(existing, centredOn(flow.screenToFlowPosition(centre), type), size);
      const id = store.getState().addNode(type, position);
      // On a crowded canvas the free spot may be out of sight.
      reveal(position, size);
      return id;
    },
    [flow, rf, store, reveal],
  );
}

/** Pans (keeping the zoom) so a step just added at `position` is in view, when it is not already. */
export function useReveal(): (position: Point, size: Size) => void {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const rf = useStoreApi<FlowNode, FlowEdge>();
  return useCallback(
    (position: Point, size: Size) => {
      const bounds = rf.getState().domNode?.getBoundingClientRect();
      if (!bounds) return;
      const topLeft = flow.flowToScreenPosition(position);
      const bottomRight = flow.flowToScreenPosition({ x: position.x + size.width, y: position.y + size.height });
      const visible = topLeft.x >= bounds.left && topLeft.y >= bounds.top && bottomRight.x <= bounds.right && bottomRight.y <= bounds.bottom;
      if (!visible) void flow.setCenter(position.x + size.width / 2, position.y + size.height / 2, { zoom: flow.getZoom(), duration: 300 });
    },
    [flow, rf],
  );
}
