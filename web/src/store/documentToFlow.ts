import type { Edge, Node } from '@xyflow/react';
import type { JourneyDocument, JourneyEdge, JourneyNode, NodeType } from '@waymark/shared';

/** A journey node on the canvas: React Flow's node with the document's `type` (required) and `data` as is. */
export type FlowNode = Node<JourneyNode['data'], NodeType> & { type: NodeType };
/** A journey edge on the canvas; `sourceHandle` is always set, as the document's is. */
export type FlowEdge = Edge & { sourceHandle: string };

export interface Flow {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** The document fields that are not the graph, kept aside while the canvas owns nodes and edges. */
export type JourneyMeta = Omit<JourneyDocument, 'nodes' | 'edges'>;

export function toFlowNode(node: JourneyNode): FlowNode {
  return { id: node.id, type: node.type, position: { x: node.position.x, y: node.position.y }, data: node.data };
}

export function toFlowEdge(edge: JourneyEdge): FlowEdge {
  const flow: FlowEdge = { id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle };
  // Kept only when the document has it, so absent and null survive a round trip unchanged.
  if (edge.targetHandle !== undefined) flow.targetHandle = edge.targetHandle;
  return flow;
}

/** Turns a journey document into React Flow nodes and edges. Pure; `flowToDocument` undoes it exactly. */
export function documentToFlow(document: JourneyDocument): Flow {
  return { nodes: document.nodes.map(toFlowNode), edges: document.edges.map(toFlowEdge) };
}

export function toJourneyNode(node: FlowNode): JourneyNode {
  return { id: node.id, type: node.type, position: { x: node.position.x, y: node.position.y }, data: node.data };
}

export function toJourneyEdge(edge: FlowEdge): JourneyEdge {
  const doc: JourneyEdge = { id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle };
  if (edge.targetHandle !== undefined) doc.targetHandle = edge.targetHandle;
  return doc;
}

/**
 * Turns canvas nodes and edges back into a journey document, taking every other field from `meta`. Canvas-only
 * state (selection, measured size, dragging) is left behind, so the result is what the API should store.
 */
export function flowToDocument(meta: JourneyMeta | JourneyDocument, flow: Flow): JourneyDocument {
  const { nodes: _nodes, edges: _edges, ...rest } = meta as JourneyDocument;
  return { ...rest, nodes: flow.nodes.map(toJourneyNode), edges: flow.edges.map(toJourneyEdge) };
}
