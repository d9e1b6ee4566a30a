import ELK, { type ElkExtendedEdge, type ElkNode, type ElkPort } from 'elkjs/lib/elk.bundled.js';
import { handlesOf, type JourneyDocument, type Point } from '@waymark/shared';
import type { LayoutDirection } from './flowDirection.ts';
import { sizeOf, type Sizes } from './nodeSize.ts';

let elk: InstanceType<typeof ELK> | undefined;

const SPACING: Record<LayoutDirection, { layers: number; nodes: number }> = {
  RIGHT: { layers: 88, nodes: 40 },
  DOWN: { layers: 64, nodes: 56 },
};

/** Every output of a node as an ELK port, in the order NodeCard draws them, so "yes" stays above (or left of) "no". */
function portsOf(node: JourneyDocument['nodes'][number], direction: LayoutDirection): ElkPort[] {
  const outSide = direction === 'RIGHT' ? 'EAST' : 'SOUTH';
  const handles = handlesOf(node);
  // ELK numbers ports clockwise: down the east side, but right to left along the south side.
  const outs = handles.map((handle, i) => ({
    id: `${node.id}:${handle}`,
    width: 1,
    height: 1,
    layoutOptions: { 'elk.port.side': outSide, 'elk.port.index': String(direction === 'RIGHT' ? i : handles.length - 1 - i) },
  }));
  if (node.type === 'trigger') return outs;
  return [{ id: `${node.id}:in`, width: 1, height: 1, layoutOptions: { 'elk.port.side': direction === 'RIGHT' ? 'WEST' : 'NORTH' } }, ...outs];
}

/**
 * Lays a journey out in layers with ELK (every step after the one leading to it), left to right or top to
 * bottom. Pure apart from being async: the document is not touched, the new top-left positions come back by
 * node id, placed so the drawing keeps its top-left corner.
 */
export async function autoLayout(doc: JourneyDocument, direction: LayoutDirection, sizes: Sizes = {}): Promise<Record<string, Point>> {
  if (doc.nodes.length === 0) return {};
  elk ??= new ELK();
  const ids = new Set(doc.nodes.map((n) => n.id));
  const ports = new Map(doc.nodes.map((n) => [n.id, new Set(portsOf(n, direction).map((p) => p.id))]));
  const end = (nodeId: string, port: string) => {
    const id = `${nodeId}:${port}`;
    return ports.get(nodeId)?.has(id) ? id : nodeId;
  };

  const children: ElkNode[] = doc.nodes.map((node) => ({
    id: node.id,
    ...sizeOf(node, sizes),
    ports: portsOf(node, direction),
    layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
  }));
  const edges: ElkExtendedEdge[] = doc.edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => ({ id: e.id, sources: [end(e.source, e.sourceHandle)], targets: [end(e.target, 'in')] }));

  const spacing = SPACING[direction];
  const laid = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.layered.spacing.nodeNodeBetweenLayers': String(spacing.layers),
      'elk.spacing.nodeNode': String(spacing.nodes),
      'elk.spacing.componentComponent': '80',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children,
    edges,
  });

  // Keep the drawing where it was: its top-left corner stays put, on the 20 px grid.
  const left = Math.min(...doc.nodes.map((n) => n.position.x));
  const top = Math.min(...doc.nodes.map((n) => n.position.y));
  const placed = laid.children ?? [];
  const minX = Math.min(...placed.map((c) => c.x ?? 0));
  const minY = Math.min(...placed.map((c) => c.y ?? 0));
  const dx = Math.round(left / 20) * 20 - minX;
  const dy = Math.round(top / 20) * 20 - minY;

  const positions: Record<string, Point> = {};
  for (const child of placed) positions[child.id] = { x: Math.round((child.x ?? 0) + dx), y: Math.round((child.y ?? 0) + dy) };
  return positions;
}
