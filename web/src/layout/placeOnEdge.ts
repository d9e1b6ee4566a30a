import type { JourneyDocument, NodeType, Point } from '@waymark/shared';
import { flowDirection } from './flowDirection.ts';
import { defaultNodeSize, sizeOf, type Sizes } from './nodeSize.ts';

/** The gap kept between a step and the next along the direction of reading. */
export const STEP_GAP = 80;

export interface Placement {
  /** Where the new step goes (top-left). */
  position: Point;
  /** Steps pushed along to make room: the old target and everything after it. */
  moves: Record<string, Point>;
}

/** Every node reachable from `start` by following edges, `start` included. */
function downstream(doc: JourneyDocument, start: string): Set<string> {
  const next = new Map<string, string[]>();
  for (const e of doc.edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const t of next.get(queue.pop() as string) ?? []) {
      if (seen.has(t)) continue;
      seen.add(t);
      queue.push(t);
    }
  }
  return seen;
}

/**
 * Where a step inserted on an edge should go, as a marketer expects from "+" on a connection: in line with the
 * old target, one gap after the source, and when there is no room the target and everything after it move along
 * (right, or down for a top-to-bottom journey), so nothing ends up on top of anything.
 */
export function placeOnEdge(doc: JourneyDocument, edgeId: string, type: NodeType, sizes: Sizes = {}): Placement | undefined {
  const edge = doc.edges.find((e) => e.id === edgeId);
  const source = doc.nodes.find((n) => n.id === edge?.source);
  const target = doc.nodes.find((n) => n.id === edge?.target);
  if (!edge || !source || !target) return undefined;

  // Work along the reading axis `u` and across it `v`, so one piece of code serves both directions.
  const down = flowDirection(doc) === 'DOWN';
  const u = (p: Point) => (down ? p.y : p.x);
  const v = (p: Point) => (down ? p.x : p.y);
  const len = (s: { width: number; height: number }) => (down ? s.height : s.width);
  const wide = (s: { width: number; height: number }) => (down ? s.width : s.height);
  const point = (along: number, across: number): Point => (down ? { x: across, y: along } : { x: along, y: across });

  const [sSize, tSize, nSize] = [sizeOf(source, sizes), sizeOf(target, sizes), defaultNodeSize(type)];
  const across = Math.round(v(target.position) + wide(tSize) / 2 - wide(nSize) / 2);
  const sourceEnd = u(source.position) + len(sSize);
  const room = u(target.position) - sourceEnd;

  const after = downstream(doc, target.id);
  // A loop back to an earlier step: push nothing (that would push the source too); put the step after the source.
  if (after.has(source.id)) return { position: point(sourceEnd + STEP_GAP, Math.round(v(source.position))), moves: {} };

  const needed = len(nSize) + 2 * STEP_GAP;
  if (room >= needed) return { position: point(Math.round(sourceEnd + (room - len(nSize)) / 2), across), moves: {} };

  // No room, or the target even sits before the source: the target and all after it move along by what is missing.
  const shift = needed - room;
  const moves: Record<string, Point> = {};
  for (const node of doc.nodes) if (after.has(node.id)) moves[node.id] = point(u(node.position) + shift, v(node.position));
  return { position: point(sourceEnd + STEP_GAP, across), moves };
}
