import { describe, expect, it } from 'vitest';
import { centredOn, freeSpot, snapToGrid } from './placeNewNode.ts';

describe('placing a new step', () => {
  it('snaps to the 20 px grid', () => {
    expect(snapToGrid({ x: 29, y: -11 })).toEqual({ x: 20, y: -20 });
  });

  it('centres a dropped step under the pointer', () => {
    expect(centredOn({ x: 500, y: 300 }, 'wait')).toEqual({ x: 400, y: 260 });
  });

  it('stays put on empty canvas, and finds the nearest free spot next to steps already there', () => {
    const size = { width: 212, height: 96 };
    expect(freeSpot([], { x: 100, y: 100 }, size)).toEqual({ x: 100, y: 100 });
    const taken = [{ position: { x: 100, y: 100 }, size }];
    const spot = freeSpot(taken, { x: 100, y: 100 }, size);
    // Just below the step there (96 px tall + 20 px margin), not far away.
    expect(spot).toEqual({ x: 100, y: 100 + 120 });
    const crowded = [...taken, { position: { x: 100, y: 220 }, size }, { position: { x: 100, y: -20 }, size }];
    const next = freeSpot(crowded, { x: 100, y: 100 }, size);
    expect(crowded.some((b) => Math.abs(b.position.x - next.x) < 232 && Math.abs(b.position.y - next.y) < 116)).toBe(false);
    expect(Math.hypot(next.x - 100, next.y - 100)).toBeLessThan(400);
  });
});
