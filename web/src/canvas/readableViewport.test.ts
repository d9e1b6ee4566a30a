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

  it('fits a mid-sized journey whole when asked to accept a smaller zoom', () => {
    const view = readableViewport({ x: 0, y: 0, width: 1200, height: 200 }, 700, 600, { minFitZoom: 0.5 });
    expect(view.zoom).toBeGreaterThanOrEqual(0.5);
    expect(view.zoom).toBeLessThan(READABLE_ZOOM);
  });

  it('starts a journey too big to read whole at its trigger, not at a stray step in a corner', () => {
    const trigger = { x: 0, y: 3000, width: 200, height: 100 };
    const view = readableViewport({ x: 0, y: 0, width: 20_000, height: 6000 }, 800, 600, { start: trigger });
    expect(view.x).toBeCloseTo(40);
    expect(view.y + 3050 * view.zoom).toBeCloseTo(300);
  });

  it('starts a tall top-to-bottom journey at its top, centred across', () => {
    const view = readableViewport({ x: 0, y: 100, width: 300, height: 5000 }, 800, 600, { direction: 'DOWN' });
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(view.y + 100 * view.zoom).toBeCloseTo(40);
    expect(view.x + 150 * view.zoom).toBeCloseTo(400);
  });
});
