import { createContext, useContext } from 'react';
import type { LayoutDirection } from '../layout/flowDirection.ts';

/** What node and edge views need to know about the canvas as a whole, without reading the store for it. */
export interface CanvasMode {
  /** Whether the draft can be edited here (palette, handles, "+" on edges, delete buttons). */
  editable: boolean;
  /** Which way the journey reads, so handles sit on the sides (left to right) or above and below. */
  direction: LayoutDirection;
}

export const CanvasModeContext = createContext<CanvasMode>({ editable: false, direction: 'RIGHT' });

export function useCanvasMode(): CanvasMode {
  return useContext(CanvasModeContext);
}
