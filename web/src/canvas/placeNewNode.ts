import type { NodeType, Point } from '@waymark/shared';
import { defaultNodeSize, type Size } from '../layout/nodeSize.ts';

/** The canvas grid: dragging snaps to it, and new steps land on it. */
export const GRID = 20;

export function snapToGrid(p: Point): Point {
  return { x: Math.round(p.x / GRID) * GRID, y: Math.round(p.y / GRID) * GRID };
}

/** The top-left corner that puts a new step of `type` centred on `point` (where it was dropped), on the grid. */
export function centredOn(point: Point, type: NodeType): Point {
  const size = defaultNodeSize(type);
  return snapToGrid({ x: point.x - size.width / 2, y: point.y - size.height / 2 });
}

export interface Box {
  position: Point;
  size: Size;
}

const overlaps = (a: Box, b: Box, margin: number) =>
  a.position.x < b.position.x + b.size.width + margin &&
  b.position.x < a.position.x + a.size.width + margin &&
  a.position.y < b.position.y + b.size.height + margin &&
  b.position.y < a.position.y + a.size.height + margin;

/**
 * The free spot nearest to `at` (searching outwards in grid steps, below before above, right before left) where a
 * new box does not cover a step already there, so steps added one after another (click, click) sit side by side
 * readably instead of piling up on the same spot.
 */
export function freeSpot(existing: readonly Box[], at: Point, size: Size, margin = GRID): Point {
  const start = snapToGrid(at);
  const free = (position: Point) => !existing.some((other) => overlaps({ position, size }, other, margin));
  if (free(start)) return start;
  const step = 2 * GRID;
  for (let ring = 1; ring <= 30; ring++) {
    const candidates: Point[] = [];
    for (let dx = -ring; dx <= ring; dx++)
      for (let dy = -ring; dy <= ring; dy++)
        if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) candidates.push({ x: start.x + dx * step, y: start.y + dy * step });
    // Nearest first; among equals, below before above and right before left, as a reader expects the next step.
    candidates.sort((a, b) => dist(a, start) - dist(b, start) || b.y - a.y || b.x - a.x);
    const spot = candidates.find(free);
    if (spot) return spot;
  }
  return start;
}

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
