import { getViewportForBounds, type Rect, type Viewport } from '@xyflow/react';

/** Below this zoom a node's summary drops under ~11 px on screen: fine for an overview, not for reading. */
export const READABLE_ZOOM = 0.85;
const MAX_ZOOM = 1;
const PADDING_PX = 40;

/**
 * The first view of a journey: the whole journey when it fits at a readable zoom (React Flow's own fitView
 * maths), else a readable zoom anchored where journeys start (the left), centred vertically when it fits.
 * The minimap and the fit-view control still show the whole journey on demand.
 */
export function readableViewport(bounds: Rect, width: number, height: number): Viewport {
  const padding = { x: `${PADDING_PX}px`, y: `${PADDING_PX}px` } as const;
  const fit = getViewportForBounds(bounds, width, height, 0.05, MAX_ZOOM, padding);
  if (fit.zoom >= READABLE_ZOOM) return fit;
  const zoom = READABLE_ZOOM;
  const x = PADDING_PX - bounds.x * zoom;
  const fitsHeight = bounds.height * zoom + 2 * PADDING_PX <= height;
  const y = fitsHeight ? height / 2 - (bounds.y + bounds.height / 2) * zoom : PADDING_PX - bounds.y * zoom;
  return { x, y, zoom };
}
