import { parseJourney, type JourneyDocument } from '@waymark/shared';
import { describe, expect, it } from 'vitest';
import activation from '../../../examples/activation.json';
import { defaultNodeSize } from './nodeSize.ts';
import { placeOnEdge, STEP_GAP } from './placeOnEdge.ts';

const doc = (() => {
  const result = parseJourney(activation);
  if (!result.ok) throw new Error('example does not parse');
  return result.value;
})();
const pos = (d: JourneyDocument, id: string) => d.nodes.find((n) => n.id === id)!.position;

describe('placeOnEdge', () => {
  it('puts the new step after the source, in line with the target, and pushes the rest of the path along', () => {
    // t1 (x 0) → o1 (x 260): no room for a 212 px step with gaps either side.
    const placed = placeOnEdge(doc, 'e1', 'wait')!;
    expect(placed.position.x).toBe(0 + defaultNodeSize('trigger').width + STEP_GAP);
    expect(placed.position.y).toBe(pos(doc, 'o1').y);
    const shift = placed.moves.o1!.x - pos(doc, 'o1').x;
    expect(placed.position.x + defaultNodeSize('wait').width + STEP_GAP).toBe(pos(doc, 'o1').x + shift);
    // Everything after o1 moves by the same amount; the trigger stays.
    expect(placed.moves.x2!.x - pos(doc, 'x2').x).toBe(shift);
    expect(placed.moves.t1).toBeUndefined();
  });

  it('moves nothing when there is room already, centring the step in the gap', () => {
    const roomy: JourneyDocument = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'x2' ? { ...n, position: { x: 2400, y: 320 } } : n)) };
    const placed = placeOnEdge(roomy, 'e9', 'goal')!;
    expect(placed.moves).toEqual({});
    const sourceEnd = pos(roomy, 'tg1').x + defaultNodeSize('tag').width;
    expect(placed.position.x).toBe(Math.round(sourceEnd + (2400 - sourceEnd - defaultNodeSize('goal').width) / 2));
  });

  it('works down the page for a top-to-bottom journey', () => {
    const down: JourneyDocument = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: { x: n.position.y, y: n.position.x } })) };
    const placed = placeOnEdge(down, 'e1', 'tag')!;
    expect(placed.position.y).toBe(defaultNodeSize('trigger').height + STEP_GAP);
    expect(placed.moves.o1!.x).toBe(pos(down, 'o1').x);
    expect(placed.moves.o1!.y).toBeGreaterThan(pos(down, 'o1').y);
  });

  it('moves a target drawn before its source to after the new step', () => {
    const behind: JourneyDocument = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'o1' ? { ...n, position: { x: -100, y: 0 } } : n)) };
    const placed = placeOnEdge(behind, 'e1', 'wait')!;
    expect(placed.moves.o1!.x).toBe(placed.position.x + defaultNodeSize('wait').width + STEP_GAP);
  });

  it('moves nothing on a loop back to an earlier step', () => {
    const loop: JourneyDocument = { ...doc, edges: [...doc.edges.filter((e) => e.id !== 'e9'), { id: 'back', source: 'tg1', target: 'w1', sourceHandle: 'next' }] };
    const placed = placeOnEdge(loop, 'back', 'wait')!;
    expect(placed.moves).toEqual({});
    expect(placed.position.x).toBe(pos(loop, 'tg1').x + defaultNodeSize('tag').width + STEP_GAP);
  });

  it('says nothing for an edge that is gone', () => {
    expect(placeOnEdge(doc, 'nope', 'tag')).toBeUndefined();
  });
});
