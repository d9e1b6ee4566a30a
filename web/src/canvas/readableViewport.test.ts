import { describe, expect, it } from 'vitest';
import { READABLE_ZOOM, readableViewport } from './readableViewport.ts';

describe('readableViewport', () => {
  it('fits a small journey whole, never zooming past 100%', () => {
    const view = readableViewport({ x: 0, y: 0, width: 400, height: 200 }, 1000, 600);
    expect(view.zoom).toBe(1);
    // Centred: the middle of the journey lands in the middle of the canvas.
    expect(view.x + 200 * view.zoom).toBeCloseTo(500);
  });

  it('keeps a wide journey readable and starts at its trigger on the left', () => {
    const view = readableViewport({ x: -20, y: 0, width: 1800, height: 450 }, 960, 620);
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(view.x + -20 * view.zoom).toBeCloseTo(40);
    expect(view.y + 225 * view.zoom).toBeCloseTo(310);
  });
});
