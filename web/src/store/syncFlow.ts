import type { JourneyDocument } from '@waymark/shared';
import { toFlowEdge, toFlowNode, type Flow, type FlowEdge, type FlowNode } from './documentToFlow.ts';

/**
 * Rebuilds the canvas nodes and edges after the document changed, keeping what React Flow owns (measured size,
 * selection) and reusing every object whose document entry did not change, so memoised node views skip.
 */
export function syncFlow(previous: Flow, doc: JourneyDocument): Flow {
  const prevNodes = new Map(previous.nodes.map((n) => [n.id, n]));
  const prevEdges = new Map(previous.edges.map((e) => [e.id, e]));
  const nodes = doc.nodes.map((node): FlowNode => {
    const prev = prevNodes.get(node.id);
    if (!prev) return toFlowNode(node);
    if (prev.type === node.type && prev.data === node.data && prev.position.x === node.position.x && prev.position.y === node.position.y) return prev;
    return { ...prev, ...toFlowNode(node) };
  });
  const edges = doc.edges.map((edge): FlowEdge => {
    const prev = prevEdges.get(edge.id);
    const next = toFlowEdge(edge);
    if (!prev) return next;
    if (prev.source === next.source && prev.target === next.target && prev.sourceHandle === next.sourceHandle) return prev;
    return { ...prev, ...next };
  });
  return { nodes, edges };
}
