import type { JourneyDocument } from '@waymark/shared';

/** Which way a journey reads: left to right (handles on the sides) or top to bottom (handles above and below). */
export type LayoutDirection = 'RIGHT' | 'DOWN';

/**
 * The direction a journey is drawn in, read from its positions: top to bottom when most connections point more
 * down than sideways. Kept in the positions rather than a setting, so it survives saving, export and undo for free.
 */
export function flowDirection(doc: Pick<JourneyDocument, 'nodes' | 'edges'>): LayoutDirection {
  const at = new Map(doc.nodes.map((n) => [n.id, n.position]));
  let down = 0;
  let across = 0;
  for (const edge of doc.edges) {
    const a = at.get(edge.source);
    const b = at.get(edge.target);
    if (!a || !b) continue;
    if (b.y - a.y > Math.abs(b.x - a.x)) down++;
    else across++;
  }
  return down > across ? 'DOWN' : 'RIGHT';
}
