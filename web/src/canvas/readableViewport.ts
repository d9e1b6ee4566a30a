import { getViewportForBounds, type Rect, type Viewport } from '@xyflow/react';
import type { LayoutDirection } from '../layout/flowDirection.ts';

/** Below this zoom a node's summary drops under ~11 px on screen: fine for an overview, not for reading. */
export const READABLE_ZOOM = 0.85;
const MAX_ZOOM = 1;
const PADDING_PX = 40;

export interface ReadableOptions {
  /** The smallest zoom at which the whole journey is still shown whole (default: readable). */
  minFitZoom?: number;
  /** Where journeys start: the left edge (left to right) or the top (top to bottom). */
  direction?: LayoutDirection;
  /** The trigger's box: a journey too big to show whole is shown from there (default: the bounds' corner). */
  start?: Rect;
}

/**
 * A view of a journey: the whole journey when it fits at `minFitZoom` or more (React Flow's own fitView maths),
 * else a readable zoom anchored where it starts (its trigger, on the left or at the top), centred across when the
 * journey fits that way, else centred on the trigger. The minimap and the fit-view control still show the whole
 * journey on demand.
 */
export function readableViewport(bounds: Rect, width: number, height: number, options: ReadableOptions = {}): Viewport {
  const { minFitZoom = READABLE_ZOOM, direction = 'RIGHT', start = { ...bounds, width: 0, height: 0 } } = options;
  const padding = { x: `${PADDING_PX}px`, y: `${PADDING_PX}px` } as const;
  const fit = getViewportForBounds(bounds, width, height, 0.05, MAX_ZOOM, padding);
  if (fit.zoom >= minFitZoom) return fit;
  const zoom = Math.max(READABLE_ZOOM, minFitZoom);
  const centreOn = (from: number, size: number, screen: number) => screen / 2 - (from + size / 2) * zoom;
  if (direction === 'DOWN') {
    const fitsWidth = bounds.width * zoom + 2 * PADDING_PX <= width;
    const x = fitsWidth ? centreOn(bounds.x, bounds.width, width) : centreOn(start.x, start.width, width);
    return { x, y: PADDING_PX - start.y * zoom, zoom };
  }
  const fitsHeight = bounds.height * zoom + 2 * PADDING_PX <= height;
  const y = fitsHeight ? centreOn(bounds.y, bounds.height, height) : centreOn(start.y, start.height, height);
  return { x: PADDING_PX - start.x * zoom, y, zoom };
}
