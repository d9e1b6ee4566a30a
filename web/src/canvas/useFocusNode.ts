import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useJourneyStoreApi } from '../store/useJourneyStore.ts';

/** Selects a node and pans the canvas to centre it (used by the Problems panel and the user timeline). */
export function useFocusNode(): (nodeId: string) => void {
  const flow = useReactFlow();
  const store = useJourneyStoreApi();
  return useCallback(
    (nodeId: string) => {
      const node = flow.getInternalNode(nodeId);
      if (!node) return;
      store.getState().selectNodes([nodeId]);
      const { x, y } = node.internals.positionAbsolute;
      const width = node.measured.width ?? 0;
      const height = node.measured.height ?? 0;
      void flow.setCenter(x + width / 2, y + height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 400 });
    },
    [flow, store],
  );
}
